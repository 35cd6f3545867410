import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const STEP_SECONDS = { minute: 60, hour: 3600, day: 86400 } as const;
export type Bucket = keyof typeof STEP_SECONDS;

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c'];
/** Outcomes keep one colour wherever they appear. */
const OUTCOME_COLOURS: Record<string, string> = {
  processed: '#16a34a',
  duplicate: '#94a3b8',
  conflict: '#d97706',
  unhandled: '#7c3aed',
  invalid: '#db2777',
  failed: '#dc2626',
  messages: '#475569',
  delivered: '#2563eb',
  read: '#16a34a',
};

export interface Series {
  label: string;
  values: number[];
}

/** Every bucket start of the window in seconds (uPlot's x), so empty buckets plot as zero rather than being skipped. */
export function bucketStarts(since: string, until: string, bucket: Bucket): number[] {
  const step = STEP_SECONDS[bucket];
  const starts: number[] = [];
  for (let at = Date.parse(since) / 1000; at < Date.parse(until) / 1000; at += step) {
    starts.push(at);
  }
  return starts;
}

/** Sums `items` into one series per key, aligned on `starts`. */
export function seriesBy<T extends { bucketStart: string; count: number }>(items: T[], starts: number[], key: (item: T) => string): Series[] {
  const index = new Map(starts.map((start, position) => [start, position]));
  return sumBy(
    items.flatMap((item) => {
      const position = index.get(Date.parse(item.bucketStart) / 1000);
      if (position === undefined) {
        return [];
      }
      const counts = starts.map(() => 0);
      counts[position] = item.count;
      return [{ label: key(item), values: counts }];
    }),
  );
}

/** Adds up series with the same label (the API's series are already aligned on its buckets). */
export function sumBy(series: Series[]): Series[] {
  const byLabel = new Map<string, number[]>();
  for (const one of series) {
    const sum = byLabel.get(one.label);
    byLabel.set(one.label, sum ? sum.map((value, index) => value + one.values[index]) : [...one.values]);
  }
  return [...byLabel].sort(([a], [b]) => a.localeCompare(b)).map(([label, values]) => ({ label, values }));
}

/**
 * A time chart that keeps its uPlot instance: a live refresh only swaps the data, so the page does
 * not flicker, and a new set of series rebuilds it.
 */
export class TimeChart {
  private plot: uPlot | undefined;
  private labels = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly options: { unit?: 'count' | 'percent' } = {},
  ) {}

  render(starts: number[], series: Series[]): void {
    const data: uPlot.AlignedData = [starts, ...series.map((one) => one.values)];
    const labels = series.map((one) => one.label).join('|');
    this.container.dataset.series = String(series.length);
    this.container.dataset.points = String(series.reduce((sum, one) => sum + one.values.filter((value) => value > 0).length, 0));
    if (this.plot && labels === this.labels) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.labels = labels;
    const percent = this.options.unit === 'percent';
    this.plot = new uPlot(
      {
        width: Math.max(320, this.container.clientWidth || 600),
        height: 220,
        series: [
          {},
          ...series.map((one, position) => {
            const colour = OUTCOME_COLOURS[one.label] ?? PALETTE[position % PALETTE.length];
            return {
              label: one.label,
              stroke: colour,
              width: 2,
              // Counts hold for their whole bucket; a rate is a point per bucket, joined across empty ones.
              paths: percent ? undefined : uPlot.paths.stepped?.({ align: 1 }),
              points: { show: percent },
              spanGaps: percent,
              value: (_: uPlot, value: number | null) => (value === null ? '–' : percent ? `${(value * 100).toFixed(1)}%` : String(value)),
            };
          }),
        ],
        axes: [{}, { values: (_: uPlot, ticks: number[]) => ticks.map((tick) => (percent ? `${Math.round(tick * 100)}%` : String(tick))) }],
        scales: { y: percent ? { range: [0, 1] } : { range: (_: uPlot, _min: number, max: number) => [0, Math.max(1, max * 1.1)] } },
      },
      data,
      this.container,
    );
  }

  resize(): void {
    this.plot?.setSize({ width: Math.max(320, this.container.clientWidth), height: 220 });
  }
}
