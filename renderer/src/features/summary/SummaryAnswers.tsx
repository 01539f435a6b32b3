/** The chair's answers, item by item: what was said for the customer, by whom, when, and for whom. */
import { creditParts, type ImpactSummary, type ItemSummary } from '../../../../shared/summary/summary';
import { formatWhen, plural } from '../../app/format';
import { DirectionBadge } from './SummaryDecisions';
import { CitedEvidenceList } from './SummaryEvidence';

const STATE_TEXT: Record<ItemSummary['state'], string> = {
  answered: 'Answered',
  'no-impact': 'No customer impact',
  skipped: 'Skipped on purpose',
  open: 'Not answered',
};

/** Who the answer is owed to (the shared credit line): its author, and the participants whose proposals it took in. */
function AnswerCredit({ entry }: { entry: ItemSummary }) {
  const answer = entry.item.answer!;
  const parts = creditParts(entry.answerCredits);
  // Nobody named (an answer with no author): its time alone, as before.
  if (parts.length === 0) return <time dateTime={answer.at}>{formatWhen(answer.at)}</time>;
  return (
    <span className="sum-credit">
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : part.kind === 'name' ? (
          <span key={i} dir="auto">
            {part.name}
          </span>
        ) : (
          <time key={i} dateTime={part.at}>
            {formatWhen(part.at)}
          </time>
        ),
      )}
    </span>
  );
}

function AnswerBody({ entry }: { entry: ItemSummary }) {
  const answer = entry.item.answer;
  if (entry.state === 'no-impact') {
    return (
      <p className="sum-reason">
        No customer impact: <span dir="auto">{entry.item.noImpactReason}</span>
      </p>
    );
  }
  if (!answer || (answer.direction === null && !answer.text.trim())) {
    return (
      <p className="sum-meta muted">
        {entry.state === 'skipped' ? 'Moved past without an answer.' : 'The chair’s question was not answered.'}
      </p>
    );
  }
  return (
    <>
      <p className="sum-answer-head">
        <DirectionBadge direction={answer.direction} />
        {answer.severity ? <span className="sum-meta">Severity {answer.severity} of 3</span> : null}
        {answer.direction === 'hurts' || answer.direction === 'unknown' ? (
          <span className="sum-flag">
            <span aria-hidden="true">⚑ </span>
            {answer.direction === 'hurts' ? 'Flagged: hurts customers' : 'Flagged: impact unknown'}
          </span>
        ) : null}
      </p>
      {answer.text.trim() ? (
        <p className="sum-answer-text" dir="auto">
          {answer.text}
        </p>
      ) : null}
      <p className="sum-meta">
        <span>
          For:{' '}
          <span dir="auto">{entry.answerPersonas.length ? entry.answerPersonas.map((p) => p.name).join(', ') : 'the whole chair'}</span>
        </span>
        <AnswerCredit entry={entry} />
      </p>
      <CitedEvidenceList evidence={entry.answerEvidence} label="Customer evidence cited on this answer" />
    </>
  );
}

export function ChairAnswers({ summary }: { summary: ImpactSummary }) {
  const discussed = summary.items.filter((entry) => entry.discussed || entry.item.answer !== null);
  const flagged = summary.flaggedAnswers.length;
  return (
    <section className="card" aria-labelledby="sum-answers-title">
      <h2 id="sum-answers-title">
        How does this affect the customer?{' '}
        <span className="sum-heading-note">
          {plural(discussed.length, 'item')} discussed, {flagged} flagged
        </span>
      </h2>
      {discussed.length === 0 ? (
        <p className="sum-empty">No item has been discussed yet: the chair’s answers appear here as the meeting runs.</p>
      ) : (
        <ol className="sum-answers" aria-label="The chair’s answers by agenda item">
          {discussed.map((entry) => (
            <li key={entry.item.id} className={summary.flaggedAnswers.includes(entry) ? 'sum-answer sum-answer-flagged' : 'sum-answer'}>
              <h3 className="sum-item-title">
                {entry.index + 1}. <span dir="auto">{entry.item.title}</span>{' '}
                <span className="sum-group-count">· {STATE_TEXT[entry.state]}</span>
              </h3>
              <AnswerBody entry={entry} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
