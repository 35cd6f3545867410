import { api, ApiError, session, whenUnauthorized } from './api';
import { h } from './dom';
import { ATTENTION_STATES, attentionPage } from './pages/attention';
import { destinationPage, destinationsPage } from './pages/destinations';
import { lookupPage, messagePage, templatePage } from './pages/lookup';
import { overviewPage } from './pages/overview';
import './style.css';

const app = document.getElementById('app') as HTMLElement;
let leavePage: () => void = () => {};

function signInPage(notice = ''): void {
  leavePage();
  const token = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true, 'aria-label': 'API token' });
  const message = h('p', { class: 'error', id: 'sign-in-error', role: 'alert' }, notice);
  const form = h(
    'form',
    { class: 'sign-in', id: 'sign-in' },
    h('h1', {}, 'Webhook console'),
    h('p', {}, 'Sign in with the API token of the service (API_TOKEN; a first start prints the one it generated). It is kept in this browser tab only.'),
    h('label', { for: 'token' }, 'API token'),
    token,
    h('button', { type: 'submit' }, 'Sign in'),
    message,
    h('p', { class: 'muted' }, h('a', { href: '/docs' }, 'API docs'), ' · ', h('a', { href: '/health' }, 'health')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    const value = token.value.trim();
    api.check(value).then(
      () => {
        session.signIn(value);
        route();
      },
      (error: unknown) => {
        message.textContent =
          error instanceof ApiError && error.status === 401
            ? 'Wrong API token: the service refused it. Check the token and try again.'
            : error instanceof ApiError && error.status === 429
              ? 'Too many wrong tokens from this address: wait a minute, then try again.'
              : `Could not reach the service: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
  app.replaceChildren(form);
  token.focus();
}

function shell(): HTMLElement {
  const search = h('input', { type: 'search', id: 'search', name: 'q', placeholder: 'message id, wamid, text, phone, template', 'aria-label': 'search' });
  const form = h('form', { class: 'search', role: 'search' }, search);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/search/${encodeURIComponent(search.value.trim())}`;
  });
  const main = h('main', { id: 'page' });
  app.replaceChildren(
    h(
      'header',
      {},
      h('strong', { class: 'brand' }, 'Webhook console'),
      h(
        'nav',
        {},
        h('a', { href: '#/overview' }, 'Overview'),
        h('a', { href: '#/attention/invalid' }, 'Attention'),
        h('a', { href: '#/search/' }, 'Look-up'),
        h('a', { href: '#/destinations' }, 'Destinations'),
      ),
      form,
      h(
        'nav',
        { class: 'right' },
        h('a', { href: '/docs' }, 'API docs'),
        h('a', { href: '/health' }, 'health'),
        h(
          'button',
          {
            type: 'button',
            id: 'sign-out',
            onclick: () => {
              session.signOut();
              signInPage();
            },
          },
          'Sign out',
        ),
      ),
    ),
    main,
  );
  return main;
}

/** Hash routes: the page state stays in the fragment, which never reaches the server. */
function route(): void {
  if (!session.token()) {
    signInPage();
    return;
  }
  leavePage();
  const main = document.getElementById('page') ?? shell();
  delete main.dataset.loaded;
  const [, page = 'overview', ...rest] = location.hash.replace(/^#/, '').split('/');
  const argument = decodeURIComponent(rest.join('/'));
  document
    .querySelectorAll('header nav a')
    .forEach((anchor) => anchor.classList.toggle('active', anchor.getAttribute('href')?.startsWith(`#/${page}`) ?? false));
  switch (page) {
    case 'attention':
      leavePage = attentionPage(main, (ATTENTION_STATES as readonly string[]).includes(argument) ? (argument as (typeof ATTENTION_STATES)[number]) : 'invalid');
      break;
    case 'search':
      leavePage = lookupPage(main, argument);
      break;
    case 'messages':
      leavePage = messagePage(main, argument);
      break;
    case 'destinations':
      leavePage = argument ? destinationPage(main, argument) : destinationsPage(main);
      break;
    case 'templates':
      leavePage = templatePage(main, argument);
      break;
    default:
      leavePage = overviewPage(main);
  }
}

whenUnauthorized(() => {
  session.signOut();
  signInPage('The service no longer accepts this token; sign in again.');
});
window.addEventListener('hashchange', route);
route();
