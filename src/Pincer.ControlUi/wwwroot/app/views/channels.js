// Channels: what the gateway reports about its messaging channels (none are built into Pincer yet).
import { h, replace } from '../dom.js';

export function mount(container, { client, toast }) {
  const body = h('div', { class: 'stack' });
  container.append(h('div', { class: 'page' }, h('header', { class: 'page-head' }, h('h1', { text: 'Channels' })), body));

  async function load() {
    if (!client.connected) return;
    try {
      const [health, status] = await Promise.all([client.request('health', {}), client.request('status', {}).catch(() => null)]);
      const order = health?.channelOrder ?? Object.keys(health?.channels ?? {});
      const summary = status?.channelSummary ?? [];
      if (!order.length && !summary.length) {
        replace(body, h('div', { class: 'card empty-state' },
          h('p', { class: 'empty-title', text: 'No channels configured' }),
          h('p', { class: 'muted', text: 'Chat here in WebChat, or add a channel under channels.* in the config. Channel status will show up here.' })));
        return;
      }
      replace(body, h('div', { class: 'cards' }, order.map((id) => {
        const channel = health.channels?.[id] ?? {};
        const ok = channel.configured !== false && !channel.lastError;
        return h('div', { class: `card stat tone-${ok ? 'good' : 'warn'}` },
          h('div', { class: 'stat-label', text: health.channelLabels?.[id] ?? id }),
          h('div', { class: 'stat-value', text: channel.running ? 'Running' : channel.configured ? 'Configured' : 'Off' }),
          channel.lastError ? h('div', { class: 'stat-hint', text: String(channel.lastError) }) : null);
      })), summary.length ? h('section', { class: 'card' }, h('h2', { text: 'Summary' }), h('ul', {}, summary.map((line) => h('li', { text: typeof line === 'string' ? line : JSON.stringify(line) })))) : null);
    } catch (error) {
      toast(`Channels: ${error.message}`, 'error');
    }
  }

  load();
  return { onHello: load };
}
