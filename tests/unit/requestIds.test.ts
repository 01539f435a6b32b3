/**
 * Adds are safe to retry: a save the disk refuses is kept in memory (storage_error), and the same
 * call tried again with its request id is answered from the request log instead of adding twice,
 * through the dispatcher, over HTTP (Idempotency-Key), and by the renderer's client, which retries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { REQUEST_ID_HEADER } from '../../shared/requestIds';
import { INVOKE_CHANNEL, registerIpcHandlers, type InvokeEventLike } from '../../electron/ipc';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { REQUEST_LOG_MAX, REQUEST_LOG_TTL_MS, RequestLog } from '../../electron/service/requestLog';
import { startServer, type RunningServer } from '../../electron/server/httpServer';
import { createClient } from '../../renderer/src/api/client';
import { createHttpTransport } from '../../renderer/src/api/httpTransport';
import { open, refuseWrites, sampleDraft, savedText, tempDir } from './helpers';

const closing: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** A meeting whose file the disk now refuses to write; `allow` gives the disk back. */
function refusingMeeting() {
  const dir = tempDir();
  const library: OpenLibrary = open(dir);
  closing.push(() => library.close());
  const created = dispatch(library.service, 'meetings.create', sampleDraft()) as Result<Meeting>;
  if (!created.ok) throw new Error(created.error.message);
  const meeting = created.value;
  const file = path.join(dir, 'meetings', `${meeting.id}.json`);
  const allow = refuseWrites(file);
  return { library, meeting, file, allow };
}

describe('a retried add, after the disk refused its save', () => {
  it('is answered from the request log: never added twice, and "saved" once the disk allows', () => {
    const { library, meeting, file, allow } = refusingMeeting();
    const input = { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, decision: { text: 'Cap price rises at 5%' } };
    const first = dispatch(library.service, 'decisions.add', input, 'retry-me-0001');
    expect(first).toMatchObject({ ok: false, error: { code: 'storage_error', message: expect.stringMatching(/kept in Empty Chair/) } });
    const again = dispatch(library.service, 'decisions.add', input, 'retry-me-0001');
    expect(again).toEqual(first);
    expect(library.service.meeting(meeting.id).agenda[0]!.decisions).toHaveLength(1);

    allow();
    expect(library.service.flushUnsaved()).toBe(true);
    const afterDisk = dispatch(library.service, 'decisions.add', input, 'retry-me-0001') as Result<Meeting>;
    expect(afterDisk.ok).toBe(true);
    expect(afterDisk.ok && afterDisk.value.agenda[0]!.decisions.map((d) => d.text)).toEqual(['Cap price rises at 5%']);
    expect(JSON.parse(savedText(file)).agenda[0].decisions).toHaveLength(1);

    // Without the id (or with a new one) it is a new call, and adds again: the id is what makes it safe.
    expect(dispatch(library.service, 'decisions.add', input, 'another-0002')).toMatchObject({ ok: true });
    expect(library.service.meeting(meeting.id).agenda[0]!.decisions).toHaveLength(2);
  });

  it('runs every step of a call in memory although the first save was refused', () => {
    const { library, meeting, allow } = refusingMeeting();
    // createNext: names a series (index), marks this meeting (refused), creates the next one: all happen.
    const result = dispatch(
      library.service,
      'meetings.createNext',
      { id: meeting.id, scheduledAt: '2026-12-24T09:30:00Z' },
      'next-meeting-01',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    expect(library.service.library().meetings).toHaveLength(2);
    expect(library.service.library().series).toHaveLength(1);
    expect(
      dispatch(library.service, 'meetings.createNext', { id: meeting.id, scheduledAt: '2026-12-24T09:30:00Z' }, 'next-meeting-01'),
    ).toMatchObject({
      ok: false,
      error: { code: 'storage_error' },
    });
    expect(library.service.library().meetings).toHaveLength(2);
    allow();
  });

  it('refuses a request id reused for another method', () => {
    const { library, meeting, allow } = refusingMeeting();
    allow();
    expect(dispatch(library.service, 'agenda.add', { meetingId: meeting.id, item: { title: 'One' } }, 'used-once-0001')).toMatchObject({
      ok: true,
    });
    expect(dispatch(library.service, 'followUps.add', { meetingId: meeting.id, text: 'Two' }, 'used-once-0001')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('already used for agenda.add') },
    });
  });
});

