import { describe, expect, it, vi } from 'vitest';
import { IMPACT_DIRECTIONS, THEMES as SHARED_THEMES } from '../../shared/domain';
import { describeSaveError, SaveRegistry, TextFieldController } from '../../renderer/src/app/autosave';
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
    const before = { revision: 1, agenda: [{ id: 'a', decisions: [{ id: 'd1' }] }, { id: 'b', decisions: [] as { id: string }[] }] };
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
    const error = new ApiError('invalid_input', 'Changes text must be at most 20000 characters.', [{ path: 'changes.text', message: 'must be at most 20000 characters' }]);
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
