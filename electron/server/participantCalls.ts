/**
 * The participant server's HTTP API (POST /p/api/<method>): Origin and token, the connection gate,
 * the caller's rate budget and, for a method of the 'join' rate class, the address's join budget;
 * then the hub, through the one dispatcher. The transport names no method: it reads the table.
 */
import type http from 'node:http';
import { participantMethodSpec } from '../../shared/participantApi';
import { PARTICIPANT_API_PREFIX, PARTICIPANT_SESSION_HEADER } from '../../shared/sharing';
import type { ParticipantHub } from '../service/participants';
import { normalAddress, type ConnectionGate } from './connectionGate';
import { failure, originAllowed, readBody, sendJson, STATUS_BY_CODE, tokenMatches } from './httpCommon';
import type { RateBook, TokenBucket } from './rateLimits';

/** A participant's largest honest request is a 5,000-character proposal; 64 KB leaves room and no more. */
export const PARTICIPANT_BODY_BYTES = 64 * 1024;

export const rateLimited = (seconds: number) =>
  failure('rate_limited', `Too many requests; nothing was applied. Try again in ${seconds} s.`);

/** Whose budget a call spends: the participant's once it names a live session, else its address's. */
export function callerKeyOf(hub: ParticipantHub, shareId: string): (session: string | null, address: string) => string {
  return (session, address) => {
    const participant = session ? hub.participantOf(shareId, session) : null;
    return participant ? `p:${participant.id}` : `a:${address}`;
  };
}

export interface ApiHandlerParts {
  hub: ParticipantHub;
  shareId: string;
  token: string;
  gate: ConnectionGate;
  calls: RateBook;
  joins: RateBook;
  /** The Host/Origin allow-list, known once the server listens. */
  allowed: () => ReadonlySet<string>;
}

function refuseForRate(res: http.ServerResponse, bucket: TokenBucket): void {
  const seconds = bucket.retryAfterSeconds();
  res.setHeader('Retry-After', String(seconds));
  sendJson(res, STATUS_BY_CODE.rate_limited, rateLimited(seconds));
}

export function participantApiHandler({ hub, shareId, token, gate, calls, joins, allowed }: ApiHandlerParts) {
  const callerKey = callerKeyOf(hub, shareId);
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (!originAllowed(req, allowed())) return sendJson(res, 403, failure('forbidden', 'Requests from other sites are refused.'));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(token, bearer)) {
      return sendJson(res, 401, failure('unauthorized', 'This link is not valid (any more). Ask the lead for the current one.'));
    }
    if (!gate.prove(req.socket))
      return sendJson(res, 503, failure('limit_exceeded', 'Too many connections right now; try again in a moment.'), true);
    const address = normalAddress(req.socket.remoteAddress);
    const sessionHeader = req.headers[PARTICIPANT_SESSION_HEADER];
    const session = typeof sessionHeader === 'string' ? sessionHeader : null;
    const budget = calls.bucket(callerKey(session, address));
    if (!budget.take()) return refuseForRate(res, budget);
    if (req.method !== 'POST') return sendJson(res, 405, failure('invalid_input', 'Participant methods are called with POST.'));
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice(PARTICIPANT_API_PREFIX.length));
    } catch {
      return sendJson(res, 400, failure('invalid_input', 'Bad method name.'));
    }
    if (participantMethodSpec(method)?.rate === 'join') {
      const joinBudget = joins.bucket(`a:${address}`);
      if (!joinBudget.take()) return refuseForRate(res, joinBudget);
    }
    let body: string;
    try {
      body = await readBody(req, PARTICIPANT_BODY_BYTES);
    } catch {
      return sendJson(res, 413, failure('limit_exceeded', `Requests are limited to ${PARTICIPANT_BODY_BYTES} bytes.`), true);
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, failure('invalid_input', 'The request body is not valid JSON.'));
    }
    const result = hub.call(shareId, session, method, input, address);
    sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
  };
}
