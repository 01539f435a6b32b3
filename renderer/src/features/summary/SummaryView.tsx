import { useMemo, useRef, type ReactNode } from 'react';
import type { ImpactDirection, Meeting } from '../../../../shared/domain';
import {
  ANSWER_DIRECTIONS,
  directionLabel,
  summarizeImpact,
  type DecisionEntry,
  type ImpactSummary,
  type PersonaImpact,
  type SummaryLibrary,
} from '../../../../shared/summary/summary';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { ExportMenu } from '../export/ExportMenu';
import { formatDay, formatNet, netMeaning, percent, todayLocal } from './format';
import { ImpactChart } from './ImpactChart';
import './summary.css';

export interface SummaryViewProps {
  meeting: Meeting;
  library: SummaryLibrary;
  actions?: ReactNode;
}

/**
 * The summary of one meeting, rendered from the shared impact model (the exports render the same
 * model). Every user string is a text node, in an element with dir="auto". The article is the
 * print target: printing this page prints the summary alone (see summary.css).
 */
export default function SummaryView({ meeting, library, actions }: SummaryViewProps) {
  const summary = useMemo(() => summarizeImpact(meeting, library), [meeting, library]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);

  return (
    <article className="sum ec-print-target" aria-labelledby="summary-title">
      <header className="sum-header">
        <div className="sum-header-text">
          <p className="eyebrow muted">Meeting impact summary</p>
          <h1 ref={headingRef} id="summary-title" tabIndex={-1} dir="auto">
            {meeting.title}
          </h1>
          <p className="sum-facts">
            <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt, 'full')}</time>
            {meeting.lead ? (
              <span>
                {' · Lead: '}
                <span dir="auto">{meeting.lead}</span>
              </span>
            ) : null}
            {' · '}
            <span className={`status status-${meeting.status}`}>{STATUS_LABELS[meeting.status]}</span>
          </p>
        </div>
        {actions ? <div className="screen-actions sum-no-print">{actions}</div> : null}
      </header>

      <div className="sum-toolbar sum-no-print">
        <ExportMenu meeting={meeting} library={library} />
      </div>

      {meeting.status !== 'ended' ? (
        <p className="inline-banner sum-notice">
          {meeting.status === 'running'
            ? 'This meeting is still running: the summary shows it as it stands and updates as it goes.'
            : 'This meeting has not started yet: the summary fills in as it runs.'}
        </p>
      ) : null}

      <div className="sum-grid sum-grid-top">
        <CoverageCard summary={summary} agendaCount={meeting.agenda.length} />
        <GlanceCard summary={summary} />
      </div>

      <section className="card" aria-labelledby="sum-decisions-title">
        <h2 id="sum-decisions-title">
          Decisions, flagged first{' '}
          <span className="sum-heading-note">
            {plural(summary.decisionCount, 'decision')}, {summary.flaggedCount} flagged
          </span>
        </h2>
        {summary.decisionCount === 0 ? (
          <p className="sum-empty">
            No decisions yet. Decisions logged during the meeting appear here, those that hurt customers or have an unknown impact
            first.
          </p>
        ) : (
          <>
            {summary.flaggedCount > 0 ? (
              <p className="hint sum-lead-in">
                {plural(summary.flaggedCount, 'decision')} {summary.flaggedCount === 1 ? 'hurts' : 'hurt'} customers or{' '}
                {summary.flaggedCount === 1 ? 'has' : 'have'} an unknown impact: look at {summary.flaggedCount === 1 ? 'it' : 'them'} first.
              </p>
            ) : (
              <p className="hint sum-lead-in">No decision hurts customers or has an unknown impact.</p>
            )}
            <ol className="sum-decisions" aria-label="Decisions, flagged first">
              {summary.flaggedFirst.map((entry) => (
                <DecisionItem key={entry.decision.id} entry={entry} />
              ))}
            </ol>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="sum-chart-title">
        <h2 id="sum-chart-title">Decisions by tag and impact</h2>
        <ImpactChart summary={summary} />
      </section>

      <div className="sum-grid">
        <DirectionGroups summary={summary} />
        <TagGroups summary={summary} />
      </div>

      <PersonaImpacts summary={summary} />

      <div className="sum-grid">
        <section className="card" aria-labelledby="sum-no-impact-title">
          <h2 id="sum-no-impact-title">
            No customer impact <span className="sum-heading-note">{plural(summary.noImpact.length, 'item')}</span>
          </h2>
          {summary.noImpact.length === 0 ? (
            <p className="sum-empty">No item was marked “no customer impact”.</p>
          ) : (
            <ul className="sum-list" aria-label="Items with no customer impact">
              {summary.noImpact.map((entry) => (
                <li key={entry.itemId}>
                  <p className="sum-item-title" dir="auto">
                    {entry.itemTitle}
                  </p>
                  <p className="sum-reason">
                    <span className="visually-hidden">Reason: </span>
                    <span dir="auto">{entry.reason}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="sum-skipped-title">
          <h2 id="sum-skipped-title">
            Skipped <span className="sum-heading-note">{plural(summary.skipped.length, 'item')}</span>
          </h2>
          {summary.skipped.length === 0 ? (
            <p className="sum-empty">No item was skipped without an answer.</p>
          ) : (
            <>
              <p className="hint sum-lead-in">Moved past on purpose, without asking how they affect the customer.</p>
              <ul className="sum-list" aria-label="Skipped items">
                {summary.skipped.map((entry) => (
                  <li key={entry.itemId} className="sum-item-title" dir="auto">
                    {entry.itemTitle}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>

      <FollowUps summary={summary} />
    </article>
  );
}

function CoverageCard({ summary, agendaCount }: { summary: ImpactSummary; agendaCount: number }) {
  const c = summary.coverage;
  const notAnswered = c.discussed - c.covered - c.skipped;
  return (
    <section className="card sum-coverage" aria-labelledby="sum-coverage-title">
      <h2 id="sum-coverage-title">Chair coverage</h2>
      <p className="sum-big">
        <span className="sum-big-number">{percent(c.ratio)}</span>
        <span className="sum-big-caption">
          {c.ratio === null ? 'No agenda item has been discussed yet.' : `${c.covered} of ${plural(c.discussed, 'discussed item')} covered`}
        </span>
      </p>
      {c.ratio !== null ? (
        <svg className="sum-meter" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect className="sum-meter-track" x="0" y="0" width="100" height="6" />
          <rect className="sum-meter-fill" x="0" y="0" width={Math.round(c.ratio * 1000) / 10} height="6" />
        </svg>
      ) : null}
      <p className="hint">
        The share of discussed agenda items where the room answered “How does this affect the customer?” or marked the item “no
        customer impact” with a reason. Skipped and unanswered items are not covered.
      </p>
      <dl className="sum-counts">
        <div>
          <dt>Answered</dt>
          <dd>{c.answered}</dd>
        </div>
        <div>
          <dt>No customer impact</dt>
          <dd>{c.noImpact}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{c.skipped}</dd>
        </div>
        <div>
          <dt>Not answered</dt>
          <dd>{Math.max(0, notAnswered)}</dd>
        </div>
        <div>
          <dt>Not discussed</dt>
          <dd>{Math.max(0, agendaCount - c.discussed)}</dd>
        </div>
      </dl>
    </section>
  );
}

function GlanceCard({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card sum-glance" aria-labelledby="sum-glance-title">
      <h2 id="sum-glance-title">At a glance</h2>
      <dl className="sum-tiles">
        <div>
          <dt>Decisions</dt>
          <dd>{summary.decisionCount}</dd>
        </div>
        <div className={summary.flaggedCount > 0 ? 'sum-tile-flagged' : undefined}>
          <dt>Flagged (hurts or unknown)</dt>
          <dd>{summary.flaggedCount}</dd>
        </div>
        <div>
          <dt>Open follow-ups</dt>
          <dd>{summary.openFollowUps.length}</dd>
        </div>
      </dl>
    </section>
  );
}

function DirectionBadge({ direction }: { direction: ImpactDirection | null }) {
  return (
    <span className={`sum-badge sum-badge-${direction ?? 'unset'}`}>
      <span className="visually-hidden">Impact: </span>
      {directionLabel(direction)}
    </span>
  );
}

function flagText(direction: ImpactDirection): string {
  return direction === 'hurts' ? 'Flagged: hurts customers' : 'Flagged: impact unknown';
}

function DecisionItem({ entry }: { entry: DecisionEntry }) {
  const d = entry.decision;
  return (
    <li className={entry.flagged ? 'sum-decision sum-decision-flagged' : 'sum-decision'}>
      <div className="sum-decision-head">
        <DirectionBadge direction={d.direction} />
        {entry.flagged ? (
          <span className="sum-flag">
            <span aria-hidden="true">⚑ </span>
            {flagText(d.direction)}
          </span>
        ) : null}
      </div>
      <p className="sum-decision-text" dir="auto">
        {d.text}
      </p>
      <p className="sum-meta">
        <span>
          Item {entry.itemIndex + 1}: <span dir="auto">{entry.itemTitle}</span>
        </span>
        {d.owner ? (
          <span>
            Owner: <span dir="auto">{d.owner}</span>
          </span>
        ) : null}
        {d.dueDate ? (
          <span>
            Due <time dateTime={d.dueDate}>{formatDay(d.dueDate)}</time>
          </span>
        ) : null}
      </p>
      <TagChips entry={entry} />
    </li>
  );
}

function TagChips({ entry }: { entry: DecisionEntry }) {
  if (entry.tags.length === 0) return <p className="sum-meta muted">Untagged</p>;
  return (
    <ul className="sum-tags" aria-label="Tags">
      {entry.tags.map((tag) => (
        <li key={tag.id} className={tag.known ? 'sum-tag' : 'sum-tag sum-tag-unknown'} title={tag.known ? undefined : 'This tag is no longer in the library'}>
          <span dir="auto">{tag.label}</span>
        </li>
      ))}
    </ul>
  );
}

function ShortDecisionList({ entries, withDirection }: { entries: readonly DecisionEntry[]; withDirection: boolean }) {
  return (
    <ul className="sum-short-list">
      {entries.map((entry) => (
        <li key={entry.decision.id}>
          {withDirection ? <DirectionBadge direction={entry.decision.direction} /> : null}
          <span dir="auto">{entry.decision.text}</span>
        </li>
      ))}
    </ul>
  );
}

function DirectionGroups({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card" aria-labelledby="sum-by-direction-title">
      <h2 id="sum-by-direction-title">By impact direction</h2>
      {summary.decisionCount === 0 ? (
        <p className="sum-empty">No decisions yet.</p>
      ) : (
        <ul className="sum-groups" aria-label="Decisions by impact direction">
          {summary.byDirection.map((group) => (
            <li key={group.direction} className="sum-group">
              <h3 className="sum-group-title">
                <DirectionBadge direction={group.direction} /> <span className="sum-group-count">{plural(group.decisions.length, 'decision')}</span>
              </h3>
              {group.decisions.length > 0 ? <ShortDecisionList entries={group.decisions} withDirection={false} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TagGroups({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card" aria-labelledby="sum-by-tag-title">
      <h2 id="sum-by-tag-title">By tag</h2>
      {summary.decisionCount === 0 ? (
        <p className="sum-empty">No decisions yet.</p>
      ) : (
        <ul className="sum-groups" aria-label="Decisions by tag">
          {summary.byTag.map((group) => (
            <li key={group.tag.id} className="sum-group">
              <h3 className="sum-group-title">
                <span className="sum-tag" dir="auto">
                  {group.tag.label}
                </span>{' '}
                <span className="sum-group-count">
                  {plural(group.decisions.length, 'decision')}
                  {group.tag.known ? '' : ' · tag no longer in the library'}
                </span>
              </h3>
              <ShortDecisionList entries={group.decisions} withDirection />
            </li>
          ))}
          {summary.untagged.length > 0 ? (
            <li className="sum-group">
              <h3 className="sum-group-title">
                <span className="sum-muted-label">Untagged</span> <span className="sum-group-count">{plural(summary.untagged.length, 'decision')}</span>
              </h3>
              <ShortDecisionList entries={summary.untagged} withDirection />
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function answerCount(impact: PersonaImpact): number {
  return impact.answers.length;
}

function PersonaImpacts({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card" aria-labelledby="sum-personas-title">
      <h2 id="sum-personas-title">Net impact per persona</h2>
      {summary.personas.length === 0 ? (
        <p className="sum-empty">Nobody sat in the chair, and no answer named a persona.</p>
      ) : (
        <>
          <p className="hint sum-lead-in">From the answers to “How does this affect the customer?” that name each persona: helps +1, hurts −1, anything else 0.</p>
          <div className="sum-table-scroll">
            <table className="sum-table sum-persona-table">
              <caption className="visually-hidden">Net impact per persona</caption>
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  {ANSWER_DIRECTIONS.map((direction) => (
                    <th key={direction} scope="col" className="sum-num">
                      {directionLabel(direction === 'unset' ? null : direction)}
                    </th>
                  ))}
                  <th scope="col" className="sum-num">
                    Net
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.personas.map((impact) => (
                  <tr key={impact.persona.id}>
                    <th scope="row">
                      <span dir="auto">{impact.persona.name}</span>
                      {impact.persona.known ? null : <span className="muted"> (no longer in the library)</span>}
                      {impact.inChair ? null : <span className="muted"> (not in the chair)</span>}
                    </th>
                    {ANSWER_DIRECTIONS.map((direction) => (
                      <td key={direction} className="sum-num">
                        {impact.counts[direction]}
                      </td>
                    ))}
                    <td className={`sum-num sum-net ${impact.net > 0 ? 'sum-net-positive' : impact.net < 0 ? 'sum-net-negative' : ''}`}>
                      <strong>{formatNet(impact.net)}</strong> <span className="sum-net-word">{netMeaning(impact.net, answerCount(impact))}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {summary.unattributedAnswers > 0 ? (
        <p className="hint">
          {plural(summary.unattributedAnswers, 'answer')} named no persona and {summary.unattributedAnswers === 1 ? 'counts' : 'count'} towards nobody.
        </p>
      ) : null}
    </section>
  );
}

function FollowUps({ summary }: { summary: ImpactSummary }) {
  const today = todayLocal();
  return (
    <section className="card" aria-labelledby="sum-follow-ups-title">
      <h2 id="sum-follow-ups-title">
        Open follow-ups <span className="sum-heading-note">{summary.openFollowUps.length}</span>
      </h2>
      {summary.openFollowUps.length === 0 ? (
        <p className="sum-empty">No open follow-ups.</p>
      ) : (
        <div className="sum-table-scroll">
          <table className="sum-table sum-follow-ups">
            <caption className="visually-hidden">Open follow-ups, by due date</caption>
            <thead>
              <tr>
                <th scope="col">Follow-up</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {summary.openFollowUps.map(({ followUp, itemTitle, decisionText }) => {
                const overdue = followUp.dueDate !== null && followUp.dueDate < today;
                return (
                  <tr key={followUp.id}>
                    <td dir="auto">{followUp.text}</td>
                    <td>{followUp.owner ? <span dir="auto">{followUp.owner}</span> : <span className="muted">No owner</span>}</td>
                    <td className="sum-nowrap">
                      {followUp.dueDate ? (
                        <>
                          <time dateTime={followUp.dueDate}>{formatDay(followUp.dueDate)}</time>
                          {overdue ? <span className="sum-overdue"> overdue</span> : null}
                        </>
                      ) : (
                        <span className="muted">No date</span>
                      )}
                    </td>
                    <td>
                      {itemTitle ? <span dir="auto">{itemTitle}</span> : <span className="muted">The meeting</span>}
                      {decisionText ? (
                        <span className="sum-from-decision">
                          {' · decision: '}
                          <span dir="auto">{decisionText}</span>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
