"""A cyclic wire contract of any size, and what it costs in every target.

Types ``T0 .. T<N-1>``, 250 to a module file, every module ``x-wire: true``. Each
type carries its own ``kind`` const, an ``id``, an optional ``next`` (a reference to
the following type, the last wrapping round to ``T0``: one cycle through every type
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

PER_MODULE = 250
ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "typescript" / "node_modules"


def module_of(index: int) -> str:
    return f"m{index // PER_MODULE}"


def cyclic_contract(size: int) -> dict[str, str]:
    """File name -> YAML text of the contract (JSON is YAML, and needs no library)."""
    modules: dict[str, dict[str, object]] = {}
    for i in range(size):
        module = modules.setdefault(
            module_of(i), {"title": module_of(i), "x-wire": True, "$defs": {}}
        )
        definitions = module["$defs"]
        assert isinstance(definitions, dict)
        definitions[f"T{i}"] = _type(i, size)
    index = {
        "x-contract": {
            "name": f"@bench/cyclic-{size}",
            "version": "1.0.0",
            "python-distribution": f"cyclic-{size}",
            "python-package": f"cyclic_{size}",
            "modules": list(modules),
        }
    }
    files = {"index.yaml": json.dumps(index, indent=1)}
    files.update({f"{name}.yaml": json.dumps(body, indent=1) for name, body in modules.items()})
    return files


def _ref(source: int, target: int) -> dict[str, str]:
    file = "" if module_of(source) == module_of(target) else f"{module_of(target)}.yaml"
    return {"$ref": f"{file}#/$defs/T{target}"}


def _type(i: int, size: int) -> dict[str, object]:
    properties: dict[str, object] = {
        "kind": {"const": f"t{i}"},
        "id": {"type": "string"},
        "next": _ref(i, (i + 1) % size),
    }
    if i % 3 == 0:
        properties["choice"] = {
            "oneOf": [_ref(i, (i + k) % size) for k in (1, 2, 3)],
            "discriminator": {"propertyName": "kind"},
        }
    return {"type": "object", "required": ["kind", "id"], "properties": properties}


def nested_payload(size: int, depth: int) -> dict[str, object]:
    """``T0`` with ``depth`` levels of ``next`` (and a ``choice`` where one exists)."""
    node: dict[str, object] = {"kind": f"t{depth % size}", "id": "end"}
    for level in range(depth - 1, -1, -1):
        i = level % size
        outer: dict[str, object] = {"kind": f"t{i}", "id": str(level), "next": node}
        if i % 3 == 0:
            outer["choice"] = {"kind": f"t{(i + 1) % size}", "id": "c"}
        node = outer
    return node


def nested_payload_json(size: int, depth: int) -> str:
    """``nested_payload`` as JSON text, written without recursion (any depth)."""
    heads = []
    for level in range(depth):
        i = level % size
        choice = f', "choice": {{"kind": "t{(i + 1) % size}", "id": "c"}}' if i % 3 == 0 else ""
        heads.append(f'{{"kind": "t{i}", "id": "{level}"{choice}, "next": ')
    inner = json.dumps({"kind": f"t{depth % size}", "id": "end"})
    return "".join(heads) + inner + "}" * depth


def write_contract(size: int, folder: Path) -> Path:
    schema = folder / "schema"
    schema.mkdir(parents=True, exist_ok=True)
    for name, text in cyclic_contract(size).items():
        (schema / name).write_text(text, "utf-8")
    return schema


_NODE_CHECK = """
const m = await import(process.argv[1]);
const payload = JSON.parse(process.argv[2]);
const ok = m.T0Schema.safeParse(payload).success;
const bad = m.T0Schema.safeParse({ ...payload, next: { kind: "t1", id: 1 } }).success;
if (!ok || bad) { console.error(`verdicts ${ok} ${bad}`); process.exit(1); }
"""

_PYTHON_CHECK = """
import json, sys
from {package}.models import T0
payload = json.loads(sys.argv[1])
T0.model_validate(payload)
try:
    T0.model_validate({{**payload, "next": {{"kind": "t1", "id": 1}}}})
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
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
            return float("nan"), lines[-1][:160]
    return statistics.median(times), ""


def measure(size: int, runs: int, work: Path) -> dict[str, str]:
    """Build, tsc, node and pydantic figures of one size."""
    folder = work / f"n{size}"
    shutil.rmtree(folder, ignore_errors=True)
    schema = write_contract(size, folder)
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
        payload = nested_payload_json(size, size + 1)
        index = (typescript / "dist" / "index.js").as_uri()
        record(
            "node: load + validate",
            ["node", "--input-type=module", "-e", _NODE_CHECK, index, payload],
            typescript,
        )
    package = f"cyclic_{size}"
    check = _PYTHON_CHECK.format(package=package)
    payload = json.dumps(nested_payload(size, min(size, 100)))
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
