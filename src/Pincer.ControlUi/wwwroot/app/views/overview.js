// Overview: is the gateway healthy, what is it, how long has it run, how much memory does it use.
import { h, replace, formatBytes, formatDuration } from '../dom.js';

export function mount(container, { client, toast }) {
  const grid = h('div', { class: 'cards' });
  const detail = h('div', { class: 'stack' });
  container.append(h('div', { class: 'page' },
    h('header', { class: 'page-head' }, h('h1', { text: 'Overview' }),
      h('button', { class: 'ghost small', type: 'button', text: 'Refresh', onclick: () => load() })),
    grid, detail));
  let timer = 0;

  function stat(label, value, hint, tone) {
    return h('div', { class: `card stat${tone ? ` tone-${tone}` : ''}` },
      h('div', { class: 'stat-label', text: label }), h('div', { class: 'stat-value', text: value }), hint ? h('div', { class: 'stat-hint', text: hint }) : null);
  }

  async function load() {
    if (!client.connected) return;
    try {
      const [health, status] = await Promise.all([client.request('health', {}), client.request('status', {}).catch(() => null)]);
      const hello = client.hello ?? {};
      const memory = status?.processMemory ?? health?.processMemory ?? {};
      const uptime = status?.uptimeMs ?? hello.snapshot?.uptimeMs;
      const loop = health?.eventLoop ?? status?.eventLoop;
      replace(grid,
        stat('Health', health?.ok === false ? 'Degraded' : 'Healthy', health?.durationMs !== undefined ? `probe ${health.durationMs} ms` : null, health?.ok === false ? 'bad' : 'good'),
        stat('Version', hello.server?.version ?? status?.runtimeVersion ?? '—', hello.server?.buildId ?? null),
        stat('Uptime', formatDuration(uptime), hello.server?.bootId ? `boot ${String(hello.server.bootId).slice(0, 8)}` : null),
        stat('Memory', formatBytes(memory.rssBytes), memory.heapUsedBytes ? `heap ${formatBytes(memory.heapUsedBytes)}` : null),
        stat('Sessions', String(status?.sessions?.count ?? health?.sessions?.count ?? 0), status?.sessions?.defaults?.model ? `default ${status.sessions.defaults.model}` : null),
        stat('Event loop', loop?.degraded ? 'Busy' : 'OK', typeof loop?.delayP99Ms === 'number' ? `p99 delay ${loop.delayP99Ms} ms` : null, loop?.degraded ? 'warn' : null));
      const agents = health?.agents ?? [];
      replace(detail,
        h('section', { class: 'card' }, h('h2', { text: 'Agents' }),
          agents.length ? h('table', { class: 'table' },
            h('thead', {}, h('tr', {}, h('th', { text: 'Agent' }), h('th', { text: 'Default' }), h('th', { text: 'Heartbeat' }), h('th', { text: 'Sessions' }))),
            h('tbody', {}, agents.map((a) => h('tr', {},
              h('td', { text: a.agentId }), h('td', { text: a.isDefault ? 'yes' : '' }),
              h('td', { text: a.heartbeat?.enabled ? `every ${a.heartbeat.every}` : 'off' }), h('td', { text: String(a.sessions?.count ?? 0) })))))
            : h('p', { class: 'muted', text: 'No agents reported.' })),
        h('section', { class: 'card' }, h('h2', { text: 'Gateway' }),
          h('dl', { class: 'facts' },
            fact('Connection', client.url),
            fact('Auth', hello.auth?.method ?? '—'),
            fact('Scopes', (hello.auth?.scopes ?? []).join(', ') || '—'),
            fact('Config', hello.snapshot?.configPath ?? '—'),
            fact('State dir', hello.snapshot?.stateDir ?? '—'),
            fact('Methods', String(hello.features?.methods?.length ?? 0)))));
    } catch (error) {
      toast(`Overview: ${error.message}`, 'error');
    }
  }

  function fact(label, value) {
    return [h('dt', { text: label }), h('dd', { text: value })];
  }

  load();
  timer = setInterval(load, 10000);
  return {
    onHello: load,
    onEvent(frame) { if (frame.event === 'health') load(); },
    unmount() { clearInterval(timer); },
  };
}
