// Tests for spec_compare.mjs. Run: node --test tests/typescript/
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

import { canonicalTypeText, collectGenerated, collectSpec, extractTypescriptBlocks } from "./spec_compare.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, "spec_compare.mjs");
const fixtures = path.join(here, "fixtures");
const sampleSpec = path.join(fixtures, "sample-spec.md");
// The repository's copy of the contract (tests/spec/README.md says where it came from).
const realSpec = path.resolve(here, "../spec/ironflow-core-0.8.0-README.md");

function runScript(...args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
}

function typeText(source) {
  const sf = ts.createSourceFile("t.ts", `type X = ${source};`, ts.ScriptTarget.Latest, true);
  return canonicalTypeText(sf.statements[0].type, sf);
}

test("extracts only typescript fences, with the first code line number", () => {
  const md = "# t\n```bash\nls\n```\n```typescript\ninterface A {}\n```\n";
  assert.deepEqual(extractTypescriptBlocks(md), [{ code: "interface A {}", line: 6 }]);
});

test("canonical type text ignores formatting but keeps union order", () => {
  assert.equal(typeText("Array<string | number>"), typeText("(string | number)[]"));
  assert.equal(typeText("{ a: 'x', b?: number }"), typeText('{\n  a: "x";\n  b?: number;\n}'));
  assert.equal(typeText("((A))"), "A");
  assert.equal(typeText("Array<(x: number) => void>"), "((x: number) => void)[]");
  assert.notEqual(typeText('"a" | "b"'), typeText('"b" | "a"'));
});

test("sample fixture matches the sample spec (exit 0)", () => {
  const out = path.join(os.tmpdir(), `spec-compare-${process.pid}.json`);
  const result = runScript("--spec", sampleSpec, "--generated", path.join(fixtures, "sample"), "--json", out);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const report = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(out);
  assert.deepEqual(report.mismatches, []);
  assert.deepEqual(report.totals.interfaces, { spec: 8, found: 8, headerMatch: 8 });
  // Type-only imports, `type X` specifiers and '@ironflow/node' imports are not values.
  assert.deepEqual(report.spec.values, ["createRunId", "EventSource", "createUpcasterRegistry", "IronflowError"]);
});

test("one wrong member in the second fixture is reported (exit 1)", () => {
  const result = runScript("--spec", sampleSpec, "--generated", path.join(fixtures, "sample-wrong"));
  assert.equal(result.status, 1);
  assert.match(result.stdout, /MISMATCHES \(1\)/);
  assert.match(result.stdout, /Trigger\.expression: optionality/);
});

test("usage errors exit 2", () => {
  assert.equal(runScript().status, 2);
  assert.equal(runScript("--spec", sampleSpec).status, 2);
  assert.equal(runScript("--spec", sampleSpec, "--generated", path.join(fixtures, "missing-dir")).status, 2);
  assert.equal(runScript("--bogus", "x").status, 2);
});

test("re-exported interfaces are not taken for values", () => {
  const generated = collectGenerated(path.join(fixtures, "sample"));
  assert.ok(!generated.values.has("Subscription")); // `export { Subscription } from`
  assert.ok(generated.values.has("createUpcasterRegistry"));
  assert.ok(generated.interfaces.has("RetryConfig")); // exported via `export type { RetryConfig }`
});

test("real spec inventory", () => {
  const spec = collectSpec(fs.readFileSync(realSpec, "utf8"), realSpec);
  const members = [...spec.interfaces.values()].reduce((n, i) => n + i.members.size, 0);
  assert.equal(spec.interfaces.size, 108);
  assert.equal(members, 440); // StepClient.parallel's two overloads count as two
  assert.equal(spec.aliases.size, 18); // OrderId (user example) excluded
  assert.equal(spec.classes.size, 1);
  assert.equal(spec.values.size, 70);
});
