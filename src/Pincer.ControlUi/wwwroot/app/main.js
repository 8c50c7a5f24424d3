// The app shell: navigation, connection banner, login, toasts, and the page views.
import { h, replace } from './dom.js';
import { GatewayClient } from './gateway.js';
import { settings } from './settings.js';
import { applyTheme, currentTheme, toggleTheme } from './theme.js';
import { icon } from './icons.js';
import * as chat from './views/chat.js';
import * as overview from './views/overview.js';
import * as channels from './views/channels.js';
import * as sessions from './views/sessions.js';
import * as config from './views/config.js';
import * as logs from './views/logs.js';
import * as devices from './views/devices.js';

const VIEWS = [
  { id: 'chat', label: 'Chat', view: chat },
  { id: 'overview', label: 'Overview', view: overview },
  { id: 'channels', label: 'Channels', view: channels },
  { id: 'sessions', label: 'Sessions', view: sessions },
  { id: 'config', label: 'Config', view: config },
  { id: 'logs', label: 'Logs', view: logs },
  { id: 'devices', label: 'Devices', view: devices },
];

applyTheme();
const version = document.body.dataset.version ?? 'dev';
const client = new GatewayClient({ version: `pincer-ui-${version}` });
const root = document.getElementById('app');
const main = h('main', { class: 'main', id: 'main', tabindex: '-1' });
const banner = h('div', { class: 'banner', role: 'status', 'aria-live': 'polite', hidden: true });
const toasts = h('div', { class: 'toasts', 'aria-live': 'polite' });
const pill = h('span', { class: 'pill', 'data-state': 'idle', text: 'offline' });
const themeButton = h('button', { class: 'icon-button', type: 'button', 'aria-label': 'Toggle dark theme', title: 'Toggle theme', onclick: () => { toggleTheme(); syncThemeButton(); } });
const navList = h('ul', { class: 'nav-list' });
const nav = h('nav', { class: 'nav', 'aria-label': 'Sections' }, navList);
const menuButton = h('button', {
  class: 'icon-button menu-button', type: 'button', 'aria-label': 'Menu', 'aria-expanded': 'false',
  onclick: () => setNavOpen(!root.classList.contains('nav-open')),
}, '☰');

let active = null;

const ctx = {
  client,
  toast,
  navigate: (id) => { location.hash = `#/${id}`; },
};

function syncThemeButton() {
  const dark = currentTheme() === 'dark';
  themeButton.textContent = dark ? '☀' : '☾';
  themeButton.setAttribute('aria-pressed', String(dark));
}

function setNavOpen(open) {
  root.classList.toggle('nav-open', open);
  menuButton.setAttribute('aria-expanded', String(open));
}

/** Short-lived message at the bottom; errors stay a little longer. */
export function toast(message, kind = 'info') {
  const item = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', text: message });
  toasts.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 7000 : 3500);
}

function currentRoute() {
  // The hash only ever selects one of the fixed views; its text is never used for anything else.
  const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}

