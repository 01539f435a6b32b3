/**
 * Proposals taken into the chair's answer: which one an undo can still put back. The service refuses
 * by this rule and the chair offers its Undo by it, so the two never disagree.
 */
import type { AgendaItem, ImpactAnswer, Proposal, ProposalTaken } from './domain';

/** The same answer in what it says (text, direction, severity, personas), whoever wrote it when. */
export function sameAnswer(a: ImpactAnswer | null, b: ImpactAnswer): boolean {
  return (
    a !== null &&
    a.text === b.text &&
    a.direction === b.direction &&
    a.severity === b.severity &&
    a.personaIds.join('\u0000') === b.personaIds.join('\u0000')
  );
}

export type TakenProposal = Proposal & { taken: ProposalTaken };

/** The accepted proposals whose accept is on record, in proposal order. */
export function takenProposals(item: AgendaItem): TakenProposal[] {
  return item.proposals.filter((p): p is TakenProposal => p.status === 'accepted' && p.taken !== undefined);
}

/** Whether undoing this accept would put the answer back without losing a later change to it. */
export function canUndoTake(item: AgendaItem, proposal: TakenProposal): boolean {
  return sameAnswer(item.answer, proposal.taken.after);
}

/** The text a "replace" took out of the answer, when there was any: what the lead can still copy back. */
export function replacedText(proposal: TakenProposal): string | null {
  const text = proposal.taken.before.answer?.text ?? '';
  return proposal.taken.mode === 'replace' && text.trim().length > 0 ? text : null;
}
