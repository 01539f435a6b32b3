/**
 * Every document the limits allow is creatable, savable and importable through every transport:
 * HTTP (the cap derived from shared/limits.ts, tested at the cap and one byte past it), the event
 * WebSocket, and the Electron IPC adapter. The participant server carries no documents (its inputs
 * are bounded by the participant API's own small limits), so its 64 KB cap stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { importJsonCharsMax, jsonChars, jsonCharsBound, LIMITS, maxRequestBytes } from '../../shared/limits';
import { dispatch } from '../../electron/service/dispatch';
import { INVOKE_CHANNEL, registerIpcHandlers, type InvokeEventLike, type IpcMainLike } from '../../electron/ipc';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { MAX_REQUEST_BYTES, startServer, type RunningServer } from '../../electron/server/httpServer';
import { open, tempDir } from './helpers';

let library: OpenLibrary;
let server: RunningServer;
beforeEach(async () => {
  library = open(tempDir());
  server = await startServer({ service: library.service });
});
afterEach(async () => {
  await server.close();
  library.close();
});

async function post(method: string, body: string) {
  const response = await fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body,
  });
  return { status: response.status, body: (await response.json()) as Result<any> };
}
const api = (method: string, input: unknown) => post(method, JSON.stringify(input));
async function value<T>(method: string, input: unknown): Promise<T> {
  const { body } = await api(method, input);
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value as T;
}

const CONTROL = '\u0001'; // JSON writes it as \u0001: six characters for one
/** Notes of `chars` characters that JSON writes as `json` characters (chars ≤ json ≤ 6 × chars). */
function notesOf(chars: number, json: number): string {
  const wide = Math.floor((json - chars) / 5);
  const rest = json - chars - wide * 5; // 0–4 more: some characters JSON writes as two (\\)
  return CONTROL.repeat(wide) + '\\'.repeat(rest) + 'n'.repeat(chars - wide - rest);
}

/** A meeting whose JSON is exactly LIMITS.meetingJsonCharsMax characters, made over HTTP. */
async function largestMeeting(): Promise<Meeting> {
  const items = LIMITS.agendaItemsMax;
  let meeting = await value<Meeting>('meetings.create', {
    title: 'Largest meeting',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    agenda: Array.from({ length: items }, (_, i) => ({ title: `Item ${i + 1}`, notes: '' })),
  });
  const room = LIMITS.meetingJsonCharsMax - jsonChars(meeting);
  const perItem = Math.floor(room / items);
  const agenda = meeting.agenda.map((item, i) => ({
    id: item.id,
    title: item.title,
    notes: notesOf(LIMITS.notesMax, i === items - 1 ? room - perItem * (items - 1) : perItem),
  }));
  // The agenda editor's save: the whole agenda in one request.
  const saved = await api('meetings.update', { id: meeting.id, changes: { agenda } });
  expect(saved).toMatchObject({ status: 200, body: { ok: true } });
  meeting = (saved.body as { value: Meeting }).value;
  // revision and updatedAt may differ in length by a character or two: trim to exactly the limit.
  const over = jsonChars(meeting) - LIMITS.meetingJsonCharsMax;
  if (over !== 0) {
    const last = meeting.agenda.at(-1)!;
    meeting = await value<Meeting>('agenda.update', {
      meetingId: meeting.id,
      itemId: last.id,
      changes: { notes: last.notes.slice(0, last.notes.length - over) },
    });
  }
  expect(jsonChars(meeting)).toBe(LIMITS.meetingJsonCharsMax);
  return meeting;
}

describe('the size of a document', () => {
  it('is bounded from string lengths alone, never below its JSON', () => {
    for (const value of [{ a: 'x\u0001"\\é😀' }, [1, true, null, 'é', { k: [{}] }], 'plain', { nested: { deep: ['\n'.repeat(50)] } }]) {
      expect(jsonCharsBound(value)).toBeGreaterThanOrEqual(jsonChars(value));
    }
  });

  it('one import carries at most importJsonCharsMax characters: two large meetings at once are refused, naming it', () => {
    const big = (title: string) => {
      const created = dispatch(library.service, 'meetings.create', {
        title,
        scheduledAt: '2026-11-24T09:30:00.000Z',
        agenda: Array.from({ length: 60 }, (_, i) => ({ title: `Item ${i + 1}`, notes: CONTROL.repeat(LIMITS.notesMax) })),
      }) as Result<Meeting>;
      if (!created.ok) throw new Error(created.error.message);
      return created.value;
    };
    const meetings = [big('One'), big('Two')];
    expect(jsonChars(meetings)).toBeGreaterThan(importJsonCharsMax());
    const other = open(tempDir());
    try {
      const result = dispatch(other.service, 'meetings.importMany', { meetings });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'limit_exceeded',
          message: expect.stringContaining(`One import carries at most ${importJsonCharsMax().toLocaleString('en')} characters`),
        },
      });
      expect(other.service.library().meetings).toEqual([]);
      expect(dispatch(other.service, 'meetings.importMany', { meetings: meetings.slice(0, 1) })).toMatchObject({ ok: true });
    } finally {
      other.close();
    }
  });
});

