/**
 * Issue 16 §2: strangers on the LAN cannot lock participants out. While 1,000 hostile sockets from
 * 127.0.0.2 hold half-sent requests without a token (each one the server ends is opened again at
 * once), a participant on 127.0.0.1 joins, tags and receives pushes normally. Real library, real
 * participant server, real sockets on loopback.
 */
import Conf from 'conf';
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { ParticipantJoined, ParticipantView } from '../../shared/participantApi';
import type { SharingStatus } from '../../shared/sharing';
import { createParticipantSharing } from '../../electron/server/participantSharing';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { sampleDraft, tempDir } from './helpers';

const HOSTILE_SOCKETS = 1_000;
const HOSTILE_ADDRESS = '127.0.0.2';

let library: OpenLibrary | null = null;
let sharing: ReturnType<typeof createParticipantSharing> | null = null;
afterEach(async () => {
  library?.close();
  await sharing?.settled();
});

function lead<T = Meeting>(method: string, input: unknown): T {
  const result = dispatch(library!.service, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Keeps `count` sockets from `localAddress` holding a half-sent request; each one ended is opened again until `stop`. */
function hostileFlood(port: number, count: number, localAddress: string) {
  let stopped = false;
  const live = new Set<net.Socket>();
  const stats = { opened: 0, connected: 0, endedByServer: 0 };
  let firstWave = 0;
  let resolveWave: () => void;
  const wave = new Promise<void>((resolve) => (resolveWave = resolve));
  const open = () => {
    if (stopped) return;
    stats.opened++;
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    live.add(socket);
    socket.on('connect', () => {
      stats.connected++;
      // Headers begun, never finished, no token: the request the 260 idle sockets sent.
      socket.write(`POST /p/api/participant.join HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Slow: `);
      if (++firstWave === count) resolveWave();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      live.delete(socket);
      if (stopped) return;
      stats.endedByServer++;
      if (firstWave < count) firstWave++;
      if (firstWave === count) resolveWave();
      setImmediate(open);
    });
  };
  for (let i = 0; i < count; i++) open();
  return {
    stats,
    /** Every one of the first `count` sockets has connected or been ended. */
    wave,
    held: () => live.size,
    stop() {
      stopped = true;
      for (const socket of live) socket.destroy();
    },
  };
}

it(`a participant on 127.0.0.1 joins, tags and receives pushes while ${HOSTILE_SOCKETS} hostile sockets from ${HOSTILE_ADDRESS} are held`, async () => {
  const started = performance.now();
  sharing = createParticipantSharing();
  library = openLibrary({ dataDir: tempDir('empty-chair-lockout-'), StoreClass: Conf, role: 'test', backupIntervalMs: null, sharing });
  const created = lead('meetings.create', sampleDraft());
  lead('meetings.start', { id: created.id });
  let meeting = lead('decisions.add', { meetingId: created.id, itemId: created.agenda[0]!.id, decision: { text: 'Ship the new tiers' } });
  const on = new Promise<SharingStatus>((resolve) => {
    const off = library!.service.events.subscribe((event: ApiEvent) => {
      if (event.event === 'sharing.changed' && event.payload.state === 'on') {
        off();
        resolve(event.payload);
      }
    });
  });
  lead('sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  const status = await on;
  const joinUrl = new URL(status.joinUrl!);
  const token = joinUrl.hash.slice('#join='.length);
  const port = status.port!;

  const flood = hostileFlood(port, HOSTILE_SOCKETS, HOSTILE_ADDRESS);
  await flood.wave;
  const heldAtOnce = flood.held();

  // The participant: join over HTTP, open the event socket, tag over HTTP, receive the lead's change.
  const call = async <T>(method: string, input: unknown, session?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (session) headers['x-empty-chair-session'] = session;
    const response = await fetch(`${joinUrl.origin}/p/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value: T } };
  };
  const joined = await call<ParticipantJoined>('participant.join', { name: 'Wren', clientActionId: 'join-wren' });
  expect(joined.status).toBe(200);
  const ana = joined.body.value;

  const ws = new WebSocket(`ws://127.0.0.1:${port}/p/events`);
  const views: ParticipantView[] = [];
  const waiters: { test: (view: ParticipantView) => boolean; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.event !== 'participant.view') return;
    views.push(frame.payload);
    for (const waiter of [...waiters]) {
      if (!waiter.test(frame.payload)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const viewWhere = (test: (view: ParticipantView) => boolean) =>
    views.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ auth: { token, session: ana.sessionKey } }));
  await viewWhere(() => true); // the catch-up view

  const decisionId = meeting.agenda[0]!.decisions[0]!.id;
  const tagged = await call<ParticipantView>(
    'participant.tag',
    { clientActionId: 'tag-1', decisionId, tagId: 'pricing', direction: 'helps' },
    ana.sessionKey,
  );
  expect(tagged.status).toBe(200);
  expect(tagged.body.value.item!.decisions[0]!.tags).toMatchObject([{ tagId: 'pricing', by: 'Wren' }]);

  meeting = lead('decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, decision: { text: 'Keep the free tier' } });
  await viewWhere((view) => view.item?.decisions.some((decision) => decision.text === 'Keep the free tier') ?? false);
  const pushes = views.length;
  const stillHeld = flood.held();
  ws.close();
  flood.stop();

  expect(library.service.meeting(meeting.id).agenda[0]!.decisions[0]!.tags.map((entry) => entry.by)).toEqual(['Wren']);
  expect(lead<SharingStatus>('sharing.status', { meetingId: meeting.id }).participants.map((x) => x.name)).toEqual(['Wren']);
  expect(flood.stats.opened).toBeGreaterThanOrEqual(HOSTILE_SOCKETS);
  expect(stillHeld).toBeGreaterThan(0); // the flood was still on while the participant worked
  expect(flood.stats.endedByServer).toBeGreaterThan(0); // and the gate was ending hostile connections
  console.log(
    `participantLockout: ${flood.stats.opened} hostile connections from ${HOSTILE_ADDRESS} (${HOSTILE_SOCKETS} at once, ${heldAtOnce} open after the first wave, ` +
      `${flood.stats.endedByServer} ended by the server); the participant joined, tagged and got ${pushes} pushes; ${Math.round(performance.now() - started)} ms`,
  );
}, 120_000);
