// A small Markdown renderer that builds DOM nodes directly. It never produces an HTML string, so model output
// (or anything else) can only ever become text; links are limited to http(s) and mailto.
import { h } from './dom.js';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Renders markdown source into a DocumentFragment. */
export function renderMarkdown(source) {
  const fragment = document.createDocumentFragment();
  const lines = String(source ?? '').replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = /^\s*(```|~~~)\s*([\w+#.-]*)\s*$/.exec(line);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      fragment.append(codeBlock(body.join('\n'), fence[2]));
      continue;
    }
    if (!line.trim()) { i++; continue; }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      fragment.append(h(`h${Math.min(heading[1].length + 2, 6)}`, {}, inline(heading[2])));
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) { fragment.append(h('hr')); i++; continue; }
    if (/^\s*>/.test(line)) {
      const quoted = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''));
      fragment.append(h('blockquote', {}, renderMarkdown(quoted.join('\n'))));
      continue;
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = h(ordered ? 'ol' : 'ul');
      while (i < lines.length && bullet.test(lines[i])) {
        let item = lines[i++].replace(bullet, '');
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !bullet.test(lines[i])) item += '\n' + lines[i++].trim();
        list.append(h('li', {}, inlineWithBreaks(item)));
      }
      fragment.append(list);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() && !/^\s*(```|~~~|#{1,6}\s|>|[-*+]\s|\d+[.)]\s)/.test(lines[i])) paragraph.push(lines[i++]);
    if (paragraph.length === 0) paragraph.push(lines[i++]);
    fragment.append(h('p', {}, inlineWithBreaks(paragraph.join('\n'))));
  }
  return fragment;
}

function codeBlock(text, lang) {
  const copy = h('button', { class: 'code-copy', type: 'button', 'aria-label': 'Copy code', text: 'Copy' });
  copy.addEventListener('click', () => {
    navigator.clipboard?.writeText(text).then(() => { copy.textContent = 'Copied'; setTimeout(() => { copy.textContent = 'Copy'; }, 1200); }, () => {});
  });
  return h('div', { class: 'code' },
    h('div', { class: 'code-bar' }, h('span', { text: lang || 'text' }), copy),
    h('pre', {}, h('code', { text })));
}

function inlineWithBreaks(text) {
  const parts = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) parts.push(h('br'));
    parts.push(...inline(line));
  });
  return parts;
}

// Inline spans: `code`, **bold**, *em* / _em_, ~~strike~~, [text](url), bare URLs.
const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|(?<![\w])_([^_\s][^_]*)_(?![\w])|~~([^~]+)~~|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

export function inline(text) {
  const out = [];
  let last = 0;
  for (const m of String(text).matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[2] !== undefined) out.push(h('code', { text: m[2] }));
    else if (m[3] !== undefined || m[4] !== undefined) out.push(h('strong', {}, inline(m[3] ?? m[4])));
    else if (m[5] !== undefined || m[6] !== undefined) out.push(h('em', {}, inline(m[5] ?? m[6])));
    else if (m[7] !== undefined) out.push(h('del', {}, inline(m[7])));
    else if (m[8] !== undefined) out.push(link(m[8], m[9]));
    else if (m[10] !== undefined) out.push(link(m[10], m[10]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(label, href) {
  if (!SAFE_LINK.test(href)) return `${label} (${href})`;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', text: label });
}
