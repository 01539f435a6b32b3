/** New records in the library, made by more than one area (a meeting from a draft, a template, the next of a series). */
import type { MethodParams } from '../../shared/api';
import { SCHEMA_VERSION, type Meeting, type Persona, type Series } from '../../shared/domain';
import { checkPersonas, checkRoom, findSeries, newAgendaItem } from '../../shared/libraryRules';
import { LIMITS } from '../../shared/limits';
import type { Kernel } from './kernel';

export function checkRoomForMeeting(kernel: Kernel): void {
  checkRoom(kernel.index.meetings.length, LIMITS.meetingsMax, 'meetings');
}

export function checkRoomForSeries(kernel: Kernel): void {
  checkRoom(kernel.index.series.length, LIMITS.seriesMax, 'series');
}

export function createMeeting(kernel: Kernel, draft: MethodParams<'meetings.create'>): Meeting {
  checkRoomForMeeting(kernel);
  checkPersonas(kernel.index, draft.personaIds);
  if (draft.seriesId) findSeries(kernel.index, draft.seriesId);
  const at = kernel.timestamp();
  const meeting: Meeting = {
    schemaVersion: SCHEMA_VERSION,
    id: kernel.newId(),
    title: draft.title,
    scheduledAt: draft.scheduledAt,
    lead: draft.lead,
    participants: draft.participants,
    personaIds: draft.personaIds,
    seriesId: draft.seriesId,
    status: 'planned',
    currentItemId: null,
    startedAt: null,
    endedAt: null,
    agenda: draft.agenda.map((item) => newAgendaItem(kernel.newId(), item)),
    followUps: [],
    createdAt: at,
    updatedAt: at,
    revision: 1,
  };
  return kernel.commitMeeting(meeting, null);
}

export function createPersona(kernel: Kernel, draft: MethodParams<'personas.create'>): Persona {
  checkRoom(kernel.index.personas.length, LIMITS.personasMax, 'personas');
  const at = kernel.timestamp();
  const persona: Persona = { id: kernel.newId(), ...draft, createdAt: at, updatedAt: at };
  kernel.commitIndex({ ...kernel.index, personas: [...kernel.index.personas, persona] });
  return persona;
}

export function createSeries(kernel: Kernel, name: string): Series {
  checkRoomForSeries(kernel);
  const series: Series = { id: kernel.newId(), name, createdAt: kernel.timestamp() };
  kernel.commitIndex({ ...kernel.index, series: [...kernel.index.series, series] });
  return series;
}
