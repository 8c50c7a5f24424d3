// The browser's device identity: an Ed25519 key pair made with WebCrypto, kept in IndexedDB as non-extractable
// CryptoKeys (the private key never leaves the browser, not even to script). The gateway pairs this device by
// the SHA-256 of its public key and checks a signature over the connect payload on every handshake.

const DB_NAME = 'pincer-control-ui';
const STORE = 'identity';
const KEY = 'device-ed25519';

export class IdentityUnavailableError extends Error {}

let cached = null;

/** Loads (or creates once) this browser's identity: { id, publicKey, sign(text) }. */
export function deviceIdentity() {
  cached ??= load().catch((error) => { cached = null; throw error; });
  return cached;
}

async function load() {
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    throw new IdentityUnavailableError('This page is not a secure context, so the browser offers no WebCrypto. Open the Control UI over HTTPS or on localhost.');
  }
  let pair = await readStored().catch(() => null);
  if (!pair) {
    try {
      pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    } catch {
      throw new IdentityUnavailableError('This browser has no WebCrypto Ed25519 support, which the gateway needs for device identity. Use a current Chromium, Firefox or Safari.');
    }
    await writeStored(pair).catch(() => {});
  }
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const id = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw)));
  return {
    id,
    publicKey: base64Url(raw),
    async sign(text) {
      const signature = await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(text));
      return base64Url(new Uint8Array(signature));
    },
  };
}

/** The v3 string the gateway verifies: fields joined by "|", metadata trimmed and lower-cased. */
export function connectPayloadV3({ deviceId, clientId, clientMode, role, scopes, signedAt, token, nonce, platform, deviceFamily }) {
  const norm = (v) => (v ?? '').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
  return ['v3', deviceId, clientId, clientMode, role, scopes.join(','), String(signedAt), token ?? '', nonce, norm(platform), norm(deviceFamily)].join('|');
}

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function readStored() {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const get = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
    get.onsuccess = () => resolve(get.result?.privateKey && get.result?.publicKey ? get.result : null);
    get.onerror = () => reject(get.error);
  });
}

async function writeStored(pair) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put({ privateKey: pair.privateKey, publicKey: pair.publicKey }, KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64Url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
