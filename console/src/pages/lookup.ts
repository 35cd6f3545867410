import { api, find, query } from '../api';
import { errorBox, h, link, table, time } from '../dom';

interface Message {
  id: string;
  status: string;
  statusEventTime: string;
  wamid: string | null;
  accountName: string | null;
  wabaId: string | null;
  error: { code: string | null; message: string | null } | null;
  conversation: { id: string; initiateType: string | null; expireAt: string | null } | null;
  timestamps: Record<string, string | boolean | null>;
}
interface StatusChange {
  eventId: string;
  status: string;
  eventTime: string;
  receivedAt: string;
  error: { code: string | null; message: string | null } | null;
}
interface Inbound {
  id: string;
  type: string;
  from: string;
  customerName: string | null;
  text: string | null;
  sendTime: string;
}
interface Customer {
  phone: string;
  name: string | null;
  messageCount: number;
  messagesByType?: Record<string, number>;
}
interface Template {
  templateId: string;
  name: string | null;
  language: string | null;
  category: string | null;
  status: string;
  reason: string | null;
  wabaId: string | null;
  eventTime: string;
}
type Page<T> = { items: T[] };

const messageLink = (id: string) => link(`/messages/${encodeURIComponent(id)}`, id);
const templateLink = (id: string) => link(`/templates/${encodeURIComponent(id)}`, id);

/** What a search term can be: a message id or wamid, inbound text, a customer phone, a template id or name. */
export function lookupPage(root: HTMLElement, term: string): () => void {
  const results = h('div', { id: 'search-results' });
  root.replaceChildren(h('div', { class: 'toolbar' }, h('h1', {}, term ? `Search: ${term}` : 'Look-up')), results);
  if (!term) {
    results.append(
      h(
        'p',
        { class: 'muted' },
        'Type a message id or wamid, words of an inbound message, a customer phone number, or a template id or name in the search box.',
      ),
    );
    return () => {};
  }
  void (async () => {
    try {
      const encoded = encodeURIComponent(term);
      const [byId, byWamid, inbound, customer, template, templatesByName] = await Promise.all([
        find<Message>(`/messages/${encoded}`),
        find<Page<Message>>(`/messages?${query({ wamid: term, limit: 20 })}`),
        find<Page<Inbound>>(`/inbound-messages?${query({ q: term, limit: 20 })}`),
        /^\+?\d{5,20}$/.test(term) ? find<Customer>(`/customers/${encodeURIComponent(term.replace(/^\+/, ''))}`) : null,
        find<Template>(`/templates/${encoded}`),
        find<Page<Template>>(`/templates?${query({ name: term, limit: 20 })}`),
      ]);
      const messages = [...(byId ? [byId] : []), ...(byWamid?.items ?? []).filter((message) => message.id !== byId?.id)];
      const templates = [...(template ? [template] : []), ...(templatesByName?.items ?? []).filter((one) => one.templateId !== template?.templateId)];
      const sections: HTMLElement[] = [];
      if (messages.length > 0) {
        sections.push(
          h(
            'section',
            { class: 'panel', id: 'found-messages' },
            h('h2', {}, 'Messages'),
            table(
              ['id', 'status', 'wamid', 'since'],
              messages.map((message) => [messageLink(message.id), message.status, message.wamid, time(message.statusEventTime)]),
            ),
          ),
        );
      }
      if (customer) {
        sections.push(
          h(
            'section',
            { class: 'panel', id: 'found-customer' },
            h('h2', {}, 'Customer'),
            h(
              'p',
              {},
              `${customer.phone} ${customer.name ?? ''} · ${customer.messageCount} messages`,
              customer.messagesByType
                ? ` (${Object.entries(customer.messagesByType)
                    .map(([type, count]) => `${type} ${count}`)
                    .join(', ')})`
                : '',
            ),
          ),
        );
      }
      if (inbound && inbound.items.length > 0) {
        sections.push(
          h(
            'section',
            { class: 'panel', id: 'found-inbound' },
            h('h2', {}, 'Inbound messages'),
            table(
              ['id', 'from', 'type', 'text', 'sent'],
              inbound.items.map((message) => [message.id, `${message.from} ${message.customerName ?? ''}`, message.type, message.text, time(message.sendTime)]),
            ),
          ),
        );
      }
      if (templates.length > 0) {
        sections.push(
          h(
            'section',
            { class: 'panel', id: 'found-templates' },
            h('h2', {}, 'Templates'),
            table(
              ['id', 'name', 'language', 'status'],
              templates.map((one) => [templateLink(one.templateId), one.name, one.language, one.status]),
            ),
          ),
        );
      }
      results.replaceChildren(...(sections.length > 0 ? sections : [h('p', { class: 'muted', id: 'nothing-found' }, `Nothing found for "${term}".`)]));
      root.dataset.loaded = 'true';
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  })();
  return () => {};
}

function field(label: string, value: string | null | undefined | Node): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value ?? '–')];
}

