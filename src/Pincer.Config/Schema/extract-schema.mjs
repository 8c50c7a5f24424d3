#!/usr/bin/env node
// Regenerates Schema/config-schema.json.gz from the reference gateway's `config.schema` payload.
// Only structure is kept; every human-written string (titles, descriptions, help, labels,
// placeholders, examples) is dropped so none of the reference's prose ends up in our tree.
//
//   node extract-schema.mjs --port 29231 [--token testtoken]     # asks a running reference gateway
//   node extract-schema.mjs --capture file.jsonl                 # reuses a gw-client capture
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};

function loadPayload() {
  let capture = arg("capture");
  if (!capture) {
    const port = arg("port");
    if (!port) throw new Error("need --port or --capture");
    capture = path.join(fs.mkdtempSync("/tmp/pincer-schema-"), "schema.jsonl");
    execFileSync("node", [
      "/work/shared/reference/gw-client.mjs", "--url", `ws://127.0.0.1:${port}/`,
      "--token", arg("token", "testtoken"), "--calls", "config.schema", "--linger-ms", "0", "--out", capture,
    ], { stdio: "ignore" });
  }
  for (const line of fs.readFileSync(capture, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const frame = JSON.parse(line).frame;
    if (frame?.type === "res" && frame.ok && frame.payload?.schema && frame.payload?.uiHints) return frame.payload;
  }
  throw new Error("no config.schema response in capture");
}

// Keywords whose values are human text, not structure.
const PROSE_KEYWORDS = new Set(["title", "description", "markdownDescription", "examples", "$comment", "errorMessage"]);
// Keywords whose value is a map of name -> subschema.
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
// Keywords whose value is a subschema.
const SCHEMA_SINGLE = new Set(["items", "additionalProperties", "propertyNames", "not", "if", "then", "else", "contains", "additionalItems", "unevaluatedProperties"]);
// Keywords whose value is an array of subschemas.
const SCHEMA_ARRAYS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);

function stripSchema(node) {
  if (Array.isArray(node)) return node.map(stripSchema);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripSchema(v)]));
    } else if (SCHEMA_SINGLE.has(key)) {
      out[key] = Array.isArray(value) ? value.map(stripSchema) : stripSchema(value);
    } else if (SCHEMA_ARRAYS.has(key) && Array.isArray(value)) {
      out[key] = value.map(stripSchema);
    } else {
      // const/enum/default/required/type/pattern/min/max/format/$ref/$schema: data, kept verbatim.
      out[key] = value;
    }
  }
  return out;
}

const HINT_KEEP = new Set(["group", "order", "docsUrl", "advanced", "sensitive", "tags", "presentation"]);
function stripHint(hint) {
  const out = {};
  for (const [key, value] of Object.entries(hint)) {
    if (HINT_KEEP.has(key)) out[key] = value;
    else if (key === "groups" && Array.isArray(value)) {
      out.groups = value.map((g) => ({ id: g.id, ...(g.order !== undefined ? { order: g.order } : {}), properties: g.properties }));
    }
  }
  return out;
}

const payload = loadPayload();
const uiHints = {};
for (const [hintPath, hint] of Object.entries(payload.uiHints)) uiHints[hintPath] = stripHint(hint);
const doc = { version: payload.version, schema: stripSchema(payload.schema), uiHints };
const json = JSON.stringify(doc);
const out = path.join(here, "config-schema.json.gz");
fs.writeFileSync(out, zlib.gzipSync(Buffer.from(json, "utf8"), { level: 9 }));
console.log(`wrote ${out}: ${json.length} bytes json, ${fs.statSync(out).size} gz, ${Object.keys(uiHints).length} hints`);