function route() {
  const next = currentRoute();
  for (const link of navList.querySelectorAll('a')) {
    if (link.dataset.view === next.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (active?.id === next.id) return;
  active?.instance?.unmount?.();
  replace(main);
  main.dataset.view = next.id;
  active = { id: next.id, instance: next.view.mount(main, ctx) };
  document.title = `${next.label} · Pincer Control`;
  setNavOpen(false);
}

function loginForm(detail) {
  const stored = settings.credential;
  const kind = h('select', { id: 'login-kind', 'aria-label': 'Credential type' },
    h('option', { value: 'token', text: 'Gateway token', selected: stored?.kind !== 'password' && stored?.kind !== 'none' }),
    h('option', { value: 'password', text: 'Password', selected: stored?.kind === 'password' }),
    h('option', { value: 'none', text: 'No auth (auth mode none)', selected: stored?.kind === 'none' }));
  const secret = h('input', { id: 'login-secret', type: 'password', autocomplete: 'current-password', placeholder: 'Paste the gateway token', spellcheck: 'false' });
  kind.addEventListener('change', () => {
    secret.disabled = kind.value === 'none';
    secret.placeholder = kind.value === 'password' ? 'Gateway password' : 'Paste the gateway token';
  });
  const form = h('form', {
    class: 'login card', 'aria-labelledby': 'login-title',
    onsubmit: (e) => {
      e.preventDefault();
      if (kind.value !== 'none' && !secret.value.trim()) { secret.focus(); return; }
      settings.credential = { kind: kind.value, secret: kind.value === 'none' ? '' : secret.value.trim() };
      client.restart();
    },
  },
  h('div', { class: 'login-brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), h('h1', { id: 'login-title', text: 'Connect to Pincer' })),
  h('p', { class: 'muted', text: `This page talks only to the gateway that served it (${location.host}). The secret is kept in this browser.` }),
  detail?.message ? h('p', { class: 'error-text', role: 'alert', id: 'login-error', text: explainAuth(detail) }) : null,
  h('label', { for: 'login-kind', text: 'Sign in with' }), kind,
  h('label', { for: 'login-secret', text: 'Secret' }), secret,
  h('button', { class: 'primary', type: 'submit', text: 'Connect' }));
  queueMicrotask(() => secret.focus());
  return h('div', { class: 'overlay' }, form);
}

function explainAuth(detail) {
  switch (detail.code) {
    case 'AUTH_TOKEN_MISMATCH': return 'That token was refused: it does not match this gateway\'s gateway.auth.token.';
    case 'AUTH_PASSWORD_MISMATCH': return 'That password was refused.';
    case 'AUTH_TOKEN_MISSING': return 'This gateway needs its token.';
    case 'AUTH_PASSWORD_MISSING': return 'This gateway needs its password.';
    default: return detail.message ?? 'The gateway refused the credentials.';
  }
}

let overlay = null;
function renderState({ state, detail }) {
  pill.dataset.state = state;
  pill.textContent = { connected: 'connected', connecting: 'connecting…', reconnecting: 'reconnecting…', 'auth-failed': 'signed out', pairing: 'awaiting approval', unsupported: 'unsupported', idle: 'offline' }[state] ?? state;
  overlay?.remove();
  overlay = null;
  banner.hidden = true;
  if (state === 'auth-failed' || (state === 'idle' && !settings.credential)) {
    overlay = loginForm(detail);
    root.append(overlay);
  } else if (state === 'reconnecting') {
    banner.hidden = false;
    replace(banner, h('strong', { text: 'Gateway unreachable. ' }),
      `Retrying${detail?.retryInMs ? ` in ${Math.ceil(detail.retryInMs / 1000)} s` : ''}${detail?.message ? ` (${detail.message})` : ''}.`,
      h('button', { class: 'link-button', type: 'button', text: 'Retry now', onclick: () => client.restart() }));
  } else if (state === 'pairing') {
    banner.hidden = false;
    banner.dataset.kind = 'warn';
    replace(banner, h('strong', { text: 'Pairing required. ' }),
      'Approve this browser from a paired client (Devices page, or `openclaw devices approve`',
      detail?.requestId ? h('code', { text: ` ${detail.requestId}` }) : null, '). Retrying automatically.');
  } else if (state === 'unsupported') {
    banner.hidden = false;
    banner.dataset.kind = 'error';
    replace(banner, h('strong', { text: 'Cannot connect. ' }), detail?.message ?? '');
  }
  if (state !== 'pairing' && state !== 'unsupported') delete banner.dataset.kind;
  active?.instance?.onState?.(state);
}

function shell() {
  for (const v of VIEWS) {
    navList.append(h('li', {}, h('a', { href: `#/${v.id}`, 'data-view': v.id }, h('span', { class: 'nav-icon' }, icon(v.id)), h('span', { text: v.label }))));
  }
  const signOut = h('button', {
    class: 'ghost small', type: 'button', text: 'Sign out',
    onclick: () => { settings.credential = null; settings.deviceToken = null; client.stop(); renderState({ state: 'auth-failed', detail: null }); },
  });
  replace(root,
    h('a', { class: 'skip', href: '#main', text: 'Skip to content', onclick: (e) => { e.preventDefault(); main.focus(); } }),
    h('header', { class: 'topbar' },
      menuButton,
      h('a', { class: 'brand', href: '#/chat' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), h('span', { text: 'Pincer' })),
      h('div', { class: 'topbar-right' }, pill, themeButton, signOut)),
    h('div', { class: 'layout' }, nav, h('div', { class: 'content' }, banner, main)),
    h('div', { class: 'scrim', onclick: () => setNavOpen(false) }),
    toasts);
  syncThemeButton();
}

shell();
client.on('state', renderState);
client.on('hello', (hello) => active?.instance?.onHello?.(hello));
client.on('event', (frame) => active?.instance?.onEvent?.(frame));
window.addEventListener('hashchange', route);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') setNavOpen(false);
  if (e.altKey && /^[1-7]$/.test(e.key)) { ctx.navigate(VIEWS[Number(e.key) - 1].id); e.preventDefault(); }
});
route();
if (settings.credential) client.start();
else renderState({ state: 'idle', detail: null });
