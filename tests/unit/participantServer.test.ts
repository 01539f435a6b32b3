/**
 * The participant server (issue #5) against a real library and real sockets on loopback: tokens,
 * Host/Origin, frame and body caps, rate limits, stop, permissions, idempotent resends, hidden
 * ballots and disagree-and-commit, and the limits at limit and limit+1.
 */
import Conf from 'conf';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import type { ParticipantJoined, ParticipantView } from '../../shared/participantApi';
import type { SharingStatus } from '../../shared/sharing';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { listNetworkAddresses } from '../../electron/service/networkAddresses';
import { createParticipantSharing } from '../../electron/server/participantSharing';
import {
  DEFAULT_RATE,
  JOIN_RATE,
  MAX_SOCKETS_PER_PARTICIPANT,
  MAX_UNJOINED_PER_ADDRESS,
  TokenBucket,
  type ParticipantServerTuning,
} from '../../electron/server/participantServer';
import { sampleDraft, savedText, tempDir } from './helpers';

let dir: string;
let library: OpenLibrary;
let sharing: ReturnType<typeof createParticipantSharing>;
let meeting: Meeting;
let status: SharingStatus;
let token: string;
let base: string;
const openSockets = new Set<WebSocket>();

function lead<T = Meeting>(method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
function leadResult(method: string, input: unknown): Result<unknown> {
  return dispatch(library.service, method, input);
}

function setUp(tuning: ParticipantServerTuning = {}) {
  dir = tempDir('empty-chair-share-');
  const staticDir = tempDir('empty-chair-share-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Empty Chair</title>');
  sharing = createParticipantSharing({ staticDir, ...tuning });
  library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null, sharing });
  const created = lead('meetings.create', sampleDraft());
  lead('meetings.start', { id: created.id });
  meeting = lead('decisions.add', { meetingId: created.id, itemId: created.agenda[0]!.id, decision: { text: 'Ship the new tiers' } });
}

/** Starts sharing and waits for the 'on' status (binding is asynchronous). */
async function share(meetingId = meeting.id, host = '127.0.0.1'): Promise<SharingStatus> {
  const on = new Promise<SharingStatus>((resolve, reject) => {
    const off = library.service.events.subscribe((event: ApiEvent) => {
      if (event.event !== 'sharing.changed' || event.payload.meetingId !== meetingId) return;
      if (event.payload.state === 'on') resolve(event.payload);
      else if (event.payload.state === 'off') reject(new Error(event.payload.error ?? 'sharing went off'));
      else return;
      off();
    });
  });
  const started = lead<SharingStatus>('sharing.start', { meetingId, host });
  expect(started.state).toBe('starting');
  const result = await on;
  token = new URL(result.joinUrl!).hash.slice('#join='.length);
  base = new URL(result.joinUrl!).origin;
  return result;
}

beforeEach(async () => {
  setUp();
  status = await share();
});
afterEach(async () => {
  for (const ws of openSockets) ws.terminate();
  openSockets.clear();
  library.close();
  await sharing.settled();
});

async function p<T = unknown>(
  method: string,
  input: unknown,
  options: { session?: string; token?: string | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const bearer = options.token === undefined ? token : options.token;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  if (options.session) headers['x-empty-chair-session'] = options.session;
  const response = await fetch(`${base}/p/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as Result<T> & { value?: T; error?: { code: string } } };
}

let actionCount = 0;
const action = () => `action-${++actionCount}`;

async function join(name: string): Promise<ParticipantJoined> {
  const { body } = await p<ParticipantJoined>('participant.join', { name, clientActionId: action() });
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.value;
}

function raw(
  pathname: string,
  headers: Record<string, string>,
  body = '{}',
  port = Number(new URL(base).port),
  agent?: http.Agent,
  localAddress?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: 'POST', headers, agent: agent ?? false, localAddress },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens /p/events (never a query string) and sends `auth` as the first frame, unless it is null. */
function connect(auth: { token?: string; session?: string } | null, headers: Record<string, string> = {}): Promise<WebSocket> {
  const url = new URL('/p/events', base.replace('http', 'ws'));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    openSockets.add(ws);
    boxes.set(ws, makeInbox(ws)); // before 'open': the first frame can arrive in the same tick
    ws.once('open', () => {
      if (auth) ws.send(JSON.stringify({ auth }));
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const boxes = new WeakMap<WebSocket, ReturnType<typeof makeInbox>>();
/** What a socket made by `connect` has received; `next` waits for the first frame matching a test. */
const inbox = (ws: WebSocket) => boxes.get(ws)!;

function makeInbox(ws: WebSocket) {
  const frames: any[] = [];
  const waiters: { test: (f: any) => boolean; resolve: (f: any) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.test(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  return {
    frames,
    next(test: (f: any) => boolean): Promise<any> {
      const found = frames.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

function connectRefused(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const decisionId = () => meeting.agenda[0]!.decisions[0]!.id;
const hasIpv6Loopback = listNetworkAddresses().some((a) => a.address === '::1');
if (!hasIpv6Loopback) console.log('participantServer.test: skipping the IPv6 test, this machine has no ::1 address');

/** The lead's next sharing status that passes `test`. */
function leadSees(test: (status: SharingStatus) => boolean): Promise<SharingStatus> {
  return new Promise((resolve) => {
    const off = library.service.events.subscribe((event) => {
      if (event.event === 'sharing.changed' && test(event.payload)) {
        off();
        resolve(event.payload);
      }
    });
  });
}

/**
 * A participant page's socket logic, written from the protocol (shared/participantApi.ts) alone: auth
 * frame first, a queue of calls sent on every (re)connect and kept until answered (rate_limited
 * ones stay), and a reconnect by itself after any close but 4000/4401.
 */
function participantClient(session: string, reconnectMs = 100) {
  const queue: { id: string; method: string; input: unknown }[] = [];
  const views: ParticipantView[] = [];
  const closes: number[] = [];
  let current: WebSocket | null = null;
  let connects = 0;
  let stopped = false;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  const flush = () => {
    for (const call of queue) current?.send(JSON.stringify(call));
  };
  const open = () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/p/events`);
    openSockets.add(ws);
    ws.on('open', () => ws.send(JSON.stringify({ auth: { token, session } })));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.event === 'participant.view') {
        if (current !== ws) {
          current = ws;
          connects++;
          flush();
        }
        views.push(frame.payload);
      } else if ('reply' in frame && !(frame.result.ok === false && frame.result.error.code === 'rate_limited')) {
        const index = queue.findIndex((call) => call.id === frame.reply);
        if (index >= 0) queue.splice(index, 1);
      }
      changed();
    });
    ws.on('close', (code) => {
      if (current === ws) current = null;
      closes.push(code);
      if (!stopped && code !== 4000 && code !== 4401) setTimeout(open, reconnectMs);
      changed();
    });
  };
  open();
  return {
    views,
    closes,
    queue,
    get connects() {
      return connects;
    },
    get connected() {
      return current !== null;
    },
    /** Queues a call and sends it now if connected. */
    act(method: string, input: { clientActionId: string }) {
      const call = { id: input.clientActionId, method, input };
      queue.push(call);
      current?.send(JSON.stringify(call));
    },
    until(test: () => boolean): Promise<void> {
      if (test()) return Promise.resolve();
      return new Promise((resolve) => {
        const check = () => {
          if (!test()) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      });
    },
    stop() {
      stopped = true;
      current?.close();
    },
  };
}
const meetingFile = () => savedText(path.join(dir, 'meetings', `${meeting.id}.json`));

