/** Area "series and templates": recurring meetings, the next meeting of a series, and meetings from templates. */
import { ApiError } from '../../../shared/errors';
import {
  agendaShape,
  checkRoom,
  findTemplate,
  knownPersonas,
  nextMeetingTitle,
  templateFrom,
  uniqueSeriesName,
} from '../../../shared/libraryRules';
import { LIMITS } from '../../../shared/limits';
import { carryForward } from '../carry';
import { checkRoomForMeeting, checkRoomForSeries, createMeeting, createSeries } from '../records';
import type { AreaContext, Handlers } from './area';

export function seriesArea({ kernel }: AreaContext) {
  return {
    'series.create': ({ name }) => createSeries(kernel, name),
    'meetings.createNext': ({ id, scheduledAt, title }) => {
      const source = kernel.meeting(id);
      if (scheduledAt <= source.scheduledAt) {
        throw new ApiError('invalid_input', `The next meeting must come after this one (${source.scheduledAt}); choose a later time.`, [
          { path: 'scheduledAt', message: 'must be after the meeting it follows' },
        ]);
      }
      // Check every limit before writing anything, so a refusal leaves no half-made series behind.
      checkRoomForMeeting(kernel);
      if (!source.seriesId) checkRoomForSeries(kernel);
      const seriesId = source.seriesId ?? createSeries(kernel, uniqueSeriesName(kernel.index, source.title)).id;
      if (!source.seriesId) kernel.mutateMeeting(id, undefined, (m) => void (m.seriesId = seriesId));
      const next = createMeeting(kernel, {
        title:
          title ??
          nextMeetingTitle(
            kernel.index.meetings.map((m) => m.title),
            source.title,
            scheduledAt.slice(0, 10),
          ),
        scheduledAt,
        lead: source.lead,
        participants: source.participants,
        personaIds: knownPersonas(kernel.index, source.personaIds),
        seriesId,
        agenda: agendaShape(source),
      });
      return carryForward(kernel, next);
    },
    'templates.create': ({ meetingId, name }) => {
      const meeting = kernel.meeting(meetingId);
      checkRoom(kernel.index.templates.length, LIMITS.templatesMax, 'templates');
      const template = templateFrom(meeting, name, kernel.newId(), kernel.timestamp());
      kernel.commitIndex({ ...kernel.index, templates: [...kernel.index.templates, template] });
      return template;
    },
    'templates.delete': ({ id }) => {
      findTemplate(kernel.index, id);
      kernel.commitIndex({ ...kernel.index, templates: kernel.index.templates.filter((t) => t.id !== id) });
      return { id };
    },
    'meetings.createFromTemplate': ({ templateId, scheduledAt, title }) => {
      const template = findTemplate(kernel.index, templateId);
      const seriesId = template.seriesId && kernel.index.series.some((s) => s.id === template.seriesId) ? template.seriesId : null;
      const meeting = createMeeting(kernel, {
        title: title ?? template.title,
        scheduledAt,
        lead: template.lead,
        participants: template.participants,
        // A persona deleted since the template was saved simply no longer sits in the chair.
        personaIds: knownPersonas(kernel.index, template.personaIds),
        seriesId,
        agenda: template.agenda,
      });
      return carryForward(kernel, meeting);
    },
  } satisfies Pick<
    Handlers,
    'series.create' | 'meetings.createNext' | 'templates.create' | 'templates.delete' | 'meetings.createFromTemplate'
  >;
}
