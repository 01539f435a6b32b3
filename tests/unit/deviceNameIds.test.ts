/**
 * Ids become file names (meetings/<id>.json), and the id rules promise names safe on every OS:
 * the names Windows keeps for devices are refused at the boundary, in any case, with any extension.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { idSchema, WINDOWS_DEVICE_NAME } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { startServer } from '../../electron/server/httpServer';
import { closeOpened, openTemp, sampleDraft, valueOf } from './helpers';

afterEach(closeOpened);

const DEVICE_NAMES = ['CON', 'con', 'Con', 'PRN', 'aux', 'NUL', 'nUl', 'COM0', 'COM1', 'com9', 'LPT1', 'lpt9', 'LPT0'];
const NEAR_MISSES = ['CON1', 'COM10', 'LPT', 'console', 'nullable', 'auxiliary', 'com', 'prn-notes', 'NUL_'];

describe('ids that are device names on Windows', () => {
  it('the rule: the device names in any case and with any extension, and nothing else', () => {
    for (const name of [...DEVICE_NAMES, 'con.txt', 'NUL.json', 'Com1.tar.gz']) expect(WINDOWS_DEVICE_NAME.test(name), name).toBe(true);
    for (const name of NEAR_MISSES) expect(WINDOWS_DEVICE_NAME.test(name), name).toBe(false);
    for (const name of NEAR_MISSES) expect(idSchema.safeParse(name).success, name).toBe(true);
  });

  it.each(DEVICE_NAMES)('%s is refused as invalid input by every method that takes an id, changing nothing', (name) => {
    const library = openTemp();
    const meeting = valueOf<Meeting>(library, 'meetings.create', sampleDraft());
    const calls: [string, unknown][] = [
      ['meetings.get', { id: name }],
      ['meetings.update', { id: name, changes: { title: 'x' } }],
      ['meetings.delete', { id: name }],
      ['personas.update', { id: name, changes: { name: 'x' } }],
      ['agenda.remove', { meetingId: meeting.id, itemId: name }],
      ['meetings.import', { meeting: { ...meeting, id: name } }],
    ];
    for (const [method, input] of calls) {
      const result = dispatch(library.service, method, input);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(JSON.stringify(result.error), method).toMatch(/a name Windows keeps for a device/);
    }
    expect(valueOf<{ meetings: unknown[] }>(library, 'library.get', {}).meetings).toHaveLength(1);
  });

  it('near misses are ids like any other (not found, rather than invalid)', () => {
    const library = openTemp();
    for (const name of NEAR_MISSES) {
      expect(dispatch(library.service, 'meetings.get', { id: name }), name).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('is refused over HTTP too, with a 400 naming the field', async () => {
    const library = openTemp();
    const server = await startServer({ service: library.service });
    try {
      const response = await fetch(`${server.url}/api/meetings.get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ id: 'com1' }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; issues?: { path: string; message: string }[] } };
      expect(body.error.code).toBe('invalid_input');
      expect(body.error.issues).toContainEqual({ path: 'id', message: expect.stringMatching(/Windows keeps for a device/) });
    } finally {
      await server.close();
    }
  });
});