describe('starting and stopping', () => {
  it("lists this machine's addresses with loopback first and marked", () => {
    const addresses = lead<{ address: string; loopback: boolean; family: string }[]>('sharing.interfaces', {});
    expect(addresses[0]).toMatchObject({ loopback: true });
    expect(addresses.some((a) => a.address === '127.0.0.1' && a.loopback)).toBe(true);
    const firstOther = addresses.findIndex((a) => !a.loopback);
    if (firstOther >= 0) expect(addresses.slice(firstOther).every((a) => !a.loopback)).toBe(true);
  });

  it('shares on the chosen address with a join link, a QR code and a token of at least 128 bits', () => {
    expect(status).toMatchObject({ state: 'on', host: '127.0.0.1', error: null, participants: [] });
    expect(status.joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#join=[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(status.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id })).toMatchObject({ state: 'on', joinUrl: status.joinUrl });
  });

  it("refuses a meeting that is not running, and an address that is not this machine's", () => {
    const planned = lead('meetings.create', sampleDraft());
    expect(leadResult('sharing.start', { meetingId: planned.id, host: '127.0.0.1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(leadResult('sharing.start', { meetingId: planned.id, host: '198.51.100.7' })).toMatchObject({ ok: false });
    const other = lead('meetings.create', sampleDraft());
    lead('meetings.start', { id: other.id });
    expect(leadResult('sharing.start', { meetingId: other.id, host: '198.51.100.7' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(lead<SharingStatus>('sharing.status', { meetingId: other.id }).state).toBe('off');
  });

  it('after "Stop sharing" the token is dead, every socket closes and the port refuses', async () => {
    const ana = await join('Zed');
    const ws = await connect({ token, session: ana.sessionKey });
    const frames = inbox(ws);
    await frames.next((f) => f.event === 'participant.view'); // authenticated
    const closed = closeCode(ws);
    const port = status.port!;
    expect(lead<SharingStatus>('sharing.stop', { meetingId: meeting.id })).toMatchObject({ state: 'off', joinUrl: null, participants: [] });
    expect(await closed).toBe(4000);
    expect(frames.frames.some((f) => f.event === 'sharing.ended')).toBe(true);
    await sharing.settled();
    expect(await connectRefused(port)).toBe('ECONNREFUSED');
    // Sharing again gives a new token; the old one and the old session are worth nothing.
    const again = await share();
    expect(again.joinUrl).not.toBe(status.joinUrl);
    expect((await p('participant.view', {}, { token: new URL(status.joinUrl!).hash.slice(6), session: ana.sessionKey })).status).toBe(401);
    expect((await p('participant.view', {}, { session: ana.sessionKey })).body).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('a library opened without an adapter (CLI, scripts) refuses to share, and listens on nothing', () => {
    const bare = openLibrary({ dataDir: tempDir('empty-chair-noshare-'), StoreClass: Conf, role: 'test', backupIntervalMs: null });
    try {
      const created = dispatch(bare.service, 'meetings.create', sampleDraft());
      if (!created.ok) throw new Error('fixture');
      dispatch(bare.service, 'meetings.start', { id: (created.value as Meeting).id });
      const refused = dispatch(bare.service, 'sharing.start', { meetingId: (created.value as Meeting).id, host: '127.0.0.1' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/not available/) } });
      expect(bare.service.participants.status((created.value as Meeting).id).state).toBe('off');
    } finally {
      bare.close();
    }
  });

  it('ending the meeting stops sharing', async () => {
    const port = status.port!;
    lead('meetings.end', { id: meeting.id, skip: true });
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).state).toBe('off');
    await sharing.settled();
    expect(await connectRefused(port)).toBe('ECONNREFUSED');
  });

  it('says why when the chosen port is taken, and listens on nothing', async () => {
    lead('sharing.stop', { meetingId: meeting.id });
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const off = new Promise<SharingStatus>((resolve) => {
        const stop = library.service.events.subscribe((event) => {
          if (event.event === 'sharing.changed' && event.payload.state === 'off') {
            stop();
            resolve(event.payload);
          }
        });
      });
      expect(lead<SharingStatus>('sharing.start', { meetingId: meeting.id, host: '127.0.0.1', port }).state).toBe('starting');
      const failed = await off;
      expect(failed.error).toMatch(/127\.0\.0\.1:\d+.*EADDRINUSE/);
      expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id })).toMatchObject({ state: 'off', joinUrl: null });
    } finally {
      blocker.close();
    }
    expect((await share()).state).toBe('on'); // and a free port works at once
  });

  it.skipIf(!hasIpv6Loopback)('binds IPv6 loopback when asked, and answers to [::1] only there', async () => {
    lead('sharing.stop', { meetingId: meeting.id });
    const v6 = await share(meeting.id, '::1');
    expect(v6.joinUrl).toMatch(/^http:\/\/\[::1\]:\d+\/#join=/);
    expect((await p('participant.join', { name: 'Vi', clientActionId: action() })).status).toBe(200);
  });
});

describe('security', () => {
  it('answers 401 to a wrong or missing token, over HTTP and WebSocket, and changes nothing', async () => {
    const before = meetingFile();
    for (const bad of [null, 'wrong', `${token}x`, token.slice(1)]) {
      expect((await p('participant.join', { name: 'Eve', clientActionId: action() }, { token: bad })).status).toBe(401);
    }
    for (const auth of [{ token: 'wrong' }, {}, { token: `${token}x` }, { token, session: 'made-up' }]) {
      const ws = await connect(auth);
      expect(await closeCode(ws)).toBe(4401);
      expect(inbox(ws).frames).toEqual([]); // no view, nothing at all
    }
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants).toEqual([]);
    expect(meetingFile()).toBe(before);
  });

  it('closes a socket whose first frame is not auth, or that sends none in time (4401)', async () => {
    const ana = await join('Noa');
    // A call before auth is not answered, not applied: the socket is closed.
    const early = await connect(null);
    const earlyClosed = closeCode(early);
    early.send(JSON.stringify({ id: 1, method: 'participant.view', input: {} }));
    expect(await earlyClosed).toBe(4401);
    expect(inbox(early).frames).toEqual([]);
    const notJson = await connect(null);
    const notJsonClosed = closeCode(notJson);
    notJson.send('hello');
    expect(await notJsonClosed).toBe(4401);
    // The token in the URL, the old way, is worth nothing: only the first frame counts.
    const viaQuery = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/p/events?token=${token}&session=${ana.sessionKey}`);
      openSockets.add(ws);
      boxes.set(ws, makeInbox(ws));
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    const viaQueryClosed = closeCode(viaQuery);
    viaQuery.send(JSON.stringify({ id: 1, method: 'participant.view' }));
    expect(await viaQueryClosed).toBe(4401);
    // Silence: closed at the auth timeout, having received nothing.
    library.close();
    await sharing.settled();
    setUp({ authTimeoutMs: 150 });
    status = await share();
    const silent = await connect(null);
    const started = performance.now();
    expect(await closeCode(silent)).toBe(4401);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(inbox(silent).frames).toEqual([]);
  });

  it('answers 403 to a foreign Host or Origin, over HTTP and WebSocket', async () => {
    const port = status.port!;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect(await raw('/p/api/participant.view', { ...auth, host: `127.0.0.1:${port}` })).toBe(401); // right host: past the check, no session
    expect(await raw('/p/api/participant.view', { ...auth, host: `localhost:${port}` })).toBe(401);
    expect(await raw('/p/api/participant.view', { ...auth, host: `evil.example:${port}` })).toBe(403);
    expect(await raw('/p/api/participant.view', { ...auth, host: `127.0.0.1:${port + 1}` })).toBe(403);
    expect(await raw('/', { host: `evil.example:${port}` })).toBe(403);
    expect(
      (await p('participant.join', { name: 'Eve', clientActionId: action() }, { headers: { origin: 'http://evil.example' } })).status,
    ).toBe(403);
    expect(
      (await p('participant.join', { name: 'Eve', clientActionId: action() }, { headers: { origin: `http://127.0.0.1:${port + 1}` } }))
        .status,
    ).toBe(403);
    await expect(connect({ token }, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ token }, { host: `evil.example:${port}` })).rejects.toThrow(/403/);
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants).toEqual([]);
  });

  it('serves the renderer at / with the strict CSP, to its own Host only', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('Empty Chair');
    expect(await raw('/', { host: `localhost:${status.port}` }, '')).toBe(405); // POST to a page: refused, but past the Host check
  });

  it("sets no cookie and serves nothing of the lead's API", async () => {
    const response = await fetch(`${base}/p/api/participant.join`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cookie', clientActionId: action() }),
    });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${base}/api/library.get`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const ana = await join('Ana');
    for (const method of ['meetings.get', 'library.get', 'agenda.remove', 'decisions.remove', 'meetings.end', 'chair.answer']) {
      const { status: code, body } = await p(method, { id: meeting.id, meetingId: meeting.id }, { session: ana.sessionKey });
      expect([code, body.ok, body.error?.code]).toEqual([404, false, 'unknown_method']);
    }
  });

  it('closes a socket that sends a 1 MB frame (1009), refuses a 1 MB body (413), and keeps serving', async () => {
    const ws = await connect({ token });
    const closed = closeCode(ws);
    ws.send('x'.repeat(1024 * 1024));
    expect(await closed).toBe(1009);
    const big = await fetch(`${base}/p/api/participant.join`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: 'x'.repeat(1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect((await p('participant.join', { name: 'Still', clientActionId: action() })).status).toBe(200);
  });

  it('rate-limits per participant, not per connection: 429 rate_limited with Retry-After over HTTP, a rate_limited reply over WebSocket, nothing applied; a flood closes 1008', async () => {
    // The production burst at a slow refill, so a busy machine's slower requests cannot refill it meanwhile.
    library.close();
    await sharing.settled();
    setUp({ rate: { perSecond: 0.5, burst: DEFAULT_RATE.burst } });
    status = await share();
    const ana = await join('Rita');
    const itemId = meeting.agenda[0]!.id;
    const proposals = () => library.service.meeting(meeting.id).agenda[0]!.proposals.length;
    // A fresh TCP connection per request (agent: false): it used to start a fresh budget each time.
    const port = status.port!;
    const answers: { status: number; code?: string; retryAfter?: string }[] = [];
    for (let i = 0; i < 60; i++) {
      answers.push(
        await new Promise((resolve, reject) => {
          const headers = { authorization: `Bearer ${token}`, 'x-empty-chair-session': ana.sessionKey, 'content-type': 'application/json' };
          const req = http.request(
            { host: '127.0.0.1', port, path: '/p/api/participant.propose', method: 'POST', agent: false, headers },
            (res) => {
              let text = '';
              res.on('data', (chunk) => (text += chunk));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, code: JSON.parse(text).error?.code, retryAfter: res.headers['retry-after'] }),
              );
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ clientActionId: `http-${i}`, itemId, text: `Proposal ${i}` }));
        }),
      );
    }
    expect(answers.slice(0, 40).every((a) => a.status === 200)).toBe(true); // the burst goes through
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.code === 'rate_limited' && Number(a.retryAfter) >= 1)).toBe(true);
    expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
    expect(proposals()).toBe(answers.filter((a) => a.status === 200).length); // a refused call stored nothing
    // Without a session the budget is the address's: fresh connections do not reset it either.
    const anonymous: number[] = [];
    for (let i = 0; i < 100; i++) anonymous.push((await p('participant.view', {})).status);
    expect(anonymous.slice(0, 39).every((code) => code === 401)).toBe(true); // the burst less Rita's join: "join first"
    expect(anonymous.filter((code) => code === 429).length).toBeGreaterThan(0);
    expect(anonymous.every((code) => code === 401 || code === 429)).toBe(true);
    // Over the socket: a burst past the limit is answered rate_limited per call, and the socket stays.
    // (Another participant, whose budget is still whole: Rita's is spent for HTTP and socket alike.)
    const sol = library.service.participants.call(
      shareIdOf(),
      null,
      'participant.join',
      { name: 'Sol', clientActionId: action() },
      '127.0.0.4',
    ) as { value: ParticipantJoined };
    const stored = proposals();
    const ws = await connect({ token, session: sol.value.sessionKey });
    await inbox(ws).next((f) => f.event === 'participant.view');
    for (let i = 0; i < 60; i++)
      ws.send(JSON.stringify({ id: i, method: 'participant.propose', input: { clientActionId: `ws-${i}`, itemId, text: `Socket ${i}` } }));
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => inbox(ws).next((f) => f.reply === i)));
    const limited = replies.filter((f) => !f.result.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((f) => f.result.error.code === 'rate_limited')).toBe(true);
    expect(proposals() - stored).toBe(60 - limited.length);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    // A flood that goes on (a whole burst refused in a row) is cut.
    const closed = closeCode(ws);
    for (let i = 0; i < 200; i++) ws.send(JSON.stringify({ id: 1000 + i, method: 'participant.view' }));
    expect(await closed).toBe(1008);
    // Another participant is not punished for the first one's flood (their joins are counted apart).
    const calm = library.service.participants.call(
      shareIdOf(),
      null,
      'participant.join',
      { name: 'Calm', clientActionId: action() },
      '127.0.0.3',
    );
    expect(calm.ok).toBe(true);
    const calmSession = (calm as { value: ParticipantJoined }).value.sessionKey;
    expect((await p('participant.view', {}, { session: calmSession })).status).toBe(200);
  });

  it('limits joins per address, over fresh connections: past the join burst a join is rate_limited and makes nobody', async () => {
    const port = status.port!;
    const joinFrom = (i: number, localAddress: string) =>
      raw(
        '/p/api/participant.join',
        { authorization: `Bearer ${token}`, 'content-type': 'application/json', host: `127.0.0.1:${port}` },
        JSON.stringify({ name: `Bot ${i}`, clientActionId: `bot-${i}` }),
        port,
        undefined,
        localAddress,
      );
    const codes: number[] = [];
    for (let i = 0; i <= JOIN_RATE.burst; i++) codes.push(await joinFrom(i, '127.0.0.1'));
    expect(codes.slice(0, JOIN_RATE.burst).every((code) => code === 200)).toBe(true);
    expect(codes[JOIN_RATE.burst]).toBe(429);
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants).toHaveLength(JOIN_RATE.burst);
    // Another address has its own budget.
    expect(await joinFrom(JOIN_RATE.burst + 1, '127.0.0.2')).toBe(200);
  });

  it('a token bucket refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now += 100;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });

  it('10,000 seeded random messages leave the server running and the meeting byte for byte unchanged', async () => {
    library.close();
    await sharing.settled();
    setUp({ rate: { perSecond: 1e9, burst: 1e9 } }); // the flood itself is the point here, not the limiter
    status = await share();
    const ana = await join('Fuzz');
    const before = meetingFile();
    const memoryBefore = JSON.stringify(library.service.meeting(meeting.id));
    let seed = 20261123;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const junk = (): unknown =>
      pick([
        () => null,
        () => Math.floor(random() * 1e6) - 5e5,
        () => 'x'.repeat(Math.floor(random() * 300)),
        () => ({ __proto__: { polluted: true }, constructor: 'x' }),
        () => [junk(), junk()],
        () => ({
          decisionId: `d${Math.floor(random() * 1e6)}`,
          tagId: pick(['pricing', 'support', '', '../x']),
          clientActionId: pick(['', 'a'.repeat(70), `c${random()}`]),
        }),
        () => ({ itemId: `i${random()}`, text: pick(['', ' ', 'x'.repeat(5_001)]), clientActionId: 'c' }),
        () => true,
      ])();
    const methods = [
      'participant.tag',
      'participant.untag',
      'participant.vote',
      'participant.propose',
      'participant.view',
      'meetings.delete',
      'agenda.remove',
      '',
      '__proto__',
      'constructor',
    ];
    const ws = await connect({ token, session: ana.sessionKey });
    let replies = 0;
    const allReplied = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        if ('reply' in JSON.parse(String(data)) && ++replies === 10_000) resolve();
      }),
    );
    for (let i = 0; i < 10_000; i++) {
      const shape = random();
      const message =
        shape < 0.2
          ? String(junk()).slice(0, 200) // not JSON, or not a call
          : shape < 0.3
            ? JSON.stringify(junk())
            : JSON.stringify({ id: i, method: pick(methods), input: junk() });
      ws.send(message);
    }
    await allReplied;
    // And over HTTP: random paths (malformed escapes included), methods and bodies.
    const paths = [
      '/p/api/%E0%A4%A',
      '/p/api/',
      '/p/api/participant.tag',
      '/p/api/%00',
      '/p/events',
      '/api/meetings.delete',
      '/../../etc/passwd',
      '/p/api/constructor',
    ];
    for (let i = 0; i < 300; i++) {
      const code = await raw(
        pick(paths),
        { authorization: `Bearer ${token}`, 'x-empty-chair-session': pick([ana.sessionKey, '', 'nope']), host: new URL(base).host },
        String(JSON.stringify(junk()) ?? ''),
      );
      expect([200, 400, 401, 403, 404, 405, 413, 429]).toContain(code); // a clear refusal, never a 5xx
    }
    expect(meetingFile()).toBe(before);
    expect(JSON.stringify(library.service.meeting(meeting.id))).toBe(memoryBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await p<ParticipantView>('participant.view', {}, { session: ana.sessionKey })).status).toBe(200);
  });
});

describe('participants at work', () => {
  it('gives unique names, attributes tags and answers, and the lead hears each one live', async () => {
    const leadEvents: Meeting[] = [];
    library.service.events.subscribe((event) => {
      if (event.event === 'meeting.changed') leadEvents.push(event.payload);
    });
    const ana = await join('Ana'); // the lead is "Ana" too
    const ana2 = await join('ana');
    const ben = await join('Ben');
    expect([ana.name, ana2.name, ben.name]).toEqual(['Ana (2)', 'ana (3)', 'Ben']);
    // Three people tag the same decision at the same moment: every tag arrives.
    const results = await Promise.all(
      [ana, ana2, ben].map((who, i) =>
        p(
          'participant.tag',
          { clientActionId: action(), decisionId: decisionId(), tagId: 'pricing', direction: (['helps', 'hurts', 'mixed'] as const)[i] },
          { session: who.sessionKey },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const tags = library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.tags;
    expect(tags.map((t) => [t.tagId, t.by, t.direction]).sort()).toEqual([
      ['pricing', 'Ana (2)', 'helps'],
      ['pricing', 'Ben', 'mixed'],
      ['pricing', 'ana (3)', 'hurts'],
    ]);
    expect(tags.every((t) => !Number.isNaN(Date.parse(t.at)))).toBe(true);
    expect(leadEvents.at(-1)!.agenda[0]!.decisions[0]!.tags).toHaveLength(3);
    // The lead's own tag of the same tag stays beside theirs.
    lead('decisions.tag', { meetingId: meeting.id, decisionId: decisionId(), tagId: 'pricing' });
    expect(library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.tags.filter((t) => t.by === 'Ana')).toHaveLength(1);
    const view = (await p<ParticipantView>('participant.view', {}, { session: ben.sessionKey })).body.value!;
    expect(view.item!.decisions[0]!.tags).toHaveLength(4); // others' tags are visible
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants.map((x) => x.name)).toEqual([
      'Ana (2)',
      'ana (3)',
      'Ben',
    ]);
  });

  it('lets a participant take back only their own tag', async () => {
    const ana = await join('Xia');
    const ben = await join('Yan');
    await p('participant.tag', { clientActionId: action(), decisionId: decisionId(), tagId: 'support' }, { session: ana.sessionKey });
    const refused = await p(
      'participant.untag',
      { clientActionId: action(), decisionId: decisionId(), tagId: 'support' },
      { session: ben.sessionKey },
    );
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'forbidden']);
    lead('decisions.tag', { meetingId: meeting.id, decisionId: decisionId(), tagId: 'pricing' });
    expect(
      (await p('participant.untag', { clientActionId: action(), decisionId: decisionId(), tagId: 'pricing' }, { session: ben.sessionKey }))
        .status,
    ).toBe(403);
    expect(
      (await p('participant.untag', { clientActionId: action(), decisionId: decisionId(), tagId: 'support' }, { session: ana.sessionKey }))
        .status,
    ).toBe(200);
    expect(library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.tags.map((t) => [t.tagId, t.by])).toEqual([['pricing', 'Ana']]);
  });

  it('shows nothing of any other meeting, nor follow-ups or owners', async () => {
    const other = lead('meetings.create', sampleDraft({ title: 'Secret reorg' }));
    lead('meetings.start', { id: other.id });
    lead('decisions.add', { meetingId: other.id, itemId: other.agenda[0]!.id, decision: { text: 'Hidden decision', owner: 'Zoe' } });
    const ana = await join('Pat');
    const view = (await p<ParticipantView>('participant.view', {}, { session: ana.sessionKey })).body.value!;
    const text = JSON.stringify(view);
    expect(view.meeting.id).toBe(meeting.id);
    expect(text).not.toContain('Secret reorg');
    expect(text).not.toContain('Hidden decision');
    expect(text).not.toContain(other.id);
    expect(text).not.toContain('followUps');
    const otherDecision = library.service.meeting(other.id).agenda[0]!.decisions[0]!.id;
    const tagged = await p(
      'participant.tag',
      { clientActionId: action(), decisionId: otherDecision, tagId: 'pricing' },
      { session: ana.sessionKey },
    );
    expect(tagged.body).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(library.service.meeting(other.id).agenda[0]!.decisions[0]!.tags).toEqual([]);
  });

  it('a resend after a dropped socket is applied once, and the reconnect catches up', async () => {
    const ana = await join('Rae');
    const ws = await connect({ token, session: ana.sessionKey });
    const first = inbox(ws);
    await first.next((f) => f.event === 'participant.view');
    const proposal = {
      id: 1,
      method: 'participant.propose',
      input: { clientActionId: 'proposal-rae-1', itemId: meeting.agenda[0]!.id, text: 'Customers see the price first', direction: 'helps' },
    };
    ws.send(JSON.stringify(proposal));
    await first.next((f) => f.reply === 1);
    // The network drops (no close frame): the server drops the socket and the lead sees them leave.
    const left = new Promise<void>((resolve) => {
      const off = library.service.events.subscribe((event) => {
        if (event.event === 'sharing.changed' && event.payload.participants.some((x) => x.name === 'Rae' && !x.connected)) {
          off();
          resolve();
        }
      });
    });
    (ws as unknown as { _socket: net.Socket })._socket.destroy();
    await left;
    // Meanwhile the lead opens a vote; the reconnect shows it at once.
    lead('votes.open', { meetingId: meeting.id, decisionId: decisionId() });
    const again = await connect({ token, session: ana.sessionKey });
    const second = inbox(again);
    const caughtUp = await second.next((f) => f.event === 'participant.view');
    expect(caughtUp.payload.item.decisions[0].vote).toMatchObject({ state: 'open', ballotsCast: 0 });
    expect(caughtUp.payload.yourProposals).toHaveLength(1);
    // Not knowing whether the first send arrived, the client sends it again: applied once.
    again.send(JSON.stringify({ ...proposal, id: 2 }));
    const reply = await second.next((f) => f.reply === 2);
    expect(reply.result.ok).toBe(true);
    expect(library.service.meeting(meeting.id).agenda[0]!.proposals).toHaveLength(1);
    expect(library.service.meeting(meeting.id).agenda[0]!.proposals[0]).toMatchObject({ by: 'Rae', status: 'open', direction: 'helps' });
    // A resent join gets the same identity back.
    const rejoined = await p<ParticipantJoined>('participant.join', { name: 'Rae', clientActionId: 'x', sessionKey: ana.sessionKey });
    expect(rejoined.body.value).toEqual(ana);
  });

  it('a resent join gets the same identity only with the same name', async () => {
    const first = await p<ParticipantJoined>('participant.join', { name: 'Quin', clientActionId: 'join-quin' });
    const resent = await p<ParticipantJoined>('participant.join', { name: 'Quin', clientActionId: 'join-quin' });
    expect(resent.body.value).toEqual(first.body.value); // the answer was lost: same person, not "Quin (2)"
    // Someone who learnt (or guessed) that clientActionId, under another name, is a new participant.
    const other = await p<ParticipantJoined>('participant.join', { name: 'Mallory', clientActionId: 'join-quin' });
    expect(other.body.ok).toBe(true);
    expect(other.body.value!.sessionKey).not.toBe(first.body.value!.sessionKey);
    expect(other.body.value!.participantId).not.toBe(first.body.value!.participantId);
    expect(other.body.value!.name).toBe('Mallory');
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants.map((x) => x.name)).toEqual(['Quin', 'Mallory']);
  });

  it('the lead removes a participant: their sockets close 4401, their session dies, their place frees, their work stays', async () => {
    const [kay, lou] = [await join('Kay'), await join('Lou')];
    await p('participant.tag', { clientActionId: action(), decisionId: decisionId(), tagId: 'support' }, { session: kay.sessionKey });
    const ws = await connect({ token, session: kay.sessionKey });
    await inbox(ws).next((f) => f.event === 'participant.view');
    const closed = closeCode(ws);
    const after = lead<SharingStatus>('sharing.remove', { meetingId: meeting.id, participantId: kay.participantId });
    expect(after.participants.map((x) => x.name)).toEqual(['Lou']);
    expect(await closed).toBe(4401);
    expect((await p('participant.view', {}, { session: kay.sessionKey })).body).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    const back = await connect({ token, session: kay.sessionKey });
    expect(await closeCode(back)).toBe(4401);
    expect(library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.tags.map((t) => t.by)).toEqual(['Kay']);
    expect((await p('participant.view', {}, { session: lou.sessionKey })).status).toBe(200); // the others carry on
    // Removing again, or someone unknown, changes nothing.
    expect(lead<SharingStatus>('sharing.remove', { meetingId: meeting.id, participantId: kay.participantId }).participants).toHaveLength(1);
    expect(leadResult('sharing.remove', { meetingId: meeting.id, participantId: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // The same link does not let them back in from where they were, under any name, over HTTP or a socket…
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).removed.map((x) => x.name)).toEqual(['Kay']);
    const again = await p('participant.join', { name: 'Not Kay', clientActionId: action() });
    expect([again.status, again.body.error?.code]).toEqual([403, 'forbidden']);
    const socket = await connect({ token });
    socket.send(JSON.stringify({ id: 1, method: 'participant.join', input: { name: 'Kay', clientActionId: action() } }));
    expect((await inbox(socket).next((f) => f.reply === 1)).result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants.map((x) => x.name)).toEqual(['Lou']);
    // …until the lead allows it: then a rejoin is a new person with a new name.
    expect(lead<SharingStatus>('sharing.allow', { meetingId: meeting.id, participantId: kay.participantId }).removed).toEqual([]);
    expect((await join('Kay')).name).toBe('Kay (2)');
  });

  it("the lead takes a proposal into the answer with the proposer's attribution, or dismisses one", async () => {
    const ana = await join('Lee');
    const itemId = meeting.agenda[0]!.id;
    await p(
      'participant.propose',
      { clientActionId: action(), itemId, text: 'Fewer surprises on the bill', direction: 'helps' },
      { session: ana.sessionKey },
    );
    await p('participant.propose', { clientActionId: action(), itemId, text: 'No idea' }, { session: ana.sessionKey });
    const [first, second] = library.service.meeting(meeting.id).agenda[0]!.proposals;
    const accepted = lead('proposals.accept', { meetingId: meeting.id, itemId, proposalId: first!.id });
    expect(accepted.agenda[0]!.answer).toMatchObject({ text: 'Fewer surprises on the bill', direction: 'helps', by: 'Lee', at: first!.at });
    lead('proposals.dismiss', { meetingId: meeting.id, itemId, proposalId: second!.id });
    expect(leadResult('proposals.accept', { meetingId: meeting.id, itemId, proposalId: second!.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const view = (await p<ParticipantView>('participant.view', {}, { session: ana.sessionKey })).body.value!;
    expect(view.yourProposals.map((x) => x.status)).toEqual(['accepted', 'dismissed']);
    expect(view.item!.answer).toMatchObject({ text: 'Fewer surprises on the bill', by: 'Lee' });
  });
});

describe('hidden-then-revealed votes', () => {
  it('hides ballots from the lead and the others until the reveal, then keeps the spread and the dissent', async () => {
    const leadEvents: Meeting[] = [];
    library.service.events.subscribe((event) => {
      if (event.event === 'meeting.changed') leadEvents.push(event.payload);
    });
    const [ana, ben, cy] = [await join('Uma'), await join('Vic'), await join('Wen')];
    lead('votes.open', { meetingId: meeting.id, decisionId: decisionId() });
    const vote = async (who: ParticipantJoined, direction: string) =>
      (
        await p<ParticipantView>(
          'participant.vote',
          { clientActionId: action(), decisionId: decisionId(), direction },
          { session: who.sessionKey },
        )
      ).body;
    expect((await vote(ana, 'helps')).ok).toBe(true);
    await vote(ben, 'helps');
    const cyView = (await vote(cy, 'hurts')).value!;
    expect(cyView.item!.decisions[0]!.vote).toMatchObject({ state: 'open', ballotsCast: 3, yourBallot: 'hurts', ballots: [] });
    const secret = (text: string) => ['Uma', 'Vic', 'Wen'].some((name) => text.includes(`"by":"${name}"`));
    // The lead: meetings.get, the method's own answer and every event show only how many voted.
    const shown = lead('meetings.get', { id: meeting.id });
    expect(shown.agenda[0]!.decisions[0]!.vote).toMatchObject({ ballots: [], hiddenBallots: 3, revealedAt: null });
    expect(leadEvents.some((m) => secret(JSON.stringify(m)))).toBe(false);
    expect(
      secret(JSON.stringify(lead('chair.answer', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { text: 'a' } }))),
    ).toBe(false);
    expect(
      secret(JSON.stringify((await p('participant.view', {}, { session: ana.sessionKey })).body.value).replace('"by":"Uma"', '')),
    ).toBe(false);
    // Deciding before the reveal is refused.
    expect(leadResult('votes.decide', { meetingId: meeting.id, decisionId: decisionId(), direction: 'helps' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const revealed = lead('votes.reveal', { meetingId: meeting.id, decisionId: decisionId() });
    expect(revealed.agenda[0]!.decisions[0]!.vote!.ballots.map((b) => [b.by, b.direction])).toEqual([
      ['Uma', 'helps'],
      ['Vic', 'helps'],
      ['Wen', 'hurts'],
    ]);
    expect((await vote(ana, 'mixed')).error).toMatchObject({ code: 'conflict' }); // ballots are closed
    const decided = lead('votes.decide', { meetingId: meeting.id, decisionId: decisionId(), direction: 'helps' });
    const decision = decided.agenda[0]!.decisions[0]!;
    expect(decision.direction).toBe('helps');
    expect(decision.vote!.decided).toMatchObject({ direction: 'helps', disagreeAndCommit: true, by: 'Ana' });
    expect(decision.vote!.decided!.dissent.map((b) => [b.by, b.direction])).toEqual([['Wen', 'hurts']]);
    const onDisk = JSON.parse(meetingFile()) as Meeting;
    expect(onDisk.agenda[0]!.decisions[0]!.vote!.ballots).toHaveLength(3);
    expect(onDisk.agenda[0]!.decisions[0]!.vote!.hiddenBallots).toBeUndefined();
    const afterView = (await p<ParticipantView>('participant.view', {}, { session: ben.sessionKey })).body.value!;
    expect(afterView.item!.decisions[0]!.vote).toMatchObject({ state: 'decided', ballotsCast: 3, yourBallot: 'helps' });
    expect(afterView.item!.decisions[0]!.vote!.ballots).toHaveLength(3);
  });

  it('a unanimous vote decided its way is no "disagree and commit"', async () => {
    const ana = await join('Ola');
    lead('votes.open', { meetingId: meeting.id, decisionId: decisionId() });
    await p('participant.vote', { clientActionId: action(), decisionId: decisionId(), direction: 'hurts' }, { session: ana.sessionKey });
    lead('votes.reveal', { meetingId: meeting.id, decisionId: decisionId() });
    const decided = lead('votes.decide', { meetingId: meeting.id, decisionId: decisionId(), direction: 'hurts' });
    expect(decided.agenda[0]!.decisions[0]!.vote!.decided).toMatchObject({ disagreeAndCommit: false, dissent: [] });
  });
});

describe('resilience', () => {
  it('a participant reconnects by itself after the server drops their socket, and catches up', async () => {
    const sam = await join('Sam');
    const ben = await join('Ben');
    const client = participantClient(sam.sessionKey);
    const bystander = await connect({ token, session: ben.sessionKey });
    await inbox(bystander).next((f) => f.event === 'participant.view');
    await client.until(() => client.connects === 1);
    const gone = leadSees((s) => s.participants.some((x) => x.name === 'Sam' && !x.connected));
    // The server cuts Sam's socket (as a dying Wi-Fi would); Ben's stays.
    expect(sharing.dropSockets(sam.participantId)).toBe(1);
    await client.until(() => !client.connected);
    expect(client.closes).toEqual([1006]);
    await gone;
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    // While Sam is away: the lead opens a vote, and Sam proposes (queued, not yet sent).
    lead('votes.open', { meetingId: meeting.id, decisionId: decisionId() });
    client.act('participant.propose', {
      clientActionId: 'sam-offline-1',
      itemId: meeting.agenda[0]!.id,
      text: 'Price shown up front',
      direction: 'helps',
    } as { clientActionId: string });
    const back = leadSees((s) => s.participants.some((x) => x.name === 'Sam' && x.connected));
    await client.until(() => client.connects === 2 && client.queue.length === 0);
    await back;
    // The first view after the reconnect already showed the vote; the queued proposal went in once.
    const caughtUp = client.views.at(-1)!;
    expect(caughtUp.item!.decisions[0]!.vote).toMatchObject({ state: 'open' });
    const proposals = library.service.meeting(meeting.id).agenda[0]!.proposals;
    expect(proposals.map((x) => [x.by, x.text])).toEqual([['Sam', 'Price shown up front']]);
    await client.until(() => client.views.at(-1)!.yourProposals.length === 1);
    client.stop();
  });

  it('drops a participant whose pongs stop, and keeps one who answers', async () => {
    library.close();
    await sharing.settled();
    setUp({ pingIntervalMs: 50 });
    status = await share();
    const [mute, live] = [await join('Mute'), await join('Live')];
    const answering = await connect({ token, session: live.sessionKey });
    await inbox(answering).next((f) => f.event === 'participant.view');
    const silent = new WebSocket(`${base.replace('http', 'ws')}/p/events`, { autoPong: false }); // never answers a ping
    openSockets.add(silent);
    const silentClosed = closeCode(silent);
    const seen: boolean[] = [];
    const dropped = new Promise<void>((resolve) =>
      library.service.events.subscribe((event) => {
        const muteNow = event.event === 'sharing.changed' ? event.payload.participants.find((x) => x.name === 'Mute') : undefined;
        if (!muteNow) return;
        seen.push(muteNow.connected);
        if (!muteNow.connected) resolve();
      }),
    );
    silent.on('open', () => silent.send(JSON.stringify({ auth: { token, session: mute.sessionKey } })));
    expect(await silentClosed).toBe(1006); // terminated by the server, no close frame
    await dropped;
    expect(seen).toEqual([true, false]); // it was connected, then dropped
    await new Promise((resolve) => setTimeout(resolve, 300)); // several more ping rounds
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants.map((x) => [x.name, x.connected])).toEqual([
      ['Mute', false],
      ['Live', true],
    ]);
  });

  it('caps sockets per participant and unjoined sockets per address; an unjoined socket goes after the join timeout', async () => {
    const ana = await join('Cap');
    const theirs: WebSocket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_PARTICIPANT; i++) {
      theirs.push(await connect({ token, session: ana.sessionKey }));
      await inbox(theirs[i]!).next((f) => f.event === 'participant.view');
    }
    const oldestClosed = closeCode(theirs[0]!);
    const newest = await connect({ token, session: ana.sessionKey });
    await inbox(newest).next((f) => f.event === 'participant.view');
    expect(await oldestClosed).toBe(1008); // one past the cap: the oldest goes, the newest stays
    expect(theirs.slice(1).every((ws) => ws.readyState === WebSocket.OPEN)).toBe(true);
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants[0]!.connected).toBe(true);
    // Authenticated but not joined: this address may hold a few, one more is refused at the upgrade.
    library.close();
    await sharing.settled();
    setUp({ joinTimeoutMs: 400 });
    status = await share();
    const waiting: WebSocket[] = [];
    for (let i = 0; i < MAX_UNJOINED_PER_ADDRESS; i++) waiting.push(await connect({ token }));
    await expect(connect({ token })).rejects.toThrow(/503/);
    // One of them joins over its socket in time and stays; the others are closed at the timeout.
    const closes = waiting.map(closeCode);
    waiting[0]!.send(JSON.stringify({ id: 'j', method: 'participant.join', input: { name: 'Late', clientActionId: action() } }));
    expect((await inbox(waiting[0]!).next((f) => f.reply === 'j')).result.ok).toBe(true);
    expect(await Promise.all(closes.slice(1))).toEqual(Array(MAX_UNJOINED_PER_ADDRESS - 1).fill(4401));
    expect(waiting[0]!.readyState).toBe(WebSocket.OPEN);
    expect(inbox(waiting[0]!).frames.some((f) => f.event === 'participant.view')).toBe(true);
    // With those gone, the address may open sockets again.
    const again = await connect({ token });
    expect(again.readyState).toBe(WebSocket.OPEN);
  });

  it("pushes one view per participant per tick, after the lead's write has returned", async () => {
    const [ana, ben] = [await join('Pia'), await join('Rob')];
    const sockets = [
      await connect({ token, session: ana.sessionKey }),
      await connect({ token, session: ana.sessionKey }),
      await connect({ token, session: ben.sessionKey }),
      await connect({ token, session: ben.sessionKey }),
    ];
    await Promise.all(sockets.map((ws) => inbox(ws).next((f) => f.event === 'participant.view')));
    const viewFor = vi.spyOn(library.service.participants, 'viewFor');
    const before = sockets.map((ws) => inbox(ws).frames.length);
    for (const text of ['One', 'Two', 'Three'])
      lead('decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, decision: { text } });
    expect(viewFor).not.toHaveBeenCalled(); // nothing built inside the lead's writes
    await Promise.all(sockets.map((ws) => inbox(ws).next((f) => f.event === 'participant.view' && f.payload.item.decisions.length === 4)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(viewFor).toHaveBeenCalledTimes(2); // once per participant, not per socket or per change
    expect(sockets.map((ws, i) => inbox(ws).frames.length - before[i]!)).toEqual([1, 1, 1, 1]);
    viewFor.mockRestore();
  });

  it('the lead keeps working when every participant vanishes at once', async () => {
    library.close();
    await sharing.settled();
    setUp({ joinRate: { perSecond: 1e9, burst: 1e9 } }); // twenty people on one loopback address
    status = await share();
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => join(`Gone ${i}`)));
    const sockets = await Promise.all(people.map((who) => connect({ token, session: who.sessionKey })));
    await Promise.all(sockets.map((ws) => inbox(ws).next((f) => f.event === 'participant.view')));
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants.filter((x) => x.connected)).toHaveLength(20);
    const allGone = new Promise<void>((resolve) => {
      const off = library.service.events.subscribe((event) => {
        if (event.event === 'sharing.changed' && event.payload.participants.every((x) => !x.connected)) {
          off();
          resolve();
        }
      });
    });
    for (const ws of sockets) (ws as unknown as { _socket: net.Socket })._socket.destroy(); // networks drop, no goodbye
    await allGone;
    const next = lead('decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, decision: { text: 'Carry on' } });
    expect(next.agenda[0]!.decisions).toHaveLength(2);
    expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id })).toMatchObject({ state: 'on' });
    expect((await p('participant.view', {}, { session: people[0]!.sessionKey })).status).toBe(200); // and they can come back
  });
});

describe('hidden ballots across undo and import', () => {
  it('undoing the removal of a decision puts its hidden ballots back; an imported view keeps no count', async () => {
    const ana = await join('Ida');
    lead('votes.open', { meetingId: meeting.id, decisionId: decisionId() });
    await p('participant.vote', { clientActionId: action(), decisionId: decisionId(), direction: 'mixed' }, { session: ana.sessionKey });
    const seen = lead('meetings.get', { id: meeting.id }).agenda[0]!.decisions[0]!; // what the lead's screen holds
    expect(seen.vote).toMatchObject({ ballots: [], hiddenBallots: 1 });
    lead('decisions.remove', { meetingId: meeting.id, decisionId: seen.id });
    lead('decisions.restore', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, index: 0, decision: seen });
    expect(library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.vote!.ballots.map((b) => [b.by, b.direction])).toEqual([
      ['Ida', 'mixed'],
    ]);
    const copy = lead('meetings.import', { meeting: lead('meetings.get', { id: meeting.id }), asCopy: true });
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'meetings', `${copy.id}.json`), 'utf8')) as Meeting;
    expect(stored.agenda[0]!.decisions[0]!.vote).toMatchObject({ ballots: [] });
    expect(stored.agenda[0]!.decisions[0]!.vote!.hiddenBallots).toBeUndefined();
  });
});

describe('limits at the limit and one past it', () => {
  it('participant name length', async () => {
    expect((await p('participant.join', { name: 'n'.repeat(LIMITS.participantNameMax), clientActionId: action() })).status).toBe(200);
    const over = await p('participant.join', { name: 'n'.repeat(LIMITS.participantNameMax + 1), clientActionId: action() });
    expect([over.status, over.body.error?.code]).toEqual([400, 'invalid_input']);
  });

  it('participants per meeting', async () => {
    for (let i = 0; i < LIMITS.participantsMax; i++) {
      const result = library.service.participants.call(shareIdOf(), null, 'participant.join', {
        name: `P${i}`,
        clientActionId: `join-${i}`,
      });
      expect(result.ok).toBe(true);
    }
    const over = await p('participant.join', { name: 'One too many', clientActionId: action() });
    expect([over.status, over.body.error?.code]).toEqual([413, 'limit_exceeded']);
  });

  it('different tags on a decision, and tag entries from everyone together', async () => {
    const ana = await join('Tam');
    const tagIds = [
      'pricing',
      'onboarding',
      'reliability',
      'performance',
      'support',
      'data-privacy',
      'time-to-value',
      'accessibility',
      'usability',
      'security',
    ];
    for (let i = tagIds.length; i <= LIMITS.tagsPerDecisionMax; i++)
      tagIds.push(lead<{ id: string }>('tags.create', { label: `custom ${i}` }).id);
    const tag = (who: ParticipantJoined, tagId: string) =>
      p('participant.tag', { clientActionId: action(), decisionId: decisionId(), tagId }, { session: who.sessionKey });
    for (const tagId of tagIds.slice(0, LIMITS.tagsPerDecisionMax)) expect((await tag(ana, tagId)).status).toBe(200);
    expect((await tag(ana, tagIds[LIMITS.tagsPerDecisionMax]!)).body).toMatchObject({ ok: false, error: { code: 'limit_exceeded' } });
    expect(
      leadResult('decisions.tag', { meetingId: meeting.id, decisionId: decisionId(), tagId: tagIds[LIMITS.tagsPerDecisionMax]! }),
    ).toMatchObject({ ok: false, error: { code: 'limit_exceeded' } });
    // A meeting whose decision already holds all but one entry: one more fits, the next does not.
    const full = structuredClone(lead('meetings.get', { id: meeting.id })); // in-process results are the live objects
    const at = new Date().toISOString();
    full.agenda[0]!.decisions[0]!.tags = Array.from({ length: LIMITS.tagEntriesPerDecisionMax - 1 }, (_, i) => ({
      tagId: tagIds[i % LIMITS.tagsPerDecisionMax]!,
      by: `Person ${i}`,
      at,
    }));
    const crowded = lead('meetings.import', { meeting: full, asCopy: true });
    expect(crowded.status).toBe('running');
    lead('sharing.stop', { meetingId: meeting.id });
    meeting = crowded;
    await share(crowded.id);
    const ben = await join('Bo');
    const cy = await join('Cy');
    expect((await tag(ben, 'pricing')).status).toBe(200);
    expect((await tag(cy, 'pricing')).body).toMatchObject({ ok: false, error: { code: 'limit_exceeded' } });
    expect(library.service.meeting(crowded.id).agenda[0]!.decisions[0]!.tags).toHaveLength(LIMITS.tagEntriesPerDecisionMax);
  });

  it('proposal text', async () => {
    const ana = await join('Kim');
    const propose = (text: string) =>
      p('participant.propose', { clientActionId: action(), itemId: meeting.agenda[0]!.id, text }, { session: ana.sessionKey });
    expect((await propose('é'.repeat(LIMITS.proposalTextMax))).status).toBe(200);
    expect((await propose('é'.repeat(LIMITS.proposalTextMax + 1))).body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await propose('   ')).body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(library.service.meeting(meeting.id).agenda[0]!.proposals).toHaveLength(1);
  });
});

/** The share id is private to the hub; a join through HTTP names it in nothing, so find it the way the server does. */
function shareIdOf(): string {
  const shares = (library.service.participants as unknown as { shares: Map<string, { id: string }> }).shares;
  return shares.get(meeting.id)!.id;
}
