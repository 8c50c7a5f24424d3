// Line icons drawn as inline SVG through the DOM (no icon font, no emoji font needed).
const PATHS = {
  chat: 'M4 5h16v11H9l-5 4z',
  overview: 'M4 13h4v7H4zM10 8h4v12h-4zM16 4h4v16h-4z',
  channels: 'M4 8h13l-3-3M20 16H7l3 3',
  sessions: 'M5 6h14M5 12h14M5 18h9',
  config: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2',
  logs: 'M6 3h9l4 4v14H6zM9 11h7M9 15h7M9 7h3',
  devices: 'M3 5h13v9H3zM7 18h5M18 9h3v11h-3z',
};

export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', PATHS[name] ?? '');
  svg.append(path);
  return svg;
}
