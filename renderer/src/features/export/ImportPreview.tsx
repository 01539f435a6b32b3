import type { Meeting } from '../../../../shared/domain';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import type { ExportFileContents } from './builders';

/** What one meeting of the file holds: enough to recognise it before anything is imported. */
export function OneMeetingPreview({ fileName, file }: { fileName: string; file: ExportFileContents }) {
  const meeting = file.meetings[0]!;
  const decisions = meeting.agenda.reduce((sum, item) => sum + item.decisions.length, 0);
  return (
    <>
      <p>
        From <span dir="auto">{fileName}</span>:
      </p>
      <dl className="exp-preview" aria-label="What the file holds">
        <dt>Title</dt>
        <dd dir="auto">{meeting.title}</dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt, 'full')}</time>
        </dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[meeting.status]}</dd>
        {meeting.lead ? (
          <>
            <dt>Lead</dt>
            <dd dir="auto">{meeting.lead}</dd>
          </>
        ) : null}
        <dt>Agenda</dt>
        <dd>{plural(meeting.agenda.length, 'item')}</dd>
        <dt>Decisions</dt>
        <dd>{plural(decisions, 'decision')}</dd>
        <dt>Follow-ups</dt>
        <dd>{plural(meeting.followUps.length, 'follow-up')}</dd>
        <dt>Exported</dt>
        <dd>
          <time dateTime={file.exportedAt}>{formatWhen(file.exportedAt)}</time>
        </dd>
      </dl>
      <p className="hint">Personas and tags it uses that your library lacks are added. Nothing in your library is overwritten.</p>
    </>
  );
}

/**
 * The meetings of a multi-meeting file (what the Reports page writes): title, date and whether the
 * library already has it. Any already here means all come in as copies, or none.
 */
export function ManyMeetingsPreview({ fileName, file, taken }: { fileName: string; file: ExportFileContents; taken: ReadonlySet<string> }) {
  const conflicts = file.meetings.filter((meeting: Meeting) => taken.has(meeting.id)).length;
  return (
    <>
      <p>
        <span dir="auto">{fileName}</span> holds {plural(file.meetings.length, 'meeting')}, exported{' '}
        <time dateTime={file.exportedAt}>{formatWhen(file.exportedAt)}</time>:
      </p>
      <ul className="exp-import-list" aria-label="Meetings in the file">
        {file.meetings.map((meeting, index) => (
          <li key={`${meeting.id}-${index}`}>
            <span className="exp-pick-title" dir="auto">
              {meeting.title}
            </span>{' '}
            <span className="muted">
              <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt)}</time> · {STATUS_LABELS[meeting.status]}
            </span>
            {taken.has(meeting.id) ? <strong className="exp-import-taken"> · already in your library</strong> : null}
          </li>
        ))}
      </ul>
      {conflicts > 0 ? (
        <p role="note">
          {conflicts === file.meetings.length ? 'All of them are' : `${conflicts} of them ${conflicts === 1 ? 'is' : 'are'}`} already in
          your library. Nothing is overwritten: every meeting of the file comes in as a copy, with new ids and “(copy)” after its title.
        </p>
      ) : null}
      <p className="hint">
        All of them are imported, or none: one that cannot be imported stops the import and changes nothing. Personas and tags they use that
        your library lacks are added.
      </p>
    </>
  );
}
