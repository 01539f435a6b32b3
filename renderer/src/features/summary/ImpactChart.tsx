import { useId, useMemo } from 'react';
import type { ImpactDirection } from '../../../../shared/domain';
import { directionLabel, type ImpactSummary } from '../../../../shared/summary/summary';
import { CHART_DIRECTIONS, chartModel, type ChartRow } from './chartData';

/** Drawing units; the SVG scales down on a narrow window and never up (see .sum-chart svg). */
const WIDTH = 720;
const LABEL_WIDTH = 180;
const TOTAL_WIDTH = 40;
const GAP = 10;
const BAR_AREA = WIDTH - LABEL_WIDTH - GAP - TOTAL_WIDTH;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
const LABEL_CHARS = 24;
/** A segment narrower than this shows no count inside: the table has it. */
const MIN_COUNT_WIDTH = 20;

/** Colour is never the only cue: every direction but "helps" (solid) has its own pattern. */
function Pattern({ id, direction }: { id: string; direction: ImpactDirection }) {
  switch (direction) {
    case 'helps':
      return null;
    case 'hurts':
      return (
        <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <line className="sum-pattern-line" x1="0" y1="0" x2="0" y2="6" />
        </pattern>
      );
    case 'mixed':
      return (
        <pattern id={id} patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">
          <line className="sum-pattern-line" x1="0" y1="0" x2="0" y2="7" />
          <line className="sum-pattern-line" x1="0" y1="0" x2="7" y2="0" />
        </pattern>
      );
    case 'neutral':
      return (
        <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="7">
          <line className="sum-pattern-line sum-pattern-thin" x1="0" y1="3.5" x2="6" y2="3.5" />
        </pattern>
      );
    case 'unknown':
      return (
        <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6">
          <circle className="sum-pattern-dot" cx="3" cy="3" r="1.3" />
        </pattern>
      );
  }
}

function shorten(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…` : label;
}

/** One direction's fill: its colour, and its pattern on top. */
function Swatch({
  direction,
  patternId,
  x,
  y,
  width,
  height,
}: {
  direction: ImpactDirection;
  patternId: (d: ImpactDirection) => string;
  x: number;
  y: number;
  width: number;
  height: number;
}) {
  return (
    <>
      <rect className={`sum-seg sum-seg-${direction}`} x={x} y={y} width={width} height={height} />
      {direction === 'helps' ? null : (
        <rect className="sum-seg-pattern" x={x} y={y} width={width} height={height} fill={`url(#${patternId(direction)})`} />
      )}
    </>
  );
}

/** Where each direction's segment starts and how wide it is, in drawing units. */
function layoutSegments(chartRow: ChartRow, max: number): { direction: ImpactDirection; count: number; start: number; width: number }[] {
  const present = CHART_DIRECTIONS.filter((d) => chartRow.counts[d] > 0);
  return present.map((direction, index) => {
    const before = present.slice(0, index).reduce((sum, d) => sum + chartRow.counts[d], 0);
    const count = chartRow.counts[direction];
    return { direction, count, start: LABEL_WIDTH + GAP + (before / max) * BAR_AREA, width: (count / max) * BAR_AREA };
  });
}

function Bar({
  chartRow,
  index,
  max,
  patternId,
}: {
  chartRow: ChartRow;
  index: number;
  max: number;
  patternId: (d: ImpactDirection) => string;
}) {
  const y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
  const middle = index * ROW_HEIGHT + ROW_HEIGHT / 2;
  const layout = layoutSegments(chartRow, max);
  const end = LABEL_WIDTH + GAP + (chartRow.total / max) * BAR_AREA;
  const segments = layout.map(({ direction, count, start, width }) => (
    <g key={direction}>
      <Swatch direction={direction} patternId={patternId} x={start} y={y} width={width} height={BAR_HEIGHT} />
      {width >= MIN_COUNT_WIDTH ? (
        <text
          className={`sum-seg-count sum-seg-count-${direction}`}
          x={start + width / 2}
          y={middle}
          textAnchor="middle"
          dominantBaseline="central"
        >
          {count}
        </text>
      ) : null}
    </g>
  ));
  return (
    <g className={`sum-chart-row sum-chart-row-${chartRow.kind}`}>
      <text className="sum-chart-label" x={LABEL_WIDTH} y={middle} textAnchor="end" dominantBaseline="central">
        <title>{chartRow.label}</title>
        {shorten(chartRow.label)}
      </text>
      {segments}
      <text className="sum-chart-total" x={end + 6} y={middle} dominantBaseline="central">
        {chartRow.total}
      </text>
    </g>
  );
}

/**
 * Decisions by tag and impact direction, as a stacked bar chart. The SVG is one image to assistive
 * technology (role="img" with a summary of every bar); the exact numbers are in the table below it.
 * Colours come from theme variables (light and dark), each direction also has a pattern and the
 * legend names them, and counts are written on the bars.
 */
export function ImpactChart({ summary }: { summary: ImpactSummary }) {
  const model = useMemo(() => chartModel(summary), [summary]);
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const patternId = (direction: ImpactDirection) => `sum-pattern-${uid}-${direction}`;
  const noteId = `sum-chart-note-${uid}`;

  if (summary.decisionCount === 0) {
    return <p className="sum-empty">No decisions to chart yet. Decisions logged in the meeting are counted here by tag and impact.</p>;
  }
  const height = model.rows.length * ROW_HEIGHT;
  return (
    <figure className="sum-chart">
      <svg
        role="img"
        aria-label={model.description}
        aria-describedby={noteId}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          {CHART_DIRECTIONS.map((direction) => (
            <Pattern key={direction} id={patternId(direction)} direction={direction} />
          ))}
        </defs>
        {model.rows.map((chartRow, index) => (
          <Bar key={chartRow.key} chartRow={chartRow} index={index} max={model.max} patternId={patternId} />
        ))}
      </svg>
      <figcaption>
        <ul className="sum-legend" aria-label="Legend">
          {CHART_DIRECTIONS.map((direction) => (
            <li key={direction}>
              <svg className="sum-legend-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <Swatch direction={direction} patternId={patternId} x={0} y={0} width={16} height={16} />
              </svg>
              {directionLabel(direction)}
            </li>
          ))}
        </ul>
        <p id={noteId} className="hint">
          A decision with several tags counts once under each of them.
        </p>
      </figcaption>
      <details className="sum-chart-table">
        <summary>Show the numbers as a table</summary>
        <div className="sum-table-scroll">
          <table className="sum-table">
            <caption className="visually-hidden">Decisions by tag and impact direction</caption>
            <thead>
              <tr>
                <th scope="col">Tag</th>
                {CHART_DIRECTIONS.map((direction) => (
                  <th key={direction} scope="col" className="sum-num">
                    {directionLabel(direction)}
                  </th>
                ))}
                <th scope="col" className="sum-num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {model.allRows.map((chartRow) => (
                <tr key={chartRow.key}>
                  <th scope="row" className={chartRow.kind === 'tag' ? undefined : 'sum-muted-label'}>
                    {chartRow.kind === 'tag' ? <span dir="auto">{chartRow.label}</span> : chartRow.label}
                    {chartRow.known ? null : <span className="muted"> (no longer in the library)</span>}
                  </th>
                  {CHART_DIRECTIONS.map((direction) => (
                    <td key={direction} className="sum-num">
                      {chartRow.counts[direction]}
                    </td>
                  ))}
                  <td className="sum-num">{chartRow.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
