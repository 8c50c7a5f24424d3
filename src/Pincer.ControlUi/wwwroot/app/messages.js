// Rendering of transcript messages (history and live): text as markdown, thinking as a folded block,
// tool calls as collapsible cards, usage as a quiet footer.
import { h, formatTime } from './dom.js';
import { renderMarkdown } from './markdown.js';

/** Content parts of a message, whatever shape it came in. */
export function partsOf(message) {
  const content = message?.content;
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (Array.isArray(content)) return content;
  if (typeof message?.text === 'string') return [{ type: 'text', text: message.text }];
  return [];
}

export function textOf(message) {
  return partsOf(message).filter((p) => p?.type === 'text' && typeof p.text === 'string').map((p) => p.text).join('\n\n');
}

export function thinkingBlock(text, open = false) {
  return h('details', { class: 'thinking', open },
    h('summary', {}, h('span', { class: 'thinking-label', text: 'Thinking' })),
    h('div', { class: 'thinking-body', text }));
}

/** A collapsible tool card; update(result) fills in the result later. */
export function toolCard({ name, id, args, result, isError, pending }) {
  const status = h('span', { class: 'tool-status', text: pending ? 'running…' : isError ? 'error' : 'done' });
  const body = h('div', { class: 'tool-body' },
    h('div', { class: 'tool-section-label', text: 'Arguments' }),
    h('pre', { class: 'tool-pre', text: stringify(args) }));
  const resultBox = h('div', { class: 'tool-result' });
  body.append(resultBox);
  const card = h('details', { class: `tool-card${isError ? ' is-error' : ''}`, 'data-tool-call-id': id ?? '' },
    h('summary', {}, h('span', { class: 'tool-icon', 'aria-hidden': 'true', text: '⚒' }), h('span', { class: 'tool-name', text: name ?? 'tool' }), status),
    body);
  const update = (value, error) => {
    card.classList.toggle('is-error', Boolean(error));
    status.textContent = error ? 'error' : 'done';
    resultBox.replaceChildren(h('div', { class: 'tool-section-label', text: 'Result' }), h('pre', { class: 'tool-pre', text: stringify(value) }));
  };
  if (result !== undefined) update(result, isError);
  card.update = update;
  return card;
}

function stringify(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  if (Array.isArray(value) && value.every((p) => p?.type === 'text')) return value.map((p) => p.text).join('\n');
  return JSON.stringify(value, null, 2);
}

export function usageLine(usage) {
  if (!usage) return null;
  const input = usage.input ?? usage.inputTokens ?? usage.prompt_tokens;
  const output = usage.output ?? usage.outputTokens ?? usage.completion_tokens;
  const bits = [];
  if (typeof input === 'number') bits.push(`${input} in`);
  if (typeof output === 'number') bits.push(`${output} out`);
  const cost = usage.cost?.total;
  if (typeof cost === 'number' && cost > 0) bits.push(`$${cost.toFixed(4)}`);
  return bits.length ? h('span', { class: 'usage', title: 'Tokens this turn', text: bits.join(' · ') }) : null;
}

/** Renders a whole history into the list; tool results attach to the card of their call. */
export function renderHistory(list, messages) {
  const cards = new Map();
  list.replaceChildren();
  for (const message of messages ?? []) {
    const role = message?.role;
    if (role === 'toolResult' || role === 'tool') {
      const id = message.toolCallId ?? message.tool_call_id;
      const value = message.content;
      if (cards.has(id)) cards.get(id).update(value, message.isError);
      else list.append(h('div', { class: 'msg msg-tool' }, toolCard({ name: message.toolName, id, result: value, isError: message.isError })));
      continue;
    }
    const el = messageElement(message, cards);
    if (el) list.append(el);
  }
}

export function messageElement(message, cards = new Map()) {
  const role = message?.role === 'user' ? 'user' : message?.role === 'assistant' ? 'assistant' : 'system';
  const body = h('div', { class: 'msg-body' });
  for (const part of partsOf(message)) {
    if (part?.type === 'text' && part.text) {
      if (role === 'user') body.append(h('div', { class: 'user-text', text: part.text }));
      else body.append(h('div', { class: 'md' }, renderMarkdown(part.text)));
    } else if (part?.type === 'thinking' && (part.thinking || part.text)) {
      body.append(thinkingBlock(part.thinking ?? part.text));
    } else if (part?.type === 'toolCall' || part?.type === 'tool_use' || part?.type === 'toolUse') {
      const card = toolCard({ name: part.name, id: part.id, args: part.arguments ?? part.input, pending: false });
      cards.set(part.id, card);
      body.append(card);
    }
  }
  if (!body.childNodes.length) return null;
  const meta = h('div', { class: 'msg-meta' },
    h('span', { class: 'msg-role', text: role === 'user' ? 'You' : role === 'assistant' ? 'Assistant' : 'System' }),
    message.timestamp ? h('time', { text: formatTime(typeof message.timestamp === 'number' ? message.timestamp : Date.parse(message.timestamp)) }) : null,
    role === 'assistant' ? usageLine(message.usage) : null);
  return h('article', { class: `msg msg-${role}` }, meta, body);
}
