// Logs: live tail of the gateway's log file by polling logs.tail with its cursor.
import { h } from '../dom.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const MAX_LINES = 2000;

export function mount(container, { client, toast }) {
  let cursor = undefined;
  let timer = 0;
  let paused = false;
  const level = h('select', { 'aria-label': 'Minimum level' }, h('option', { value: '', text: 'All levels' }), LEVELS.slice(1).map((l) => h('option', { value: l, text: `${l}+` })));
  const search = h('input', { type: 'search', placeholder: 'Filter text', 'aria-label': 'Filter log text', class: 'grow' });
  const pause = h('button', { class: 'ghost small', type: 'button', text: 'Pause', 'aria-pressed': 'false' });
  const file = h('span', { class: 'muted mono small-text' });
  const output = h('div', { class: 'log-view', role: 'log', 'aria-live': 'off', tabindex: '0' });
  container.append(h('div', { class: 'page page-wide' },
    h('header', { class: 'page-head' }, h('h1', { text: 'Logs' }), file),
    h('div', { class: 'toolbar' }, level, search, pause, h('button', { class: 'ghost small', type: 'button', text: 'Clear', onclick: () => output.replaceChildren() })),
    output));

  function parse(line) {
    try {
      const o = JSON.parse(line);
      const lvl = String(o.level ?? o.lvl ?? o._meta?.logLevelName ?? 'info').toLowerCase();
      const time = o.time ?? o.ts ?? o.timestamp ?? o._meta?.date;
      const text = o.msg ?? o.message ?? o[0] ?? line;
      return { level: lvl, time, text: typeof text === 'string' ? text : JSON.stringify(text), subsystem: o.subsystem ?? o.category ?? o._meta?.name };
    } catch {
      const m = /\b(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b/i.exec(line);
      return { level: (m?.[1] ?? 'info').toLowerCase().replace('warning', 'warn'), text: line };
    }
  }

  function visible(entry) {
    const min = LEVELS.indexOf(level.value);
    if (min > 0 && LEVELS.indexOf(entry.level) < min) return false;
    const q = search.value.trim().toLowerCase();
    return !q || entry.text.toLowerCase().includes(q) || (entry.subsystem ?? '').toLowerCase().includes(q);
  }

  function lineElement(raw) {
    const entry = parse(raw);
    const el = h('div', { class: `log-line lvl-${entry.level}`, 'data-level': entry.level },
      entry.time ? h('time', { text: new Date(entry.time).toLocaleTimeString() }) : null,
      h('span', { class: 'log-level', text: entry.level }),
      entry.subsystem ? h('span', { class: 'log-sub', text: entry.subsystem }) : null,
      h('span', { class: 'log-text', text: entry.text }));
    el.entry = entry;
    el.hidden = !visible(entry);
    return el;
  }

  async function poll() {
    clearTimeout(timer);
    if (client.connected && !paused) {
      try {
        const params = { limit: 500 };
        if (cursor !== undefined) params.cursor = cursor;
        const result = await client.request('logs.tail', params);
        if (result?.reset) output.replaceChildren();
        file.textContent = result?.file ?? '';
        cursor = result?.cursor ?? cursor;
        const pinned = output.scrollHeight - output.scrollTop - output.clientHeight < 40;
        output.append(...(result?.lines ?? []).map(lineElement));
        while (output.childElementCount > MAX_LINES) output.firstElementChild.remove();
        if (pinned) output.scrollTop = output.scrollHeight;
      } catch (error) {
        if (error.code !== 'UNAVAILABLE') toast(`Logs: ${error.message}`, 'error');
      }
    }
    timer = setTimeout(poll, 1500);
  }

  const refilter = () => { for (const el of output.children) el.hidden = !visible(el.entry); };
  level.addEventListener('change', refilter);
  search.addEventListener('input', refilter);
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    if (!paused) poll();
  });
  poll();
  return { onHello: poll, unmount() { clearTimeout(timer); } };
}
