/**
 * Display names (issue 16 §2): NFKC, no bidi controls or invisible characters, uniqueness by the
 * confusable skeleton (Unicode TS #39), both as pure rules and through a real join.
 */
import Conf from 'conf';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParticipantJoined } from '../../shared/participantApi';
import unhomoglyphPackage from 'unhomoglyph';
import confusables from 'unhomoglyph/data.json';
import { nameSkeleton, normalizeDisplayName, uniqueDisplayName, unhomoglyph } from '../../shared/participantNames';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import type { SharingAdapter } from '../../electron/service/participants';
import { runModule, sampleDraft, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the name rules', () => {
  it('normalises with NFKC and folds white space', () => {
    expect(normalizeDisplayName('Ａｎａ')).toEqual({ ok: true, name: 'Ana' }); // full-width letters
    expect(normalizeDisplayName('  Ana \t  Lee ')).toEqual({ ok: true, name: 'Ana Lee' });
    expect(normalizeDisplayName('ﬁona')).toEqual({ ok: true, name: 'fiona' }); // the ﬁ ligature
  });

  it.each([
    ['right-to-left override', 'Ana\u202Eeil'],
    ['left-to-right isolate', '\u2066Ana'],
    ['right-to-left mark', 'Ana\u200F'],
    ['Arabic letter mark', 'Ana\u061C'],
  ])('refuses a bidi control (%s)', (_label, name) => {
    expect(normalizeDisplayName(name)).toMatchObject({ ok: false, message: expect.stringContaining('bidirectional') });
  });

  it.each([
    ['zero-width space', 'A\u200Bna'],
    ['zero-width joiner', 'An\u200Da'],
    ['word joiner', 'Ana\u2060'],
    ['byte order mark', '\uFEFFAna'],
    ['soft hyphen', 'A\u00ADna'],
    ['Hangul filler', '\u3164'],
    ['variation selector', 'Ana\uFE0F'],
    ['tag character', 'Ana\u{E0041}'],
  ])('refuses an invisible character (%s)', (_label, name) => {
    expect(normalizeDisplayName(name)).toMatchObject({ ok: false, message: expect.stringContaining('invisible') });
  });

  it('refuses control characters and names that are only white space', () => {
    expect(normalizeDisplayName('Ana\u0007')).toMatchObject({ ok: false });
    expect(normalizeDisplayName('\u3000 ')).toMatchObject({ ok: false, message: 'Name must not be empty.' }); // ideographic space
  });

  it('gives names that look alike one skeleton, and names that do not, different ones', () => {
    expect(nameSkeleton('\u0410na')).toBe(nameSkeleton('Ana')); // Cyrillic А
    expect(nameSkeleton('\u0391na')).toBe(nameSkeleton('Ana')); // Greek Α
    expect(nameSkeleton('ANA')).toBe(nameSkeleton('ana'));
    expect(nameSkeleton('Pau1')).toBe(nameSkeleton('Paul')); // 1 and l
    expect(nameSkeleton('𝐀𝐧𝐚')).toBe(nameSkeleton('Ana')); // mathematical bold
    expect(nameSkeleton('Ana')).not.toBe(nameSkeleton('Ann'));
    expect(nameSkeleton('Zoë')).not.toBe(nameSkeleton('Zoe')); // a diaeresis is seen
  });

  it('maps exactly what the unhomoglyph package maps: every key of its table, and text around them', () => {
    const keys = Object.keys(confusables);
    expect(keys.length).toBeGreaterThan(6_000);
    expect(keys.filter((key) => [...key].length !== 1)).toEqual([]); // what a lookup per code point relies on
    for (const key of keys) expect(unhomoglyph(key)).toBe(unhomoglyphPackage(key));
    const mixed = `Ana ${keys.slice(0, 400).join(' x ')} 😀 \uD800 end`;
    expect(unhomoglyph(mixed)).toBe(unhomoglyphPackage(mixed));
    expect(unhomoglyph('\u0410na')).toBe('Ana'); // a Cyrillic А
  });

  it("maps the same when loaded by tsx, the scripts' loader, which gives a .json?raw import already parsed", () => {
    const module = path.join(ROOT, 'shared/participantNames.ts');
    const run = runModule(
      `const { nameSkeleton } = await import(${JSON.stringify(module)}); console.log(JSON.stringify(nameSkeleton('\\u0410na')));`,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toBe(nameSkeleton('Ana'));
  });

  it('numbers a name whose skeleton is taken', () => {
    const taken = new Set([nameSkeleton('Ana'), nameSkeleton('Ana (2)')]);
    expect(uniqueDisplayName('\u0410na', taken)).toBe('\u0410na (3)');
    expect(uniqueDisplayName('Bo', taken)).toBe('Bo');
  });
});

describe('through a join', () => {
  it('"Аna" with a Cyrillic А cannot pose as "Ana", a bidi name is refused, a full-width one is stored normalised', async () => {
    const started: { hub?: unknown } = {};
    const sharing: SharingAdapter = {
      start: async (options) => {
        started.hub = options.hub;
        return { port: 1, joinUrl: 'http://127.0.0.1:1/#join=x', qrSvg: '<svg/>' };
      },
      stop: () => {},
    };
    const library = openLibrary({
      dataDir: tempDir('empty-chair-names-'),
      StoreClass: Conf,
      role: 'test',
      backupIntervalMs: null,
      sharing,
    });
    try {
      const lead = <T>(method: string, input: unknown) => {
        const result = dispatch(library.service, method, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      };
      const meeting = lead<Meeting>('meetings.create', sampleDraft({ lead: 'Lena' }));
      lead('meetings.start', { id: meeting.id });
      lead('sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
      const shareId = (library.service.participants as unknown as { shares: Map<string, { id: string }> }).shares.get(meeting.id)!.id;
      let joins = 0;
      const join = (name: string, address = '10.0.0.1') =>
        library.service.participants.call(shareId, null, 'participant.join', { name, clientActionId: `join-${++joins}` }, address);
      const names = (name: string) => {
        const result = join(name);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return (result.value as ParticipantJoined).name;
      };

      expect(names('Ana')).toBe('Ana');
      expect(names('\u0410na')).toBe('\u0410na (2)');
      expect(names('ＡＮＡ')).toBe('ANA (3)');
      expect(names('L\u0435na')).toBe('L\u0435na (2)'); // a Cyrillic е posing as the lead
      expect(join('Eve\u202E')).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: 'Name must not hold bidirectional control characters.' },
      });
      expect(join('Eve\u200B')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(
        lead<{ participants: { name: string }[] }>('sharing.status', { meetingId: meeting.id }).participants.map((x) => x.name),
      ).toEqual(['Ana', '\u0410na (2)', 'ANA (3)', 'L\u0435na (2)']);
    } finally {
      library.close();
    }
  });
});
