// Records the golden corpus for SchemaValidatorCorpusTests: every case is run through the
// reference's own validator stack — TypeBox 1.3 Compile/Check/Errors, then the reference's
// normalizeTypeBoxValidationErrors and formatValidationErrors (ported below; they are tiny).
//
//   ~/.cache/openclaw-reference/bin/node tests/Pincer.Protocol.Tests/Validation/record-typebox-corpus.mjs
//
// Env: OPENCLAW_REF_DIR (default ~/.cache/openclaw-reference), OPENCLAW_SCHEMAS (default
// /work/shared/spec/schemas/gateway-protocol-schemas.json); for fuzzing runs CORPUS_OUT (output path),
// CORPUS_RANDOM_SCHEMAS (how many random schemas, default 60) and CORPUS_MUTATIONS (multiplier).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const refDir = process.env.OPENCLAW_REF_DIR ?? path.join(os.homedir(), '.cache', 'openclaw-reference');
const schemaFile = process.env.OPENCLAW_SCHEMAS ?? '/work/shared/spec/schemas/gateway-protocol-schemas.json';
const outFile = process.env.CORPUS_OUT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'typebox-corpus.json');

const require = createRequire(path.join(refDir, 'node_modules', 'openclaw', 'package.json'));
const typeboxDir = path.join(refDir, 'node_modules', 'typebox');
const typeboxVersion = JSON.parse(fs.readFileSync(path.join(typeboxDir, 'package.json'), 'utf8')).version;
if (typeboxVersion !== '1.3.30') console.warn(`warning: expected typebox 1.3.30, found ${typeboxVersion}`);
const { Compile } = await import(pathToFileURL(require.resolve('typebox/compile')).href);
const schemas = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));

// ---- port of packages/normalization-core/src/json-schema.ts: normalizeTypeBoxValidationErrors
function normalizeTypeBoxValidationErrors(errors) {
  const normalized = [];
  let consecutiveBooleanErrors = 0;
  for (const error of errors) {
    if (error.keyword === 'boolean') {
      normalized.push(error);
      consecutiveBooleanErrors += 1;
      continue;
    }
    const properties = error.params?.additionalProperties;
    if (error.keyword === 'additionalProperties' && typeof error.schemaPath === 'string' && typeof error.instancePath === 'string'
      && Array.isArray(properties) && properties.length > 0 && properties.length <= consecutiveBooleanErrors) {
      if (normalized.slice(-properties.length).every((child, index) => {
        const property = properties[index];
        return typeof property === 'string' && child.schemaPath === `${error.schemaPath}/additionalProperties`
          && child.instancePath === `${error.instancePath}/${property}`;
      })) normalized.length -= properties.length;
    }
    normalized.push(error);
    consecutiveBooleanErrors = 0;
  }
  return normalized;
}

// ---- port of packages/gateway-protocol/src/validation-errors.ts: formatValidationErrors
function firstStringParam(value) {
  if (typeof value === 'string' && value.trim()) return value;
  if (Array.isArray(value)) return value.find((entry) => typeof entry === 'string' && entry.trim().length > 0);
}
function formatValidationErrors(errors) {
  if (!errors?.length) return 'unknown validation error';
  const parts = [];
  for (const err of errors) {
    const keyword = typeof err?.keyword === 'string' ? err.keyword : '';
    const instancePath = typeof err?.instancePath === 'string' ? err.instancePath : '';
    if (keyword === 'additionalProperties') {
      const p = firstStringParam(err?.params?.additionalProperty) ?? firstStringParam(err?.params?.additionalProperties);
      if (p) { parts.push(`${instancePath ? `at ${instancePath}` : 'at root'}: unexpected property '${p}'`); continue; }
    }
    if (keyword === 'required') {
      const p = firstStringParam(err?.params?.missingProperty) ?? firstStringParam(err?.params?.requiredProperties);
      if (p) { parts.push(`${instancePath ? `at ${instancePath}: ` : ''}must have required property '${p}'`); continue; }
    }
    const failingKeyword = typeof err?.params?.failingKeyword === 'string' ? err.params.failingKeyword : '';
    const message = keyword === 'then' || (keyword === 'if' && failingKeyword === 'then')
      ? 'must have required conditional properties'
      : typeof err?.message === 'string' && err.message.trim() ? err.message : 'validation error';
    parts.push(`${instancePath ? `at ${instancePath}: ` : ''}${message}`);
  }
  const unique = [...new Set(parts.filter((part) => part.trim()))];
  return unique.length > 0 ? unique.join('; ') : 'unknown validation error';
}

