/** What one participant may see of the shared meeting: a pure function of the meeting, so every push and call agree. */
import type { Citation, Meeting, Persona, Tag } from './domain';
import { CHAIR_QUESTION, type ParticipantCitation, type ParticipantView } from './participantApi';
import { participantVote } from './votes';

export function buildParticipantView(
  meeting: Meeting,
  you: { participantId: string; name: string },
  library: { personas: readonly Persona[]; tags: readonly Tag[] },
): ParticipantView {
  const position = meeting.status === 'running' ? meeting.agenda.findIndex((item) => item.id === meeting.currentItemId) : -1;
  const current = position >= 0 ? meeting.agenda[position]! : null;
  return {
    meeting: { id: meeting.id, title: meeting.title, status: meeting.status, lead: meeting.lead, revision: meeting.revision },
    you: { participantId: you.participantId, name: you.name },
    question: CHAIR_QUESTION,
    item: current && {
      id: current.id,
      position,
      count: meeting.agenda.length,
      title: current.title,
      answer: current.answer && {
        text: current.answer.text,
        direction: current.answer.direction,
        by: current.answer.by,
        at: current.answer.at,
      },
      noImpactReason: current.noImpactReason,
      citations: current.citations.map(participantCitation),
      // Owners, due dates, follow-ups and outcomes stay with the lead; participants see what they can act on.
      decisions: current.decisions.map((decision) => ({
        id: decision.id,
        text: decision.text,
        direction: decision.direction,
        tags: decision.tags,
        vote: decision.vote && participantVote(decision.vote, you.name),
        citations: decision.citations.map(participantCitation),
      })),
    },
    personas: library.personas
      .filter((persona) => meeting.personaIds.includes(persona.id))
      .map(({ id, name, segment, needs }) => ({ id, name, segment, needs })),
    tags: [...library.tags],
    yourProposals: meeting.agenda.flatMap((item) =>
      item.proposals
        .filter((proposal) => proposal.by === you.name)
        // Never `taken`: it holds the lead's answer from before, which is not the participant's to read.
        .map(({ id, by, at, text, direction, status }) => ({
          id,
          by,
          at,
          text,
          direction,
          status,
          itemId: item.id,
          itemTitle: item.title,
        })),
    ),
  };
}

/** The cited quote, customer, source and date: the copy the meeting keeps, never the evidence library, never revenue. */
function participantCitation({ quote, customer, sourceName, date }: Citation): ParticipantCitation {
  return { quote, customer, sourceName, date };
}
