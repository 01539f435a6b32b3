/**
 * Who the chair's answer on an item is owed to: whoever wrote the answer (the lead, or the
 * participant whose proposal became it), then every participant whose proposal the lead took into
 * it (proposals.accept, append or replace). The summary screen and every export credit them from
 * here, in the same words.
 */
import type { AgendaItem } from '../domain';

export interface AnswerCredit {
  name: string;
  /** When they answered, or when they proposed. */
  at: string;
  role: 'answer' | 'proposal';
}

/** The answer's author first, then each accepted proposal's author not already named, in proposal order. */
export function answerCredits(item: AgendaItem): AnswerCredit[] {
  const credits: AnswerCredit[] = [];
  if (item.answer && item.answer.by.trim()) credits.push({ name: item.answer.by, at: item.answer.at, role: 'answer' });
  for (const proposal of item.proposals) {
    if (proposal.status !== 'accepted' || !proposal.by.trim() || credits.some((c) => c.name === proposal.by)) continue;
    credits.push({ name: proposal.by, at: proposal.at, role: 'proposal' });
  }
  return credits;
}

/** The sentence as parts, so each renderer escapes names and formats times its own way. */
export type CreditPart = { kind: 'text'; text: string } | { kind: 'name'; name: string } | { kind: 'time'; at: string };

/** "By Dana, <time>; with the proposals of Ana (<time>), Ben (<time>)"; no parts when nobody is named. */
export function creditParts(credits: readonly AnswerCredit[]): CreditPart[] {
  const parts: CreditPart[] = [];
  const author = credits.find((c) => c.role === 'answer');
  const proposers = credits.filter((c) => c.role === 'proposal');
  if (author)
    parts.push(
      { kind: 'text', text: 'By ' },
      { kind: 'name', name: author.name },
      { kind: 'text', text: ', ' },
      { kind: 'time', at: author.at },
    );
  if (proposers.length) {
    parts.push({ kind: 'text', text: author ? '; with the proposals of ' : 'With the proposals of ' });
    proposers.forEach((p, i) => {
      if (i > 0) parts.push({ kind: 'text', text: ', ' });
      parts.push({ kind: 'name', name: p.name }, { kind: 'text', text: ' (' }, { kind: 'time', at: p.at }, { kind: 'text', text: ')' });
    });
  }
  return parts;
}

/** The credit line as text: `name` escapes a name, `when` writes a time, for the format at hand. */
export function creditText(
  credits: readonly AnswerCredit[],
  render: { name: (name: string) => string; when: (at: string) => string },
): string {
  return creditParts(credits)
    .map((part) => (part.kind === 'text' ? part.text : part.kind === 'name' ? render.name(part.name) : render.when(part.at)))
    .join('');
}
