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

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

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

function total(counts: DirectionCounts): number {
  return DIRECTIONS.reduce((sum, direction) => sum + counts[direction], 0);
}

/** "3 helps, 1 hurts" (directions with none left out). */
export function describeCounts(counts: DirectionCounts): string {
  const parts = DIRECTIONS.filter((direction) => counts[direction] > 0).map(
    (direction) => `${counts[direction]} ${DIRECTION_LABELS[direction].toLowerCase()}`,
  );
  return parts.length ? parts.join(', ') : 'none';
}

function Patterns({ uid }: { uid: string }) {
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

function Segment({
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
const SCROLL_WIDTH = 720;

/** A chart and its table of numbers. */
function Figure({ label, chart, table, width = 0 }: { label: string; chart: ReactNode; table: ReactNode; width?: number }) {
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

const COLUMN = 56;
const PLOT_HEIGHT = 160;
const TOP = 22;
const AXIS = 34;
const LEFT = 8;

/** A weekly bar's figure above it and its week below the axis. */
function WeekBarLabels({ centre, top, value, weekStart }: { centre: number; top: number; value: ReactNode; weekStart: string }) {
  return (
    <>
      <text className="dash-value" x={centre} y={top - 6} textAnchor="middle">
        {value}
      </text>
      <text className="dash-tick" x={centre} y={TOP + PLOT_HEIGHT + 18} textAnchor="middle">
        {weekLabel(weekStart)}
      </text>
    </>
  );
}

/** Chair coverage per week: one column per week, its percentage printed on top. */
export function CoverageChart({ weeks }: { weeks: { weekStart: string; coverage: number | null; covered: number; discussed: number }[] }) {
  const width = LEFT * 2 + weeks.length * COLUMN;
  const height = TOP + PLOT_HEIGHT + AXIS;
  const described = weeks.map(
    (week) =>
      `week of ${weekLabel(week.weekStart)}: ${week.coverage === null ? 'nothing discussed' : `${percent(week.coverage)} (${week.covered} of ${week.discussed} items)`}`,
  );
  const label = `Column chart: chair coverage per week. ${described.join('; ')}.`;
  return (
    <Figure
      label="Chair coverage per week"
      width={width}
      chart={
        <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="dash-svg">
          <line className="dash-axis" x1={LEFT} x2={width - LEFT} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} />
          <line className="dash-gridline" x1={LEFT} x2={width - LEFT} y1={TOP} y2={TOP} />
          {weeks.map((week, index) => {
            const x = LEFT + index * COLUMN + 10;
            const barWidth = COLUMN - 20;
            const barHeight = week.coverage === null ? 0 : Math.max(week.coverage > 0 ? 2 : 0, week.coverage * PLOT_HEIGHT);
            const y = TOP + PLOT_HEIGHT - barHeight;
            return (
              <g key={week.weekStart}>
                <title>{`Week of ${weekLabel(week.weekStart)}: ${week.coverage === null ? 'nothing discussed' : `${percent(week.coverage)}, ${week.covered} of ${week.discussed} items covered`}`}</title>
                {barHeight > 0 ? <rect className="dash-coverage-bar" x={x} y={y} width={barWidth} height={barHeight} /> : null}
                <WeekBarLabels centre={x + barWidth / 2} top={y} value={percent(week.coverage)} weekStart={week.weekStart} />
              </g>
            );
          })}
        </svg>
      }
      table={
        <>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col" className="dash-num">
                Items discussed
              </th>
              <th scope="col" className="dash-num">
                Covered by the chair
              </th>
              <th scope="col" className="dash-num">
                Coverage
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{weekLabel(week.weekStart)}</th>
                <td className="dash-num">{week.discussed}</td>
                <td className="dash-num">{week.covered}</td>
                <td className="dash-num">{percent(week.coverage)}</td>
              </tr>
            ))}
          </tbody>
        </>
      }
    />
  );
}

