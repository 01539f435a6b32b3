/** Decisions or answers by tag or persona: one horizontal bar per row, split by impact direction. */
import { useId } from 'react';
import type { DirectionCounts } from '../../../../shared/dashboard';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { describeCounts, DirectionHeadCells, Figure, Patterns, plural, Segment, total } from './chartParts';

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
              <DirectionHeadCells />
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