// ---- deterministic PRNG (mulberry32) so the corpus is reproducible
let seed = 0x5eed1234;
function rand() {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const cases = [];
const compiled = new Map();
function compile(schema) {
  if (!compiled.has(schema)) compiled.set(schema, Compile(schema));
  return compiled.get(schema);
}
/** Adds a case. `json` is raw JSON text so number spellings like 4.0 and 1e400 survive. */
function add(label, schemaName, inlineSchema, json) {
  const schema = schemaName ? schemas[schemaName] : inlineSchema;
  if (schema === undefined) throw new Error(`no schema ${schemaName}`);
  const value = JSON.parse(json);
  const validator = compile(schema);
  const valid = validator.Check(value);
  const message = valid ? null : formatValidationErrors(normalizeTypeBoxValidationErrors([...validator.Errors(value)]));
  const entry = { label, schemaName: schemaName ?? null, json, valid, message };
  if (!schemaName) entry.schema = inlineSchema;
  cases.push(entry);
}
const named = (label, name, ...values) => values.forEach((v, i) => add(`${label}#${i}`, name, null, typeof v === 'string' ? v : JSON.stringify(v)));
const inline = (label, schema, ...values) => values.forEach((v, i) => add(`${label}#${i}`, null, schema, typeof v === 'string' ? v : JSON.stringify(v)));

// ------------------------------------------------------------------ keywords, one by one
inline('type-string', { type: 'string' }, '"a"', 1, null, [], {}, true);
inline('type-integer', { type: 'integer' }, 1, '4.0', 1.5, '1e400', '"1"', '-0', '9007199254740993', '1e21');
inline('type-number', { type: 'number' }, 1.5, '1e400', '-1e400', '"x"', null);
inline('type-boolean-null', { type: 'boolean' }, true, 0, null);
inline('type-null', { type: 'null' }, null, 0, '""');
inline('type-array-of-types', { type: ['string', 'null'] }, null, '"x"', 1, {});
inline('type-array-object-null', { type: ['object', 'null'], properties: { a: { type: 'string' } } }, null, { a: 1 }, [], 'false');
inline('type-object-vs-array', { type: 'object' }, [], {}, '"{}"');
inline('type-array', { type: 'array' }, {}, [], 'null');
inline('minLength', { type: 'string', minLength: 2 }, '"ab"', '"a"', '""', '"\\u00e9"', '"e\\u0301"', '"e\\u0301x"', '"\\ud83d\\ude00"', '"\\ud83d\\ude00x"', '"\\ud83c\\uddfa\\ud83c\\uddf8"', '"\\ud83d\\udc68\\u200d\\ud83d\\udc69"', '"\\ud83d\\udc68\\u200d\\ud83d\\udc69x"', '"\\u2764\\ufe0f"', '"a\\u200d"', '"\\u4e2d\\u6587"');
inline('maxLength', { type: 'string', maxLength: 3 }, '"abc"', '"abcd"', '"\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00"', '"\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00"', '"e\\u0301e\\u0301e\\u0301"', '"e\\u0301e\\u0301e\\u0301e"', '"abe\\u0301"', '"\\ud83c\\uddfa\\ud83c\\uddf8\\ud83c\\uddfa\\ud83c\\uddf8ab"', '"\\u4e2d\\u6587\\u4e2d\\u6587"');
inline('minLength-1-nonstring', { minLength: 1 }, 5, '""', null);
inline('string-keywords-untyped', { maxLength: 2, pattern: '^a' }, '"abc"', '"b"', 7, []);
inline('pattern-anchors', { type: 'string', pattern: '^[a-z]+$' }, '"abc"', '"abc\\n"', '"ABC"', '""');
inline('pattern-unanchored', { type: 'string', pattern: '\\S' }, '" "', '"\\ufeff"', '"\\u0085"', '"\\u00a0"', '" x "', '"\\t\\n"', '"\\u2028"', '"\\u180e"');
inline('pattern-dot-astral', { type: 'string', pattern: '^.{1,2}$' }, '"\\ud83d\\ude00\\ud83d\\ude00"', '"\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00"', '"ab"', '"abc"', '"a\\nb"', '"a\\r"', '"\\u2028"');
inline('pattern-dot-exact', { type: 'string', pattern: '^.{3}$' }, '"\\ud83d\\ude00a"', '"abc"', '"\\ud83d\\ude00ab"');
inline('pattern-digits', { type: 'string', pattern: '^\\d+$' }, '"123"', '"\\u0663"', '"12a"', '"١٢"');
inline('pattern-word', { type: 'string', pattern: '^\\w+$' }, '"abc_1"', '"\\u00e9"', '"a-b"');
inline('pattern-negclass', { type: 'string', pattern: '^[^/\\\\]+$' }, '"abc"', '"a/b"', '"a\\\\b"', '"\\ud83d\\ude00"');
inline('pattern-surrogates', { type: 'string', pattern: '^(?!\\.{1,2}$)(?:[^\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])+$' }, '"ok"', '"."', '".."', '"..."', '"\\ud83d\\ude00"', '"a\\ud83d\\ude00b"');
inline('pattern-lookahead-eot', { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}(?![\\s\\S])' }, '"abc"', '"abc\\n"', '"Abc"', '"a"');
inline('pattern-ctrl', { type: 'string', pattern: '^[^\\s\\u0000-\\u001f\\u007f-\\u009f]+$' }, '"abc"', '"a b"', '"a\\u0085"', '"a\\ufeff"', '"a\\u0001"', '"\\u00a0"');
inline('pattern-trim', { type: 'string', pattern: '^\\S(?:.*\\S)?$' }, '"a"', '"a b"', '" a"', '"a\\nb"', '"\\ud83d\\ude00 \\ud83d\\ude00"');
inline('pattern-lines', { type: 'string', pattern: '^[^\\r\\n]*\\S[^\\r\\n]*$' }, '"  x  "', '"x\\n"', '"   "');
inline('format-uuid', { type: 'string', format: 'uuid' }, '"123e4567-e89b-12d3-a456-426614174000"', '"123E4567-E89B-12D3-A456-426614174000"', '"not-a-uuid"', '"123e4567e89b12d3a456426614174000"', '"123e4567-e89b-12d3-a456-426614174000\\n"');
inline('format-date-time', { type: 'string', format: 'date-time' }, '"2024-02-29T12:00:00Z"', '"2023-02-29T12:00:00Z"', '"2024-01-01T00:00:00"', '"2024-01-01t10:00:00.123+05:30"', '"2024-13-01T00:00:00Z"', '"2024-01-01T23:59:60Z"', '"2024-01-01T22:59:60Z"', '"2024-01-01T23:59:60+01:00"', '"2024-01-01T24:00:00Z"', '"2024-01-01"', '"2024-01-01T10:00:00+24:00"');
inline('format-unknown', { type: 'string', format: 'no-such-format' }, '"anything"');
inline('format-date', { type: 'string', format: 'date' }, '"2000-02-29"', '"1900-02-29"', '"2000-04-31"');
inline('minimum', { type: 'integer', minimum: 1 }, 1, 0, -5, 0.5);
inline('maximum', { type: 'number', maximum: 9007199254740991 }, 9007199254740991, '9007199254740993', '1e300');
inline('min-max-fraction', { type: 'number', minimum: 0.5, maximum: 2.25 }, 0.25, 3, 1);
inline('exclusive', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }, 0, 10, 5);
inline('multipleOf', { type: 'number', multipleOf: 0.01 }, 0.3, 0.125, 10);
inline('multipleOf-int', { type: 'integer', multipleOf: 3 }, 9, 10);
inline('number-keywords-untyped', { minimum: 3 }, 1, '"x"', '1e400');
inline('const-string', { const: 'req' }, '"req"', '"res"', null);
inline('const-number', { type: 'number', const: 1 }, '1.0', 2);
inline('const-object', { const: { a: 1, b: [1, 2] } }, '{"b":[1,2],"a":1}', '{"a":1,"b":[2,1]}', '{"a":1}', '{"a":1,"b":[1,2],"c":0}');
inline('const-null', { const: null }, null, 0);
inline('enum', { enum: ['a', 'b', 1, null, { x: 1 }] }, '"a"', 1, '1.0', null, '{"x":1}', '{"x":2}', '"c"', true);
inline('required', { type: 'object', required: ['a', 'b', 'c'], properties: { a: {}, b: {}, c: {} } }, {}, { a: 1 }, { c: 1 }, { a: 1, b: 1, c: 1 });
inline('required-blank-names', { type: 'object', required: [' ', 'b'] }, {}, { ' ': 1 }, { b: 1 });
inline('required-only-blank', { type: 'object', required: [''] }, {}, { '': 1 });
inline('additional-false', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, { a: 'x' }, { a: 'x', b: 1 }, { b: 1, c: 2, a: 3 }, '{"z":1,"10":1,"2":1,"a":"ok"}', '{" ":1}', '{" ":1,"x":2}', '{"4294967295":1,"4294967294":1}');
inline('additional-schema', { type: 'object', properties: { a: {} }, additionalProperties: { type: 'string' } }, { a: 1, b: 'x' }, { a: 1, b: 2 }, { b: 2, c: 'x', d: 3 });
inline('additional-with-patterns', { type: 'object', patternProperties: { '^x-': { type: 'string' } }, properties: { id: { type: 'integer' } }, additionalProperties: false }, { id: 1, 'x-a': 'b' }, { id: 1, 'x-a': 2 }, { 'y-a': 1 }, { id: 'no', 'x-b': 1, other: 1 });
inline('additional-with-required', { type: 'object', required: ['a'], properties: { a: { type: 'integer' } }, additionalProperties: false }, { b: 1 }, { a: 1, b: 1 }, { a: 'x', b: 1, c: 2 });
inline('additional-fast-path', { type: 'object', required: ['a', 'b'], properties: { a: { type: 'integer' }, b: { type: 'integer' } }, additionalProperties: false }, { a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, { a: 1 });
inline('patternProperties', { type: 'object', patternProperties: { '^.*$': { type: 'boolean' } } }, { a: true }, { a: 1, b: 'x' }, {});
inline('patternProperties-multi', { type: 'object', patternProperties: { '^a': { type: 'string' }, 'b$': { type: 'string', minLength: 2 } } }, { ab: 'x' }, { ab: 1 }, { cb: 'y', a1: 'zz' });
inline('propertyNames', { type: 'object', propertyNames: { pattern: '^[a-z]+$', maxLength: 4 } }, { abc: 1 }, { ABC: 1, abcde: 2, ok: 3 }, {});
inline('min-max-properties', { type: 'object', minProperties: 1, maxProperties: 2 }, {}, { a: 1 }, { a: 1, b: 2, c: 3 });
inline('items', { type: 'array', items: { type: 'integer', minimum: 0 } }, [1, 2], [1, -1, 'x', 2.5], []);
inline('items-objects', { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 }, n: { type: 'integer' } }, additionalProperties: false } }, [{ id: 'a' }], [{ id: '' }, { n: 1 }, { id: 'x', n: 'y', q: 1 }], [1, null]);
inline('tuple-additionalItems', { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false, minItems: 2, maxItems: 2 }, ['a', 1], ['a'], [1, 'a'], ['a', 1, 2, 3]);
inline('tuple-additionalItems-schema', { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'integer' } }, ['a', 1, 2], ['a', 'x', 'y'], ['a', 1.5, 2, 'z']);
inline('min-max-items', { type: 'array', minItems: 1, maxItems: 2 }, [], [1], [1, 2, 3]);
inline('uniqueItems', { type: 'array', uniqueItems: true }, [1, 2], [1, 1], ['a', 'a', 'b'], [{ a: 1, b: 2 }, { b: 2, a: 1 }], '[0,-0]', '[1,1.0]', [[1], [1]], [null, null], [{ a: 1 }, { a: 2 }]);
inline('contains', { type: 'array', contains: { type: 'string', const: 'x' } }, ['a', 'x'], ['a'], [], 'null');
inline('contains-untyped', { contains: { type: 'integer' } }, [], ['a'], '"str"');
inline('allOf', { allOf: [{ type: 'object', required: ['a'] }, { required: ['b'] }, { properties: { a: { type: 'string' } } }] }, { a: 'x', b: 1 }, {}, { a: 1 }, 'null');
inline('anyOf-literals', { anyOf: [{ type: 'string', const: 'a' }, { type: 'string', const: 'b' }] }, '"a"', '"c"', 1);
inline('anyOf-objects', { anyOf: [{ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, { type: 'object', required: ['b'], properties: { b: { type: 'string' }, a: { type: 'string' } }, additionalProperties: false }] }, { a: 'x' }, { c: 1 }, { a: 1 }, { b: 2, z: 1 }, 'null');
inline('anyOf-nested', { type: 'object', properties: { v: { anyOf: [{ type: 'string', minLength: 3 }, { type: 'number', minimum: 10 }, { type: 'null' }] } } }, { v: 'abc' }, { v: 'ab' }, { v: 5 }, { v: true }, { v: null });
inline('oneOf', { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 0 }] }, 1, -1.5, 1.5, '"x"', -2);
inline('oneOf-objects', { oneOf: [{ type: 'object', required: ['a'] }, { type: 'object', required: ['b'] }] }, { a: 1 }, { a: 1, b: 1 }, {}, []);
inline('not', { not: { type: 'string' } }, 1, '"x"');
inline('not-in-object', { type: 'object', properties: { k: { not: {} } } }, {}, { k: 1 });
inline('if-then', { type: 'object', if: { properties: { type: { const: 'a' } }, required: ['type'] }, then: { required: ['x'] } }, { type: 'a', x: 1 }, { type: 'a' }, { type: 'b' }, {});
inline('if-then-else', { if: { type: 'string' }, then: { minLength: 2 }, else: { type: 'integer', minimum: 5 } }, '"ab"', '"a"', 7, 3, 1.5);
inline('if-in-allOf', schemas.TalkEventSchema ? { allOf: [{ if: { properties: { t: { enum: ['x'] } }, required: ['t'] }, then: { required: ['turnId'] } }] } : {}, { t: 'x' }, { t: 'y' }, { t: 'x', turnId: 1 });
inline('boolean-schemas', { type: 'object', properties: { yes: true, no: false } }, { yes: 1 }, { no: 1 }, {});
inline('false-schema', false, 1, null);
inline('true-schema', true, 1);
inline('empty-schema', {}, 1, null, '"x"');
inline('discriminator-ignored', { type: 'object', discriminator: { propertyName: 'kind' }, properties: { kind: { type: 'string' } } }, { kind: 1 }, {});
inline('default-ignored', { type: 'object', properties: { caps: { type: 'array', items: { type: 'string' }, default: [] } } }, {}, { caps: [1] });
inline('nested', { type: 'object', required: ['a'], properties: { a: { type: 'object', required: ['b'], properties: { b: { type: 'object', properties: { c: { type: 'array', items: { type: 'object', properties: { d: { type: 'string', maxLength: 1 } }, additionalProperties: false } } }, additionalProperties: false } }, additionalProperties: false } }, additionalProperties: false }, { a: { b: { c: [{ d: 'x' }] } } }, { a: { b: { c: [{ d: 'xy', e: 1 }, 3] }, q: 1 } }, { a: {} }, { a: { b: { c: 'no', z: 1 } } });
inline('paths-unescaped', { type: 'object', properties: { 'a/b': { type: 'string' }, '~x': { type: 'string' } }, additionalProperties: false }, { 'a/b': 1, '~x': 2, 'c/d': 3 });
inline('many-errors-cap', { type: 'object', properties: Object.fromEntries('abcdefghijkl'.split('').map((k) => [k, { type: 'string' }])) }, Object.fromEntries('abcdefghijkl'.split('').map((k) => [k, 1])));
inline('cap-in-anyOf', { anyOf: [{ type: 'object', properties: Object.fromEntries('abcdefghij'.split('').map((k) => [k, { type: 'string' }])) }, { type: 'string' }] }, Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1])));
inline('cap-cuts-aggregate', { type: 'object', additionalProperties: false }, Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1])), { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 });
inline('duplicate-parts-deduped', { type: 'object', properties: { a: { allOf: [{ type: 'string' }, { type: 'string' }] } } }, { a: 1 });
inline('unicode-keys', { type: 'object', properties: { 'é': { type: 'string' } }, additionalProperties: false }, '{"e\\u0301":1,"\\u00e9":2}');
inline('pattern-key-newline', { type: 'object', patternProperties: { '^.*$': { type: 'string' } }, additionalProperties: false }, { ok: 'x' }, '{"a\\nb":"x"}', '{"a\\u2028":"x","b":1}');
inline('js-only-types', { type: 'bigint' }, 1, '"1"');
inline('unknown-type-name', { type: 'widget', minLength: 2 }, '"a"', 5);
inline('const-array-vs-object', { const: [1, 2] }, '{"0":1,"1":2}', '[1,2]', '[1,2,3]');
inline('maxProperties-with-extra', { type: 'object', maxProperties: 1, properties: { a: { type: 'string' } }, additionalProperties: false }, { a: 'x', b: 1, c: 2 });
inline('required-and-additional-many', { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string', minLength: 3 }, b: { type: 'integer' }, c: { enum: ['x'] } }, additionalProperties: false }, { z: 1, y: 2, c: 'q' }, { a: '', b: 1.1, c: 'x', q: 1 });
inline('big-numbers', { type: 'object', properties: { n: { type: 'integer', minimum: 0, maximum: 9007199254740991 } } }, '{"n":9007199254740992}', '{"n":1e16}', '{"n":-1e-7}', '{"n":12345678901234567890}');

// ------------------------------------------------------------------ real protocol schemas
const okClient = { id: 'cli', version: '1.0.0', platform: 'linux', mode: 'cli' };
named('RequestFrame', 'RequestFrameSchema',
  { type: 'req', id: '1', method: 'connect', params: {} },
  { type: 'res', id: '1', method: 'connect' },
  { type: 'req', id: '', method: '' },
  { id: 1 },
  { type: 'req', id: '1', method: 'x', extra: true, traceparent: 'x'.repeat(129) },
  'null', '[]', '"req"',
  { type: 'req', id: '1', method: 'x', expectedProfileId: '' },
  { type: 'req', id: '1', method: 'x', params: null });
named('ConnectParams', 'ConnectParamsSchema',
  { minProtocol: 3, maxProtocol: 3, client: okClient },
  '{"minProtocol":4.0,"maxProtocol":4,"client":{"id":"cli","version":"1","platform":"linux","mode":"cli"}}',
  { minProtocol: 1.5, maxProtocol: 0, client: { id: 'nope', version: '', platform: 'linux', mode: 'cli', extra: 1 }, bogus: 1 },
  { minProtocol: 1.5, maxProtocol: 0, client: { id: 'nope', version: '', platform: 'linux', mode: 'cli', extra: 1 }, bogus: 1, bogus2: 2 },
  { minProtocol: 1, maxProtocol: 1, client: { id: 'cli', version: '', platform: 'linux', mode: 'cli' } },
  { maxProtocol: 0, client: okClient, bogus: 1 },
  {},
  { minProtocol: 3, maxProtocol: 3, client: { ...okClient, mode: 'bad' }, caps: ['', 1], role: '' },
  { minProtocol: 3, maxProtocol: 3, client: okClient, device: { id: 'd', publicKey: '', signature: 's', signedAt: -1 } },
  { minProtocol: 3, maxProtocol: 3, client: okClient, auth: { token: 1, nope: 2 } },
  { minProtocol: 3, maxProtocol: 3, client: okClient, permissions: { a: true, b: 'yes' } },
  { minProtocol: 3, maxProtocol: 3, client: okClient, modelCatalog: { shortId: '' } },
  { minProtocol: 3, maxProtocol: 3, client: okClient, modelCatalog: { zzz: 1 } },
  { minProtocol: 3, maxProtocol: 3, client: okClient, workerRuns: { bundleHash: 'ab', openclawVersion: '', protocolFeatures: ['a', 'a'] } },
  { minProtocol: 3, maxProtocol: 3, client: { ...okClient, buildId: 'x'.repeat(97), timeZone: '' } },
  { minProtocol: 3, maxProtocol: 3, client: 'cli' },
  'null');
named('LogsTail', 'LogsTailParamsSchema',
  {}, { cursor: 0, limit: 5000, maxBytes: 1000000 },
  { bogus: 1, cursor: -1, limit: 0, maxBytes: 1.5 },
  { limit: 5001, maxBytes: 1000001 }, { cursor: '1' }, 'null', '[]', '{"cursor":1e400}');
named('ConfigPatch', 'ConfigPatchParamsSchema',
  { raw: '{}' }, {}, { raw: '' }, { raw: 'x', deliveryContext: { threadId: true, x: 1 } },
  { raw: 'x', replacePaths: Array.from({ length: 257 }, () => 'a') }, { raw: 'x', replacePaths: [''] }, { raw: 1, restartDelayMs: -1, extra: 1 });
named('ConfigSchemaLookup', 'ConfigSchemaLookupParamsSchema',
  { path: 'agents.list[0].model' }, { path: 'bad path' }, { path: '' }, {}, { path: 'a'.repeat(1025) }, { path: 'a\n' }, { path: 'a-b*' });
named('SessionsList', 'SessionsListParamsSchema',
  {}, { limit: 0, offset: -1 }, { sortBy: 'nope' }, { sortBy: 'activity', activeOnly: 'yes' }, { search: 1, bogus: 1 });
named('ChatSend', 'ChatSendParamsSchema',
  { sessionKey: 'main', message: 'hi', idempotencyKey: 'k' },
  { sessionKey: '', message: 1 },
  { sessionKey: 'main', message: 'hi', idempotencyKey: 'k', mentions: [{ profileId: '', start: -1, end: 0 }, { x: 1 }] },
  { sessionKey: 'x'.repeat(513), message: 'hi', idempotencyKey: 'k', attachments: 'no' },
  { sessionKey: 'main', message: 'hi', idempotencyKey: 'k', mentions: Array.from({ length: 11 }, () => ({ profileId: 'p', start: 0, end: 1 })) });
named('Agent', 'AgentParamsSchema',
  { message: 'hi', idempotencyKey: 'k' }, { message: '' }, { message: 'hi', idempotencyKey: 'k', deliver: 'yes', attachments: {} }, { idempotencyKey: 1, zzz: 1 });

// ------------------------------------------------------------------ generated values for device.*, node.* and random schemas
function sample(schema, depth = 0) {
  if (schema === true || schema == null) return 'x';
  if (schema === false) return null;
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sample(schema.anyOf[0], depth + 1);
  if (schema.oneOf) return sample(schema.oneOf[0], depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => { const v = sample(s, depth + 1); return v && typeof v === 'object' && !Array.isArray(v) ? v : {}; }));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out = {};
      for (const key of schema.required ?? []) out[key] = depth > 6 ? 'x' : sample(schema.properties?.[key] ?? {}, depth + 1);
      return out;
    }
    case 'array': return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, depth + 1));
    case 'string': {
      if (schema.format === 'uuid') return '123e4567-e89b-12d3-a456-426614174000';
      if (schema.format === 'date-time') return '2024-01-01T00:00:00Z';
      const len = Math.max(schema.minLength ?? 1, 1);
      if (schema.pattern) {
        // Try a few shapes; a non-matching pick is fine too (TypeBox decides validity).
        const re = new RegExp(schema.pattern, 'u');
        const candidates = ['a'.repeat(len), 'abc', 'A', 'ABCD-EFGH', '0'.repeat(Math.max(len, 16)), 'a'.repeat(64), 'f'.repeat(32), 'session:x', 'agent:x', '/x', 'https://x', 'data:image/png;base64,AA', 'v1.x', 'UTC+1', '2024-01-01', '123', 'a:b', 'en', 'hmac-sha256:v1:' + 'a'.repeat(32) + ':' + 'b'.repeat(64)];
        return candidates.find((c) => re.test(c)) ?? 'a'.repeat(len);
      }
      return 'a'.repeat(len);
    }
    case 'integer': case 'number': return schema.minimum ?? (schema.maximum != null ? Math.min(0, schema.maximum) : 1);
    case 'boolean': return true;
    case 'null': return null;
    default: return 'x';
  }
}
const junk = [null, 1, -1, 0.5, '', 'x', true, [], {}, 'x'.repeat(300), -1e400 === -Infinity ? 1e21 : 0];
/** Walks to a random nested object in the value (with its schema) so mutations reach deep fields. */
function descend(v, schema) {
  let node = v; let s = schema;
  for (let depth = 0; depth < 4 && rand() < 0.5; depth++) {
    const keys = Object.keys(node).filter((k) => node[k] && typeof node[k] === 'object' && !Array.isArray(node[k]));
    if (!keys.length) break;
    const k = pick(keys);
    node = node[k];
    s = s?.properties?.[k] ?? s?.anyOf?.[0]?.properties?.[k] ?? {};
  }
  return [node, s];
}
function mutate(value, rootSchema) {
  const root = structuredClone(value);
  if (!root || typeof root !== 'object' || Array.isArray(root)) return pick(junk);
  const [v, schema] = descend(root, rootSchema);
  const props = Object.keys(schema?.properties ?? {});
  const steps = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < steps; s++) {
    const r = rand();
    if (r < 0.2) v[pick(['bogus', 'extra', 'zz', '0', '__x'])] = 1;
    else if (r < 0.4 && Object.keys(v).length) delete v[pick(Object.keys(v))];
    else if (props.length) v[pick(props)] = pick(junk);
  }
  return root;
}
const deviceNode = Object.keys(schemas).filter((n) => /^(Device|Node)/.test(n) && /Params/.test(n)).sort();
const others = Object.keys(schemas).filter((n) => !deviceNode.includes(n)).sort();
const randomCount = Number(process.env.CORPUS_RANDOM_SCHEMAS ?? 60);
const randomNames = [];
while (randomNames.length < Math.min(randomCount, others.length)) { const n = pick(others); if (!randomNames.includes(n)) randomNames.push(n); }
for (const name of [...deviceNode, ...randomNames]) {
  const schema = schemas[name];
  const base = sample(schema);
  add(`gen:${name}#base`, name, null, JSON.stringify(base ?? null));
  const count = (deviceNode.includes(name) ? 4 : 3) * Number(process.env.CORPUS_MUTATIONS ?? 1);
  for (let i = 0; i < count; i++) add(`gen:${name}#${i}`, name, null, JSON.stringify(mutate(base, schema) ?? null));
}

fs.writeFileSync(outFile, JSON.stringify({
  generator: 'record-typebox-corpus.mjs',
  typebox: typeboxVersion,
  count: cases.length,
  cases,
}, null, 1) + '\n');
console.log(`wrote ${cases.length} cases (${cases.filter((c) => !c.valid).length} invalid) to ${outFile}`);
