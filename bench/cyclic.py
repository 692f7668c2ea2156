"""A cyclic wire contract of any size, and what it costs in every target.

The contract is ``tests/cyclic_contract.py``'s (the tests use the same): types
``T0 .. T<N-1>``, 250 to a module file, every module ``x-wire: true``; each type has
its own ``kind`` const, a ``label``, a ``count`` and an optional ``next`` (the
following type, the last wrapping round to ``T0``: one cycle through every type
and, across files, an import cycle through every module) and, on every third type,
an optional ``choice``: a discriminated union of the three types after it.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/cyclic.py --sizes 200,1000,5000 --out bench/CYCLIC.md

It builds each size (every target, cold memo), type-checks the TypeScript with the
pinned ``tsc --strict``, loads the zod validators in node and validates a nested
payload, and imports the pydantic models and validates the same payload, timing
each as a whole process (median of ``--runs``). A step that fails is reported with
its last line and not retried.
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

TIMEOUT_S = 300  # per process; a step over it is reported, not waited for
ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "typescript" / "node_modules"
sys.path.insert(0, str(ROOT / "tests"))
from cyclic_contract import write_cyclic_schema  # noqa: E402  (the tests' own generator)


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
const m = await import(process.argv[1]);
const payload = JSON.parse(process.argv[2]);
const ok = m.T0Schema.safeParse(payload).success;
const bad = m.T0Schema.safeParse({ ...payload, next: { kind: "T1", label: 1 } }).success;
if (!ok || bad) { console.error(`verdicts ${ok} ${bad}`); process.exit(1); }
"""

_PYTHON_CHECK = """
import json, sys
from bench_cyclic.models import T0
payload = json.loads(sys.argv[1])
T0.model_validate(payload)
try:
    T0.model_validate({**payload, "next": {"kind": "T1", "label": 1}})
except Exception:
    pass
else:
    sys.exit("an invalid payload was accepted")
"""


def _timed(command: list[str], cwd: Path, runs: int, env: dict[str, str]) -> tuple[float, str]:
    """Median seconds of ``runs`` runs, or (nan, last line of the failure)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command, cwd=cwd, capture_output=True, text=True, env=env, timeout=TIMEOUT_S
            )
        except subprocess.TimeoutExpired:
            return float("nan"), f"over {TIMEOUT_S} s"
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
            return float("nan"), lines[-1][:160]
    return statistics.median(times), ""


def measure(size: int, runs: int, work: Path) -> dict[str, str]:
    """Build, tsc, node and pydantic figures of one size."""
    folder = work / f"n{size}"
    shutil.rmtree(folder, ignore_errors=True)
    schema = folder / "schema"
    names = write_cyclic_schema(schema, size)
    out = folder / "out"
    memo = folder / "memo"
    env = {**os.environ, "IRONFLOW_GEN_CACHE": str(memo)}
    cli = str(Path(sys.executable).parent / "ironflow-gen")
    row: dict[str, str] = {"types": str(size)}

    def record(label: str, command: list[str], cwd: Path, times: int = runs) -> bool:
        seconds, failure = _timed(command, cwd, times, env)
        row[label] = failure if failure else f"{seconds:.2f} s"
        return not failure

    shutil.rmtree(memo, ignore_errors=True)
    if not record(
        "build, all targets (cold)",
        [cli, "build", "--schema", str(schema), "--out", str(out)],
        ROOT,
        1,
    ):
        return row
    typescript = out / "typescript"
    (typescript / "node_modules").symlink_to(NODE_MODULES)
    tsc = str(NODE_MODULES / ".bin" / "tsc")
    if record("tsc --strict (emit)", [tsc, "--strict", "-p", str(typescript)], typescript):
        # Once round the whole cycle: zod 4.6's memoizer does not cache what it learns
        # of a cycle's unresolved getters, and a payload that stops part-way round a wide
        # cycle (a union every third type) costs time exponential in its depth (README).
        payload = chain_payload_json(names, size + 1)
        index = (typescript / "dist" / "index.js").as_uri()
        record(
            "node: load + validate",
            ["node", "--input-type=module", "-e", _NODE_CHECK, index, payload],
            typescript,
        )
    check = _PYTHON_CHECK
    payload = chain_payload_json(names, min(size, 200))
    record("pydantic: import + validate", [sys.executable, "-c", check, payload], out / "python")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ironflow-gen-cyclic-") as folder:
        rows = [measure(int(s), options.runs, Path(folder)) for s in options.sizes.split(",")]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    command = " ".join(["python", "bench/cyclic.py", *sys.argv[1:]])
    lines = [
        "# Cyclic wire contracts",
        "",
        f"`{command}` (medians of {options.runs} runs per step, one cold build per size;"
        " see the docstring of `bench/cyclic.py`).",
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
