/** The shared busy/error hook behind the screens' service calls (renderer/src/app/useAction.ts). */
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/errors';
import { useAction } from '../../renderer/src/app/useAction';

// React drops a state update on an unmounted component silently, so the only way to see one is to
// record the setters' calls: every useState setter here notes what it was given once `late` is on.
const late = vi.hoisted(() => ({ on: false, updates: [] as unknown[] }));
vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof import('react')>();
  const useState = (initial: unknown) => {
    const [value, set] = react.useState(initial);
    const [tracked] = react.useState(() => (next: unknown) => {
      if (late.on) late.updates.push(next);
      set(next);
    });
    return [value, tracked];
  };
  return { ...react, default: { ...react, useState }, useState };
});

/** A promise the test settles itself, so "while pending" is a state, not a timing. */
function deferred() {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  beforeEach(() => {
    late.on = false;
    late.updates.length = 0;
  });

  it('is busy while the task is pending, then idle with no error after success', async () => {
    const { result } = renderHook(() => useAction());
    expect(result.current.busy).toBe(false);
    const task = deferred();
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.run(() => task.promise);
    });
    expect(result.current.busy).toBe(true);
    expect(result.current.error).toBeNull();
    await act(async () => {
      task.resolve();
      expect(await done).toBe(true);
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('shows the prefix and the service message on failure, and clears it when run again', async () => {
    const { result } = renderHook(() => useAction());
    let outcome: boolean | undefined;
    await act(async () => {
      outcome = await result.current.run(() => Promise.reject(new ApiError('not_found', 'the proposal is gone')), 'Could not undo: ');
    });
    expect(outcome).toBe(false);
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBe('Could not undo: the proposal is gone');

    const task = deferred();
    act(() => {
      void result.current.run(() => task.promise);
    });
    expect(result.current.error).toBeNull();
    await act(async () => task.resolve());
  });

  it('without a prefix shows the message alone; a thrown non-API error shows its message', async () => {
    const { result } = renderHook(() => useAction());
    await act(async () => {
      await result.current.run(() => Promise.reject(new Error('disk unplugged')));
    });
    expect(result.current.error).toBe('disk unplugged');
  });

  it('keeps a message the component set (validation) until the next run', async () => {
    const { result } = renderHook(() => useAction());
    act(() => result.current.setError('Write what needs doing first.'));
    expect(result.current.error).toBe('Write what needs doing first.');
    await act(async () => {
      await result.current.run(() => Promise.resolve());
    });
    expect(result.current.error).toBeNull();
  });

  it('does not run a second task while the first is in flight', async () => {
    const { result } = renderHook(() => useAction());
    const first = deferred();
    const second = vi.fn(() => Promise.resolve());
    let secondOutcome: Promise<boolean> | undefined;
    act(() => {
      void result.current.run(() => first.promise);
      // Same render, before React shows busy: the guard is not the busy state.
      secondOutcome = result.current.run(second);
    });
    expect(await secondOutcome).toBe(false);
    expect(second).not.toHaveBeenCalled();
    await act(async () => first.resolve());
    expect(result.current.busy).toBe(false);
    await act(async () => {
      expect(await result.current.run(second)).toBe(true);
    });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sets no state after the component unmounted mid-call (failure or success)', async () => {
    const { result, unmount } = renderHook(() => useAction());
    const failing = deferred();
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.run(() => failing.promise, 'Could not undo: ');
    });
    expect(result.current.busy).toBe(true);
    unmount();
    late.on = true;
    try {
      failing.reject(new ApiError('internal', 'too late'));
      expect(await done).toBe(false);
      expect(late.updates).toEqual([]);
    } finally {
      late.on = false;
    }

    const second = renderHook(() => useAction());
    const passing = deferred();
    act(() => {
      done = second.result.current.run(() => passing.promise);
    });
    second.unmount();
    late.on = true;
    try {
      passing.resolve();
      expect(await done).toBe(true);
      expect(late.updates).toEqual([]);
    } finally {
      late.on = false;
    }
  });

  it('the recorder sees updates (so the test above can fail)', async () => {
    const { result } = renderHook(() => useAction());
    late.on = true;
    try {
      await act(async () => {
        await result.current.run(() => Promise.reject(new ApiError('internal', 'seen')));
      });
      expect(late.updates).toEqual([true, null, 'seen', false]);
    } finally {
      late.on = false;
    }
  });
});
