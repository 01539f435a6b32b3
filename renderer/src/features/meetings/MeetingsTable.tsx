import { useId, useMemo, useState } from 'react';
import type { Library } from '../../../../shared/domain';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { routeHash } from '../../app/useRoute';

/** Lower case without accents, so "cafe" finds "Café" and "ANA" finds "Ana". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/**
 * The meetings, newest first, with a filter box over their titles, leads and chairs: every word
 * typed must appear. The count of shown and total is announced as it changes; Esc clears the box.
 */
export function MeetingsTable({ library }: { library: Library }) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const personaNames = useMemo(() => new Map(library.personas.map((persona) => [persona.id, persona.name])), [library.personas]);
  const rows = useMemo(
    () =>
      library.meetings.map((meeting) => {
        const chair = meeting.personaIds.map((personaId) => personaNames.get(personaId) ?? 'Unknown persona');
        return { meeting, chair, haystack: foldForSearch([meeting.title, meeting.lead, ...chair].join('\n')) };
      }),
    [library.meetings, personaNames],
  );
  const words = foldForSearch(filter).split(/\s+/).filter(Boolean);
  const shown = words.length === 0 ? rows : rows.filter((row) => words.every((word) => row.haystack.includes(word)));
  const total = rows.length;

  return (
    <>
      <div className="meetings-filter" role="search" aria-label="Meetings">
        <label htmlFor={`${id}-filter`}>Filter meetings</label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          placeholder="Title, lead or persona"
          aria-describedby={`${id}-count`}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter) {
              event.preventDefault();
              setFilter('');
            }
          }}
        />
        <p id={`${id}-count`} className="hint meetings-count" role="status">
          {words.length === 0 ? plural(total, 'meeting') : `Showing ${shown.length} of ${plural(total, 'meeting')}`}
        </p>
      </div>
      {shown.length === 0 ? (
        <div className="card meetings-none">
          <p>
            No meetings match “<span dir="auto">{filter.trim()}</span>”.
          </p>
          <button type="button" className="button" onClick={() => setFilter('')}>
            Clear the filter
          </button>
        </div>
      ) : (
        <table className="meetings-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Scheduled</th>
              <th scope="col">Lead</th>
              <th scope="col">In the chair</th>
              <th scope="col" className="numeric">
                Agenda
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ meeting, chair }) => (
              <tr key={meeting.id}>
                <th scope="row" className="meeting-title-cell">
                  <a href={routeHash({ name: 'meeting', id: meeting.id })} dir="auto">
                    {meeting.title}
                  </a>
                </th>
                <td>
                  <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt)}</time>
                </td>
                <td>{meeting.lead || <span className="muted">No lead</span>}</td>
                <td className="chair-cell">{chair.length > 0 ? chair.join(', ') : <span className="muted">Nobody yet</span>}</td>
                <td className="numeric">{plural(meeting.agendaCount, 'item')}</td>
                <td>
                  <span className={`status status-${meeting.status}`}>{STATUS_LABELS[meeting.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
