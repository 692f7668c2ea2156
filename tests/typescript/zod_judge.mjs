// Judge JSON payloads with the zod schemas of a compiled wire module, in one process.
//
// usage: node zod_judge.mjs <compiled module.js>   (JSON lines on stdin, one answer per line)
// in:  {"schema": "PushRequestSchema", "text": "<the payload as JSON text>"}
// out: {"ok": true, "data": <zod's output>} | {"ok": false} | {"ok": null, "why": "..."}
// (in "data", a number JSON cannot write, such as Infinity, is {"$nonFinite": "Infinity"})
// "ok": null marks a payload JSON.parse refuses or zod itself cannot judge (its stack
// overflows): no verdict to compare. {"ok": true, "tooDeep": true}: valid, but the output
// is too deep for JSON.stringify.
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

// JSON.stringify writes Infinity (JSON.parse's reading of 1e400) as null: spell it out.
const nonFinite = (key, value) =>
  typeof value === "number" && !Number.isFinite(value) ? { $nonFinite: String(value) } : value;
// An output too deep for JSON.stringify's stack still has a verdict.
const written = (data) => {
  try {
    return JSON.stringify({ ok: true, data }, nonFinite);
  } catch {
    return '{"ok":true,"tooDeep":true}';
  }
};
const schemas = await import(pathToFileURL(process.argv[2]).href);
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
for await (const line of lines) {
  if (!line) continue;
  const { schema, text } = JSON.parse(line);
  let answer;
  try {
    const value = JSON.parse(text);
    const result = schemas[schema].safeParse(value);
    answer = result.success ? written(result.data) : '{"ok":false}';
  } catch (error) {
    answer = JSON.stringify({ ok: null, why: String(error && error.message) });
  }
  out.push(answer);
  if (out.length >= 512) {
    process.stdout.write(out.join("\n") + "\n");
    out.length = 0;
  }
}
process.stdout.write(out.length ? out.join("\n") + "\n" : "");
