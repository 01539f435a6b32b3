/**
 * The dashboard's charts, as plain SVG. Each chart is one image to assistive technology
 * (role="img" with a sentence that gives its numbers), every bar carries a <title> and its number
 * printed beside it, and the table under each chart has every figure. Colours are the impact
 * theme variables (light and dark); each direction also has a pattern, so colour is never the only cue.
 */
import { useId, type ReactNode } from 'react';
import type { ImpactDirection } from '../../../../shared/domain';
import type { DirectionCounts } from '../../../../shared/dashboard';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';

// The app's one singular/plural choice (Intl.PluralRules), re-exported for the charts.
export { plural, pluralNoun } from '../../app/format';

export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const weekFormatWithYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
/** "Nov 23" for the week starting on Monday 2026-11-23. */
export function weekLabel(weekStart: string): string {
  const date = new Date(`${weekStart}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return weekStart;
  // "Nov 2" is this year's; another year's week says its year.
  return date.getUTCFullYear() === new Date().getFullYear() ? weekFormat.format(date) : weekFormatWithYear.format(date);
}

export function total(counts: DirectionCounts): number {
  return DIRECTIONS.reduce((sum, direction) => sum + counts[direction], 0);
}

/** "3 helps, 1 hurts" (directions with none left out). */
export function describeCounts(counts: DirectionCounts): string {
  const parts = DIRECTIONS.filter((direction) => counts[direction] > 0).map(
    (direction) => `${counts[direction]} ${DIRECTION_LABELS[direction].toLowerCase()}`,
  );
  return parts.length ? parts.join(', ') : 'none';
}

export function Patterns({ uid }: { uid: string }) {
  return (
    <defs>
      <pattern id={`${uid}-hurts`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <line className="dash-pattern-line" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
      <pattern id={`${uid}-mixed`} patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">
        <line className="dash-pattern-line" x1="0" y1="0" x2="0" y2="7" />
        <line className="dash-pattern-line" x1="0" y1="0" x2="7" y2="0" />
      </pattern>
      <pattern id={`${uid}-neutral`} patternUnits="userSpaceOnUse" width="6" height="7">
        <line className="dash-pattern-line dash-pattern-thin" x1="0" y1="3.5" x2="6" y2="3.5" />
      </pattern>
      <pattern id={`${uid}-unknown`} patternUnits="userSpaceOnUse" width="6" height="6">
        <circle className="dash-pattern-dot" cx="3" cy="3" r="1.3" />
      </pattern>
    </defs>
  );
}

export function Segment({
  uid,
  direction,
  x,
  y,
  width,
  height,
  title,
}: {
  uid: string;
  direction: ImpactDirection;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
}) {
  return (
    <g>
      <title>{title}</title>
      <rect className={`dash-seg dash-seg-${direction}`} x={x} y={y} width={width} height={height} />
      {direction === 'helps' ? null : (
        <rect className="dash-seg-pattern" x={x} y={y} width={width} height={height} fill={`url(#${uid}-${direction})`} />
      )}
    </g>
  );
}

export function Legend() {
  const uid = `legend${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  return (
    <ul className="dash-legend" aria-label="Legend">
      {DIRECTIONS.map((direction) => (
        <li key={direction}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <Patterns uid={uid} />
            <Segment uid={uid} direction={direction} x={0} y={0} width={16} height={16} title={DIRECTION_LABELS[direction]} />
          </svg>
          {DIRECTION_LABELS[direction]}
        </li>
      ))}
    </ul>
  );
}

/** Wider than this, a chart scrolls sideways (and its scroller takes focus, so the keyboard can scroll it). */
export const SCROLL_WIDTH = 720;

/** A chart and its table of numbers. */
export function Figure({ label, chart, table, width = 0 }: { label: string; chart: ReactNode; table: ReactNode; width?: number }) {
  return (
    <figure className="dash-figure">
      {width > SCROLL_WIDTH ? (
        <div className="dash-scroll" tabIndex={0} role="group" aria-label={`${label} (scrolls sideways)`}>
          {chart}
        </div>
      ) : (
        <div className="dash-scroll">{chart}</div>
      )}
      <details className="dash-table">
        <summary>Show the numbers as a table</summary>
        <div className="dash-scroll">
          <table>
            <caption className="visually-hidden">{label}</caption>
            {table}
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Column heads of numbers, right-aligned as their cells are. */
export function NumberHeadCells({ labels }: { labels: readonly string[] }) {
  return (
    <>
      {labels.map((label) => (
        <th key={label} scope="col" className="dash-num">
          {label}
        </th>
      ))}
    </>
  );
}

/** The column heads every direction table shares: one per impact direction, then the total. */
export function DirectionHeadCells() {
  return <NumberHeadCells labels={[...DIRECTIONS.map((direction) => DIRECTION_LABELS[direction]), 'Total']} />;
}
