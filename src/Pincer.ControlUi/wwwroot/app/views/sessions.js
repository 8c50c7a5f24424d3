// Sessions table: filter, rename (label), set the model, delete.
import { h, replace, formatTime } from '../dom.js';
import { settings } from '../settings.js';

export function mount(container, { client, toast, navigate }) {
  let rows = [];
  const filter = h('input', { type: 'search', placeholder: 'Filter by key, label or model', 'aria-label': 'Filter sessions', class: 'grow' });
  const kind = h('select', { 'aria-label': 'Kind' },
    h('option', { value: '', text: 'All kinds' }), h('option', { value: 'direct', text: 'Direct' }), h('option', { value: 'group', text: 'Group' }), h('option', { value: 'global', text: 'Global' }));
  const tbody = h('tbody');
  const count = h('span', { class: 'muted' });
  container.append(h('div', { class: 'page' },
    h('header', { class: 'page-head' }, h('h1', { text: 'Sessions' }), count),
    h('div', { class: 'toolbar' }, filter, kind, h('button', { class: 'ghost small', type: 'button', text: 'Refresh', onclick: () => load() })),
    h('div', { class: 'card table-wrap' }, h('table', { class: 'table sessions-table' },
      h('thead', {}, h('tr', {}, ['Session', 'Label', 'Model', 'Updated', 'Tokens', ''].map((t) => h('th', { text: t })))), tbody))));

  function render() {
    const q = filter.value.trim().toLowerCase();
    const shown = rows.filter((r) => (!kind.value || r.kind === kind.value)
      && (!q || [r.key, r.label, r.displayName, r.model].some((v) => typeof v === 'string' && v.toLowerCase().includes(q))));
    count.textContent = `${shown.length} of ${rows.length}`;
    replace(tbody, shown.length ? shown.map(row) : h('tr', {}, h('td', { colspan: '6', class: 'muted pad', text: rows.length ? 'No sessions match.' : 'No sessions yet. Start one in Chat.' })));
  }

  function row(r) {
    const label = h('input', { class: 'inline-input', value: r.label ?? '', placeholder: r.displayName ?? 'label', 'aria-label': `Label of ${r.key}` });
    const model = h('input', { class: 'inline-input', value: r.modelOverride ? `${r.providerOverride ? `${r.providerOverride}/` : ''}${r.modelOverride}` : '', placeholder: r.model ?? 'default', 'aria-label': `Model of ${r.key}` });
    const save = (field, input) => async () => {
      const value = input.value.trim();
      try {
        await client.request('sessions.patch', { key: r.key, [field]: value || null });
        toast(`Saved ${field} of ${r.key}`);
        load();
      } catch (error) { toast(`${field}: ${error.message}`, 'error'); }
    };
    for (const [field, input] of [['label', label], ['model', model]]) {
      input.addEventListener('change', save(field, input));
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') input.blur(); });
    }
    const tokens = r.totalTokens ?? ((r.inputTokens ?? 0) + (r.outputTokens ?? 0));
    return h('tr', { 'data-key': r.key },
      h('td', {}, h('button', { class: 'link-button mono', type: 'button', text: r.key, title: 'Open in chat', onclick: () => { settings.sessionKey = r.key; navigate('chat'); } })),
      h('td', {}, label), h('td', {}, model),
      h('td', { text: formatTime(r.updatedAt) }), h('td', { text: tokens ? String(tokens) : '—' }),
      h('td', { class: 'right' }, h('button', {
        class: 'danger small', type: 'button', text: 'Delete', 'aria-label': `Delete ${r.key}`,
        onclick: async () => {
          if (!confirm(`Delete session ${r.key}?`)) return;
          try { await client.request('sessions.delete', { key: r.key, deleteTranscript: true }); toast(`Deleted ${r.key}`); load(); } catch (error) { toast(`Delete: ${error.message}`, 'error'); }
        },
      })));
  }

  async function load() {
    if (!client.connected) return;
    try {
      const result = await client.request('sessions.list', { limit: 500, includeGlobal: true });
      rows = result?.sessions ?? [];
      render();
    } catch (error) { toast(`Sessions: ${error.message}`, 'error'); }
  }

  filter.addEventListener('input', render);
  kind.addEventListener('change', render);
  load();
  return { onHello: load, onEvent(frame) { if (frame.event === 'sessions.changed') load(); } };
}