/** A message's state and its status timeline, oldest first. */
export function messagePage(root: HTMLElement, id: string): () => void {
  root.replaceChildren(h('h1', {}, `Message ${id}`), h('p', { class: 'muted' }, 'loading…'));
  void (async () => {
    try {
      const encoded = encodeURIComponent(id);
      const [message, statuses] = await Promise.all([
        api.get<Message>(`/messages/${encoded}`),
        api.get<Page<StatusChange>>(`/messages/${encoded}/history?limit=500`),
      ]);
      root.replaceChildren(
        h('h1', {}, `Message ${message.id}`),
        h(
          'dl',
          { class: 'fields' },
          ...field('status', h('span', { class: `state state-${message.status}` }, message.status)),
          ...field('wamid', message.wamid),
          ...field('account', `${message.accountName ?? '–'} / ${message.wabaId ?? '–'}`),
          ...field('error', message.error ? `${message.error.code ?? ''} ${message.error.message ?? ''}` : null),
          ...field('conversation', message.conversation ? `${message.conversation.id} (${message.conversation.initiateType ?? '?'})` : null),
        ),
        h('h2', {}, 'Status timeline'),
        h(
          'ol',
          { class: 'timeline', id: 'timeline' },
          ...statuses.items.map((change) =>
            h(
              'li',
              { class: `state-${change.status}` },
              h('strong', {}, change.status),
              ` at ${time(change.eventTime)}`,
              h('span', { class: 'muted' }, ` · received ${time(change.receivedAt)} · event ${change.eventId}`),
              change.error ? h('div', { class: 'error' }, `${change.error.code ?? ''} ${change.error.message ?? ''}`) : null,
            ),
          ),
        ),
      );
      root.dataset.loaded = 'true';
    } catch (error) {
      root.replaceChildren(h('h1', {}, `Message ${id}`), errorBox(error));
    }
  })();
  return () => {};
}

/** A template's state and its history. */
export function templatePage(root: HTMLElement, id: string): () => void {
  root.replaceChildren(h('h1', {}, `Template ${id}`), h('p', { class: 'muted' }, 'loading…'));
  void (async () => {
    try {
      const encoded = encodeURIComponent(id);
      const [template, history] = await Promise.all([
        api.get<Template>(`/templates/${encoded}`),
        api.get<Page<Template>>(`/templates/${encoded}/history?limit=500`),
      ]);
      root.replaceChildren(
        h('h1', {}, `Template ${template.name ?? template.templateId}`),
        h(
          'dl',
          { class: 'fields' },
          ...field('id', template.templateId),
          ...field('status', h('span', { class: `state state-${template.status}` }, template.status)),
          ...field('language', template.language),
          ...field('category', template.category),
          ...field('reason', template.reason),
          ...field('account', template.wabaId),
        ),
        h('h2', {}, 'History'),
        table(
          ['event time', 'status', 'reason', 'category'],
          history.items.map((entry) => [time(entry.eventTime), entry.status, entry.reason, entry.category]),
          { id: 'template-history' },
        ),
      );
      root.dataset.loaded = 'true';
    } catch (error) {
      root.replaceChildren(h('h1', {}, `Template ${id}`), errorBox(error));
    }
  })();
  return () => {};
}
