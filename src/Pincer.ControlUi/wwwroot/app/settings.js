// What this browser remembers, all in localStorage under one prefix: the shared secret the operator typed,
// the device token the gateway issued, the theme, the last session. Nothing here is ever read from the URL.

const PREFIX = 'pincer.controlUi.';

function read(name) {
  try { return JSON.parse(localStorage.getItem(PREFIX + name) ?? 'null'); } catch { return null; }
}

function write(name, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(PREFIX + name);
    else localStorage.setItem(PREFIX + name, JSON.stringify(value));
  } catch { /* storage full or disabled: keep working for this page */ }
}

export const settings = {
  /** { kind: 'token' | 'password' | 'none', secret } or null before the first login. */
  get credential() { return read('credential'); },
  set credential(value) { write('credential', value); },
  get deviceToken() { return read('deviceToken'); },
  set deviceToken(value) { write('deviceToken', value); },
  get theme() { return read('theme'); },
  set theme(value) { write('theme', value); },
  get sessionKey() { return read('sessionKey'); },
  set sessionKey(value) { write('sessionKey', value); },
};