/** Stacked columns: one per week, one segment per direction, the total on top. */
export function DirectionWeeksChart({ weeks, what }: { weeks: { weekStart: string; decisions: DirectionCounts }[]; what: string }) {
  const uid = `dw${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const width = LEFT * 2 + weeks.length * COLUMN;
  const height = TOP + PLOT_HEIGHT + AXIS;
  const max = Math.max(1, ...weeks.map((week) => total(week.decisions)));
  const label = `Stacked column chart: ${what} per week by impact direction. ${weeks.map((week) => `week of ${weekLabel(week.weekStart)}: ${plural(total(week.decisions), 'decision')} (${describeCounts(week.decisions)})`).join('; ')}.`;
  return (
    <Figure
      label={`${what} per week by impact direction`}
      width={width}
      chart={
        <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="dash-svg">
          <Patterns uid={uid} />
          <line className="dash-axis" x1={LEFT} x2={width - LEFT} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} />
          {weeks.map((week, index) => {
            const x = LEFT + index * COLUMN + 10;
            const barWidth = COLUMN - 20;
            let y = TOP + PLOT_HEIGHT;
            const sum = total(week.decisions);
            const segments = DIRECTIONS.filter((direction) => week.decisions[direction] > 0).map((direction) => {
              const h = (week.decisions[direction] / max) * PLOT_HEIGHT;
              y -= h;
              return (
                <Segment
                  key={direction}
                  uid={uid}
                  direction={direction}
                  x={x}
                  y={y}
                  width={barWidth}
                  height={h}
                  title={`Week of ${weekLabel(week.weekStart)}: ${week.decisions[direction]} ${DIRECTION_LABELS[direction].toLowerCase()}`}
                />
              );
            });
            return (
              <g key={week.weekStart}>
                {segments}
                <WeekBarLabels centre={x + barWidth / 2} top={y} value={sum} weekStart={week.weekStart} />
              </g>
            );
          })}
        </svg>
      }
      table={
        <>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              {DIRECTIONS.map((direction) => (
                <th key={direction} scope="col" className="dash-num">
                  {DIRECTION_LABELS[direction]}
                </th>
              ))}
              <th scope="col" className="dash-num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{weekLabel(week.weekStart)}</th>
                {DIRECTIONS.map((direction) => (
                  <td key={direction} className="dash-num">
                    {week.decisions[direction]}
                  </td>
                ))}
                <td className="dash-num">{total(week.decisions)}</td>
              </tr>
            ))}
          </tbody>
        </>
      }
    />
  );
}

const BAR_WIDTH = 720;
const LABEL_WIDTH = 190;
const ROW = 30;
const BAR = 20;
const LABEL_CHARS = 26;

function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…` : label;
}

export interface BarRow {
  key: string;
  label: string;
  counts: DirectionCounts;
  /** Printed after the total, e.g. "net +2". */
  note?: string;
}

/** Horizontal stacked bars: one per tag or persona, one segment per direction, the total at the end. */
export function DirectionBarsChart({ rows, what, unit, rowHeading }: { rows: BarRow[]; what: string; unit: string; rowHeading: string }) {
  const uid = `db${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const area = BAR_WIDTH - LABEL_WIDTH - 10 - 90;
  const max = Math.max(1, ...rows.map((row) => total(row.counts)));
  const height = rows.length * ROW;
  const label = `Stacked bar chart: ${what} by impact direction. ${rows.map((row) => `${row.label}: ${plural(total(row.counts), unit)} (${describeCounts(row.counts)})${row.note ? `, ${row.note}` : ''}`).join('; ')}.`;
  return (
    <Figure
      label={`${what} by impact direction`}
      chart={
        <svg
          role="img"
          aria-label={label}
          viewBox={`0 0 ${BAR_WIDTH} ${height}`}
          width={BAR_WIDTH}
          height={height}
          className="dash-svg dash-bars"
        >
          <Patterns uid={uid} />
          {rows.map((row, index) => {
            const y = index * ROW + (ROW - BAR) / 2;
            const middle = index * ROW + ROW / 2;
            let x = LABEL_WIDTH + 10;
            const segments = DIRECTIONS.filter((direction) => row.counts[direction] > 0).map((direction) => {
              const w = (row.counts[direction] / max) * area;
              const start = x;
              x += w;
              return (
                <g key={direction}>
                  <Segment
                    uid={uid}
                    direction={direction}
                    x={start}
                    y={y}
                    width={w}
                    height={BAR}
                    title={`${row.label}: ${row.counts[direction]} ${DIRECTION_LABELS[direction].toLowerCase()}`}
                  />
                  {w >= 20 ? (
                    <text
                      className={`dash-seg-count dash-seg-count-${direction}`}
                      x={start + w / 2}
                      y={middle}
                      textAnchor="middle"
                      dominantBaseline="central"
                    >
                      {row.counts[direction]}
                    </text>
                  ) : null}
                </g>
              );
            });
            return (
              <g key={row.key}>
                <text className="dash-bar-label" x={LABEL_WIDTH} y={middle} textAnchor="end" dominantBaseline="central">
                  <title>{row.label}</title>
                  {shortLabel(row.label)}
                </text>
                {segments}
                <text className="dash-value" x={x + 6} y={middle} dominantBaseline="central">
                  {total(row.counts)}
                  {row.note ? ` · ${row.note}` : ''}
                </text>
              </g>
            );
          })}
        </svg>
      }
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{rowHeading}</th>
              {DIRECTIONS.map((direction) => (
                <th key={direction} scope="col" className="dash-num">
                  {DIRECTION_LABELS[direction]}
                </th>
              ))}
              <th scope="col" className="dash-num">
                Total
              </th>
              {rows.some((row) => row.note) ? (
                <th scope="col" className="dash-num">
                  Net
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" dir="auto">
                  {row.label}
                </th>
                {DIRECTIONS.map((direction) => (
                  <td key={direction} className="dash-num">
                    {row.counts[direction]}
                  </td>
                ))}
                <td className="dash-num">{total(row.counts)}</td>
                {row.note ? <td className="dash-num">{row.note.replace(/^net /, '')}</td> : null}
              </tr>
            ))}
          </tbody>
        </>
      }
    />
  );
}
