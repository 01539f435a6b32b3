/**
 * The dashboard's charts, as plain SVG. Each chart is one image to assistive technology
 * (role="img" with a sentence that gives its numbers), every bar carries a <title> and its number
 * printed beside it, and the table under each chart has every figure. Colours are the impact
 * theme variables (light and dark); each direction also has a pattern, so colour is never the only cue.
 */
import { useId, type ReactNode } from 'react';
import type { DirectionCounts } from '../../../../shared/dashboard';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import {
  describeCounts,
  DirectionHeadCells,
  Figure,
  NumberHeadCells,
  Patterns,
  percent,
  plural,
  Segment,
  total,
  weekLabel,
} from './chartParts';

export { describeCounts, Legend, percent, weekLabel } from './chartParts';
export { DirectionBarsChart, type BarRow } from './barsChart';

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
      `week of ${weekLabel(week.weekStart)}: ${week.coverage === null ? 'nothing discussed' : `${percent(week.coverage)} (${week.covered} of ${plural(week.discussed, 'item')})`}`,
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
                <title>{`Week of ${weekLabel(week.weekStart)}: ${week.coverage === null ? 'nothing discussed' : `${percent(week.coverage)}, ${week.covered} of ${plural(week.discussed, 'item')} covered`}`}</title>
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
              <NumberHeadCells labels={['Items discussed', 'Covered by the chair', 'Coverage']} />
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
              <DirectionHeadCells />
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
