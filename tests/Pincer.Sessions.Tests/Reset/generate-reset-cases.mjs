// Regenerates reset-cases.json from the reference's own reset-policy functions:
//   node generate-reset-cases.mjs > reset-cases.json
import os from "node:os"; import path from "node:path"; import fs from "node:fs";
const dist = path.join(process.env.OPENCLAW_REF_DIR || path.join(os.homedir(), ".cache/openclaw-reference"), "node_modules/openclaw/dist");
const file = fs.readdirSync(dist).find((f) => /^reset-policy-.*\.mjs$/.test(f));
const { n: resolvePolicy, t: evaluate } = await import(path.join(dist, file));
const configs = [
  undefined, {}, { reset: {} }, { reset: { mode: "none" } }, { reset: { mode: "daily" } }, { reset: { mode: "daily", atHour: 7.9 } },
  { reset: { mode: "daily", atHour: -3 } }, { reset: { mode: "daily", atHour: 40 } }, { reset: { mode: "idle" } },
  { reset: { mode: "idle", idleMinutes: 30 } }, { reset: { mode: "daily", idleMinutes: 90.7 } }, { reset: { idleMinutes: -5 } },
  { reset: { mode: "none" }, resetByType: { group: {} } }, { reset: { mode: "idle", idleMinutes: 10 }, resetByType: { group: { atHour: 2 } } },
  { resetByType: { thread: { mode: "idle", idleMinutes: 5 } } }, { reset: { mode: "daily", atHour: 9 }, resetByType: { direct: { idleMinutes: 60 } } },
];
const types = ["direct", "group", "thread"];
const policies = [];
for (const [i, cfg] of configs.entries()) for (const type of types) policies.push({ config: cfg ?? null, type, policy: resolvePolicy({ sessionCfg: cfg, resetType: type }) });
const override = resolvePolicy({ sessionCfg: { reset: { mode: "idle" }, resetByType: { direct: { mode: "none" } } }, resetType: "direct", resetOverride: { atHour: 6 } });
policies.push({ config: { reset: { mode: "idle" }, resetByType: { direct: { mode: "none" } } }, type: "direct", override: { atHour: 6 }, policy: override });
const zones = ["UTC", "America/New_York"];
const nows = [Date.UTC(2026, 10, 24, 9, 30), Date.UTC(2026, 10, 24, 3, 0), Date.UTC(2026, 2, 8, 8, 30), Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2026, 10, 1, 6, 30)];
const evalPolicies = [
  { mode: "none", atHour: 4, idleMinutes: undefined, configured: false }, { mode: "daily", atHour: 4, idleMinutes: undefined, configured: true },
  { mode: "daily", atHour: 2, idleMinutes: undefined, configured: true }, { mode: "idle", atHour: 4, idleMinutes: 30, configured: true },
  { mode: "idle", atHour: 4, idleMinutes: 0, configured: true }, { mode: "daily", atHour: 4, idleMinutes: 120, configured: true },
];
const evaluations = [];
for (const zone of zones) {
  process.env.TZ = zone;
  for (const now of nows) for (const policy of evalPolicies) for (const ago of [null, 0, 10, 45, 200, 1500, 3000]) {
    const stamp = ago === null ? undefined : now - ago * 60000;
    for (const variant of ["updated", "started", "interacted", "future", "zero"]) {
      const args = { now, policy,
        updatedAt: variant === "zero" ? 0 : variant === "future" ? now + 60000 : stamp ?? now,
        sessionStartedAt: variant === "started" || variant === "interacted" ? stamp : undefined,
        lastInteractionAt: variant === "interacted" ? (stamp === undefined ? undefined : stamp + 5 * 60000) : undefined };
      if (variant === "zero" && ago !== null) continue;
      evaluations.push({ zone, ...args, result: evaluate(args) });
    }
  }
}
console.log(JSON.stringify({ policies, evaluations }, null, 0));
