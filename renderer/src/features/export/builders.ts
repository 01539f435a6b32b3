/**
 * The pure export code the UI needs, in one module that is only ever loaded with import() (see loadBuilders.ts): it
 * brings the domain schemas (zod) and every format, which the initial bundle must not carry.
 */
export { exportMeeting, exportMeetings, EXPORT_FORMATS, type ExportFormat, type ExportResult } from '../../../../shared/export';
export { meetingFileName } from '../../../../shared/export/fileName';
export { runMeetingsReport } from '../../../../shared/export/reportRun';
export { parseExportFile, parseMeetingExport, type MeetingExport } from '../../../../shared/export/json';
/** What either kind of export file holds, as parseExportFile reads it. */
export type ExportFileContents = ReturnType<typeof import('../../../../shared/export/json').parseExportFile>;
export { calendarFile, followUpCalendarFile } from '../../../../shared/export/ics';
