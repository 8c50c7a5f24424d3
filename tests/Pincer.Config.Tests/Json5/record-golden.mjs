// Records what the npm `json5` package (the parser the reference gateway uses) makes of each
// corpus file, so Json5CorpusTests can hold our parser to the same answers.
//
// Usage: node record-golden.mjs [path/to/node_modules/json5]
// Default json5 location: $JSON5_PATH, else ~/.cache/openclaw-reference/node_modules/json5.
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const json5Path = process.argv[2] ?? process.env.JSON5_PATH
    ?? path.join(os.homedir(), ".cache/openclaw-reference/node_modules/json5");
const require = createRequire(import.meta.url);
const JSON5 = require(json5Path);
const version = JSON.parse(fs.readFileSync(path.join(json5Path, "package.json"), "utf8")).version;

// JSON cannot carry the non-finite numbers JSON5 allows, so they are tagged.
function normalize(value) {
    if (typeof value === "number" && !Number.isFinite(value)) return { $nonFinite: String(value) };
    if (Array.isArray(value)) return value.map(normalize);
    if (value !== null && typeof value === "object") {
        const out = {};
        for (const key of Object.keys(value)) {
            Object.defineProperty(out, key, { value: normalize(value[key]), enumerable: true, writable: true, configurable: true });
        }
        return out;
    }
    return value;
}

const corpusDir = path.join(here, "Corpus");
const results = {};
const originalWarn = console.warn;
console.warn = () => {};
for (const file of fs.readdirSync(corpusDir).filter((f) => f.endsWith(".json5")).sort()) {
    const text = fs.readFileSync(path.join(corpusDir, file), "utf8");
    try {
        results[file] = { ok: true, value: normalize(JSON5.parse(text)) };
    } catch (err) {
        results[file] = { ok: false, message: err.message, line: err.lineNumber, column: err.columnNumber };
    }
}
console.warn = originalWarn;

const golden = { json5Version: version, results };
fs.writeFileSync(path.join(corpusDir, "golden.json"), JSON.stringify(golden, null, 2) + "\n");
console.log(`recorded ${Object.keys(results).length} corpus files against json5 ${version}`);
