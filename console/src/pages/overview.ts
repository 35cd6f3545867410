import { api, query } from '../api';
import { bucketStarts, seriesBy, sumBy, TimeChart, type Bucket } from '../charts';
import { h, link, percent, table } from '../dom';

interface Windowed {
  bucket: Bucket;
  since: string;
  until: string;
}
interface Aligned<Key extends string> extends Windowed {
  buckets: string[];
  series: (Record<Key, string> & { counts: number[]; total: number })[];
}
interface FunnelPoint {
  bucketStart: string;
  messages: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  deliveredRate: number | null;
  readRate: number | null;
  failedRate: number | null;
}
interface FailureReason {
  code: string;
  message: string;
  count: number;
  exampleMessageId: string;
}
interface CurrentCounts {
  templates: Record<string, number>;
  accounts: Record<string, number>;
  phoneNumbers: Record<string, number>;
}

const WINDOWS = {
  hour: { span: 3_600_000, bucket: 'minute' },
  day: { span: 86_400_000, bucket: 'hour' },
  week: { span: 7 * 86_400_000, bucket: 'hour' },
} as const;
type WindowName = keyof typeof WINDOWS;
const REFRESH_MS = 5_000;

/** Short names for the vendor's long event types. */
const shortType = (type: string) => type.replace(/^whatsapp_/, '');

function panel(title: string, id: string, body: HTMLElement): HTMLElement {
  return h('section', { class: 'panel', id }, h('h2', {}, title), body);
}

function counts(title: string, values: Record<string, number>): HTMLElement {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  return h(
    'div',
    { class: 'counts' },
    h('h3', {}, title),
    entries.length === 0
      ? h('p', { class: 'muted' }, 'none yet')
      : h('ul', {}, ...entries.map(([state, count]) => h('li', {}, h('span', {}, state), h('strong', {}, count)))),
  );
}

