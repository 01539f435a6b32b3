import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { IMPACT_DIRECTIONS, THEMES as SHARED_THEMES } from '../../shared/domain';
import { describeSaveError, TextFieldController } from '../../renderer/src/app/autosaveControllers';
import { SaveRegistry } from '../../renderer/src/app/saveRegistry';
import { DIRECTIONS, THEMES } from '../../renderer/src/app/constants';
import { isTypingTarget } from '../../renderer/src/app/keyboard';
import { shareUnchanged } from '../../renderer/src/app/shareUnchanged';
import { ApiError } from '../../shared/errors';

describe('renderer constants', () => {
  it('are the shared ones', () => {
    expect(DIRECTIONS).toEqual(IMPACT_DIRECTIONS);
    expect(THEMES).toEqual(SHARED_THEMES);
  });
});

describe('shareUnchanged', () => {
  it('keeps the previous objects for equal parts, and only those', () => {
    const before = {
      revision: 1,
      agenda: [
        { id: 'a', decisions: [{ id: 'd1' }] },
        { id: 'b', decisions: [] as { id: string }[] },
      ],
    };
    const after = structuredClone(before);
    after.revision = 2;
    after.agenda[1]!.decisions.push({ id: 'd2' });
    const shared = shareUnchanged(before, after);
    expect(shared).toEqual(after);
    expect(shared).not.toBe(before);
    expect(shared.agenda[0]).toBe(before.agenda[0]);
    expect(shared.agenda[1]).not.toBe(before.agenda[1]);
    expect(shareUnchanged(before, structuredClone(before))).toBe(before);
    expect(shareUnchanged([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(shareUnchanged({ a: 1, b: undefined } as Record<string, unknown>, { a: 1 })).toEqual({ a: 1 });
  });

  it('copies only from the first difference, keeping key order, and handles shorter arrays and dropped or added keys', () => {
    const first = { id: 'x' };
    const before = { a: first, b: { n: 1 }, c: [first, { n: 2 }, { n: 3 }], d: 'same' };
    const after = { a: { id: 'x' }, b: { n: 9 }, c: [{ id: 'x' }, { n: 2 }], d: 'same', e: 1 };
    const shared = shareUnchanged<Record<string, unknown>>(before, after);
    expect(shared).toEqual(after);
    expect(Object.keys(shared)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shared.a).toBe(first);
    const c = shared.c as unknown[];
    expect(c).not.toBe(before.c);
    expect(c[0]).toBe(first);
    expect(c[1]).toBe(before.c[1]);
    expect(shareUnchanged<Record<string, unknown>>({ a: first, b: 2 }, { a: { id: 'x' } })).toEqual({ a: first });
    expect((shareUnchanged<Record<string, unknown>>({ a: first, b: 2 }, { a: { id: 'x' } }) as { a: unknown }).a).toBe(first);
    // JSON.parse makes "__proto__" an own key; the copy must keep it one (found by the property below).
    const odd = shareUnchanged<object>({ a: 1 }, JSON.parse('{"a":1,"__proto__":[]}') as object);
    expect(Array.isArray(odd)).toBe(false);
    expect(Object.getOwnPropertyNames(odd)).toEqual(['a', '__proto__']);
  });

  it('on random documents: equal to the new one, and every part equal to the old one is the old object', () => {
    // A copy of `value` (as JSON.parse would make it) with some parts changed, dropped or added.
    const edit = (value: unknown, rolls: Iterator<number>, replacement: unknown): unknown => {
      const roll = () => rolls.next().value as number;
      if (Array.isArray(value)) {
        const kept = roll() < 0.15 ? value.slice(0, -1) : value;
        return kept.map((v) => (roll() < 0.3 ? edit(v, rolls, replacement) : structuredClone(v)));
      }
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).map(
          ([k, v]) => [k, roll() < 0.3 ? edit(v, rolls, replacement) : structuredClone(v)] as const,
        );
        if (roll() < 0.15) entries.push(['added', replacement]);
        return Object.fromEntries(entries);
      }
      return roll() < 0.5 ? value : replacement;
    };
    const checkShared = (old: unknown, result: unknown): number => {
      if (old !== null && typeof old === 'object' && JSON.stringify(old) === JSON.stringify(result)) {
        expect(result).toBe(old);
        return 1;
      }
      if (Array.isArray(old) && Array.isArray(result)) return result.reduce<number>((n, v, i) => n + checkShared(old[i], v), 0);
      if (
        old !== null &&
        result !== null &&
        typeof old === 'object' &&
        typeof result === 'object' &&
        !Array.isArray(old) &&
        !Array.isArray(result)
      ) {
        return Object.entries(result).reduce((n, [k, v]) => n + checkShared((old as Record<string, unknown>)[k], v), 0);
      }
      return 0;
    };
    let sharedSeen = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        fc.jsonValue({ maxDepth: 1 }),
        (before, rolls, replacement) => {
          const after = edit(before, rolls[Symbol.iterator](), replacement);
          const result = shareUnchanged(before as unknown, after);
          expect(result).toEqual(after);
          sharedSeen += checkShared(before, result);
        },
      ),
      { numRuns: 300 },
    );
    expect(sharedSeen).toBeGreaterThan(100); // the check did meet shared parts
  });
});

