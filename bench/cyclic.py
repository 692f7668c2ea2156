"""A cyclic wire contract of any size, and what it costs in every target.

The contract is ``tests/cyclic_contract.py``'s (the tests use the same): types
``T0 .. T<N-1>``, 250 to a module file, every module ``x-wire: true``; each type has
its own ``kind`` const, a ``label``, a ``count`` and an optional ``next`` (the
following type, the last wrapping round to ``T0``: one cycle through every type
and, across files, an import cycle through every module) and, on every third type,
an optional ``choice``: a discriminated union of the three types after it.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/cyclic.py --sizes 200,1000,5000 --out bench/CYCLIC.md

Per size: the build (every target, cold memo, one run); ``tsc --strict`` of the
TypeScript (emitting ``dist/``; if it fails, ``dist/`` is emitted again without type
checks, ``tsc --noCheck``, so that node can still be measured); then, each in fresh
processes (median of ``--runs``), zod in node and the pydantic models:

* node: loading the package, and the validation of one payload ``T0 -> T1 -> ...``
  that stops part-way round the cycle (depth 30 and 45), is 1,001 objects deep, or
  goes once round it and on (depth N+1): the first parse of the process (zod resolves
  getters, compiles) and then the median of 20 more. zod recurses once per level on
  node's stack, so it refuses with a RangeError a payload nested deeper than about
  1,500 objects (the once-round payload of 5,000 types), whatever its schema;
* pydantic: importing ``models`` (after the package and pydantic itself, which are
  not its cost), the first validation (it builds the cycle's core schema once), and
  throughput, documents per second of ``model_validate_json`` against ``json.loads``
  alone on the same bytes (a 100-deep chain; pydantic-core refuses nesting deeper than
  255, so the once-round payload is not one of its payloads).

Each validator is also given a broken payload, which it must refuse. A step that
fails is reported with its last line and not retried.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TIMEOUT_S = 300  # per process; a step over it is reported, not waited for
ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "typescript" / "node_modules"
sys.path.insert(0, str(ROOT / "tests"))
from cyclic_contract import write_cyclic_schema  # noqa: E402  (the tests' own generator)

PART_WAY = (30, 45)  # depths that stop part-way round the cycle
DEEP = 1001  # a deep payload zod can still take in node (it recurses per level)
THROUGHPUT_DEPTH = 100


def chain_payload_json(names: list[str], depth: int) -> str:
    """``cyclic_contract.chain_payload(names, 0, depth)`` as JSON text, written
    without recursion (json.dumps stops near 1,000 levels)."""
    size = len(names)
    heads = []
    for step in range(depth):
        kind = names[step % size]
        heads.append(f'{{"kind": "{kind}", "label": "{step}", "count": {step}, "next": ')
    inner = json.dumps({"kind": names[depth % size], "label": "end"})
    return "".join(heads) + inner + "}" * depth


_NODE_CHECK = """
import { readFileSync } from "node:fs";
const [index, file] = process.argv.slice(1);
process.on("uncaughtException", (error) => { console.error(String(error)); process.exit(1); });
const start = performance.now();
const m = await import(index);
const loaded = performance.now();
const payload = JSON.parse(readFileSync(file, "utf8"));
const ok = m.T0Schema.safeParse(payload).success;
const first = performance.now() - loaded;
const times = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  m.T0Schema.safeParse(payload);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const bad = m.T0Schema.safeParse({ ...payload, next: { kind: "T1", label: 1 } }).success;
if (!ok || bad) { console.error(`verdicts ${ok} ${bad}`); process.exit(1); }
console.log(JSON.stringify({ load: (loaded - start) / 1000, first: first / 1000,
                             again: times[10] / 1000 }));
"""

_PYTHON_CHECK = """
import json, statistics, sys, time
import pydantic
from pydantic import BaseModel
import bench_cyclic
start = time.perf_counter()
from bench_cyclic.models import T0
imported = time.perf_counter()
raw = open(sys.argv[1], "rb").read()
T0.model_validate_json(raw)
first = time.perf_counter() - imported
try:
    T0.model_validate({**json.loads(raw), "next": {"kind": "T1", "label": 1}})
except pydantic.ValidationError:
    pass
else:
    sys.exit("an invalid payload was accepted")

def rate(work):
    passes = []
    for _ in range(6):  # a warm-up pass, then five
        count, begin = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - begin) < 0.3:
            work(raw)
            count += 1
        passes.append(count / elapsed)
    return statistics.median(passes[1:])

pydantic_rate = rate(T0.model_validate_json)
json_rate = rate(json.loads)
print(json.dumps({"import": imported - start, "first": first, "docs": pydantic_rate,
                  "json": json_rate}))
