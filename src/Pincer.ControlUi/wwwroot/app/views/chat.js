// WebChat: session picker, transcript, live streaming, abort, model/thinking selectors, and the reserved
// region for inline exec approvals.
import { h, replace, debounce, formatTime } from '../dom.js';
import { renderMarkdown } from '../markdown.js';
import { messageElement, renderHistory, textOf, thinkingBlock, toolCard, usageLine } from '../messages.js';
import { settings } from '../settings.js';

const FALLBACK_THINKING = ['off', 'minimal', 'low', 'medium', 'high'];

/** Session keys arrive as "main" or "agent:main:main"; both name the same session. */
export function sameSession(a, b) {
  if (!a || !b) return false;
  return a === b || a.endsWith(`:${b}`) || b.endsWith(`:${a}`);
}

export function mount(container, { client, toast }) {
  const state = { key: settings.sessionKey, sessions: [], defaults: null, run: null, filter: '' };

  // Session pane
  const search = h('input', { type: 'search', class: 'session-search', placeholder: 'Search sessions', 'aria-label': 'Search sessions' });
  const sessionList = h('ul', { class: 'session-list', role: 'listbox', 'aria-label': 'Sessions' });
  const newButton = h('button', { class: 'primary small', type: 'button', text: '+ New', 'aria-label': 'New session' });
  const pane = h('aside', { class: 'session-pane', 'aria-label': 'Sessions' },
    h('div', { class: 'pane-head' }, h('h2', { text: 'Sessions' }), newButton), search, sessionList);

  // Header
  const title = h('h2', { class: 'chat-title', id: 'chat-title', text: 'Chat' });
  const paneToggle = h('button', { class: 'ghost small pane-toggle', type: 'button', text: 'Sessions', 'aria-expanded': 'false' });
  const modelSelect = h('select', { class: 'compact', 'aria-label': 'Model', id: 'model-select' }, h('option', { value: '', text: 'Default model' }));
  const thinkingSelect = h('select', { class: 'compact', 'aria-label': 'Thinking level', id: 'thinking-select' }, h('option', { value: '', text: 'Thinking: default' }));
  const resetButton = h('button', { class: 'ghost small', type: 'button', text: 'Reset', title: 'Start this session over' });
  const head = h('header', { class: 'chat-head' }, paneToggle, title, h('div', { class: 'chat-controls' }, modelSelect, thinkingSelect, resetButton));

  // Transcript
  const list = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'chat-title' });
  const empty = h('div', { class: 'empty-state' }, h('p', { class: 'empty-title', text: 'Say hello' }), h('p', { class: 'muted', text: 'Messages you send here go to the selected session’s agent.' }));
  const scroller = h('div', { class: 'scroller' }, list, empty);

  // Reserved for the tool runtime: exec approval requests will render here (approve once / always / deny).
  const approvals = h('section', { class: 'approvals', 'aria-label': 'Exec approvals', 'data-region': 'exec-approvals', hidden: true });

  // Composer
  const input = h('textarea', { class: 'composer-input', rows: '1', placeholder: 'Message the agent…', 'aria-label': 'Message', title: 'Enter sends, Shift+Enter adds a line' });
  const sendButton = h('button', { class: 'primary', type: 'submit', text: 'Send', id: 'send-button' });
  const abortButton = h('button', { class: 'danger', type: 'button', text: 'Stop', id: 'abort-button', hidden: true, title: 'Abort the running turn' });
  const composer = h('form', { class: 'composer' }, input, h('div', { class: 'composer-actions' }, abortButton, sendButton));

  const chatMain = h('section', { class: 'chat-main' }, head, scroller, approvals, composer);
  const root = h('div', { class: 'chat' }, pane, chatMain);
  container.append(root);

  const stickToBottom = () => { scroller.scrollTop = scroller.scrollHeight; };
  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const keepPinned = (fn) => { const pinned = nearBottom(); fn(); if (pinned) stickToBottom(); };
  const setPane = (open) => { root.classList.toggle('pane-open', open); paneToggle.setAttribute('aria-expanded', String(open)); };
  paneToggle.addEventListener('click', () => setPane(!root.classList.contains('pane-open')));

  function defaultKey() {
    return client.hello?.snapshot?.sessionDefaults?.mainSessionKey ?? 'main';
  }

  function sessionTitle(row) {
    const key = String(row?.key ?? '').replace(/^agent:[^:]+:/, '');
    return row?.label || (row?.displayName && row.displayName !== row.key ? row.displayName : '') || row?.derivedTitle || key || 'Session';
  }

  function renderSessions() {
    const q = state.filter.trim().toLowerCase();
    const rows = state.sessions.filter((row) => !q || [row.key, row.label, row.displayName, row.derivedTitle, row.lastMessagePreview].some((v) => typeof v === 'string' && v.toLowerCase().includes(q)));
    if (!rows.some((r) => sameSession(r.key, state.key)) && !q) rows.unshift({ key: state.key, displayName: state.key });
    replace(sessionList, rows.map((row) => {
      const selected = sameSession(row.key, state.key);
      return h('li', {},
        h('button', {
          type: 'button', class: 'session-item', role: 'option', 'aria-selected': String(selected), 'data-key': row.key,
          onclick: () => { select(row.key); setPane(false); },
        },
        h('span', { class: 'session-name', text: sessionTitle(row) }),
        h('span', { class: 'session-sub' },
          h('span', { class: 'session-preview', text: row.lastMessagePreview ?? row.key }),
          h('time', { text: formatTime(row.updatedAt) }))));
    }));
    if (!rows.length) sessionList.append(h('li', { class: 'muted pad', text: 'No sessions match.' }));
    const current = state.sessions.find((r) => sameSession(r.key, state.key));
    title.textContent = sessionTitle(current ?? { key: state.key });
    syncSelectors(current);
  }

  function syncSelectors(row) {
    const model = row?.model ? `${row.modelProvider ? `${row.modelProvider}/` : ''}${row.model}` : '';
    if (model && ![...modelSelect.options].some((o) => o.value === model)) modelSelect.append(h('option', { value: model, text: model }));
    modelSelect.value = row?.modelOverride || row?.providerOverride ? model : (modelSelect.value && model === modelSelect.value ? model : '');
    const levels = state.defaults?.thinkingOptions ?? state.defaults?.thinkingLevels?.map((l) => l.id) ?? FALLBACK_THINKING;
    if (thinkingSelect.options.length !== levels.length + 1) {
      replace(thinkingSelect, h('option', { value: '', text: `Thinking: ${state.defaults?.thinkingDefault ?? 'default'}` }), levels.map((l) => h('option', { value: l, text: `Thinking: ${l}` })));
    }
    thinkingSelect.value = row?.thinkingLevel ?? '';
  }

  async function loadSessions() {
    try {
      const result = await client.request('sessions.list', { limit: 200, includeDerivedTitles: true, includeLastMessage: true });
      state.sessions = result?.sessions ?? [];
      state.defaults = result?.defaults ?? null;
      renderSessions();
    } catch (error) {
      toast(`Sessions: ${error.message}`, 'error');
    }
  }

  async function loadModels() {
    try {
      const result = await client.request('models.list', {});
      const models = result?.models ?? [];
      replace(modelSelect, h('option', { value: '', text: 'Default model' }),
        models.map((m) => {
          const ref = m.provider && !String(m.id).includes('/') ? `${m.provider}/${m.id}` : String(m.id);
          return h('option', { value: ref, text: m.name ? `${m.name}` : ref });
        }));
      modelSelect.disabled = false;
      modelSelect.title = '';
    } catch (error) {
      // models.list may not exist on this gateway yet: keep the default and say why the list is empty.
      modelSelect.disabled = true;
      modelSelect.title = `Model list unavailable: ${error.message}`;
    }
    renderSessions();
  }

  async function loadHistory() {
    const key = state.key;
    try {
      const result = await client.request('chat.history', { sessionKey: key, limit: 200 });
      if (key !== state.key) return;
      keepPinned(() => {
        renderHistory(list, result?.messages ?? []);
        if (state.run && state.run.el && !state.run.done) list.append(state.run.el);
      });
      stickToBottom();
    } catch (error) {
      if (error.code !== 'UNAVAILABLE') toast(`History: ${error.message}`, 'error');
      list.replaceChildren();
    }
    empty.hidden = list.childElementCount > 0;
  }

  function select(key) {
    if (!key) return;
    state.key = key;
    settings.sessionKey = key;
    state.run = null;
    setRunning(false);
    list.replaceChildren();
    renderSessions();
    if (client.connected) loadHistory();
    input.focus();
  }

  function setRunning(running) {
    abortButton.hidden = !running;
    sendButton.disabled = running;
    root.classList.toggle('is-running', running);
  }

  // The live turn: one assistant bubble that only grows, so streaming never moves what is above it.
  function runBubble(runId) {
    if (state.run?.runId === runId && state.run.el) return state.run;
    const text = h('div', { class: 'md streaming' });
    const extras = h('div', { class: 'run-extras' });
    const footer = h('div', { class: 'msg-meta msg-foot' }, h('span', { class: 'run-status', text: 'thinking…' }));
    const el = h('article', { class: 'msg msg-assistant is-live', 'data-run-id': runId },
      h('div', { class: 'msg-meta' }, h('span', { class: 'msg-role', text: 'Assistant' })),
      h('div', { class: 'msg-body' }, extras, text), footer);
    state.run = { runId, el, text, extras, footer, tools: new Map(), done: false, raw: '' };
    keepPinned(() => list.append(el));
    empty.hidden = true;
    return state.run;
  }

  function setRunText(run, value) {
    if (value === run.raw) return;
    run.raw = value;
    keepPinned(() => run.text.replaceChildren(renderMarkdown(value)));
  }

  function finishRun(run, status, kind = '') {
    run.done = true;
    run.el.classList.remove('is-live');
    if (kind) run.el.classList.add(kind);
    run.footer.querySelector('.run-status').textContent = status;
    setRunning(false);
  }

  async function send(text) {
    const message = text.trim();
    if (!message || !client.connected) return;
    const idempotencyKey = crypto.randomUUID();
    keepPinned(() => list.append(messageElement({ role: 'user', content: message, timestamp: Date.now() })));
    stickToBottom();
    empty.hidden = true;
    input.value = '';
    autosize();
    setRunning(true);
    runBubble(idempotencyKey);
    try {
      const result = await client.request('chat.send', { sessionKey: state.key, message, idempotencyKey });
      if (result?.runId && state.run && state.run.runId !== result.runId) state.run.runId = result.runId;
    } catch (error) {
      if (state.run) finishRun(state.run, `not sent: ${error.message}`, 'is-error');
      toast(`Send failed: ${error.message}`, 'error');
    }
  }

  function onChat(p) {
    if (!sameSession(p.sessionKey, state.key)) return;
    const run = runBubble(p.runId);
    const text = textOf(p.message);
    switch (p.state) {
      case 'delta':
        setRunning(true);
        if (text) setRunText(run, text);
        run.footer.querySelector('.run-status').textContent = 'streaming…';
        break;
      case 'final':
        if (text) setRunText(run, text);
        finishRun(run, 'done');
        refreshAfterRun();
        break;
      case 'aborted':
        if (text) setRunText(run, text);
        finishRun(run, 'stopped', 'is-aborted');
        refreshAfterRun();
        break;
      case 'error':
        finishRun(run, `error: ${p.errorMessage ?? 'the turn failed'}`, 'is-error');
        break;
      case 'status':
        if (!run.raw) run.footer.querySelector('.run-status').textContent = String(p.phase ?? 'working').replace(/_/g, ' ') + '…';
        break;
      default:
        break;
    }
  }

  function onAgent(p) {
    if (!sameSession(p.sessionKey, state.key) || !p.runId) return;
    const run = runBubble(p.runId);
    const data = p.data ?? {};
    if (p.stream === 'tool') {
      if (data.phase === 'start') {
        const card = toolCard({ name: data.name, id: data.toolCallId, args: data.args, pending: true });
        run.tools.set(data.toolCallId, card);
        keepPinned(() => run.extras.append(card));
      } else if (data.phase === 'result') {
        run.tools.get(data.toolCallId)?.update(data.result, data.isError);
      }
    } else if (p.stream === 'thinking' && (data.text || data.delta)) {
      let block = run.extras.querySelector('.thinking');
      if (!block) { block = thinkingBlock('', true); run.extras.prepend(block); }
      keepPinned(() => { block.querySelector('.thinking-body').textContent = data.text ?? (block.querySelector('.thinking-body').textContent + data.delta); });
    } else if (p.stream === 'usage') {
      const line = usageLine(data);
      run.footer.querySelector('.usage')?.remove();
      if (line) run.footer.append(line);
    } else if (p.stream === 'lifecycle' && data.phase === 'end' && !run.done) {
      finishRun(run, data.aborted ? 'stopped' : data.error ? `error: ${data.error}` : 'done', data.aborted ? 'is-aborted' : data.error ? 'is-error' : '');
    }
  }

  const refreshAfterRun = debounce(() => { loadHistory(); loadSessions(); }, 400);
  const refreshSessions = debounce(loadSessions, 500);

  function onApprovalRequested(p) {
    approvals.hidden = false;
    const id = p.id ?? p.approvalId;
    const decide = (decision) => async () => {
      try {
        await client.request('exec.approval.resolve', { id, decision });
        card.remove();
        approvals.hidden = !approvals.querySelector('.approval-card');
      } catch (error) { toast(`Approval: ${error.message}`, 'error'); }
    };
    const card = h('div', { class: 'approval-card', 'data-approval-id': id },
      h('div', { class: 'approval-text' }, h('strong', { text: 'Run command? ' }), h('code', { text: p.request?.command ?? p.command ?? '' })),
      h('div', { class: 'approval-actions' },
        h('button', { class: 'primary small', type: 'button', text: 'Approve once', onclick: decide('allow-once') }),
        h('button', { class: 'ghost small', type: 'button', text: 'Always', onclick: decide('allow-always') }),
        h('button', { class: 'danger small', type: 'button', text: 'Deny', onclick: decide('deny') })));
    approvals.append(card);
  }

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  }

  composer.addEventListener('submit', (e) => { e.preventDefault(); send(input.value); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(input.value); }
  });
  input.addEventListener('input', autosize);
  abortButton.addEventListener('click', async () => {
    try {
      await client.request('chat.abort', state.run?.runId ? { sessionKey: state.key, runId: state.run.runId } : { sessionKey: state.key });
    } catch (error) { toast(`Abort failed: ${error.message}`, 'error'); }
  });
  search.addEventListener('input', () => { state.filter = search.value; renderSessions(); });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { sessionList.querySelector('button')?.focus(); e.preventDefault(); }
  });
  sessionList.addEventListener('keydown', (e) => {
    const items = [...sessionList.querySelectorAll('button')];
    const index = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && index < items.length - 1) { items[index + 1].focus(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { (index > 0 ? items[index - 1] : search).focus(); e.preventDefault(); }
  });
  newButton.addEventListener('click', async () => {
    try {
      const created = await client.request('sessions.create', { label: `Chat ${new Date().toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}` });
      await loadSessions();
      select(created?.key);
    } catch (error) { toast(`New session: ${error.message}`, 'error'); }
  });
  resetButton.addEventListener('click', async () => {
    if (!confirm('Reset this session? Its transcript starts over.')) return;
    try {
      await client.request('sessions.reset', { key: state.key, reason: 'reset' });
      state.run = null;
      await loadHistory();
      toast('Session reset');
    } catch (error) { toast(`Reset failed: ${error.message}`, 'error'); }
  });
  modelSelect.addEventListener('change', async () => {
    try {
      await client.request('sessions.patch', { key: state.key, model: modelSelect.value || null });
      toast(modelSelect.value ? `Model: ${modelSelect.value}` : 'Model: default');
      refreshSessions();
    } catch (error) { toast(`Model: ${error.message}`, 'error'); loadSessions(); }
  });
  thinkingSelect.addEventListener('change', async () => {
    try {
      await client.request('sessions.patch', { key: state.key, thinkingLevel: thinkingSelect.value || null });
      refreshSessions();
    } catch (error) { toast(`Thinking: ${error.message}`, 'error'); loadSessions(); }
  });

  function start() {
    state.key ??= defaultKey();
    renderSessions();
    loadSessions();
    loadModels();
    loadHistory();
  }

  if (client.connected) start();
  else { state.key ??= 'main'; renderSessions(); }
  queueMicrotask(() => input.focus());

  return {
    onHello: start,
    onEvent(frame) {
      const p = frame.payload ?? {};
      if (frame.event === 'chat') onChat(p);
      else if (frame.event === 'agent') onAgent(p);
      else if (frame.event === 'sessions.changed') refreshSessions();
      else if (frame.event === 'session.message' && sameSession(p.sessionKey, state.key) && !(state.run && !state.run.done)) refreshAfterRun();
      else if (frame.event === 'exec.approval.requested') onApprovalRequested(p);
    },
    unmount() {},
  };
}
