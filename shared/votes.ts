/**
 * Hidden impact votes: the one place that decides who may see which ballot. Every exit of a meeting
 * (the lead's results and `meeting.changed` events, `meetings.get`, the participant views) goes
 * through `hideBallots`, so a ballot of an open vote reaches nobody but its author before the reveal.
 */
import type { Meeting, Vote } from './domain';
import type { ParticipantVote } from './participantApi';

/** Open and not yet revealed: the ballots are secret. */
export function ballotsHidden(vote: Vote): boolean {
  return vote.revealedAt === null;
}

/**
 * The meeting as `viewer` may see it: in every vote not yet revealed, only the viewer's own ballot
 * stays (none for the lead, `viewer` null), and `hiddenBallots` says how many others voted.
 * Returns the same object when nothing is hidden, so the common case costs nothing.
 */
export function hideBallots(meeting: Meeting, viewer: string | null): Meeting {
  const secret = meeting.agenda.some((item) => item.decisions.some((d) => d.vote && ballotsHidden(d.vote) && d.vote.ballots.length > 0));
  if (!secret) return meeting;
  return {
    ...meeting,
    agenda: meeting.agenda.map((item) => ({
      ...item,
      decisions: item.decisions.map((decision) => {
        const vote = decision.vote;
        if (!vote || !ballotsHidden(vote)) return decision;
        const own = vote.ballots.filter((ballot) => viewer !== null && ballot.by === viewer);
        return { ...decision, vote: { ...vote, ballots: own, hiddenBallots: vote.ballots.length - own.length } };
      }),
    })),
  };
}

/**
 * A decision sent back by a client (the undo of a removal, an imported export) carries the view it
 * was shown: `hiddenBallots` is a count, never stored. `full` is the decision as it was, if known,
 * whose ballots are then put back; otherwise the hidden ballots are gone and the count with them.
 */
export function restoreHiddenBallots<D extends { id: string; vote: Vote | null }>(
  decision: D,
  full?: { id: string; vote: Vote | null },
): D {
  if (decision.vote?.hiddenBallots === undefined) return decision;
  if (full && full.id === decision.id && full.vote && full.vote.openedAt === decision.vote.openedAt)
    return { ...decision, vote: full.vote };
  const { hiddenBallots: _count, ...vote } = decision.vote;
  return { ...decision, vote };
}

/** A vote as one participant sees it, from the vote `hideBallots` left them (their own ballot and a count). */
export function participantVote(vote: Vote, viewer: string): ParticipantVote {
  const visible = ballotsHidden(vote) ? [] : vote.ballots;
  return {
    state: vote.decided ? 'decided' : vote.revealedAt ? 'revealed' : 'open',
    openedAt: vote.openedAt,
    revealedAt: vote.revealedAt,
    ballotsCast: vote.ballots.length + (vote.hiddenBallots ?? 0),
    yourBallot: vote.ballots.find((ballot) => ballot.by === viewer)?.direction ?? null,
    ballots: visible,
    decided: vote.decided,
  };
}
