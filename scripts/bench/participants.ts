/**
 * Issue #5's figure: time from a participant's tag to the lead's screen, with 20 participants
 * connected on loopback. Browser mode runs as its own process (as `npm run web` starts it: the real
 * library, the lead's server and, once the lead shares, the participant server on 127.0.0.1). This
 * process plays the 20 participants, each on its own WebSocket (/p/events), and the lead's screen,
 * listening on /api/events as its renderer does. Measured from a participant's send to the lead's
 * socket delivering the `meeting.changed` that carries the tag (parsed): validation, the atomic
 * write of the meeting file, the 20 participant views pushed and the lead's frame are all inside.
 */
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { ApiEvent } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { ParticipantJoined } from '../../shared/participantApi';
import type { SharingStatus } from '../../shared/sharing';
import { launchBrowserMode } from './browserMode';
import { info, ms, type BenchRow } from './table';

const TAGS = ['pricing', 'onboarding', 'reliability', 'performance', 'support'];

/** Opens a participant's socket from `localAddress`: each person is a device of their own (joins are limited per address). */
function open(url: string, localAddress?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function benchParticipants(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const participants = 20;
  const sequential = quick ? 40 : 400;
  const bursts = quick ? 2 : 20;
  const dataDir = path.join(work, 'participants');
  fs.mkdirSync(dataDir, { recursive: true });
  const app = await launchBrowserMode(dataDir);
  const lead = app.call;
  const sockets: WebSocket[] = [];
  try {
    const draft = { title: 'Bench review', scheduledAt: '2026-11-24T09:30:00.000Z', lead: 'Lead', agenda: [{ title: 'Tiers' }] };
    const created = await lead<Meeting>('meetings.create', draft);
    await lead('meetings.start', { id: created.id });
    const meeting = await lead<Meeting>('decisions.add', {
      meetingId: created.id,
      itemId: created.agenda[0]!.id,
      decision: { text: 'Ship it' },
    });
    const decisionId = meeting.agenda[0]!.decisions[0]!.id;
    await lead('sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
    let shared: SharingStatus;
    for (let tries = 0; (shared = await lead<SharingStatus>('sharing.status', { meetingId: meeting.id })).state === 'starting'; tries++) {
      if (tries > 200) throw new Error('sharing did not start within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (shared.state !== 'on') throw new Error(shared.error ?? 'sharing did not start');
    const joinUrl = new URL(shared.joinUrl!);
    const token = joinUrl.hash.slice('#join='.length);
    const eventsUrl = `ws://${joinUrl.host}/p/events`; // no query string: the token goes in the first frame

    // The lead's screen: its renderer's event socket on the browser-mode server.
    const leadSocket = await open(`${app.origin.replace('http', 'ws')}/api/events?token=${app.token}`);
    sockets.push(leadSocket);
    let waiting: { test: (m: Meeting) => boolean; resolve: (at: number) => void }[] = [];
    leadSocket.on('message', (data) => {
      const event = JSON.parse(String(data)) as ApiEvent;
      if (event.event !== 'meeting.changed') return;
      const at = performance.now();
      waiting = waiting.filter((w) => (w.test(event.payload) ? (w.resolve(at), false) : true));
    });
    /** A tag that never reaches the lead fails the run instead of hanging it. */
    const arrival = (test: (m: Meeting) => boolean) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('a tag never reached the lead (10 s)')), 10_000);
        waiting.push({ test, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      });
    const has = (m: Meeting, by: string, tagId: string) => m.agenda[0]!.decisions[0]!.tags.some((t) => t.by === by && t.tagId === tagId);

    // Twenty participants join over their own sockets.
    const people: { ws: WebSocket; name: string; next: number }[] = [];
    for (let i = 0; i < participants; i++) {
      const ws = await open(eventsUrl, `127.0.0.${10 + i}`);
      sockets.push(ws);
      ws.send(JSON.stringify({ auth: { token } }));
      const joined = await new Promise<ParticipantJoined>((resolve, reject) => {
        const onMessage = (data: WebSocket.RawData) => {
          const frame = JSON.parse(String(data));
          if (frame.reply !== `join-${i}`) return;
          ws.off('message', onMessage);
          if (frame.result.ok) resolve(frame.result.value);
          else reject(new Error(frame.result.error.message));
        };
        ws.on('message', onMessage);
        ws.send(
          JSON.stringify({
            id: `join-${i}`,
            method: 'participant.join',
            input: { name: `Participant ${i + 1}`, clientActionId: `join-${i}` },
          }),
        );
      });
      people.push({ ws, name: joined.name, next: 0 });
    }

    let actions = 0;
    /** One tag by one participant; resolves with ms from send to the lead's socket. Untags it afterwards (untimed). */
    const tagOnce = async (person: (typeof people)[number]): Promise<number> => {
      const tagId = TAGS[person.next++ % TAGS.length]!;
      const arrived = arrival((m) => has(m, person.name, tagId));
      const sent = performance.now();
      person.ws.send(
        JSON.stringify({
          id: ++actions,
          method: 'participant.tag',
          input: { clientActionId: `a${actions}`, decisionId, tagId, direction: 'helps' },
        }),
      );
      const elapsed = (await arrived) - sent;
      const gone = arrival((m) => !has(m, person.name, tagId));
      person.ws.send(
        JSON.stringify({ id: ++actions, method: 'participant.untag', input: { clientActionId: `a${actions}`, decisionId, tagId } }),
      );
      await gone;
      return elapsed;
    };

    const oneAtATime: number[] = [];
    for (let i = 0; i < sequential; i++) {
      oneAtATime.push(await tagOnce(people[i % participants]!));
      // Each socket stays well inside its rate limit (20 messages a second).
      if (i % participants === participants - 1) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const together: number[] = [];
    for (let round = 0; round < bursts; round++) {
      together.push(...(await Promise.all(people.map((person) => tagOnce(person)))));
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    oneAtATime.sort((a, b) => a - b);
    together.sort((a, b) => a - b);
    const left = (await lead<Meeting>('meetings.get', { id: meeting.id })).agenda[0]!.decisions[0]!.tags.length;
    if (left !== 0) throw new Error(`${left} tag(s) were left behind; every untag should have removed its tag`);
    return [
      info(
        `participant tag → lead's screen, ${participants} participants connected, one tag at a time (${sequential} tags)`,
        ms(oneAtATime),
      ),
      info(
        `participant tag → lead's screen, all ${participants} tagging at the same moment (${bursts} rounds, every tag arrived)`,
        ms(together),
      ),
    ];
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.stop();
  }
}