"""


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str, str]:
    """(seconds, stdout, failure or "") of one process."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, env=env, timeout=TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return float("nan"), "", f"over {TIMEOUT_S} s"
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
        return seconds, "", lines[-1][:160]
    return seconds, done.stdout, ""


def _median_reports(
    command: list[str], cwd: Path, env: dict[str, str], runs: int
) -> dict[str, float] | str:
    """The median of each figure a script prints as JSON over ``runs`` processes, or
    the failure."""
    reports: list[dict[str, float]] = []
    for _ in range(runs):
        _, out, failure = _run(command, cwd, env)
        if failure:
            return failure
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in reports) for key in reports[0]}


def _seconds(value: float) -> str:
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def measure(size: int, runs: int, work: Path) -> dict[str, str]:
    """Build, tsc, node and pydantic figures of one size."""
    folder = work / f"n{size}"
    shutil.rmtree(folder, ignore_errors=True)
    names = write_cyclic_schema(folder / "schema", size)
    out = folder / "out"
    env = {**os.environ, "IRONFLOW_GEN_CACHE": str(folder / "memo")}
    cli = str(Path(sys.executable).parent / "ironflow-gen")
    row: dict[str, str] = {"types": f"{size:,}"}
    seconds, _, failure = _run([cli, "build", "--schema", str(folder / "schema"), "--out",
                                str(out)], ROOT, env)  # fmt: skip
    row["build, all targets (cold)"] = failure or _seconds(seconds)
    if failure:
        return row
    _measure_node(row, names, out / "typescript", folder, env, runs)
    _measure_pydantic(row, names, out / "python", folder, env, runs)
    return row


def _measure_node(
    row: dict[str, str], names: list[str], typescript: Path, folder: Path,
    env: dict[str, str], runs: int,
) -> None:  # fmt: skip
    (typescript / "node_modules").symlink_to(NODE_MODULES)
    tsc = [str(NODE_MODULES / ".bin" / "tsc"), "-p", str(typescript)]
    seconds, _, failure = _run([*tsc, "--strict"], typescript, env)
    row["tsc --strict (emit)"] = failure or _seconds(seconds)
    if failure:
        _, _, failure = _run([*tsc, "--noCheck"], typescript, env)
        if failure:
            return
    index = (typescript / "dist" / "index.js").as_uri()
    once_round = len(names) + 1
    for depth in dict.fromkeys((*PART_WAY, DEEP, once_round)):
        payload = folder / f"chain{depth}.json"
        payload.write_text(chain_payload_json(names, depth), "utf-8")
        command = ["node", "--input-type=module", "-e", _NODE_CHECK, index, str(payload)]
        report = _median_reports(command, typescript, env, runs)
        if isinstance(report, str):
            cell = report
        else:
            row["node: load"] = _seconds(report["load"])
            cell = f"{_seconds(report['first'])}, {_seconds(report['again'])}"
        if depth != once_round or depth == DEEP:
            row[f"zod, depth {depth:,}: first, again"] = cell
        if depth == once_round:
            row["zod, once round (depth N+1): first, again"] = cell


def _measure_pydantic(
    row: dict[str, str], names: list[str], python: Path, folder: Path,
    env: dict[str, str], runs: int,
) -> None:  # fmt: skip
    payload = folder / f"chain{THROUGHPUT_DEPTH}.json"
    payload.write_text(chain_payload_json(names, THROUGHPUT_DEPTH), "utf-8")
    command = [sys.executable, "-c", _PYTHON_CHECK, str(payload)]
    report: dict[str, Any] | str = _median_reports(command, python, env, runs)
    if isinstance(report, str):
        row["pydantic"] = report
        return
    row["pydantic: import models"] = _seconds(report["import"])
    row["pydantic: first validation"] = _seconds(report["first"])
    row[f"pydantic vs json.loads, depth {THROUGHPUT_DEPTH} (docs/s)"] = (
        f"{report['docs']:,.0f} vs {report['json']:,.0f} ({report['docs'] / report['json']:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ironflow-gen-cyclic-") as folder:
        rows = [measure(int(s), options.runs, Path(folder)) for s in options.sizes.split(",")]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    command = " ".join(["python", "bench/cyclic.py", *sys.argv[1:]])
    lines = [
        "# Cyclic wire contracts",
        "",
        f"`{command}` (medians of {options.runs} processes per step, one cold build per"
        f" size; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after; see the"
        " docstring of `bench/cyclic.py`).",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(row.get(c, "") for c in columns) + " |" for row in rows]
    report = "\n".join(lines) + "\n"
    print(report)
    if options.out:
        options.out.write_text(report, "utf-8")


if __name__ == "__main__":
    main()
