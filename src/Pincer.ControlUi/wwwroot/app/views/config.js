// Config: the effective config (read-only) and the raw JSON5 file, saved with config.set / config.apply
// against the hash it was read at, so a concurrent edit is refused instead of overwritten.
import { h, replace } from '../dom.js';

export function mount(container, { client, toast }) {
  let baseHash = null;
  let loaded = '';
  const editor = h('textarea', { class: 'code-editor', spellcheck: 'false', 'aria-label': 'Raw config (JSON5)', id: 'config-editor', wrap: 'off' });
  const issues = h('div', { class: 'issues', role: 'alert', 'aria-live': 'assertive', id: 'config-issues', hidden: true });
  const meta = h('p', { class: 'muted mono small-text' });
  const effective = h('pre', { class: 'code-view', tabindex: '0', 'aria-label': 'Effective config' });
  const dirty = h('span', { class: 'badge', text: 'unsaved', hidden: true });
  const saveButton = h('button', { class: 'primary', type: 'button', text: 'Save', id: 'config-save', title: 'config.set: write the file (the gateway reloads what it can hot)' });
  const applyButton = h('button', { class: 'ghost', type: 'button', text: 'Save & restart', id: 'config-apply', title: 'config.apply: write and restart the gateway' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const rawPanel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'config-raw' },
    h('div', { class: 'toolbar' }, saveButton, applyButton, h('button', { class: 'ghost', type: 'button', text: 'Discard', onclick: () => load() }), dirty),
    issues, editor, meta);
  const effectivePanel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'config-effective', hidden: true }, effective);
  const tabButtons = [['Raw file', rawPanel], ['Effective', effectivePanel]].map(([label, panel], index) => {
    const button = h('button', { class: 'tab', type: 'button', role: 'tab', 'aria-selected': String(index === 0), text: label });
    button.addEventListener('click', () => {
      for (const b of tabButtons) b.setAttribute('aria-selected', String(b === button));
      rawPanel.hidden = panel !== rawPanel;
      effectivePanel.hidden = panel !== effectivePanel;
    });
    return button;
  });
  tabs.append(...tabButtons);
  container.append(h('div', { class: 'page page-wide' }, h('header', { class: 'page-head' }, h('h1', { text: 'Config' })), tabs, rawPanel, effectivePanel));

  function showIssues(list, headline) {
    issues.hidden = !list.length && !headline;
    replace(issues,
      headline ? h('p', { class: 'issues-title', text: headline }) : null,
      list.length ? h('ul', {}, list.map((issue) => h('li', {},
        h('button', { class: 'link-button mono', type: 'button', text: issue.path || '<root>', onclick: () => reveal(issue.path) }),
        h('span', { text: ` ${issue.message}` })))) : null);
  }

  /** Selects the last key of the issue path in the editor, so the operator lands on the offending line. */
  function reveal(path) {
    const key = String(path ?? '').split('.').filter(Boolean).pop();
    if (!key) return;
    const match = new RegExp(`["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).exec(editor.value);
    editor.focus();
    if (match) editor.setSelectionRange(match.index, match.index + match[0].length);
  }

  async function load() {
    if (!client.connected) return;
    try {
      const result = await client.request('config.get', {});
      baseHash = result?.hash ?? null;
      loaded = result?.raw ?? JSON.stringify(result?.parsed ?? {}, null, 2);
      editor.value = loaded;
      dirty.hidden = true;
      effective.textContent = JSON.stringify(result?.resolved ?? result?.config ?? {}, null, 2);
      meta.textContent = `${result?.path ?? ''}${baseHash ? ` · ${baseHash.slice(0, 28)}…` : ''}`;
      const known = result?.issues ?? [];
      showIssues(known, known.length ? 'The file on disk has problems:' : null);
    } catch (error) { toast(`Config: ${error.message}`, 'error'); }
  }

  async function save(method) {
    saveButton.disabled = applyButton.disabled = true;
    try {
      const params = { raw: editor.value };
      if (baseHash) params.baseHash = baseHash;
      await client.request(method, params);
      showIssues([], null);
      toast(method === 'config.apply' ? 'Saved; the gateway is restarting' : 'Config saved');
      if (method !== 'config.apply') await load();
    } catch (error) {
      const list = Array.isArray(error.details?.issues) ? error.details.issues : [];
      showIssues(list, error.message);
    } finally {
      saveButton.disabled = applyButton.disabled = false;
    }
  }

  saveButton.addEventListener('click', () => save('config.set'));
  applyButton.addEventListener('click', () => save('config.apply'));
  editor.addEventListener('input', () => { dirty.hidden = editor.value === loaded; });
  editor.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save('config.set'); }
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      // Two spaces, not a focus change; Esc then Tab leaves the editor.
      if (editor.dataset.escaped === '1') { editor.dataset.escaped = ''; return; }
      e.preventDefault();
      editor.setRangeText('  ', editor.selectionStart, editor.selectionEnd, 'end');
    }
    if (e.key === 'Escape') editor.dataset.escaped = '1';
  });
  load();
  return { onHello: () => { if (editor.value === loaded) load(); } };
}
