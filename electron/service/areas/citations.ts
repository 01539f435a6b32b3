/**
 * Area "citations" (issue 19 §3): cite customer evidence on an item's answer or on one of its
 * decisions, and take it back. The citation is built here from the live evidence item (quote,
 * customer, source name, date, account and its revenue), never from what a client sends, and keeps
 * that copy so the meeting record stays whole when the source is deleted later.
 */
import type { MethodParams } from '../../../shared/api';
import type { Citation, Meeting } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import type { Account, EvidenceItem } from '../../../shared/evidence/schema';
import { LIMITS } from '../../../shared/limits';
import type { ChangeContext } from '../chair';
import { findItem } from '../runner';
import type { AreaContext, Handlers } from './area';

type CitationParams = MethodParams<'citations.add'>;

interface LiveEvidence {
  item: EvidenceItem;
  account: Account | null;
  sourceName: string;
}

export function citationsArea({ kernel, evidence }: AreaContext) {
  return {
    'citations.add': (params) => {
      const live = evidence.citable(params.sourceId, params.key);
      return kernel.mutateMeeting(params.meetingId, undefined, (m, c) => addCitation(m, params, live, c));
    },
    'citations.remove': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => removeCitation(m, params, c)),
    'citations.restore': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => restoreCitation(m, params, c)),
  } satisfies Pick<Handlers, 'citations.add' | 'citations.remove' | 'citations.restore'>;
}

/** The citations of the answer or of the named decision, and what to touch when they change. */
function citationsOf(
  meeting: Meeting,
  params: Pick<CitationParams, 'itemId' | 'decisionId'>,
): { list: Citation[]; where: string; touch: (at: string) => void } {
  const item = findItem(meeting, params.itemId);
  if (params.decisionId === undefined) return { list: item.citations, where: `the answer to "${item.title}"`, touch: () => undefined };
  const decision = item.decisions.find((entry) => entry.id === params.decisionId);
  if (!decision) throw new ApiError('not_found', `The agenda item "${item.title}" has no decision ${params.decisionId}.`);
  return {
    list: decision.citations,
    where: `the decision "${decision.text.slice(0, 80)}"`,
    touch: (at) => {
      decision.updatedAt = at;
    },
  };
}

const sameEvidence = (citation: Citation, params: Pick<Citation, 'sourceId' | 'key'>) =>
  citation.sourceId === params.sourceId && citation.key === params.key;

export function addCitation(meeting: Meeting, params: CitationParams, live: LiveEvidence | null, context: ChangeContext): void {
  const { list, where, touch } = citationsOf(meeting, params);
  if (list.some((citation) => sameEvidence(citation, params))) {
    throw new ApiError('conflict', `That customer evidence is already cited on ${where}.`);
  }
  if (!live) {
    throw new ApiError(
      'not_found',
      `There is no customer evidence item ${params.key} in source ${params.sourceId} (it may have been deleted, or is still loading).`,
    );
  }
  checkRoom(list, where);
  list.push(citationOf(params, live, context));
  touch(context.at);
}

function checkRoom(list: Citation[], where: string): void {
  if (list.length >= LIMITS.citationsPerEntryMax) {
    throw new ApiError(
      'limit_exceeded',
      `${where.charAt(0).toUpperCase()}${where.slice(1)} already cites ${LIMITS.citationsPerEntryMax} pieces of evidence, the most it may; un-cite one first.`,
    );
  }
}

export function removeCitation(meeting: Meeting, params: CitationParams, context: ChangeContext): void {
  const { list, where, touch } = citationsOf(meeting, params);
  const index = list.findIndex((citation) => sameEvidence(citation, params));
  if (index < 0) throw new ApiError('not_found', `That customer evidence is not cited on ${where}.`);
  list.splice(index, 1);
  touch(context.at);
}

/**
 * Undo of an un-cite: the removed copy goes back as it was (who cited it and when included), at its old
 * place in the list. It comes from the client, but only as the api's citation schema lets it (like an
 * import of one citation), and it needs no live evidence: its source may be deleted since.
 */
export function restoreCitation(meeting: Meeting, params: MethodParams<'citations.restore'>, context: ChangeContext): void {
  const { list, where, touch } = citationsOf(meeting, params);
  if (list.some((citation) => sameEvidence(citation, params.citation))) {
    throw new ApiError('conflict', `That customer evidence is already cited on ${where}.`);
  }
  checkRoom(list, where);
  list.splice(Math.min(params.index ?? list.length, list.length), 0, params.citation);
  touch(context.at);
}

/** The copy a citation keeps: what was said, by whom, where and when, and the account as it stands now. */
function citationOf(params: CitationParams, { item, account, sourceName }: LiveEvidence, context: ChangeContext): Citation {
  const accountName = (account?.name ?? item.account).trim();
  return {
    by: context.actor,
    at: context.at,
    sourceId: params.sourceId,
    key: item.key,
    quote: item.text.trim(),
    customer: item.customer.trim(),
    sourceName: sourceName.trim(),
    date: item.date,
    account: accountName
      ? {
          name: accountName,
          segment: (account?.segment || item.segment).trim(),
          arr: account?.arr ?? null,
          currency: account?.currency.trim() ?? '',
        }
      : null,
  };
}
