import { api, query } from '../api';
import { errorBox, h, time } from '../dom';

interface EventSummary {
  id: string;
  type: string;
  eventTime: string;
  receivedAt: string;
  state: string;
  reasons: unknown;
  error: string | null;
  attempts: number;
}
interface EventDetail extends EventSummary {
  payload: unknown;
  conflicts: { receivedAt: string; payload: unknown }[];
}

export const ATTENTION_STATES = ['invalid', 'unhandled', 'failed', 'conflict'] as const;
type AttentionState = (typeof ATTENTION_STATES)[number];

/** A validation reason as the service stores it: `{ field, problems }`, or anything else as JSON. */
function describeReason(reason: unknown): string {
  if (typeof reason === 'string') {
    return reason;
  }
  const { field, problems } = (reason ?? {}) as { field?: unknown; problems?: unknown };
  return typeof field === 'string' && Array.isArray(problems) ? `${field}: ${problems.join(', ')}` : JSON.stringify(reason);
}

function why(event: EventSummary): string {
  if (event.error) {
    return event.error;
  }
  if (Array.isArray(event.reasons)) {
    return event.reasons.map(describeReason).join('; ');
  }
  if (event.state === 'unhandled') {
    return `no module handles ${event.type}`;
  }
  return event.reasons ? JSON.stringify(event.reasons) : '';
}

/** Events that need a person: their reasons and payloads, a replay per event and for a selection. */
export function attentionPage(root: HTMLElement, state: AttentionState): () => void {
  const list = h('div', { id: 'attention-list' });
  const selectedCount = h('span', { class: 'muted' });
  const replaySelected = h('button', { type: 'button', id: 'replay-selected', disabled: true, onclick: () => void replayChecked() }, 'Replay selected');
  const rows = new Map<string, { checkbox: HTMLInputElement; stateCell: HTMLElement; reason: HTMLElement; outcome: HTMLElement; button: HTMLButtonElement }>();

  root.replaceChildren(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'Needs attention'),
      h('nav', { class: 'tabs' }, ...ATTENTION_STATES.map((name) => h('a', { href: `#/attention/${name}`, class: name === state ? 'active' : '' }, name))),
    ),
    h('div', { class: 'toolbar' }, replaySelected, selectedCount, h('span', { class: 'muted' }, 'the newest 100')),
    list,
  );

  const updateSelection = () => {
    const checked = [...rows.values()].filter((row) => row.checkbox.checked).length;
    selectedCount.textContent = checked === 0 ? '' : `${checked} selected`;
    replaySelected.disabled = checked === 0;
  };

  async function replay(id: string): Promise<void> {
    const row = rows.get(id);
    if (!row) {
      return;
    }
    row.button.disabled = true;
    row.outcome.textContent = 'replaying…';
    try {
      const result = await api.post<EventSummary>(`/events/${encodeURIComponent(id)}/replay`);
      row.stateCell.textContent = result.state;
      row.stateCell.className = `state state-${result.state}`;
      row.reason.textContent = why(result);
      row.outcome.textContent = `replayed: ${result.state} (attempt ${result.attempts})${result.state === 'processed' ? '' : ` – ${why(result)}`}`;
      row.outcome.className = `outcome outcome-${result.state === 'processed' ? 'ok' : 'bad'}`;
    } catch (error) {
      row.outcome.textContent = `replay failed: ${error instanceof Error ? error.message : String(error)}`;
      row.outcome.className = 'outcome outcome-bad';
    } finally {
      row.button.disabled = false;
    }
  }

  async function replayChecked(): Promise<void> {
    const ids = [...rows].filter(([, row]) => row.checkbox.checked).map(([id]) => id);
    replaySelected.disabled = true;
    // One after the other: a replay locks its event row, and an operator's batch is small.
    for (const id of ids) {
      await replay(id);
    }
    updateSelection();
  }

  async function showPayload(id: string, target: HTMLElement): Promise<void> {
    try {
      const detail = await api.get<EventDetail>(`/events/${encodeURIComponent(id)}`);
      target.replaceChildren(
        h('pre', { class: 'payload' }, JSON.stringify(detail.payload, null, 2)),
        ...detail.conflicts.map((conflict) =>
          h(
            'div',
            {},
            h('h4', {}, `conflicting version received ${time(conflict.receivedAt)}`),
            h('pre', { class: 'payload' }, JSON.stringify(conflict.payload, null, 2)),
          ),
        ),
      );
    } catch (error) {
      target.replaceChildren(errorBox(error));
    }
  }

  async function load(): Promise<void> {
    try {
      const page = await api.get<{ items: EventSummary[] }>(`/events?${query({ state, limit: 100 })}`);
      rows.clear();
      if (page.items.length === 0) {
        list.replaceChildren(h('p', { class: 'muted' }, `No ${state} events.`));
        return;
      }
      const checkAll = h('input', { type: 'checkbox', 'aria-label': 'select all' });
      checkAll.addEventListener('change', () => {
        rows.forEach((row) => (row.checkbox.checked = checkAll.checked));
        updateSelection();
      });
      const body = h('tbody');
      for (const event of page.items) {
        const checkbox = h('input', { type: 'checkbox', 'aria-label': `select ${event.id}`, onchange: updateSelection });
        const stateCell = h('span', { class: `state state-${event.state}` }, event.state);
        const reason = h('span', {}, why(event));
        const outcome = h('span', { class: 'outcome' });
        const button = h('button', { type: 'button', class: 'replay', onclick: () => void replay(event.id) }, 'Replay');
        const details = h('details', {}, h('summary', {}, 'payload'));
        details.addEventListener('toggle', () => {
          if (details.open && details.childElementCount === 1) {
            const target = h('div', {}, 'loading…');
            details.append(target);
            void showPayload(event.id, target);
          }
        });
        rows.set(event.id, { checkbox, stateCell, reason, outcome, button });
        body.append(
          h(
            'tr',
            { 'data-event-id': event.id },
            h('td', {}, checkbox),
            h('td', {}, h('code', {}, event.id), h('div', { class: 'muted' }, event.type)),
            h('td', {}, time(event.receivedAt)),
            h('td', {}, stateCell, h('div', { class: 'muted' }, `attempts ${event.attempts}`)),
            h('td', { class: 'reason' }, reason, details),
            h('td', {}, button, h('div', {}, outcome)),
          ),
        );
      }
      list.replaceChildren(
        h(
          'table',
          { class: 'events' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, checkAll), h('th', {}, 'event'), h('th', {}, 'received'), h('th', {}, 'state'), h('th', {}, 'why'), h('th', {}, '')),
          ),
          body,
        ),
      );
      updateSelection();
      root.dataset.loaded = 'true';
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  }

  void load();
  return () => {};
}