/** The overview: flow, funnel, failures, inbound and current state; refreshes itself every few seconds. */
export function overviewPage(root: HTMLElement): () => void {
  let windowName: WindowName = (sessionStorage.getItem('console.window') as WindowName | null) ?? 'hour';
  const charts = {
    byOutcome: h('div', { class: 'chart', id: 'chart-events-outcome' }),
    byType: h('div', { class: 'chart', id: 'chart-events-type' }),
    funnel: h('div', { class: 'chart', id: 'chart-funnel' }),
    rates: h('div', { class: 'chart', id: 'chart-funnel-rates' }),
    inbound: h('div', { class: 'chart', id: 'chart-inbound' }),
  };
  const plots = {
    byOutcome: new TimeChart(charts.byOutcome),
    byType: new TimeChart(charts.byType),
    funnel: new TimeChart(charts.funnel),
    rates: new TimeChart(charts.rates, { unit: 'percent' }),
    inbound: new TimeChart(charts.inbound),
  };
  const funnelSummary = h('div', { class: 'funnel-summary' });
  const reasons = h('div');
  const current = h('div', { class: 'current' });
  const status = h('span', { class: 'muted', id: 'refreshed' });

  const windowButtons = (Object.keys(WINDOWS) as WindowName[]).map((name) =>
    h('button', { type: 'button', 'data-window': name, onclick: () => selectWindow(name) }, `last ${name}`),
  );
  const selectWindow = (name: WindowName) => {
    windowName = name;
    sessionStorage.setItem('console.window', name);
    windowButtons.forEach((button) => button.classList.toggle('active', button.dataset.window === name));
    void refresh();
  };

  root.replaceChildren(
    h('div', { class: 'toolbar' }, h('h1', {}, 'Overview'), h('div', { class: 'buttons' }, ...windowButtons), status),
    h(
      'div',
      { class: 'grid' },
      panel('Events by outcome', 'panel-outcome', charts.byOutcome),
      panel('Events by type', 'panel-type', charts.byType),
      panel('Delivery funnel (messages by when first seen)', 'panel-funnel', h('div', {}, funnelSummary, charts.funnel)),
      panel('Funnel rates', 'panel-rates', charts.rates),
      panel('Inbound messages by type', 'panel-inbound', charts.inbound),
      panel('Top failure reasons', 'panel-reasons', reasons),
    ),
    panel('Now', 'panel-current', current),
  );

  let stopped = false;
  async function refresh(): Promise<void> {
    const { span, bucket } = WINDOWS[windowName];
    const until = new Date();
    const params = query({ since: new Date(until.getTime() - span).toISOString(), until: until.toISOString(), bucket });
    try {
      const [events, funnel, failures, inbound, now] = await Promise.all([
        api.get<Aligned<'type' | 'outcome'>>(`/stats/events?${params}`),
        api.get<Windowed & { items: FunnelPoint[]; total: FunnelPoint }>(`/stats/messages?${params}`),
        api.get<Windowed & { items: FailureReason[] }>(`/stats/failure-reasons?${params}`),
        api.get<Aligned<'type'>>(`/stats/inbound?${params}`),
        api.get<CurrentCounts>('/stats/current'),
      ]);
      if (stopped) {
        return;
      }
      // Every stats answer of one window has the same buckets.
      const starts = bucketStarts(events.since, events.until, events.bucket);
      plots.byOutcome.render(starts, sumBy(events.series.map((one) => ({ label: one.outcome, values: one.counts }))));
      plots.byType.render(starts, sumBy(events.series.map((one) => ({ label: shortType(one.type), values: one.counts }))));
      plots.inbound.render(starts, sumBy(inbound.series.map((one) => ({ label: one.type, values: one.counts }))));
      const funnelItems = funnel.items.flatMap((point) =>
        (['messages', 'delivered', 'read', 'failed'] as const).map((stage) => ({ bucketStart: point.bucketStart, stage, count: point[stage] })),
      );
      plots.funnel.render(
        starts,
        seriesBy(funnelItems, starts, (item) => item.stage),
      );
      const rateSeries = (['deliveredRate', 'readRate', 'failedRate'] as const).map((rate) => {
        const byStart = new Map(funnel.items.map((point) => [Date.parse(point.bucketStart) / 1000, point[rate]]));
        return { label: rate.replace('Rate', ''), values: starts.map((start) => byStart.get(start) ?? (null as unknown as number)) };
      });
      plots.rates.render(starts, rateSeries);

      const total = funnel.total;
      funnelSummary.replaceChildren(
        ...(
          [
            ['sent', total.messages, null],
            ['delivered', total.delivered, total.deliveredRate],
            ['read', total.read, total.readRate],
            ['failed', total.failed, total.failedRate],
          ] as const
        ).map(([stage, count, rate]) =>
          h('div', { class: `stage stage-${stage}` }, h('span', {}, stage), h('strong', {}, count), rate === null ? null : h('small', {}, percent(rate))),
        ),
      );
      reasons.replaceChildren(
        failures.items.length === 0
          ? h('p', { class: 'muted' }, 'No failures in this window.')
          : table(
              ['code', 'message', 'count', 'example'],
              failures.items.map((reason) => [
                reason.code || '–',
                reason.message || '–',
                reason.count,
                link(`/messages/${encodeURIComponent(reason.exampleMessageId)}`, reason.exampleMessageId),
              ]),
              { id: 'failure-reasons' },
            ),
      );
      current.replaceChildren(
        counts('Templates by status', now.templates),
        counts('Accounts by decision', now.accounts),
        counts('Phone numbers by decision', now.phoneNumbers),
      );
      status.textContent = `${events.bucket} buckets · updated ${until.toLocaleTimeString()}`;
      root.dataset.loaded = 'true';
    } catch (error) {
      status.textContent = `refresh failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  selectWindow(windowName);
  const timer = window.setInterval(() => void refresh(), REFRESH_MS);
  const onResize = () => Object.values(plots).forEach((plot) => plot.resize());
  window.addEventListener('resize', onResize);
  return () => {
    stopped = true;
    window.clearInterval(timer);
    window.removeEventListener('resize', onResize);
  };
}
