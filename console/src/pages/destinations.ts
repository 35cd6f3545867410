import { api, query } from '../api';
import { bucketStarts, seriesBy, TimeChart } from '../charts';
import { errorBox, h, link, table, time } from '../dom';

interface Destination {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[] | null;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
}
interface Delivery {
  id: string;
  eventId: string;
  state: string;
  attempts: number;
  lastAttemptAt: string | null;
  statusCode: number | null;
  error: string | null;
}
interface Attempt {
  id: string;
  attemptedAt: string;
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}
interface PerMinute {
  since: string;
  until: string;
  items: { bucketStart: string; delivered: number; failed: number }[];
}

const REFRESH_MS = 5_000;

function enabledBadge(destination: Destination): HTMLElement {
  return destination.enabled
    ? h('span', { class: 'state state-delivered destination-state' }, 'enabled')
    : h('span', { class: 'state state-failed destination-state' }, 'disabled');
}

/** Every destination with its state; each links to its page. */
export function destinationsPage(root: HTMLElement): () => void {
  const list = h('div', { id: 'destinations-list' });
  root.replaceChildren(h('div', { class: 'toolbar' }, h('h1', {}, 'Destinations'), h('span', { class: 'muted' }, 'forwarding to your own services')), list);
  void (async () => {
    try {
      const page = await api.get<{ items: Destination[] }>(`/destinations?${query({ limit: 100 })}`);
      list.replaceChildren(
        page.items.length === 0
          ? h('p', { class: 'muted' }, 'No destinations yet: create one with POST /destinations (see the API docs).')
          : table(
              ['destination', 'event types', 'state', 'why'],
              page.items.map((destination) => [
                h(
                  'div',
                  {},
                  link(`/destinations/${destination.id}`, destination.description ?? destination.url),
                  h('div', { class: 'muted' }, destination.url),
                ),
                destination.eventTypes?.join(', ') ?? 'every type',
                enabledBadge(destination),
                destination.disabledReason ?? (destination.failingSince ? `failing since ${time(destination.failingSince)}` : ''),
              ]),
              { id: 'destinations' },
            ),
      );
      root.dataset.loaded = 'true';
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  })();
  return () => {};
}

/** One destination: its state, attempts per minute, failures with their attempts, and replay. */
export function destinationPage(root: HTMLElement, id: string): () => void {
  const header = h('div', { id: 'destination-header' });
  const chart = h('div', { class: 'chart', id: 'chart-deliveries' });
  const plot = new TimeChart(chart);
  const failures = h('div', { id: 'destination-failures' });
  const status = h('span', { class: 'muted', id: 'refreshed' });
  const since = h('input', { type: 'datetime-local', id: 'replay-since', required: true, 'aria-label': 'replay since' });
  since.value = new Date(Date.now() - 3_600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const replayOutcome = h('span', { class: 'outcome', id: 'replay-outcome' });
  const replayForm = h(
    'form',
    { id: 'replay-form', class: 'toolbar' },
    h('label', { for: 'replay-since' }, 'Send again every event with an event time from'),
    since,
    h('button', { type: 'submit' }, 'Replay'),
    replayOutcome,
  );
  replayForm.addEventListener('submit', (event) => {
    event.preventDefault();
    replayOutcome.textContent = 'replaying…';
    replayOutcome.className = 'outcome';
    api.post<{ deliveries: number }>(`/destinations/${encodeURIComponent(id)}/replay`, { since: new Date(since.value).toISOString() }).then(
      (result) => {
        replayOutcome.textContent = `queued ${result.deliveries} deliveries`;
        replayOutcome.className = 'outcome outcome-ok';
      },
      (error: unknown) => {
        replayOutcome.textContent = `replay failed: ${error instanceof Error ? error.message : String(error)}`;
        replayOutcome.className = 'outcome outcome-bad';
      },
    );
  });

  root.replaceChildren(
    h('div', { class: 'toolbar' }, h('h1', {}, 'Destination'), link('/destinations', 'all destinations'), status),
    header,
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'panel', id: 'panel-deliveries' }, h('h2', {}, 'Attempts per minute, last hour'), chart),
      h('section', { class: 'panel', id: 'panel-replay' }, h('h2', {}, 'Replay'), replayForm),
    ),
    h('section', { class: 'panel', id: 'panel-failures' }, h('h2', {}, 'Failing deliveries (waiting for a retry, or failed for good)'), failures),
  );

  async function attemptsOf(delivery: Delivery, target: HTMLElement): Promise<void> {
    try {
      const page = await api.get<{ items: Attempt[] }>(`/destinations/${encodeURIComponent(id)}/deliveries/${delivery.id}/attempts?limit=20`);
      target.replaceChildren(
        table(
          ['attempted', 'answer', 'took', 'error'],
          page.items.map((attempt) => [time(attempt.attemptedAt), attempt.statusCode ?? 'none', `${attempt.durationMs} ms`, attempt.error ?? 'delivered']),
          { class: 'attempts' },
        ),
      );
    } catch (error) {
      target.replaceChildren(errorBox(error));
    }
  }

  let stopped = false;
  async function refresh(): Promise<void> {
    try {
      const path = `/destinations/${encodeURIComponent(id)}`;
      const [destination, perMinute, pending, failed] = await Promise.all([
        api.get<Destination>(path),
        api.get<PerMinute>(`${path}/attempts-per-minute`),
        api.get<{ items: Delivery[] }>(`${path}/deliveries?${query({ state: 'pending', limit: 50 })}`),
        api.get<{ items: Delivery[] }>(`${path}/deliveries?${query({ state: 'failed', limit: 50 })}`),
      ]);
      if (stopped) {
        return;
      }
      const warning = destination.enabled
        ? destination.failingSince
          ? h('p', { class: 'error' }, `Every attempt has failed since ${time(destination.failingSince)}.`)
          : h('p', { class: 'muted' }, 'Answering: the last attempt was delivered, or none has failed yet.')
        : h(
            'p',
            { class: 'error', id: 'disabled-reason' },
            `Disabled: ${destination.disabledReason ?? 'through the API'}. PATCH {"enabled": true} resumes it.`,
          );
      header.replaceChildren(
        h('h2', {}, destination.description ?? destination.url, ' ', enabledBadge(destination)),
        h('p', { class: 'muted' }, destination.url, ' · ', destination.eventTypes?.join(', ') ?? 'every event type'),
        warning,
      );
      // Whole minutes, the current one drawn with its width (a minute past it ends the axis).
      const minute = 60_000;
      const first = new Date(Math.floor(Date.parse(perMinute.since) / minute) * minute).toISOString();
      const end = new Date(Math.ceil(Date.parse(perMinute.until) / minute) * minute + minute).toISOString();
      const starts = bucketStarts(first, end, 'minute');
      const items = perMinute.items.flatMap((minute) => [
        { bucketStart: minute.bucketStart, outcome: 'delivered', count: minute.delivered },
        { bucketStart: minute.bucketStart, outcome: 'failed', count: minute.failed },
      ]);
      plot.render(
        starts,
        seriesBy(items, starts, (item) => item.outcome),
      );
      const failing = [...failed.items, ...pending.items.filter((delivery) => delivery.attempts > 0)];
      if (failing.length === 0) {
        failures.replaceChildren(h('p', { class: 'muted' }, 'No failing deliveries.'));
      } else if (failures.dataset.shown !== failing.map((delivery) => `${delivery.id}:${delivery.attempts}`).join(',')) {
        failures.dataset.shown = failing.map((delivery) => `${delivery.id}:${delivery.attempts}`).join(',');
        const body = h('tbody');
        for (const delivery of failing) {
          const details = h('details', {}, h('summary', {}, 'attempts'));
          details.addEventListener('toggle', () => {
            if (details.open && details.childElementCount === 1) {
              const target = h('div', {}, 'loading…');
              details.append(target);
              void attemptsOf(delivery, target);
            }
          });
          body.append(
            h(
              'tr',
              { 'data-delivery-id': delivery.id },
              h('td', {}, h('code', {}, delivery.eventId)),
              h('td', {}, h('span', { class: `state state-${delivery.state === 'failed' ? 'failed' : 'PENDING'}` }, delivery.state)),
              h('td', {}, String(delivery.attempts)),
              h('td', {}, time(delivery.lastAttemptAt)),
              h('td', { class: 'reason' }, delivery.error ?? '', details),
            ),
          );
        }
        failures.replaceChildren(
          h(
            'table',
            { class: 'events' },
            h('thead', {}, h('tr', {}, ...['event', 'state', 'attempts', 'last attempt', 'last error'].map((name) => h('th', {}, name)))),
            body,
          ),
        );
      }
      status.textContent = `updated ${new Date().toLocaleTimeString()}`;
      root.dataset.loaded = 'true';
    } catch (error) {
      status.textContent = `refresh failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  void refresh();
  const timer = window.setInterval(() => void refresh(), REFRESH_MS);
  const onResize = () => plot.resize();
  window.addEventListener('resize', onResize);
  return () => {
    stopped = true;
    window.clearInterval(timer);
    window.removeEventListener('resize', onResize);
  };
}
