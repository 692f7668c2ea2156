// Judge JSON payloads with the zod schemas of a compiled wire module, in one process.
//
// usage: node zod_judge.mjs <compiled module.js>   (JSON lines on stdin, one answer per line)
// in:  {"schema": "PushRequestSchema", "text": "<the payload as JSON text>"}
// out: {"ok": true, "data": <zod's output>} | {"ok": false} | {"ok": null, "why": "..."}
// (in "data", a number JSON cannot write, such as Infinity, is {"$nonFinite": "Infinity"})
// "ok": null marks a payload JSON.parse refuses or an output JSON.stringify cannot write
// (too deep for the stack): no verdict to compare.
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

// JSON.stringify writes Infinity (JSON.parse's reading of 1e400) as null: spell it out.
const nonFinite = (key, value) =>
  typeof value === "number" && !Number.isFinite(value) ? { $nonFinite: String(value) } : value;
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
    answer = result.success
      ? JSON.stringify({ ok: true, data: result.data }, nonFinite)
      : '{"ok":false}';
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
