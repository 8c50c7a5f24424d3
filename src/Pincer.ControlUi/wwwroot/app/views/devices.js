// Devices: pairing requests (approve / reject), paired devices with their per-role tokens (rotate / revoke),
// and removal.
import { h, replace, formatTime } from '../dom.js';

export function mount(container, { client, toast }) {
  const pendingBox = h('div', { class: 'stack' });
  const pairedBox = h('div', { class: 'stack' });
  container.append(h('div', { class: 'page' },
    h('header', { class: 'page-head' }, h('h1', { text: 'Devices' }), h('button', { class: 'ghost small', type: 'button', text: 'Refresh', onclick: () => load() })),
    h('section', { class: 'card' }, h('h2', { text: 'Pairing requests' }), pendingBox),
    h('section', { class: 'card' }, h('h2', { text: 'Paired devices' }), pairedBox)));

  const act = (label, method, params, after) => async () => {
    try { await client.request(method, params); toast(label); after?.(); load(); } catch (error) { toast(`${label}: ${error.message}`, 'error'); }
  };

  function describe(d) {
    return [d.displayName || d.clientId || 'device', d.platform, d.clientMode].filter(Boolean).join(' · ');
  }

  async function load() {
    if (!client.connected) return;
    try {
      const result = await client.request('device.pair.list', {});
      const pending = result?.pending ?? [];
      const paired = result?.paired ?? [];
      replace(pendingBox, pending.length ? pending.map((p) => h('div', { class: 'device-row' },
        h('div', { class: 'device-main' }, h('strong', { text: describe(p) }),
          h('span', { class: 'muted mono small-text', text: `${p.deviceId?.slice(0, 16)}… · ${p.role ?? 'operator'} · ${(p.scopes ?? []).join(', ')}` }),
          h('span', { class: 'muted small-text', text: `requested ${formatTime(p.ts)}${p.remoteIp ? ` from ${p.remoteIp}` : ''}` })),
        h('div', { class: 'device-actions' },
          h('button', { class: 'primary small', type: 'button', text: 'Approve', onclick: act('Approved', 'device.pair.approve', { requestId: p.requestId }) }),
          h('button', { class: 'danger small', type: 'button', text: 'Reject', onclick: act('Rejected', 'device.pair.reject', { requestId: p.requestId }) }))))
        : h('p', { class: 'muted', text: 'No pending requests. New browsers and apps that connect from another machine appear here.' }));
      replace(pairedBox, paired.length ? paired.map((d) => h('div', { class: 'device-row' },
        h('div', { class: 'device-main' },
          h('strong', {}, describe(d), d.connected ? h('span', { class: 'badge good', text: 'online' }) : null),
          h('span', { class: 'muted mono small-text', text: `${d.deviceId?.slice(0, 16)}… · approved ${formatTime(d.approvedAtMs)}${d.lastSeenAtMs ? ` · seen ${formatTime(d.lastSeenAtMs)}` : ''}` }),
          h('ul', { class: 'token-list' }, (d.tokens ?? []).map((t) => h('li', {},
            h('span', { class: `badge${t.revokedAtMs ? ' bad' : ''}`, text: t.revokedAtMs ? `${t.role} (revoked)` : t.role }),
            h('span', { class: 'muted small-text', text: ` ${(t.scopes ?? []).join(', ')}` }),
            h('button', { class: 'link-button', type: 'button', text: 'Rotate', onclick: act(`Rotated ${t.role} token`, 'device.token.rotate', { deviceId: d.deviceId, role: t.role }) }),
            t.revokedAtMs ? null : h('button', { class: 'link-button danger-text', type: 'button', text: 'Revoke', onclick: act(`Revoked ${t.role} token`, 'device.token.revoke', { deviceId: d.deviceId, role: t.role }) }))))),
        h('div', { class: 'device-actions' },
          h('button', { class: 'danger small', type: 'button', text: 'Remove', onclick: () => { if (confirm('Remove this device? It will need pairing again.')) act('Removed', 'device.pair.remove', { deviceId: d.deviceId })(); } }))))
        : h('p', { class: 'muted', text: 'No paired devices.' }));
    } catch (error) { toast(`Devices: ${error.message}`, 'error'); }
  }

  load();
  return {
    onHello: load,
    onEvent(frame) { if (String(frame.event).startsWith('device.pair.')) load(); },
  };
}
