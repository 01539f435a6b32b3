/** The summary's people: net impact per persona (the follow-ups are in SummaryFollowUps.tsx). */
import { ANSWER_DIRECTIONS, directionLabel, type ImpactSummary, type PersonaImpact } from '../../../../shared/summary/summary';
import { plural } from '../../app/format';
import { formatNet, netMeaning } from './format';

function answerCount(impact: PersonaImpact): number {
  return impact.answers.length;
}

export function PersonaImpacts({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card" aria-labelledby="sum-personas-title">
      <h2 id="sum-personas-title">Net impact per persona</h2>
      {summary.personas.length === 0 ? (
        <p className="sum-empty">Nobody sat in the chair, and no answer named a persona.</p>
      ) : (
        <>
          <p className="hint sum-lead-in">
            From the answers to “How does this affect the customer?”: each counts for the personas it names, or for the whole chair when it
            names none. Helps +1, hurts −1, anything else 0.
          </p>
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
                      <strong>{formatNet(impact.net)}</strong>{' '}
                      <span className="sum-net-word">{netMeaning(impact.net, answerCount(impact))}</span>
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
          {plural(summary.unattributedAnswers, 'answer')} named no persona while the chair was empty and{' '}
          {summary.unattributedAnswers === 1 ? 'counts' : 'count'} towards nobody.
        </p>
      ) : null}
    </section>
  );
}
