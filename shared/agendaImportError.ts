/** Why an import was refused: the code is for tests and logs, the message is the sentence the lead reads. */
export type AgendaImportErrorCode =
  | 'not_calendar' // no BEGIN:VCALENDAR
  | 'unreadable' // the calendar's structure cannot be followed
  | 'no_event' // no VEVENT at all
  | 'no_start' // events, but none with a DTSTART
  | 'bad_start'; // the start cannot be read as a date or a time

export class AgendaImportError extends Error {
  override name = 'AgendaImportError';
  constructor(
    readonly code: AgendaImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