describe('isTypingTarget', () => {
  it('is true for text fields and false for radios, checkboxes and buttons', () => {
    const make = (html: string) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      document.body.appendChild(host);
      return host.firstElementChild!;
    };
    expect(isTypingTarget(make('<input>'))).toBe(true);
    expect(isTypingTarget(make('<input type="date">'))).toBe(true);
    expect(isTypingTarget(make('<textarea></textarea>'))).toBe(true);
    expect(isTypingTarget(make('<select><option>a</option></select>'))).toBe(true);
    expect(isTypingTarget(make('<div contenteditable="true"></div>'))).toBe(true);
    expect(isTypingTarget(make('<input type="radio">'))).toBe(false);
    expect(isTypingTarget(make('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(make('<button>x</button>'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    document.body.innerHTML = '';
  });
});

describe('TextFieldController', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('sends one save at a time, the latest text last, and ignores the echoes of its own saves', async () => {
    const sent: string[] = [];
    const pending: ReturnType<typeof deferred>[] = [];
    const field = new TextFieldController('', 'g', {
      send: (value) => {
        sent.push(value);
        const d = deferred();
        pending.push(d);
        return d.promise;
      },
      delayMs: 0,
      maxWaitMs: 0,
    });
    field.change('a');
    const first = field.flush();
    field.change('ab');
    field.change('abc');
    void field.flush();
    expect(sent).toEqual(['a']); // the second waits for the first
    field.receive('a'); // the echo of the first save arrives while "abc" is typed
    expect(field.value).toBe('abc');
    pending[0]!.resolve();
    await vi.waitFor(() => expect(sent).toEqual(['a', 'abc']));
    pending[1]!.resolve();
    await first; // one flush covers the whole chain of saves
    field.receive('abc');
    expect(field.value).toBe('abc');
    expect(field.status).toBe('saved');
    expect(field.getSnapshot().conflict).toBeNull();
  });

  it('takes a change from elsewhere when clean, and asks when it meets unsaved typing', async () => {
    const field = new TextFieldController('x', 'g', { send: () => Promise.resolve(), delayMs: 10_000, maxWaitMs: 10_000 });
    field.receive('from elsewhere');
    expect(field.value).toBe('from elsewhere');
    field.change('mine');
    field.receive('theirs');
    expect(field.value).toBe('mine');
    expect(field.getSnapshot()).toMatchObject({ conflict: { theirs: 'theirs' } });
    field.dispose();
  });

  it('re-renders nothing on a keystroke: the status reaches the registry, the component hears only errors and conflicts', async () => {
    let fail = false;
    const field = new TextFieldController('', 'g', {
      send: () => (fail ? Promise.reject(new ApiError('storage_error', 'Disk full.')) : Promise.resolve()),
      delayMs: 10_000,
      maxWaitMs: 10_000,
    });
    const registry = new SaveRegistry();
    registry.register(field);
    let componentHeard = 0;
    let registryHeard = 0;
    field.subscribe(() => componentHeard++);
    registry.subscribe(() => registryHeard++);
    const shown = field.getSnapshot();
    for (const typed of ['a', 'ab', 'abc', 'abcd']) field.change(typed);
    expect(registry.summary('g')).toBe('saving');
    expect(registryHeard).toBe(1); // "Saving…", once
    expect(componentHeard).toBe(0);
    expect(field.getSnapshot()).toBe(shown); // useSyncExternalStore sees nothing new, so no render
    expect(field.value).toBe('abcd');
    await field.flush();
    expect(registry.summary('g')).toBe('saved');
    expect(componentHeard).toBe(0);
    fail = true;
    field.change('abcde');
    await field.flush();
    expect(componentHeard).toBe(1); // the error is shown
    expect(field.getSnapshot().error?.message).toBe('Disk full.');
  });

  it('puts the text into its uncontrolled element, and a text from elsewhere too, keeping the caret', async () => {
    const field = new TextFieldController('first', 'g', { send: () => Promise.resolve(), delayMs: 10_000, maxWaitMs: 10_000 });
    const box = document.createElement('textarea');
    document.body.append(box);
    field.attach(box);
    expect(box.value).toBe('first');
    box.focus();
    box.setSelectionRange(2, 3);
    field.receive('first, then more from the other window');
    expect(box.value).toBe('first, then more from the other window');
    expect([box.selectionStart, box.selectionEnd]).toEqual([2, 3]);

    // Typed here (the element already shows it), then a collision: nothing in the element is replaced...
    box.value = 'mine';
    field.change('mine');
    field.receive('theirs');
    expect(box.value).toBe('mine');
    expect(field.getSnapshot().conflict).toEqual({ theirs: 'theirs' });
    // ...until the user chooses their text.
    field.useTheirs();
    expect(box.value).toBe('theirs');
    expect(field.value).toBe('theirs');
    await field.flush();
    box.remove();
  });

  it('recognises a trimmed echo when told how the service stores the text', () => {
    const field = new TextFieldController('', 'g', { send: () => Promise.resolve(), normalize: (v) => v.trim(), delayMs: 10_000 });
    field.change('Ana ');
    void field.flush();
    field.receive('Ana');
    expect(field.value).toBe('Ana ');
    expect(field.getSnapshot()).toMatchObject({ conflict: null });
  });
});

describe('describeSaveError', () => {
  it('says how long a text is and how long it may be', () => {
    const error = new ApiError('invalid_input', 'Changes text must be at most 20000 characters.', [
      { path: 'changes.text', message: 'must be at most 20000 characters' },
    ]);
    expect(describeSaveError(error, 'The answer', 'x'.repeat(20_001))).toBe(
      'The answer is too long to save: at most 20,000 characters. It has 20,001. Shorten it and it saves again.',
    );
    expect(describeSaveError(new ApiError('storage_error', 'Disk full.'), 'The notes')).toBe('The notes is not saved: Disk full.');
  });
});

describe('localDateTimeInput (the "Next in series" default time)', () => {
  it('adds calendar days, so 09:00 stays 09:00 across a daylight-saving change', async () => {
    const { localDateTimeInput } = await import('../../renderer/src/features/series/SeriesActions');
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      // 20 Oct 2026 09:00 in Berlin (summer time) is 07:00 UTC; a week later is winter time.
      expect(localDateTimeInput('2026-10-20T07:00:00.000Z', 7)).toBe('2026-10-27T09:00');
      expect(localDateTimeInput('2026-10-20T07:00:00.000Z')).toBe('2026-10-20T09:00');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
