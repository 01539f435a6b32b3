/**
 * The New meeting form as kept in localStorage between visits: the form's own fields, as typed
 * (strings, so a half-filled form fits), each bounded as its input is (LIMITS, the same the service
 * checks). What localStorage hands back is anyone's to edit, and another version of the app may have
 * written it: a draft that does not parse is dropped, never put into the form.
 */
import { z } from 'zod';
import { idSchema } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import type { MeetingForm } from './draft';

/** Typed text, bounded like its input; may be empty (the form is half-filled). */
const typed = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const agendaRowSchema = z.strictObject({
  key: z.string().min(1).max(64),
  id: idSchema.optional(),
  title: typed(LIMITS.titleMax),
  owner: typed(LIMITS.nameMax),
  /** A number input's value: digits as typed, or '' while empty. */
  timebox: z.string().regex(/^\d{0,6}$/, 'must be a whole number of minutes'),
  notes: typed(LIMITS.notesMax),
});

export const meetingFormSchema = z.strictObject({
  title: typed(LIMITS.titleMax),
  /** A datetime-local value ("YYYY-MM-DDTHH:MM"), or '' while empty. */
  scheduledAt: z.string().regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/, 'must be a date and time'),
  lead: typed(LIMITS.nameMax),
  participants: typed((LIMITS.nameMax + 1) * LIMITS.participantsMax),
  personaIds: z.array(idSchema).max(LIMITS.personasPerMeetingMax),
  agenda: z.array(agendaRowSchema).max(LIMITS.agendaItemsMax, `must have at most ${LIMITS.agendaItemsMax} items`),
}) satisfies z.ZodType<MeetingForm>;
