import type { MeetingSummary } from '../../../../shared/domain';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import type { ExportFormat } from './builders';
import type { DateRange } from './reportSelection';

const FORMATS: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'md', label: 'Markdown', hint: 'A report: coverage per meeting, totals and flagged decisions.' },
  { format: 'html', label: 'HTML', hint: 'The same report as a self-contained web page, ready to print.' },
  { format: 'csv', label: 'CSV', hint: 'Every decision of every meeting, one per row, for a spreadsheet.' },
  { format: 'json', label: 'JSON', hint: 'Every meeting in full, to import elsewhere or keep as an archive.' },
];

export type PickMode = 'range' | 'choose';

export interface MeetingsFieldsetProps {
  ids: string;
  disabled: boolean;
  meetings: readonly MeetingSummary[];
  mode: PickMode;
  onMode: (mode: PickMode) => void;
  range: DateRange;
  onRange: (update: (current: DateRange) => DateRange) => void;
  /** Why the range cannot be used, if it cannot. */
  problem: string | null;
  selected: readonly MeetingSummary[];
  chosen: ReadonlySet<string>;
  onChosen: (chosen: ReadonlySet<string>) => void;
}

/** Which meetings go into the report: a date range, or chosen one by one. */
export function MeetingsFieldset(props: MeetingsFieldsetProps) {
  const { ids, disabled, meetings, mode, onMode, range, onRange, problem, selected, chosen, onChosen } = props;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChosen(next);
  };
  return (
    <fieldset className="exp-fieldset" disabled={disabled}>
      <legend>Meetings</legend>
      <div className="exp-choices">
        <label>
          <input type="radio" name={`${ids}-mode`} value="range" checked={mode === 'range'} onChange={() => onMode('range')} /> By date
          range
        </label>
        <label>
          <input type="radio" name={`${ids}-mode`} value="choose" checked={mode === 'choose'} onChange={() => onMode('choose')} /> One by
          one
        </label>
      </div>

      {mode === 'range' ? (
        <div className="exp-range">
          <div className="field">
            <label htmlFor={`${ids}-from`}>From</label>
            <input
              id={`${ids}-from`}
              type="date"
              value={range.from}
              max={range.to || undefined}
              onChange={(event) => {
                const from = event.target.value;
                onRange((current) => ({ ...current, from }));
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-to`}>To</label>
            <input
              id={`${ids}-to`}
              type="date"
              value={range.to}
              min={range.from || undefined}
              onChange={(event) => {
                const to = event.target.value;
                onRange((current) => ({ ...current, to }));
              }}
            />
          </div>
          <p className="exp-range-count" aria-live="polite">
            {problem ?? `${plural(selected.length, 'meeting')} in this range, both days included.`}
          </p>
        </div>
      ) : (
        <div className="exp-pick">
          <div className="exp-pick-tools">
            <span aria-live="polite">
              {selected.length} of {plural(meetings.length, 'meeting')} chosen
            </span>
            <button type="button" className="button button-small" onClick={() => onChosen(new Set(meetings.map((m) => m.id)))}>
              Choose all
            </button>
            <button type="button" className="button button-small" onClick={() => onChosen(new Set())}>
              Clear
            </button>
          </div>
          {meetings.length === 0 ? (
            <p className="muted">There are no meetings yet.</p>
          ) : (
            <ul className="exp-pick-list" aria-label="Meetings">
              {meetings.map((meeting) => (
                <li key={meeting.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(meeting.id)}
                      onChange={(event) => toggle(meeting.id, event.target.checked)}
                    />{' '}
                    <span className="exp-pick-title" dir="auto">
                      {meeting.title}
                    </span>{' '}
                    <span className="muted">
                      <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt)}</time> · {STATUS_LABELS[meeting.status]}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** The report's format, each with what it is for. */
export function FormatFieldset({
  ids,
  disabled,
  format,
  onFormat,
}: {
  ids: string;
  disabled: boolean;
  format: ExportFormat;
  onFormat: (format: ExportFormat) => void;
}) {
  return (
    <fieldset className="exp-fieldset" disabled={disabled}>
      <legend>Format</legend>
      <div className="exp-formats">
        {FORMATS.map((option) => (
          <label key={option.format} className="exp-format">
            <input
              type="radio"
              name={`${ids}-format`}
              value={option.format}
              checked={format === option.format}
              onChange={() => onFormat(option.format)}
            />
            <span>
              <span className="exp-format-label">{option.label}</span>
              <span className="hint">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
