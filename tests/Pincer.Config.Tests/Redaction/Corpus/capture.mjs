// Records what the reference gateway's config.get returns (redacted snapshot) for every config in
// inputs/, plus what config.set does when the written text still carries the redaction sentinel.
// One throwaway reference gateway per input (run-gateway.sh); a few run in parallel.
//   usage: node capture.mjs [--only NAME,NAME] [--jobs 4] [--port-base 29840]
// Output: goldens/NAME.json (committed; the xUnit tests compare Pincer's redactor to them).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const here = path.dirname(new URL(import.meta.url).pathname);
const refDir = process.env.OPENCLAW_REF_DIR || path.join(os.homedir(), ".cache", "openclaw-reference");
const require = createRequire(path.join(refDir, "node_modules", "openclaw", "package.json"));
const WebSocket = require("ws");
const JSON5 = require("json5");
const runGateway = process.env.RUN_GATEWAY || "/work/shared/reference/run-gateway.sh";
const SENTINEL = "__OPENCLAW_REDACTED__";

const arg = (n, d) => { const i = process.argv.indexOf(`--${n}`); return i >= 0 ? process.argv[i + 1] : d; };
const only = (arg("only", "") || "").split(",").filter(Boolean);
const jobs = Number(arg("jobs", "4"));
const portBase = Number(arg("port-base", "29840"));

// Write scenarios: each turns config.get's redacted raw into the text sent with config.set.
// Failing scenarios run first because a successful write reloads the gateway.
const writes = {
  "02-provider-apikey-string": [
    ["sentinel-without-original", (raw) => { const p = JSON5.parse(raw); p.models.providers.fresh = { ...p.models.providers.acme, apiKey: SENTINEL }; return JSON.stringify(p, null, 2); }],
    ["sentinel-on-non-sensitive-path", (raw) => { const p = JSON5.parse(raw); p.models.providers.acme.models[0].name = SENTINEL; return JSON.stringify(p, null, 2); }],
    ["roundtrip-redacted-raw", (raw) => raw],
  ],
  "03-provider-apikey-secretref": [
    ["secretref-provider-changed", (raw) => { const p = JSON5.parse(raw); p.models.providers.acme.apiKey.provider = "other"; return JSON.stringify(p, null, 2); }],
    ["secretref-provider-missing", (raw) => { const p = JSON5.parse(raw); delete p.models.providers.acme.apiKey.provider; return JSON.stringify(p, null, 2); }],
    ["roundtrip-redacted-raw", (raw) => raw],
  ],
  "07-url-userinfo": [["roundtrip-redacted-raw", (raw) => raw]],
  "06-hooks": [["roundtrip-redacted-raw", (raw) => raw]],
};

function client(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
  let next = 1; const pending = new Map(); let challenged;
  const challenge = new Promise((r) => (challenged = r));
  ws.on("message", (d) => {
    const f = JSON.parse(d.toString("utf8"));
    if (f.type === "event" && f.event === "connect.challenge") challenged(f.payload);
    if (f.type === "res" && pending.has(f.id)) { pending.get(f.id)(f); pending.delete(f.id); }
  });
  const call = (method, params) => new Promise((resolve) => {
    const id = `r${next++}`; pending.set(id, resolve);
    ws.send(JSON.stringify({ type: "req", id, method, params }));
  });
  const open = new Promise((r, j) => { ws.once("open", r); ws.once("error", j); });
  return { ws, call, ready: (async () => {
    await open; await Promise.race([challenge, new Promise((r) => setTimeout(r, 3000))]);
    const hello = await call("connect", {
      minProtocol: 4, maxProtocol: 4, role: "operator", caps: [], locale: "en-US",
      client: { id: "gateway-client", version: "redaction-capture", platform: "linux", mode: "backend" },
      scopes: ["operator.admin", "operator.read", "operator.write"], auth: { token: "testtoken" },
    });
    if (!hello.ok) throw new Error(`connect failed: ${JSON.stringify(hello.error)}`);
  })() };
}

const pick = (p) => ({
  valid: p.valid, hash: undefined, raw: p.raw, parsed: p.parsed, resolved: p.resolved,
  sourceConfig: p.sourceConfig, runtimeConfig: p.runtimeConfig, config: p.config, issues: p.issues,
});

async function captureOne(name, port) {
  const input = fs.readFileSync(path.join(here, "inputs", `${name}.json5`), "utf8");
  const run = fs.mkdtempSync(path.join(os.tmpdir(), `redact-${name}-`));
  fs.mkdirSync(path.join(run, "state"), { recursive: true });
  fs.writeFileSync(path.join(run, "state", "openclaw.json"), input);
  const started = await new Promise((resolve) => {
    const child = spawn(runGateway, [run, String(port)], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stderr }));
  });
  if (started.status !== 0) throw new Error(`${name}: gateway failed: ${started.stderr}`);
  const golden = { input, get: null, writes: [] };
  const save = () => {
    fs.mkdirSync(path.join(here, "goldens"), { recursive: true });
    fs.writeFileSync(path.join(here, "goldens", `${name}.json`), JSON.stringify(golden, null, 2) + "\n");
  };
  try {
    const c = client(port); await c.ready;
    const got = await c.call("config.get", {});
    if (!got.ok) throw new Error(`${name}: config.get failed ${JSON.stringify(got.error)}`);
    golden.get = pick(got.payload);
    save();
    let baseHash = got.payload.hash;
    for (const [wname, make] of writes[name] ?? []) {
      // raw is null when the reference could not scrub the text; write its redacted parse then.
      const sent = make(got.payload.raw ?? JSON.stringify(got.payload.parsed, null, 2));
      const res = await c.call("config.set", { raw: sent, baseHash });
      if (res.ok) baseHash = undefined;
      await new Promise((r) => setTimeout(r, 400));
      golden.writes.push({
        name: wname, sent, ok: res.ok, error: res.ok ? null : res.error?.message ?? null,
        fileAfter: res.ok ? fs.readFileSync(path.join(run, "state", "openclaw.json"), "utf8") : null,
      });
    }
    c.ws.close();
  } finally {
    try { process.kill(Number(fs.readFileSync(path.join(run, "gateway.pid"), "utf8"))); } catch {}
  }
  save();
  console.log(`${name}: valid=${golden.get.valid} raw=${golden.get.raw === null ? "null" : "text"} writes=${golden.writes.map((w) => `${w.name}:${w.ok}`).join(",")}`);
}

const names = fs.readdirSync(path.join(here, "inputs")).filter((f) => f.endsWith(".json5")).map((f) => f.slice(0, -6))
  .filter((n) => only.length === 0 || only.includes(n)).sort();
let cursor = 0;
await Promise.all(Array.from({ length: jobs }, async (_, slot) => {
  while (cursor < names.length) {
    const name = names[cursor++];
    try { await captureOne(name, portBase + slot); } catch (e) { console.error(String(e?.stack ?? e)); }
  }
}));
process.exit(0);
