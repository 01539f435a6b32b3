import { useMemo } from 'react';
import type { Library, Meeting } from '../../../../shared/domain';
import type { ChairPersona } from '../chair/PersonaCards';

const UNKNOWN_PERSONA = { segment: '', needs: [], quotes: [] };

/** The meeting's chair, as personas (an id the library no longer knows gets a name). */
export function usePersonas(meeting: Meeting, library: Library): ChairPersona[] {
  const { personaIds } = meeting;
  const { personas } = library;
  return useMemo(
    () => personaIds.map((id) => personas.find((persona) => persona.id === id) ?? { id, name: 'Unknown persona', ...UNKNOWN_PERSONA }),
    [personaIds, personas],
  );
}

/** Names offered as owners: the lead, the participants and the item owners, each once. */
export function usePeople(meeting: Meeting): string[] {
  const { lead, participants, agenda } = meeting;
  return useMemo(() => {
    const names = [lead, ...participants, ...agenda.map((item) => item.owner)].filter((name) => name.trim().length > 0);
    return [...new Set(names)];
  }, [lead, participants, agenda]);
}
