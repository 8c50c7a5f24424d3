// Classifies fake provider error answers the way the reference does: each answer becomes the error
// object the reference's transport would throw (the provider SDK's APIError for OpenAI/Anthropic, the
// reference's own ProviderHttpError for Gemini/Ollama), then goes through its failover classifier.
// stdin: JSON array of {api, status, headers, body}; stdout: JSON array of {reason, message}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const refDir = process.env.OPENCLAW_REF_DIR || path.join(os.homedir(), ".cache", "openclaw-reference");
const dist = path.join(refDir, "node_modules", "openclaw", "dist");
const findModule = (exportName, marker) => {
  const file = fs.readdirSync(dist).find((f) => f.startsWith(marker) && f.endsWith(".mjs"));
  if (!file) throw new Error(`reference module ${marker}* not found`);
  return import(pathToFileURL(path.join(dist, file)).href);
};
const failover = await findModule("resolveFailoverReasonFromError", "failover-error-");
const httpErrors = await findModule("createProviderHttpError", "provider-http-errors-");
const aiRequire = createRequire(path.join(refDir, "node_modules", "@openclaw", "ai", "package.json"));
const OpenAI = (await import(pathToFileURL(aiRequire.resolve("openai")).href)).default;
const Anthropic = (await import(pathToFileURL(aiRequire.resolve("@anthropic-ai/sdk")).href)).default;

// Minified export names differ per build; pick the functions by their source name.
const pick = (mod, name) => Object.values(mod).find((f) => typeof f === "function" && f.name === name)
  ?? (() => { throw new Error(`${name} not exported`); })();
const resolveReason = pick(failover, "resolveFailoverReasonFromError");
const createHttpError = pick(httpErrors, "createProviderHttpError");

const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const results = [];
for (const c of cases) {
  const headers = new Headers(c.headers ?? {});
  let err;
  if (c.api === "openai-completions" || c.api === "openai-responses") {
    err = OpenAI.APIError.generate(c.status, c.body, undefined, headers);
  } else if (c.api === "anthropic-messages") {
    err = Anthropic.APIError.generate(c.status, c.body, undefined, headers);
  } else {
    err = await createHttpError(new Response(JSON.stringify(c.body), { status: c.status, headers }), c.api === "ollama" ? "Ollama API error" : "Google API error");
  }
  results.push({ reason: resolveReason(err, "fake") ?? null, message: err.message });
}
process.stdout.write(JSON.stringify(results));