describe('the request cap', () => {
  it('is derived from the limits: three bytes per character of the largest import, and a margin', () => {
    expect(MAX_REQUEST_BYTES).toBe(maxRequestBytes());
    expect(MAX_REQUEST_BYTES).toBeGreaterThan(3 * importJsonCharsMax());
    expect(importJsonCharsMax()).toBeGreaterThan(LIMITS.meetingJsonCharsMax);
  });

  it('reads a body of exactly the cap, and refuses one byte more with 413 naming the limit', async () => {
    const envelope = JSON.stringify({ title: '', pad: '' });
    const atCap = JSON.stringify({ title: '', pad: 'x'.repeat(MAX_REQUEST_BYTES - envelope.length) });
    expect(Buffer.byteLength(atCap)).toBe(MAX_REQUEST_BYTES);
    const read = await post('meetings.create', atCap);
    expect(read).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input' } } }); // parsed, then refused by the schema
    const past = await post('meetings.create', `${atCap} `);
    expect(past).toMatchObject({ status: 413, body: { ok: false, error: { code: 'limit_exceeded' } } });
    expect(past.body.ok ? '' : past.body.error.message).toContain(
      `Requests are limited to ${MAX_REQUEST_BYTES.toLocaleString('en')} bytes`,
    );
  });
});

describe('documents at the limits, over HTTP and the event WebSocket', () => {
  it('a meeting of 60 items with 19,000-character notes is created, saved from the agenda editor and re-imported', async () => {
    const agenda = Array.from({ length: 60 }, (_, i) => ({ title: `Item ${i + 1}`, notes: 'é'.repeat(19_000) }));
    const meeting = await value<Meeting>('meetings.create', { title: 'Long notes', scheduledAt: '2026-11-24T09:30:00.000Z', agenda });
    expect(Buffer.byteLength(JSON.stringify(meeting))).toBeGreaterThan(2 * 1024 * 1024); // twice the old 1 MiB cap
    const saved = await value<Meeting>('meetings.update', {
      id: meeting.id,
      changes: { agenda: meeting.agenda.map(({ id, title, notes }) => ({ id, title, notes: `${notes.slice(1)}!` })) },
    });
    expect(saved.agenda[59]!.notes.endsWith('!')).toBe(true);
    const copy = await value<Meeting>('meetings.import', { meeting: saved, asCopy: true });
    expect(copy.agenda.map((i) => i.notes)).toEqual(saved.agenda.map((i) => i.notes));
  });

  it('the largest meeting the limits allow: saved, pushed whole over the WebSocket, imported; one character more is refused', async () => {
    const events: ApiEvent[] = [];
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${server.token}`, { origin: server.url });
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once('open', resolve));
    try {
      const meeting = await largestMeeting();
      await expect.poll(() => events.some((e) => e.event === 'meeting.changed' && e.payload.revision === meeting.revision)).toBe(true);
      const pushed = events.find((e) => e.event === 'meeting.changed' && e.payload.revision === meeting.revision)!;
      expect(jsonChars(pushed.payload)).toBe(LIMITS.meetingJsonCharsMax);

      const last = meeting.agenda.at(-1)!;
      const past = await api('agenda.update', {
        meetingId: meeting.id,
        itemId: last.id,
        changes: { notes: `${last.notes.slice(0, -1)}\\` },
      });
      expect(past).toMatchObject({ status: 413, body: { ok: false, error: { code: 'limit_exceeded' } } });
      expect(past.body.ok ? '' : past.body.error.message).toContain('a meeting holds at most 10,000,000 characters as JSON');

      // Into another library, through another server: the export's meeting as it is.
      const other = open(tempDir());
      const otherServer = await startServer({ service: other.service });
      try {
        const response = await fetch(`${otherServer.url}/api/meetings.import`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${otherServer.token}` },
          body: JSON.stringify({ meeting }),
        });
        expect(response.status).toBe(200);
        expect(jsonChars(other.service.meeting(meeting.id))).toBe(LIMITS.meetingJsonCharsMax);
      } finally {
        await otherServer.close();
        other.close();
      }
    } finally {
      ws.close();
    }
  });

  it('a meeting of three-byte characters, notes and answers at their limits, travels as 24 MB', async () => {
    const agenda = Array.from({ length: LIMITS.agendaItemsMax }, (_, i) => ({
      title: `Item ${i + 1}`,
      notes: '€'.repeat(LIMITS.notesMax),
    }));
    let meeting = await value<Meeting>('meetings.create', { title: 'Euros', scheduledAt: '2026-11-24T09:30:00.000Z', agenda });
    meeting.agenda = meeting.agenda.map((item) => ({
      ...item,
      answer: {
        text: '€'.repeat(LIMITS.answerMax),
        direction: 'helps',
        severity: 1,
        personaIds: [],
        by: 'Ana',
        at: item.startedAt ?? meeting.createdAt,
      },
    }));
    const body = JSON.stringify({ meeting, asCopy: true });
    expect(Buffer.byteLength(body)).toBeGreaterThan(24_000_000);
    const imported = await post('meetings.import', body);
    expect(imported).toMatchObject({ status: 200, body: { ok: true } });
    meeting = (imported.body as { value: Meeting }).value;
    expect(meeting.agenda[199]!.answer!.text).toHaveLength(LIMITS.answerMax);
  });
});

describe('the Electron IPC adapter', () => {
  it('carries the largest meeting in and out', async () => {
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const dispose = registerIpcHandlers(ipcMain, library.service, () => true);
    try {
      const meeting = await largestMeeting();
      const other = open(tempDir());
      const otherIpc = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
      const stop = registerIpcHandlers({ handle: (c, l) => void otherIpc.set(c, l), removeHandler: () => {} }, other.service, () => true);
      try {
        const frame = { senderFrame: { url: 'app://empty-chair/index.html', parent: null } };
        const result = structuredClone(
          await otherIpc.get(INVOKE_CHANNEL)!(frame, 'meetings.import', structuredClone({ meeting })),
        ) as Result<Meeting>;
        expect(result.ok).toBe(true);
        expect(jsonChars(result.ok ? result.value : null)).toBe(LIMITS.meetingJsonCharsMax);
      } finally {
        stop();
        other.close();
      }
    } finally {
      dispose();
    }
  });
});