describe('over HTTP, and from the renderer client', () => {
  async function serve(library: OpenLibrary): Promise<RunningServer> {
    const server = await startServer({ service: library.service });
    closing.push(() => server.close());
    return server;
  }

  it('the Idempotency-Key header carries the request id', async () => {
    const { library, meeting, allow } = refusingMeeting();
    const server = await serve(library);
    const add = () =>
      fetch(`${server.url}/api/agenda.add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, [REQUEST_ID_HEADER]: 'http-retry-0001' },
        body: JSON.stringify({ meetingId: meeting.id, item: { title: 'Pricing FAQ' } }),
      });
    expect((await add()).status).toBe(500);
    expect((await add()).status).toBe(500);
    allow();
    library.service.flushUnsaved();
    const saved = await add();
    expect(saved.status).toBe(200);
    expect(library.service.meeting(meeting.id).agenda.filter((item) => item.title === 'Pricing FAQ')).toHaveLength(1);
  });

  it('the client retries a refused add with the same id, and gets "saved" once the disk allows', async () => {
    const { library, meeting, file, allow } = refusingMeeting();
    const server = await serve(library);
    const sent: string[] = [];
    const transport = createHttpTransport({ baseUrl: server.url, token: server.token });
    const client = createClient(
      {
        invoke: (method, input, requestId) => {
          sent.push(`${method} ${requestId}`);
          return transport.invoke(method, input, requestId);
        },
        subscribe: transport.subscribe,
      },
      {
        // The disk comes back while the client waits to retry (the service retries on its own timer).
        sleep: async () => {
          allow();
          library.service.flushUnsaved();
        },
      },
    );
    const updated = await client.call('followUps.add', { meetingId: meeting.id, text: 'Call Priya' });
    expect(updated.followUps.map((f) => f.text)).toEqual(['Call Priya']);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
    expect(sent[0]).toMatch(/^followUps\.add [0-9a-f-]{32,36}$/);
    expect(JSON.parse(savedText(file)).followUps).toHaveLength(1);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('over the Electron IPC adapter', () => {
  it('the third argument carries the request id', () => {
    const { library, meeting, allow } = refusingMeeting();
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const dispose = registerIpcHandlers(
      { handle: (c, l) => void handlers.set(c, l), removeHandler: () => {} },
      library.service,
      () => true,
    );
    closing.push(dispose);
    const frame = { senderFrame: { url: 'app://empty-chair/index.html', parent: null } };
    const add = () =>
      handlers.get(INVOKE_CHANNEL)!(frame, 'agenda.add', { meetingId: meeting.id, item: { title: 'Over IPC' } }, 'ipc-retry-0001');
    expect(add()).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    allow();
    library.service.flushUnsaved();
    expect(add()).toMatchObject({ ok: true });
    expect(library.service.meeting(meeting.id).agenda.filter((item) => item.title === 'Over IPC')).toHaveLength(1);
  });
});

describe('the request log', () => {
  it('remembers at most REQUEST_LOG_MAX calls, for REQUEST_LOG_TTL_MS', () => {
    let now = 0;
    const log = new RequestLog(() => now);
    for (let i = 0; i <= REQUEST_LOG_MAX; i++) log.remember(`request-${i}`, 'agenda.add', i, null);
    expect(log.replay('request-0', 'agenda.add', () => false)).toBeUndefined(); // the oldest went when one more came
    expect(log.replay('request-1', 'agenda.add', () => false)).toEqual({ ok: true, value: 1 });
    now = REQUEST_LOG_TTL_MS;
    expect(log.replay(`request-${REQUEST_LOG_MAX}`, 'agenda.add', () => false)).toEqual({ ok: true, value: REQUEST_LOG_MAX });
    now = REQUEST_LOG_TTL_MS + 1;
    expect(log.replay(`request-${REQUEST_LOG_MAX}`, 'agenda.add', () => false)).toBeUndefined();
  });
});
