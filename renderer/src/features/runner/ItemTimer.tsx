import { useEffect, useState } from 'react';

function clock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds since an instant, ticking once a second; only this small component re-renders. */
function useSecondsSince(iso: string): number {
  const started = Date.parse(iso);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, (now - started) / 1000);
}

/**
 * Time on the current item against its timebox (since the item first became current). An overrun
 * says so in words ("+3:12 over") with a warning mark, not by colour alone.
 */
export function ItemTimer({ startedAt, timeboxMinutes }: { startedAt: string; timeboxMinutes: number }) {
  const elapsed = useSecondsSince(startedAt);
  const box = timeboxMinutes * 60;
  const over = elapsed > box;
  return (
    <span role="timer" className={over ? 'timer timer-over' : 'timer'}>
      {over ? (
        <>
          <span aria-hidden="true" className="timer-icon">
            ⚠
          </span>{' '}
          +{clock(elapsed - box)} over
        </>
      ) : (
        <>
          {clock(elapsed)} <span className="timer-of">of {clock(box)}</span>
        </>
      )}
    </span>
  );
}
