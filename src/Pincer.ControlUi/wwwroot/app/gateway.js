// The gateway WebSocket client: challenge → signed connect → hello-ok, request/response by id, events, and
// reconnect with backoff. The socket URL comes only from this page's own location (same origin as the page
// that was served), never from the query string, the hash or anything else a link could carry, so a crafted
// link cannot make the UI send a credential to another host.
import { connectPayloadV3, deviceIdentity, IdentityUnavailableError } from './identity.js';
import { settings } from './settings.js';

export const CLIENT_ID = 'openclaw-control-ui';
export const CLIENT_MODE = 'ui';
export const PLATFORM = 'web';
export const SCOPES = ['operator.admin', 'operator.read', 'operator.write', 'operator.approvals', 'operator.pairing'];
const REQUEST_TIMEOUT_MS = 30000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

/** ws(s)://<this host><base>/ — derived from location alone. */
export function gatewayUrl(base = document.body.dataset.base ?? '') {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${base}/`;
}

/** A failed request or handshake: code and details as the gateway sent them. */
export class GatewayError extends Error {
  constructor(error) {
    super(error?.message ?? 'request failed');
    this.code = error?.code ?? 'UNAVAILABLE';
    this.details = error?.details;
    this.retryAfterMs = error?.retryAfterMs;
  }
}

/**
 * States: idle, connecting, connected, reconnecting (gateway down), auth-failed (needs a new secret),
 * pairing (waiting for approval), unsupported (no device identity possible). Emits "state", "hello" and
 * "event" (detail = frame) on itself.
 */
export class GatewayClient extends EventTarget {
  constructor({ url = gatewayUrl(), version = 'dev' } = {}) {
    super();
    this.url = url;
    this.version = version;
    this.state = 'idle';
    this.detail = null;
    this.hello = null;
    this._socket = null;
    this._pending = new Map();
    this._nextId = 1;
    this._attempt = 0;
    this._retryTimer = 0;
    this._watchdog = 0;
    this._stopped = true;
  }

  start() {
    this._stopped = false;
    clearTimeout(this._retryTimer);
    this._open();
  }

  stop() {
    this._stopped = true;
    clearTimeout(this._retryTimer);
    this._socket?.close(1000, 'client stop');
    this._socket = null;
  }

  /** Reconnects now (after a new secret was entered, or the operator pressed Retry). */
  restart() {
    this.stop();
    this._attempt = 0;
    this.start();
  }

  get connected() { return this.state === 'connected'; }

  request(method, params = {}, { timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
    if (!this.connected || this._socket?.readyState !== WebSocket.OPEN) {
      return Promise.reject(new GatewayError({ code: 'UNAVAILABLE', message: 'not connected to the gateway' }));
    }
    return this._send(method, params, timeoutMs);
  }

  on(name, handler) {
    const listener = (e) => handler(e.detail);
    this.addEventListener(name, listener);
    return () => this.removeEventListener(name, listener);
  }

  _send(method, params, timeoutMs) {
    const id = `ui-${this._nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(new GatewayError({ code: 'TIMEOUT', message: `${method} timed out` }));
      }, timeoutMs);
      this._pending.set(id, { resolve, reject, timer });
      this._socket.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  _setState(state, detail = null) {
    this.state = state;
    this.detail = detail;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, detail } }));
  }

  _open() {
    if (this._stopped) return;
    if (this.state !== 'pairing') this._setState(this._attempt === 0 && !this.hello ? 'connecting' : 'reconnecting', this.detail);
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      this._scheduleRetry(String(error));
      return;
    }
    this._socket = socket;
    let handshake = 'waiting';
    socket.onmessage = async (message) => {
      let frame;
      try { frame = JSON.parse(message.data); } catch { return; }
      this._kick();
      if (handshake === 'waiting' && frame.type === 'event' && frame.event === 'connect.challenge') {
        handshake = 'sent';
        try {
          const params = await this._connectParams(frame.payload ?? {});
          if (socket !== this._socket) return;
          const hello = await this._send('connect', params, 15000);
          handshake = 'done';
          this._onHello(hello);
        } catch (error) {
          handshake = 'failed';
          this._onHandshakeError(error);
        }
        return;
      }
      this._onFrame(frame);
    };
    socket.onclose = (event) => {
      if (socket !== this._socket) return;
      this._socket = null;
      clearTimeout(this._watchdog);
      for (const [, pending] of this._pending) {
        clearTimeout(pending.timer);
        pending.reject(new GatewayError({ code: 'UNAVAILABLE', message: 'connection closed' }));
      }
      this._pending.clear();
      if (this._stopped || this.state === 'auth-failed' || this.state === 'unsupported') return;
      const reason = event.reason || (handshake === 'waiting' ? 'gateway unreachable' : 'connection closed');
      this._scheduleRetry(reason);
    };
  }

  async _connectParams(challenge) {
    const credential = settings.credential ?? { kind: 'none' };
    const auth = {};
    if (credential.kind === 'token' && credential.secret) auth.token = credential.secret;
    else if (credential.kind === 'password' && credential.secret) auth.password = credential.secret;
    else if (settings.deviceToken) auth.deviceToken = settings.deviceToken;
    const identity = await deviceIdentity();
    const nonce = String(challenge.nonce ?? '');
    const signedAt = typeof challenge.ts === 'number' ? challenge.ts : Date.now();
    const signedToken = auth.token ?? auth.deviceToken ?? '';
    const payload = connectPayloadV3({
      deviceId: identity.id, clientId: CLIENT_ID, clientMode: CLIENT_MODE, role: 'operator', scopes: SCOPES,
      signedAt, token: signedToken, nonce, platform: PLATFORM,
    });
    const params = {
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: CLIENT_ID, version: this.version, platform: PLATFORM, mode: CLIENT_MODE, displayName: 'Pincer Control UI' },
      role: 'operator',
      scopes: SCOPES,
      caps: ['tool-events'],
      locale: navigator.language || 'en',
      userAgent: navigator.userAgent,
      device: { id: identity.id, publicKey: identity.publicKey, signature: await identity.sign(payload), signedAt, nonce },
    };
    if (Object.keys(auth).length) params.auth = auth;
    return params;
  }

  _onHello(hello) {
    this.hello = hello;
    this._attempt = 0;
    if (hello?.auth?.deviceToken) settings.deviceToken = hello.auth.deviceToken;
    this._tickMs = hello?.policy?.tickIntervalMs ?? 30000;
    this._kick();
    this._setState('connected');
    this.dispatchEvent(new CustomEvent('hello', { detail: hello }));
  }

  _onHandshakeError(error) {
    if (error instanceof IdentityUnavailableError) {
      this._setState('unsupported', { message: error.message });
      this._socket?.close(1000);
      return;
    }
    const code = error?.details?.code ?? error?.code;
    if (code === 'PAIRING_REQUIRED') {
      this._setState('pairing', { requestId: error.details?.requestId, deviceId: error.details?.deviceId, message: error.message });
      return; // onclose schedules the next try; approval elsewhere lets it through.
    }
    if (code === 'AUTH_DEVICE_TOKEN_MISMATCH') settings.deviceToken = null;
    if (typeof code === 'string' && code.startsWith('AUTH_') && code !== 'AUTH_RATE_LIMITED') {
      this._setState('auth-failed', { code, message: error.message });
      this._socket?.close(1000);
      return;
    }
    this.detail = { code, message: error?.message };
  }

  _onFrame(frame) {
    if (frame.type === 'res') {
      const pending = this._pending.get(frame.id);
      if (!pending) return;
      this._pending.delete(frame.id);
      clearTimeout(pending.timer);
      if (frame.ok) pending.resolve(frame.payload);
      else pending.reject(new GatewayError(frame.error));
      return;
    }
    if (frame.type === 'event') {
      if (frame.event === 'shutdown') this.detail = { message: 'gateway restarting', restartExpectedMs: frame.payload?.restartExpectedMs };
      this.dispatchEvent(new CustomEvent('event', { detail: frame }));
    }
  }

  /** Silence longer than two ticks means the socket is dead even if TCP has not noticed. */
  _kick() {
    clearTimeout(this._watchdog);
    if (this.state !== 'connected') return;
    this._watchdog = setTimeout(() => this._socket?.close(4000, 'tick timeout'), (this._tickMs ?? 30000) * 2 + 5000);
  }

  _scheduleRetry(reason) {
    if (this._stopped) return;
    const pairing = this.state === 'pairing';
    const base = BACKOFF_MS[Math.min(this._attempt, BACKOFF_MS.length - 1)];
    const delay = Math.round((pairing ? Math.max(base, 3000) : base) * (0.8 + Math.random() * 0.4));
    this._attempt++;
    if (!pairing) this._setState('reconnecting', { message: reason, retryInMs: delay, attempt: this._attempt });
    this._retryTimer = setTimeout(() => this._open(), delay);
  }
}
