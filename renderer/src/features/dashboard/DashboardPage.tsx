import './dashboard.css';
import { useEffect, useId, useRef, useState } from 'react';
import type { Dashboard } from '../../../../shared/dashboard';
import type { ScreenProps } from '../../app/screen';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { asApiError } from '../../app/useLibrary';
import { routeHash } from '../../app/useRoute';
import { EvidenceSection } from './EvidenceSection';
import { CoverageChart, DirectionBarsChart, DirectionWeeksChart, Legend, percent } from './charts';

/** Changes elsewhere refresh the figures at most this often. */
const REFRESH_DELAY_MS = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The service's last answer, and the request it answers (another may be under way). */
type Answer = { key: string; dashboard: Dashboard | null; message: string | null };

/**
 * Chair coverage and impact direction across meetings: per week, by tag and by persona, between
 * two dates. The figures are the service's (dashboard.get); this screen only draws them.
 */
export default function DashboardPage(_props: ScreenProps) {
  const client = useClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [refresh, setRefresh] = useState(0);

  const reversed = Boolean(from && to && from > to);
  useEffect(() => {
    if (reversed) return;
    let active = true;
    const key = JSON.stringify([from, to, refresh]);
    const range = { ...(DATE.test(from) ? { from } : {}), ...(DATE.test(to) ? { to } : {}) };
    client.call('dashboard.get', range).then(
      (dashboard) => {
        if (active) setAnswer({ key, dashboard, message: null });
      },
      (reason: unknown) => {
        if (active) setAnswer((current) => ({ key, dashboard: current?.dashboard ?? null, message: asApiError(reason).message }));
      },
    );
    return () => {
      active = false;
    };
  }, [client, from, to, reversed, refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.subscribe((event) => {
      if (event.event !== 'meeting.changed' && event.event !== 'meeting.deleted' && event.event !== 'library.changed') return;
      clearTimeout(timer);
      timer = setTimeout(() => setRefresh((n) => n + 1), REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client]);

  const loading = !reversed && answer?.key !== JSON.stringify([from, to, refresh]);
  const failed = loading ? null : (answer?.message ?? null);
  const dashboard = answer?.dashboard ?? null;

  return (
    <section className="dashboard" aria-labelledby={`${id}-heading`} aria-busy={loading}>
      <div className="screen-header">
        <div>
          <h1 ref={headingRef} id={`${id}-heading`} tabIndex={-1}>
            Dashboard
          </h1>
          <p className="hint">How often the chair was heard, and which way decisions lean for customers, week by week.</p>
        </div>
      </div>

      <form className="card dash-range" aria-label="Dates" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-from`}>Meetings from</label>
          <input id={`${id}-from`} type="date" value={from} max={to || undefined} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>to</label>
          <input id={`${id}-to`} type="date" value={to} min={from || undefined} onChange={(event) => setTo(event.target.value)} />
        </div>
        {from || to ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setFrom('');
              setTo('');
            }}
          >
            All dates
          </button>
        ) : (
          <p className="hint">All dates. Leave a date empty for no limit on that side.</p>
        )}
        {loading ? (
          <p className="hint" role="status">
            Counting…
          </p>
        ) : null}
      </form>

      {reversed ? (
        <p role="alert" className="form-alert">
          The “from” date is after the “to” date. Choose dates in order.
        </p>
      ) : null}
      {failed ? (
        <div role="alert" className="form-alert">
          <p>The dashboard could not be loaded: {failed}</p>
          <button type="button" className="button button-small" onClick={() => setRefresh((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : null}

      {dashboard && !reversed ? <DashboardBody dashboard={dashboard} ranged={Boolean(from || to)} /> : null}
    </section>
  );
}

function DashboardBody({ dashboard, ranged }: { dashboard: Dashboard; ranged: boolean }) {
  const { totals } = dashboard;
  if (totals.meetings === 0) {
    return (
      <div className="card dash-empty">
        <p>{ranged ? 'No meetings held in these dates.' : 'No meetings held yet.'}</p>
        <p className="muted">
          {ranged ? 'Choose other dates, or ' : ''}Plan and run meetings with the empty chair: once a meeting has started, its coverage and
          decisions are charted here.
        </p>
        <a className="button" href={routeHash({ name: 'list' })}>
          Go to meetings
        </a>
      </div>
    );
  }
  const noDecisions = <p className="muted dash-none">No decisions logged in these meetings yet.</p>;
  return (
    <>
      <dl className="dash-totals">
        <div>
          <dt>Meetings</dt>
          <dd>{totals.meetings}</dd>
        </div>
        <div>
          <dt>Decisions</dt>
          <dd>{totals.decisions}</dd>
        </div>
        <div>
          <dt>Items discussed</dt>
          <dd>{totals.discussed}</dd>
        </div>
        <div>
          <dt>Chair coverage</dt>
          <dd>{percent(totals.coverage)}</dd>
        </div>
      </dl>

      <section className="card dash-section" aria-labelledby="dash-coverage">
        <h2 id="dash-coverage">Chair coverage per week</h2>
        <p className="hint">
          Share of discussed agenda items where the chair’s question was answered or the item marked “No customer impact”.
        </p>
        {totals.discussed === 0 ? (
          <p className="muted dash-none">No agenda item was discussed in these meetings yet.</p>
        ) : (
          <CoverageChart weeks={dashboard.weeks} />
        )}
      </section>

      <section className="card dash-section" aria-labelledby="dash-directions">
        <h2 id="dash-directions">Decisions per week by impact direction</h2>
        {totals.decisions === 0 ? (
          noDecisions
        ) : (
          <>
            <Legend />
            <DirectionWeeksChart weeks={dashboard.weeks} what="decisions" />
          </>
        )}
      </section>

      <EvidenceSection dashboard={dashboard} />

      <section className="card dash-section" aria-labelledby="dash-tags">
        <h2 id="dash-tags">Decisions by tag</h2>
        {dashboard.byTag.length === 0 ? (
          totals.decisions === 0 ? (
            noDecisions
          ) : (
            <p className="muted dash-none">
              {totals.decisions === 1 ? 'This decision has no tag.' : `None of these ${plural(totals.decisions, 'decision')} has a tag.`}
            </p>
          )
        ) : (
          <>
            <p className="hint">A decision with several tags counts once under each.</p>
            <DirectionBarsChart
              what="decisions by tag"
              unit="decision"
              rowHeading="Tag"
              rows={dashboard.byTag.map((tag) => ({ key: tag.tagId, label: tag.label, counts: tag.decisions }))}
            />
          </>
        )}
      </section>

      <section className="card dash-section" aria-labelledby="dash-personas">
        <h2 id="dash-personas">The chair’s answers by persona</h2>
        {dashboard.byPersona.length === 0 ? (
          <p className="muted dash-none">No answers to the chair’s question in these meetings yet.</p>
        ) : (
          <>
            <p className="hint">
              Answers to “How does this affect the customer?”, by the persona they speak for; net is helps minus hurts.
            </p>
            <DirectionBarsChart
              what="answers by persona"
              unit="answer"
              rowHeading="Persona"
              rows={dashboard.byPersona.map((persona) => ({
                key: persona.personaId,
                label: persona.name,
                counts: persona.answers,
                note: `net ${persona.net > 0 ? '+' : ''}${persona.net}`,
              }))}
            />
          </>
        )}
      </section>
    </>
  );
}
