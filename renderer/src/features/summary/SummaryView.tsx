import { useMemo, useRef, type ReactNode } from 'react';
import type { Meeting, MeetingSummary } from '../../../../shared/domain';
import { summarizeImpact, type ImpactSummary, type SummaryLibrary } from '../../../../shared/summary/summary';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { ExportMenu } from '../export/ExportMenu';
import { percent } from './format';
import { ImpactChart } from './ImpactChart';
import './summary.css';
import { ChairAnswers } from './SummaryAnswers';
import { DecisionItem, DirectionGroups, TagGroups } from './SummaryDecisions';
import { EvidenceCard } from './SummaryEvidence';
import { FollowUps } from './SummaryFollowUps';
import { PersonaImpacts } from './SummaryPeople';

export interface SummaryViewProps {
  meeting: Meeting;
  /** The library; its meetings (when given) let the calendar export find the next meeting of a series. */
  library: SummaryLibrary & { meetings?: readonly MeetingSummary[] };
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
        <ExportMenu meeting={meeting} library={library} meetings={library.meetings} />
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

      <ChairAnswers summary={summary} />

      <section className="card" aria-labelledby="sum-decisions-title">
        <h2 id="sum-decisions-title">
          Decisions, flagged first{' '}
          <span className="sum-heading-note">
            {plural(summary.decisionCount, 'decision')}, {summary.flaggedCount} flagged
          </span>
        </h2>
        {summary.decisionCount === 0 ? (
          <p className="sum-empty">
            No decisions yet. Decisions logged during the meeting appear here, those that hurt customers or have an unknown impact first.
          </p>
        ) : (
          <>
            {summary.flaggedCount > 0 ? (
              <p className="hint sum-lead-in">
                {plural(summary.flaggedCount, 'decision')} {summary.flaggedCount === 1 ? 'hurts' : 'hurt'} customers or{' '}
                {summary.flaggedCount === 1 ? 'has' : 'have'} an unknown impact: look at {summary.flaggedCount === 1 ? 'it' : 'them'} first.
              </p>
            ) : (
              <p className="hint sum-lead-in">
                No decision hurts customers or has an unknown impact
                {summary.flaggedAnswers.length > 0
                  ? `, but the chair answered Hurts or Unknown on ${plural(summary.flaggedAnswers.length, 'item')}: see its answers above.`
                  : '.'}
              </p>
            )}
            <ol className="sum-decisions" aria-label="Decisions, flagged first">
              {summary.flaggedFirst.map((entry) => (
                <DecisionItem key={entry.decision.id} entry={entry} />
              ))}
            </ol>
          </>
        )}
      </section>

      <EvidenceCard evidence={summary.evidence} />

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

      <FollowUps summary={summary} meeting={meeting} library={library} />
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
        The share of discussed agenda items where the room answered “How does this affect the customer?” or marked the item “no customer
        impact” with a reason. Skipped and unanswered items are not covered.
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
          <dt>Flagged decisions (hurts or unknown)</dt>
          <dd>{summary.flaggedCount}</dd>
        </div>
        <div className={summary.flaggedAnswers.length > 0 ? 'sum-tile-flagged' : undefined}>
          <dt>Flagged answers (hurts or unknown)</dt>
          <dd>{summary.flaggedAnswers.length}</dd>
        </div>
        <div>
          <dt>Open follow-ups</dt>
          <dd>{summary.openFollowUps.length}</dd>
        </div>
      </dl>
    </section>
  );
}
