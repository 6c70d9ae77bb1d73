/**
 * A bar chart drawn on the server as SVG: an image with a title and a description for screen
 * readers, labelled axes, and no script. Pages show the same numbers in a table next to it.
 */

export interface ChartPoint {
  /** The full name of the bar, for its tooltip ("4 Dec 2026"). */
  label: string;
  /** The name under the bar, when there is room ("4 Dec"). */
  shortLabel: string;
  value: number;
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 72;
const RIGHT = 28;
const TOP = 12;
const BOTTOM = 58;
/** At most this many names under the bars; the others are left out (the table has them all). */
const MAX_X_LABELS = 6;

/** A round number at or above `value` (1, 2 or 5 times a power of ten), for the top of the axis. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Evenly spaced whole-number ticks from `min` to `max` (both round), at most five. */
function ticks(min: number, max: number): number[] {
  const span = max - min;
  if (span === 0) return [0];
  let step = niceCeiling(span / 4);
  if (step < 1) step = 1;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(v);
  return out;
}

/** Every `every`th bar is named, and the last one when it is not too close to the one named before it. */
function showLabel(i: number, count: number, every: number): boolean {
  if (i % every === 0) return true;
  return i === count - 1 && i % every >= every / 2;
}

export function BarChart({
  id,
  title,
  description,
  points,
  xLabel,
  yLabel,
}: {
  /** Unique on the page: the title and description are named by it. */
  id: string;
  title: string;
  description: string;
  points: ChartPoint[];
  xLabel: string;
  yLabel: string;
}) {
  const values = points.map((p) => p.value);
  const max = niceCeiling(Math.max(0, ...values)) || 1;
  const min = -niceCeiling(-Math.min(0, ...values)) || 0;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + ((max - v) / (max - min)) * plotHeight;
  const slot = plotWidth / Math.max(points.length, 1);
  const barWidth = Math.max(1, Math.min(48, slot * 0.7));
  const every = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  const zero = y(0);
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g class="chart-grid" aria-hidden="true">
        {ticks(min, max).map((v) => (
          <g>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} text-anchor="end">
              {v.toLocaleString('en')}
            </text>
          </g>
        ))}
      </g>
      <g class="chart-bars">
        {points.map((p, i) => {
          const top = p.value >= 0 ? y(p.value) : zero;
          const height = Math.abs(y(p.value) - zero);
          return (
            <rect
              x={(LEFT + i * slot + (slot - barWidth) / 2).toFixed(1)}
              y={top.toFixed(1)}
              width={barWidth.toFixed(1)}
              height={Math.max(height, p.value === 0 ? 0 : 1).toFixed(1)}
              class={p.value < 0 ? 'chart-bar chart-bar--negative' : 'chart-bar'}
            >
              <title>{`${p.label}: ${p.value.toLocaleString('en')}`}</title>
            </rect>
          );
        })}
      </g>
      <g class="chart-axes" aria-hidden="true">
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={zero} y2={zero} />
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotHeight} />
        {points.map((p, i) =>
          showLabel(i, points.length, every) ? (
            <text x={(LEFT + (i + 0.5) * slot).toFixed(1)} y={TOP + plotHeight + 16} text-anchor="middle">
              {p.shortLabel}
            </text>
          ) : null,
        )}
        <text class="chart-axis-label" x={LEFT + plotWidth / 2} y={HEIGHT - 8} text-anchor="middle">
          {xLabel}
        </text>
        <text class="chart-axis-label" x={-(TOP + plotHeight / 2)} y={20} transform="rotate(-90)" text-anchor="middle">
          {yLabel}
        </text>
      </g>
    </svg>
  );
}
