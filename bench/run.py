"""Benchmarks of ironflow-gen against its peers (issue "Benchmarks against the peers").

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/run.py [--sizes 100,500,1000,5000] [--runs 5] [--out bench/RESULTS.md]

What it does, per size N (number of object types):

1. writes a synthetic schema in ironflow-gen's language (several ``x-wire: true``
   module files and an ``index.yaml``) and the same types as one plain JSON Schema
   2020-12 document for the peers, under ``bench/work/n<N>/``;
2. times whole processes (wall clock and the child's peak RSS, from ``os.wait4``),
   one warm-up then ``--runs`` measured runs each: ironflow-gen ``build`` (all
   targets) and ``build --target pydantic``, each with an empty and with a warm
   memo, ``check`` on an unchanged tree, ``check`` after a one-line edit,
   ``datamodel-codegen``, ``json2ts`` and three floors (``python -c pass``,
   ``python -c "import ironflow_gen"``, ``node -e 0``);
3. measures how fast the generated pydantic models validate JSON payloads of one wire
   message, against ``jsonschema`` on the generated JSON Schema bundle;

then writes one Markdown report (figures, ratios, the issue's targets met or not).

Every module is ``x-wire: true`` so that ironflow-gen's pydantic target makes a model
for every type, as datamodel-codegen does from the plain document (a wire type may
refer to wire types only).

Only the standard library is needed on top of the project's own dependencies and npm
(json-schema-to-typescript is installed into ``bench/node_modules`` from the lock file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"  # --work replaces it (two runs at once must not share a folder)
VENV_BIN = Path(sys.executable).parent  # the interpreter running this script: .venv/bin
JSON2TS = BENCH / "node_modules" / ".bin" / "json2ts"
JSON2TS_PACKAGE = "json-schema-to-typescript"

TIMEOUT_S = 120.0  # default cap per process; a command that needs longer is recorded as failed
WARMUP_LIMIT_S = 30.0  # default: a warm-up longer than this counts as the first timed run
PACKAGE = "bench_synthetic"  # python-package of the synthetic contract
EDIT_MARK = " (edit {})"  # appended to one description by the "check after edit" runs
PAYLOADS = 1000  # documents per validation pass
VALIDATION_PASSES = 5  # timed passes over the payloads (after one warm-up pass)

# ----------------------------------------------------------------------------------
# Synthetic schema: one in-memory model, rendered twice (ironflow-gen YAML, plain
# JSON Schema), so the peers see exactly the types ironflow-gen sees.
# ----------------------------------------------------------------------------------

NOUNS = (  # noqa: SIM905 (one line of words, not twenty lines)
    "Account Order Invoice Shipment Customer Product Ledger Payment Refund Voucher "
    "Parcel Ticket Booking Contract Warehouse Supplier Route Quote Receipt Budget"
).split()
ENUMS = (
    ["pending", "active", "done", "failed"],
    ["draft", "sent", "paid", "void"],
    ["low", "medium", "high"],
    ["created", "updated", "deleted", "archived", "restored"],
)
TYPES_PER_MODULE = 250
WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda".split()  # noqa: SIM905


@dataclass(frozen=True)
class Ref:
    """A reference to another synthetic type (by index); rendered per output language."""

    target: int


@dataclass
class FieldSpec:
    name: str
    schema: dict[str, Any]  # a JSON Schema fragment that may hold Ref objects
    required: bool


@dataclass
class TypeSpec:
    index: int
    name: str
    module: str
    description: str
    fields: list[FieldSpec]


@dataclass
class Synthetic:
    """All types of one size and the module names, in order."""

    types: list[TypeSpec]
    modules: list[str]


def module_layout(n: int) -> tuple[list[str], list[int]]:
    """Module names and, per type index, its module number (about 250 types a module,
    at least four modules)."""
    count = max(4, math.ceil(n / TYPES_PER_MODULE))
    per_module = math.ceil(n / count)
    return [f"domain_{m:02d}" for m in range(count)], [i // per_module for i in range(n)]


def scalar_fields(i: int, rng: random.Random) -> list[FieldSpec]:
    """The plain fields every type has: strings, numbers, an enum, a date, an array,
    a nullable field with a default; a few more depending on the index."""
    name = f"{NOUNS[i % len(NOUNS)]}{i}"
    enum = ENUMS[i % len(ENUMS)]
    fields = [
        FieldSpec("kind", {"const": name, "description": "Discriminator tag."}, True),
        FieldSpec("id", {"type": "string", "minLength": 1, "description": "Stable id."}, True),
        FieldSpec("name", {"type": "string"}, True),
        FieldSpec("status", {"type": "string", "enum": enum, "description": "Lifecycle."}, True),
        FieldSpec("createdAt", {"type": "string", "format": "date-time"}, True),
        FieldSpec("count", {"type": "integer", "minimum": 0}, False),
        FieldSpec("ratio", {"type": "number", "minimum": 0, "maximum": 1}, False),
        FieldSpec("enabled", {"type": "boolean", "description": "Switch."}, False),
        FieldSpec("tags", {"type": "array", "items": {"type": "string"}}, False),
        FieldSpec("priority", {"type": ["integer", "null"], "default": 0}, False),
    ]
    labels = FieldSpec(
        "labels", {"type": "object", "additionalProperties": {"type": "string"}}, False
    )
    meta = FieldSpec(
        "meta",
        {
            "type": "object",
            "description": "Where the record came from.",
            "required": ["source"],
            "properties": {"source": {"type": "string"}, "revision": {"type": "integer"}},
        },
        False,
    )
    note = FieldSpec("note", {"type": ["string", "null"]}, False)
    extra = {
        0: [labels, meta],
        1: [note, FieldSpec("displayName", {"type": "string"}, False)],
        2: [FieldSpec("score", {"type": "number"}, False), labels],
        3: [meta, note],
    }[rng.randrange(4)]
    return fields + extra


def reference_fields(i: int, rng: random.Random) -> list[FieldSpec]:
    """Nested references, arrays of references and (every third type) a discriminated
    union, always to lower indices: no cycles, and a random recursive tree is shallow
    (depth ~ ln N), as real contracts are."""
    fields: list[FieldSpec] = []
    if i > 0:
        fields.append(FieldSpec("parent", {"$ref": Ref(rng.randrange(i))}, False))
    if i > 1:
        children = {"type": "array", "items": {"$ref": Ref(rng.randrange(i))}}
        fields.append(FieldSpec("children", children, False))
    if i >= 3 and i % 3 == 0:
        members = rng.sample(range(i), k=min(3, i))
        union = {
            "description": "One of several records, told apart by `kind`.",
            "oneOf": [{"$ref": Ref(m)} for m in members],
            "discriminator": {"propertyName": "kind"},
        }
        fields.append(FieldSpec("choice", union, False))
    return fields


def synthesize(n: int, seed: int = 20240501) -> Synthetic:
    """N object types with mixed fields, deterministic for a given seed."""
    rng = random.Random(seed)
    modules, owner = module_layout(n)
    types = []
    for i in range(n):
        noun = NOUNS[i % len(NOUNS)]
        description = f"{noun} record number {i} of the synthetic benchmark contract."
        fields = scalar_fields(i, rng) + reference_fields(i, rng)
        types.append(TypeSpec(i, f"{noun}{i}", modules[owner[i]], description, fields))
    return Synthetic(types, modules)


def render(node: Any, ref: Callable[[Ref], str]) -> Any:
    """A fragment with every Ref replaced by a ``$ref`` string."""
    if isinstance(node, Ref):
        return ref(node)
    if isinstance(node, dict):
        return {key: render(value, ref) for key, value in node.items()}
    if isinstance(node, list):
        return [render(value, ref) for value in node]
    return node


def object_schema(spec: TypeSpec, ref: Callable[[Ref], str]) -> dict[str, Any]:
    return {
        "description": spec.description,
        "type": "object",
        "required": [f.name for f in spec.fields if f.required],
        "properties": {f.name: render(f.schema, ref) for f in spec.fields},
    }


class _NoAliasDumper(yaml.SafeDumper):
    """PyYAML writes anchors for repeated objects; ironflow-gen refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, width=10**6, allow_unicode=False)


def ironflow_files(synthetic: Synthetic) -> dict[str, str]:
    """``index.yaml`` and one file per module, in ironflow-gen's language."""
    by_index = synthetic.types

    def ref_from(module: str) -> Callable[[Ref], str]:
        def ref(r: Ref) -> str:
            target = by_index[r.target]
            prefix = "" if target.module == module else f"{target.module}.yaml"
            return f"{prefix}#/$defs/{target.name}"

        return ref

    files = {
        "index.yaml": to_yaml(
            {
                "x-contract": {
                    "name": "@bench/synthetic",
                    "version": "1.0.0",
                    "description": f"A synthetic contract of {len(by_index)} object types.",
                    "python-distribution": "bench-synthetic",
                    "python-package": PACKAGE,
                    "modules": synthetic.modules,
                }
            }
        )
    }
    for number, module in enumerate(synthetic.modules):
        files[f"{module}.yaml"] = to_yaml(
            {
                "title": f"Domain {number}",
                "description": f"Synthetic module {module}: wire messages.",
                "x-wire": True,
                "$defs": {
                    t.name: object_schema(t, ref_from(module))
                    for t in by_index
                    if t.module == module
                },
            }
        )
    return files


def plain_json_schema(synthetic: Synthetic) -> dict[str, Any]:
    """The same types as one JSON Schema 2020-12 document, every type under ``$defs``."""

    def ref(r: Ref) -> str:
        return f"#/$defs/{synthetic.types[r.target].name}"

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Synthetic",
        "description": f"A synthetic contract of {len(synthetic.types)} object types.",
        "$defs": {t.name: object_schema(t, ref) for t in synthetic.types},
    }


# ----------------------------------------------------------------------------------
# Payloads: valid instances of a wire message, built from the same model.
# ----------------------------------------------------------------------------------


def example(node: Any, depth: int, rng: random.Random, types: list[TypeSpec]) -> Any:
    """A valid value of a schema fragment; references are followed to ``depth`` 2."""
    if isinstance(node, Ref):
        return instance(types[node.target], depth + 1, rng, types)
    if "$ref" in node:
        return example(node["$ref"], depth, rng, types)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return rng.choice(node["enum"])
    if "oneOf" in node:
        return example(rng.choice(node["oneOf"]), depth, rng, types)
    kind = node["type"]
    if isinstance(kind, list):  # nullable
        return None if rng.random() < 0.3 else example({**node, "type": kind[0]}, depth, rng, types)
    return _example_of(kind, node, depth, rng, types)


def _example_of(
    kind: str, node: dict[str, Any], depth: int, rng: random.Random, types: list[TypeSpec]
) -> Any:
    if kind == "string":
        if node.get("format") == "date-time":
            return f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T12:{rng.randint(10, 59)}:00Z"
        return f"{rng.choice(WORDS)}-{rng.randrange(10**6)}"
    if kind == "integer":
        return rng.randrange(10**4)
    if kind == "number":
        return round(rng.random(), 6)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "array":
        return [example(node["items"], depth, rng, types) for _ in range(2)]
    if "properties" in node:
        return {key: example(sub, depth, rng, types) for key, sub in node["properties"].items()}
    return {w: example(node["additionalProperties"], depth, rng, types) for w in WORDS[:3]}


def instance(
    spec: TypeSpec, depth: int, rng: random.Random, types: list[TypeSpec]
) -> dict[str, Any]:
    """Required fields always, optional ones down to depth 2 (a bounded, realistic size)."""
    return {
        f.name: example(f.schema, depth, rng, types) for f in spec.fields if f.required or depth < 2
    }


def payload_type(synthetic: Synthetic) -> TypeSpec:
    """The message with the most fields (the richest payloads)."""
    return max(synthetic.types, key=lambda t: (len(t.fields), t.index))


def payload_lines(synthetic: Synthetic, spec: TypeSpec, count: int) -> list[str]:
    rng = random.Random(spec.index)
    return [json.dumps(instance(spec, 0, rng, synthetic.types)) for _ in range(count)]


# ----------------------------------------------------------------------------------
# Work folder of one size.
# ----------------------------------------------------------------------------------


@dataclass
class Workspace:
    """Paths of one size's inputs and outputs."""

    size: int
    root: Path

    @property
    def schema(self) -> Path:
        return self.root / "schema"

    @property
    def plain(self) -> Path:
        return self.root / "synthetic.schema.json"

    @property
    def payloads(self) -> Path:
        return self.root / "payloads.jsonl"

    @property
    def tree(self) -> Path:
        """The full build that ``check`` runs against: the last warm ``build``'s output."""
        return self.out("all")

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def out(self, name: str) -> Path:
        return self.root / f"out-{name}"


@dataclass
class SchemaFacts:
    size: int
    modules: int
    wire_messages: int
    yaml_bytes: int
    json_bytes: int
    payload_type: str
    payload_bytes: float  # mean


def prepare_workspace(size: int, payload_count: int) -> tuple[Workspace, SchemaFacts, Synthetic]:
    """Write the schema (both forms) and the payloads; nothing is timed here."""
    space = Workspace(size, WORK / f"n{size}")
    shutil.rmtree(space.root, ignore_errors=True)
    space.schema.mkdir(parents=True)
    space.logs.mkdir()
    synthetic = synthesize(size)
    yaml_bytes = 0
    for name, text in ironflow_files(synthetic).items():
        (space.schema / name).write_text(text, encoding="utf-8")
        yaml_bytes += len(text.encode())
    plain = json.dumps(plain_json_schema(synthetic), indent=2) + "\n"
    space.plain.write_text(plain, encoding="utf-8")
    spec = payload_type(synthetic)
    lines = payload_lines(synthetic, spec, payload_count)
    space.payloads.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = SchemaFacts(
        size,
        len(synthetic.modules),
        len(synthetic.types),
        yaml_bytes,
        len(plain.encode()),
        spec.name,
        statistics.fmean(len(line.encode()) for line in lines),
    )
    return space, facts, synthetic


def write_work_config() -> None:
    """``bench/work/pyproject.toml`` without ``targets``: a build without ``--target``
    then makes every target ironflow-gen offers, whatever the repository configures."""
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "pyproject.toml").write_text(
        "# Written by bench/run.py: no `targets`, so `build` makes all of them.\n"
        '[tool.ironflow-gen]\nschema = "schema"\nout = "generated"\n',
        encoding="utf-8",
    )


# ----------------------------------------------------------------------------------
# Timing whole processes.
# ----------------------------------------------------------------------------------


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every timed process. Bytecode caching is switched on, into
    ``<work>/pycache`` (``PYTHONPYCACHEPREFIX``): the warm-up run then leaves the
    compiled modules an installed tool has, even where the caller sets
    ``PYTHONDONTWRITEBYTECODE``. ironflow-gen's memo is
    ``<work>/cache``. Nothing is written outside the work folder."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    env["IRONFLOW_GEN_CACHE"] = str(memo_folder())
    env.update(extra or {})
    return env


def memo_folder() -> Path:
    """ironflow-gen's memo (``IRONFLOW_GEN_CACHE``: black, datamodel-code-generator, the
    schema check). A cold command empties it before each run (a first build: CI, a
    fresh clone); a warm one finds it as the commands before it left it (a rebuild)."""
    return WORK / "cache"


@dataclass(frozen=True)
class Plan:
    """How each command of one size is run."""

    runs: int  # timed runs
    timeout_s: float  # cap per process
    warmup_limit_s: float  # a warm-up slower than this is kept as the first timed run


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    exit_code: int
    timed_out: bool


@dataclass
class Command:
    """One command line to time, with the untimed steps around each run."""

    label: str
    argv: list[str]
    cwd: Path
    expect_exit: int = 0
    env: dict[str, str] = field(default_factory=dict)  # on top of child_environment()
    warmup_fills_cache: bool = False  # the warm-up is never a timed run, however slow
    before_each: Callable[[], None] = lambda: None
    after_each: Callable[[], None] = lambda: None


@dataclass
class Measurement:
    size: int
    label: str
    runs: list[Run] = field(default_factory=list)
    failure: str | None = None
    warmup_kept: bool = False  # the warm-up was slow and counts as the first run
    load_1m: float = field(default_factory=lambda: os.getloadavg()[0])  # when it started

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.runs)

    @property
    def walls(self) -> list[float]:
        return [r.wall_s for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)


# The timed processes are started by this small helper process, not by run.py itself.
# Linux carries the peak RSS of the process that spawns a child into that child's
# ``ru_maxrss`` (exec keeps the old address space's high-water mark), so a child of
# run.py, which holds a whole synthetic schema, would report at least run.py's size.
# The helper is a bare interpreter (``-S``, standard library only, ~10 MB): the floor
# it puts under every figure is below even ``python -c pass``. It times each child
# itself, so the round trip to run.py is not in the wall time.
SPAWNER = r"""
import json, os, signal, sys, time

def run(job):
    fired = []
    os.chdir(job["cwd"])
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(job["argv"][0], job["argv"], job["env"], file_actions=actions,
                          setsid=True)

    def kill(signum, frame):
        fired.append(True)
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGALRM, kill)
    signal.setitimer(signal.ITIMER_REAL, job["timeout"])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    return {"wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024,
            "exit_code": os.waitstatus_to_exitcode(status), "timed_out": bool(fired)}

for line in sys.stdin:
    try:
        reply = run(json.loads(line))
    except OSError as error:
        reply = {"error": str(error)}
    print(json.dumps(reply), flush=True)
"""


class Spawner:
    """run.py's side of the helper process: one JSON line per job each way."""

    def __init__(self) -> None:
        self._helper: subprocess.Popen[str] | None = None

    def run(
        self, argv: list[str], cwd: Path, log: Path, timeout: float, env: dict[str, str]
    ) -> Run:
        if self._helper is None:
            self._helper = subprocess.Popen(
                [sys.executable, "-S", "-c", SPAWNER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        assert self._helper.stdin and self._helper.stdout
        job = {"argv": argv, "cwd": str(cwd), "log": str(log), "timeout": timeout, "env": env}
        self._helper.stdin.write(json.dumps(job) + "\n")
        self._helper.stdin.flush()
        reply = json.loads(self._helper.stdout.readline() or '{"error": "helper died"}')
        if "error" in reply:
            raise OSError(reply["error"])
        return Run(**reply)


SPAWNER_PROCESS = Spawner()


def run_once(
    argv: list[str], cwd: Path, log: Path, timeout: float, env: dict[str, str] | None = None
) -> Run:
    """Wall clock from spawn to reap, and the child's own peak RSS from ``os.wait4``
    (its rusage, so neither run.py nor earlier children are counted); a child still
    running after ``timeout`` seconds is killed with its process group."""
    return SPAWNER_PROCESS.run(argv, cwd, log, timeout, child_environment(env))


def measure(command: Command, size: int, plan: Plan, logs: Path) -> Measurement:
    """One warm-up (file cache, bytecode) then ``plan.runs`` timed runs. A warm-up slower
    than ``plan.warmup_limit_s`` is kept as the first timed run: what it warms is well
    under a second, a small share of such a run, and long commands are what make the
    whole benchmark slow (not so for a warm-cache command, whose warm-up is what fills
    the cache: it is never timed). The first run that fails, times out or exits unexpectedly
    ends the measurement and is recorded, never raised."""
    result = Measurement(size, command.label)
    log_path = logs / (slug(command.label) + ".log")
    warming = True
    while len(result.runs) < plan.runs:
        command.before_each()
        try:
            run = run_once(command.argv, command.cwd, log_path, plan.timeout_s, command.env)
        except OSError as error:
            result.failure = f"could not start: {error}"
            return result
        finally:
            command.after_each()
        if run.timed_out:
            result.failure = f"timeout (> {plan.timeout_s:.0f} s)"
        elif run.exit_code != command.expect_exit:
            result.failure = f"exit {run.exit_code}: {last_line(log_path)}"
        if result.failure:
            result.runs = []
            return result
        slow_warmup = run.wall_s > plan.warmup_limit_s and not command.warmup_fills_cache
        if not warming or slow_warmup:
            result.runs.append(run)
            result.warmup_kept = warming
        warming = False
    return result


def slug(label: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in label).strip("_")


def last_line(log: Path) -> str:
    lines = [line for line in log.read_text("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:160] if lines else "(no output)"


@dataclass
class SchemaEdit:
    """A one-line description edit in the first module, undone after each run. Each
    run writes a different text: ironflow-gen memoises formatting by content, and a
    repeated edit would be served from that memo instead of being a new edit."""

    path: Path
    original: str
    description: str
    count: int = 0

    @classmethod
    def first_description(cls, space: Workspace, synthetic: Synthetic) -> SchemaEdit:
        first = synthetic.types[0]
        path = space.schema / f"{first.module}.yaml"
        original = path.read_text("utf-8")
        if original.count(first.description) != 1:
            raise RuntimeError(f"{path}: cannot find one line to edit")
        return cls(path, original, first.description)

    def apply(self) -> None:
        self.count += 1
        edited = self.description + EDIT_MARK.format(f"{time.time_ns()}-{self.count}")
        self.path.write_text(self.original.replace(self.description, edited), "utf-8")

    def undo(self) -> None:
        self.path.write_text(self.original, "utf-8")


def commands(space: Workspace, synthetic: Synthetic) -> list[Command]:
    """Every timed command of one size, ironflow-gen's first, then peers, then floors."""
    python, ifg = str(VENV_BIN / "python"), str(VENV_BIN / "ironflow-gen")
    schema = ["--schema", str(space.schema)]
    edit = SchemaEdit.first_description(space, synthetic)
    dmcg_out, ts_out = space.out("datamodel-codegen"), space.out("json2ts")

    def build(label: str, out: Path, extra: list[str], cache: str) -> Command:
        """A build into an empty folder; a cold one also with an empty memo."""
        folders = [out, memo_folder()] if cache == "cold" else [out]
        return Command(
            f"{label} ({cache} cache)",
            [ifg, "build", *schema, "--out", str(out), *extra],
            space.root,
            warmup_fills_cache=cache == "warm",
            before_each=emptied(*folders),
        )

    # In this order, so that the full cold build leaves the memo complete for the warm
    # build and for `check` after an edit (a cold command empties it).
    pydantic = ["--target", "pydantic"]
    return [
        build(BUILD_PYDANTIC, space.out("pydantic-cold"), pydantic, "cold"),
        build(BUILD_PYDANTIC, space.out("pydantic"), pydantic, "warm"),
        build(BUILD, space.out("all-cold"), [], "cold"),
        build(BUILD, space.tree, [], "warm"),
        Command(
            "ironflow-gen check (unchanged)",
            [ifg, "check", *schema, "--out", str(space.tree)],
            space.root,
        ),
        Command(
            "ironflow-gen check (one edit)",
            [ifg, "check", *schema, "--out", str(space.tree)],
            space.root,
            expect_exit=1,
            before_each=edit.apply,
            after_each=edit.undo,
        ),
        Command(
            "datamodel-codegen",
            [
                str(VENV_BIN / "datamodel-codegen"),
                "--input",
                str(space.plain),
                "--input-file-type",
                "jsonschema",
                "--output-model-type",
                "pydantic_v2.BaseModel",
                "--output",
                str(dmcg_out / "models.py"),
            ],
            space.root,
            before_each=lambda: _fresh(dmcg_out),
        ),
        Command(
            "json2ts",
            [
                str(JSON2TS),
                "--unreachableDefinitions",
                "-i",
                str(space.plain),
                "-o",
                str(ts_out / "types.d.ts"),
            ],
            space.root,
            before_each=lambda: _fresh(ts_out),
        ),
        # The generated dataclass package of the warm build: the package alone (its
        # modules load on first use), then every module (every class created).
        Command(IMPORT, [python, "-c", f"import {PACKAGE}"], space.tree / "python"),
        Command(IMPORT_ALL, [python, "-c", f"from {PACKAGE} import *"], space.tree / "python"),
        Command("python -c pass", [python, "-c", "pass"], space.root),
        Command(
            "python -c 'import ironflow_gen'", [python, "-c", "import ironflow_gen"], space.root
        ),
        Command("node -e 0", ["node", "-e", "0"], space.root),
    ]


def emptied(*folders: Path) -> Callable[[], None]:
    """Removes the folders before a run: every build writes into an empty folder, as a
    peer writing a fresh file does (and a cold build starts with an empty memo)."""

    def remove() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    return remove


def _fresh(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def ensure_tree(space: Workspace, timeout_s: float) -> str | None:
    """Make sure a full build is on disk for ``check`` (normally the timed ``build``
    left it; otherwise build it untimed); an error message, or None."""
    if (space.tree / ".ironflow-gen.json").is_file():
        return None
    shutil.rmtree(space.tree, ignore_errors=True)
    argv = [
        str(VENV_BIN / "ironflow-gen"),
        "build",
        "--schema",
        str(space.schema),
        "--out",
        str(space.tree),
    ]
    log_path = space.logs / "tree-build.log"
    run = run_once(argv, space.root, log_path, timeout_s)
    if run.timed_out:
        return f"no tree to check: building it took over {timeout_s:.0f} s"
    if run.exit_code != 0:
        return f"no tree to check: {last_line(log_path)}"
    return None


# ----------------------------------------------------------------------------------
# Validation throughput (in a fresh process per size: each size's models.py is a
# module of the same name, and a fresh import is what a service pays too).
# ----------------------------------------------------------------------------------


@dataclass
class Throughput:
    size: int
    message: str
    payloads: int
    mean_bytes: float
    pydantic_docs_s: float = 0.0
    jsonschema_docs_s: float = 0.0
    json_loads_docs_s: float = 0.0
    models_import_s: float = 0.0
    agree_on_invalid: bool = False
    failure: str | None = None

    @property
    def ratio(self) -> float:
        return self.pydantic_docs_s / self.jsonschema_docs_s

    @property
    def json_ratio(self) -> float:
        """pydantic's documents/s over ``json.loads`` alone on the same bytes."""
        return self.pydantic_docs_s / self.json_loads_docs_s

    def mb_s(self, docs_s: float) -> float:
        return docs_s * self.mean_bytes / 1e6


def measure_validation(space: Workspace, facts: SchemaFacts, timeout_s: float) -> Throughput:
    result = Throughput(space.size, facts.payload_type, PAYLOADS, facts.payload_bytes)
    bundles = sorted((space.tree / "jsonschema").glob("*.schema.json"))
    config = {
        "python_root": str(space.out("pydantic") / "python"),
        "module": f"{PACKAGE}.models",
        "bundle": str(bundles[0]) if bundles else "",
        "payloads": str(space.payloads),
        "type": facts.payload_type,
        "passes": VALIDATION_PASSES,
    }
    config_path = space.root / "validation.json"
    config_path.write_text(json.dumps(config), "utf-8")
    argv = [sys.executable, str(Path(__file__).resolve()), "--validation-worker", str(config_path)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        result.failure = "timeout"
        return result
    if done.returncode != 0:
        result.failure = (done.stderr.strip().splitlines() or ["failed"])[-1][:200]
        return result
    figures = json.loads(done.stdout)
    result.pydantic_docs_s = figures["pydantic_docs_s"]
    result.jsonschema_docs_s = figures["jsonschema_docs_s"]
    result.json_loads_docs_s = figures["json_loads_docs_s"]
    result.models_import_s = figures["models_import_s"]
    result.agree_on_invalid = figures["agree_on_invalid"]
    return result


def validation_worker(config_path: str) -> None:
    """Runs in its own process; prints the figures as JSON. Both validators start from
    the same JSON bytes: pydantic parses them itself, jsonschema needs ``json.loads``."""
    from jsonschema import Draft202012Validator

    config = json.loads(Path(config_path).read_text("utf-8"))
    payloads = [line.encode() for line in Path(config["payloads"]).read_text("utf-8").splitlines()]
    sys.path.insert(0, config["python_root"])
    start = time.perf_counter()
    models = importlib.import_module(config["module"])
    models_import_s = time.perf_counter() - start
    model = getattr(models, config["type"])
    bundle = json.loads(Path(config["bundle"]).read_text("utf-8"))
    schema = {**bundle, "$ref": f"#/$defs/{config['type']}"}
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    def with_pydantic() -> None:
        for raw in payloads:
            model.model_validate_json(raw)

    def with_jsonschema() -> None:
        for raw in payloads:
            if not validator.is_valid(json.loads(raw)):
                raise AssertionError("jsonschema rejected a payload pydantic accepts")

    def with_json_loads() -> None:
        for raw in payloads:
            json.loads(raw)

    figures = {
        "pydantic_docs_s": len(payloads) / best_pass(with_pydantic, config["passes"]),
        "json_loads_docs_s": len(payloads) / best_pass(with_json_loads, config["passes"]),
        "jsonschema_docs_s": len(payloads) / best_pass(with_jsonschema, config["passes"]),
        "models_import_s": models_import_s,
        "agree_on_invalid": agree_on_invalid(model, validator, payloads[0]),
    }
    print(json.dumps(figures))


def best_pass(work: Callable[[], None], passes: int) -> float:
    """Median seconds of ``passes`` timed passes after a warm-up pass."""
    work()
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def agree_on_invalid(model: Any, validator: Any, raw: bytes) -> bool:
    """Sanity check that both really validate: a missing required key and a wrong
    scalar type must be refused by both."""
    from pydantic import ValidationError

    good = json.loads(raw)
    missing = {k: v for k, v in good.items() if k != "id"}
    wrong = {**good, "name": 12}
    for bad in (missing, wrong):
        try:
            model.model_validate_json(json.dumps(bad))
            return False
        except ValidationError:
            pass
        if validator.is_valid(bad):
            return False
    return True


# ----------------------------------------------------------------------------------
# Setting up the peers and describing the machine.
# ----------------------------------------------------------------------------------


def ensure_json2ts() -> str | None:
    """Install the pinned json-schema-to-typescript (package-lock.json) into
    bench/node_modules; an error message, or None when it is ready."""
    if JSON2TS.exists():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm not found"
    verb = "ci" if (BENCH / "package-lock.json").exists() else "install"
    done = subprocess.run(
        [npm, verb, "--no-audit", "--no-fund"], cwd=BENCH, capture_output=True, text=True
    )
    if done.returncode != 0 or not JSON2TS.exists():
        return f"npm {verb} failed: {done.stderr.strip()[-200:]}"
    return None


def command_output(argv: list[str], cwd: Path = REPO) -> str:
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "n/a"
    return done.stdout.strip() or done.stderr.strip() or "n/a"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.1f} GB"
    except OSError:
        pass
    return "unknown"


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def json2ts_version() -> str:
    path = BENCH / "node_modules" / JSON2TS_PACKAGE / "package.json"
    try:
        return str(json.loads(path.read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "not installed"


def machine() -> dict[str, str]:
    from ironflow_gen.targets import target_names

    commit = command_output(["git", "rev-parse", "--short", "HEAD"])
    dirty = command_output(["git", "status", "--porcelain"])
    return {
        "CPU": cpu_model(),
        "cores": f"{os.cpu_count()} logical ({len(os.sched_getaffinity(0))} usable)",
        "memory": memory_gb(),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version() + f" ({sys.executable})",
        "node": command_output(["node", "--version"]),
        "ironflow-gen": f"{package_version('ironflow-gen')} at {commit}"
        + (" + uncommitted changes" if dirty not in ("", "n/a") else ""),
        "targets of `build`": ", ".join(target_names()),
        "datamodel-code-generator": package_version("datamodel-code-generator"),
        "json-schema-to-typescript": json2ts_version(),
        "pydantic / pydantic-core": f"{package_version('pydantic')} / "
        f"{package_version('pydantic-core')}",
        "jsonschema": package_version("jsonschema"),
        "black": package_version("black"),
    }


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ----------------------------------------------------------------------------------
# The issue's targets.
# ----------------------------------------------------------------------------------

BUILD = "ironflow-gen build"
BUILD_PYDANTIC = "ironflow-gen build --target pydantic"
COLD, WARM = " (cold cache)", " (warm cache)"
CHECK = "ironflow-gen check (unchanged)"
DMCG = "datamodel-codegen"
FLOOR = "python -c pass"


@dataclass
class Verdict:
    target: str
    figures: dict[int, str]  # size -> cell text
    met: bool | None  # None: could not be evaluated


def ratio_target(
    name: str, results: dict[int, dict[str, Measurement]], top: str, bottom: str, limit: float
) -> Verdict:
    """median(top) / median(bottom) <= limit at every size."""
    figures, oks = {}, []
    for size, by_label in results.items():
        a, b = by_label.get(top), by_label.get(bottom)
        if not (a and b and a.ok and b.ok):
            figures[size] = "n/a (not run, or failed)"
            continue
        ratio = a.median / b.median
        oks.append(ratio <= limit)
        figures[size] = f"{ratio:.2f}x {'met' if ratio <= limit else 'NOT met'}"
    return Verdict(name, figures, all(oks) if oks else None)


def verdicts(
    results: dict[int, dict[str, Measurement]], validation: list[Throughput]
) -> list[Verdict]:
    """The issue's targets; builds are judged cold (as the peers, which keep no cache,
    always run) and warm (a rebuild with ironflow-gen's formatting memo)."""
    found = [ratio_target("`check` unchanged <= 4x `python -c pass`", results, CHECK, FLOOR, 4)]
    for cache in (COLD, WARM):
        found.append(
            ratio_target(
                f"`build --target pydantic`, {cache.strip(' ()')} <= datamodel-codegen",
                results,
                BUILD_PYDANTIC + cache,
                DMCG,
                1,
            )
        )
    for cache in (COLD, WARM):
        found.append(
            ratio_target(
                f"`build` (all targets), {cache.strip(' ()')} <= 2x datamodel-codegen",
                results,
                BUILD + cache,
                DMCG,
                2,
            )
        )
    for cache in (COLD, WARM):
        found.append(scaling_target(results, BUILD + cache))
    found.append(throughput_target(validation))
    found.append(json_loads_target(validation))
    return found


def scaling_target(results: dict[int, dict[str, Measurement]], label: str) -> Verdict:
    """time(5,000) / time(500) <= 12: no worse than linear plus a constant."""
    verdict = Verdict(
        f"`{label.removeprefix('ironflow-gen ')}` time(5,000) / time(500) <= 12", {}, None
    )
    small, large = results.get(500, {}).get(label), results.get(5000, {}).get(label)
    if small and large and small.ok and large.ok:
        ratio = large.median / small.median
        verdict.met = ratio <= 12
        verdict.figures[5000] = f"{ratio:.2f} {'met' if verdict.met else 'NOT met'}"
    return verdict


def json_loads_target(validation: list[Throughput]) -> Verdict:
    verdict = Verdict("pydantic validation >= 0.9x json.loads alone (docs/s)", {}, None)
    oks = []
    for t in validation:
        if t.failure:
            verdict.figures[t.size] = "n/a (failed)"
            continue
        oks.append(t.json_ratio >= 0.9)
        met = "met" if t.json_ratio >= 0.9 else "NOT met"
        verdict.figures[t.size] = f"{t.json_ratio:.2f}x {met}"
    verdict.met = all(oks) if oks else None
    return verdict


def throughput_target(validation: list[Throughput]) -> Verdict:
    verdict = Verdict("pydantic validation >= 10x jsonschema (docs/s)", {}, None)
    oks = []
    for t in validation:
        if t.failure:
            verdict.figures[t.size] = "n/a (failed)"
            continue
        oks.append(t.ratio >= 10)
        verdict.figures[t.size] = f"{t.ratio:.1f}x {'met' if t.ratio >= 10 else 'NOT met'}"
    verdict.met = all(oks) if oks else None
    return verdict


# ----------------------------------------------------------------------------------
# Issue 19: lean generated code (the repository's own contract, imports, package size).
# ----------------------------------------------------------------------------------

IMPORT = f"python -c 'import {PACKAGE}'"
IMPORT_ALL = f"python -c 'from {PACKAGE} import *'"
CONTRACT_IMPORT = "python -c 'import ironflow_core'"
CONTRACT_IMPORT_ALL = "python -c 'from ironflow_core import *'"
SKIPPED: list[str] = []  # --skip
# Bytes of the generated dataclass package (every .py file of the python target, so
# not models.py) at commit 5f7bd69, before the table-driven codec: the same synthetic
# schemas (this script's, N=500 and N=5,000) and the repository's contract, 167 types.
MAIN_BYTES = {500: 1_901_810, 5000: 19_300_092}
MAIN_CONTRACT_BYTES = 243_930


CONTRACT_OUT = Path()  # set by bench_contract


def python_package_bytes(package: Path) -> int:
    """Bytes of the python target's package (``models.py`` is the pydantic target's)."""
    return sum(p.stat().st_size for p in package.glob("*.py") if p.name != "models.py")


def bench_contract(plan: Plan) -> dict[str, Measurement]:
    """``build`` of the repository's ``schema/`` (every target), cold and warm, and the
    import of its generated package, ``ironflow_core``."""
    global CONTRACT_OUT
    python, ifg = str(VENV_BIN / "python"), str(VENV_BIN / "ironflow-gen")
    root = WORK / "contract"
    CONTRACT_OUT = root / "out"
    cold_out = root / "out-cold"
    (root / "logs").mkdir(parents=True, exist_ok=True)
    schema = ["--schema", str(REPO / "schema")]
    package = CONTRACT_OUT / "python"
    commands = [
        Command(
            BUILD + COLD,
            [ifg, "build", *schema, "--out", str(cold_out)],
            WORK,
            before_each=emptied(cold_out, memo_folder()),
        ),
        Command(
            BUILD + WARM,
            [ifg, "build", *schema, "--out", str(CONTRACT_OUT)],
            WORK,
            warmup_fills_cache=True,
            before_each=emptied(CONTRACT_OUT),
        ),
        Command(CONTRACT_IMPORT, [python, "-c", "import ironflow_core"], package),
        Command(CONTRACT_IMPORT_ALL, [python, "-c", "from ironflow_core import *"], package),
        Command(FLOOR, [python, "-c", "pass"], root),
    ]
    results = {}
    log("contract (schema/):")
    for command in commands:
        log(f"  {command.label} ...")
        results[command.label] = measure(command, 0, plan, root / "logs")
        m = results[command.label]
        log(f"    {f'{m.median:.3f} s median' if m.ok else m.failure}")
    return results


@dataclass
class Lean:
    """What issue 19 asks of a build and of the generated package."""

    contract: dict[str, Measurement]
    package_bytes: dict[int, int]  # size -> bytes of the synthetic python package
    contract_bytes: int

    def verdicts(
        self, results: dict[int, dict[str, Measurement]]
    ) -> list[tuple[str, str, bool | None]]:
        found = [
            self._at_most(
                "contract: `build` (all targets), cold cache <= 1.0 s",
                self.contract.get(BUILD + COLD),
                1.0,
            ),
            self._at_most(
                "contract: `import ironflow_core` <= 0.1 s", self.contract.get(CONTRACT_IMPORT), 0.1
            ),
        ]
        large, small = results.get(5000, {}), results.get(500, {})
        build, dmcg = large.get(BUILD + COLD), large.get(DMCG)
        if build and dmcg and build.ok and dmcg.ok:
            ratio = build.median / dmcg.median
            found.append(
                (
                    "N=5,000: `build` (all targets), cold <= 1/4 datamodel-codegen (pydantic only)",
                    f"{build.median:.1f} s / {dmcg.median:.1f} s = {ratio:.2f}x",
                    ratio <= 0.25,
                )
            )
            memory = build.peak_mb / dmcg.peak_mb
            found.append(
                (
                    "N=5,000: peak memory of a cold `build` <= 1/2 datamodel-codegen's",
                    f"{build.peak_mb:.0f} MB / {dmcg.peak_mb:.0f} MB = {memory:.2f}x",
                    memory <= 0.5,
                )
            )
        for cache in (COLD, WARM):
            a, b = large.get(BUILD + cache), small.get(BUILD + cache)
            if a and b and a.ok and b.ok:
                ratio = a.median / b.median
                found.append(
                    (
                        f"`build`, {cache.strip(' ()')}: time(5,000) / time(500) <= 11",
                        f"{a.median:.1f} s / {b.median:.2f} s = {ratio:.1f}",
                        ratio <= 11,
                    )
                )
        for size, main in MAIN_BYTES.items():
            if size in self.package_bytes:
                ratio = self.package_bytes[size] / main
                found.append(
                    (
                        f"N={size:,}: package bytes per type <= 1/2 of 5f7bd69's",
                        f"{self.package_bytes[size] / size:,.0f} B / {main / size:,.0f} B"
                        f" = {ratio:.2f}x",
                        ratio <= 0.5,
                    )
                )
        if self.contract_bytes:
            ratio = self.contract_bytes / MAIN_CONTRACT_BYTES
            found.append(
                (
                    "contract: package bytes <= 1/2 of 5f7bd69's",
                    f"{self.contract_bytes:,} B / {MAIN_CONTRACT_BYTES:,} B = {ratio:.2f}x",
                    ratio <= 0.5,
                )
            )
        return found

    @staticmethod
    def _at_most(target: str, m: Measurement | None, limit: float) -> tuple[str, str, bool | None]:
        if not (m and m.ok):
            return target, "n/a (failed or not run)", None
        return target, f"{m.median:.3f} s (median of {len(m.runs)})", m.median <= limit

    def verdict_table(self, results: dict[int, dict[str, Measurement]]) -> list[str]:
        rows = ["| target | figure | verdict |", "|---|---|---|"]
        for target, figure, met in self.verdicts(results):
            verdict = {True: "**met**", False: "**not met**", None: "not evaluated"}[met]
            rows.append(f"| {target} | {figure} | {verdict} |")
        return [*rows, ""]

    def contract_table(self) -> list[str]:
        if not self.contract:
            return []
        rows = [
            "The repository's own contract (`schema/`, 167 types, every target):",
            "",
            "| command | median s | min s | max s | peak RSS MB | load at start |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for label, m in self.contract.items():
            if not m.ok:
                rows.append(f"| {label} | failed: {m.failure} | | | | |")
                continue
            rows.append(
                f"| {label} | {seconds(m.median)} | {seconds(min(m.walls))}"
                f" | {seconds(max(m.walls))} | {m.peak_mb:.0f} | {m.load_1m:.2f} |"
            )
        return [*rows, ""]


# ----------------------------------------------------------------------------------
# The report.
# ----------------------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def timing_table(size: int, by_label: dict[str, Measurement], plan: Plan) -> list[str]:
    floor = by_label.get(FLOOR)
    dmcg = by_label.get(DMCG)
    rows = [
        f"#### N = {size:,} object types: {plan.runs} timed run(s) after one warm-up,"
        f" cap {plan.timeout_s:.0f} s a process",
        "",
        "| command | median s | min s | max s | peak RSS MB"
        " | x `python -c pass` | x datamodel-codegen | load at start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, m in by_label.items():
        if not m.ok:
            rows.append(f"| {label} | failed: {m.failure} | | | | | | |")
            continue
        vs_floor = f"{m.median / floor.median:.1f}" if floor and floor.ok else "n/a"
        vs_dmcg = f"{m.median / dmcg.median:.2f}" if dmcg and dmcg.ok else "n/a"
        kept = f" (warm-up > {plan.warmup_limit_s:.0f} s, kept as run 1)" if m.warmup_kept else ""
        spread = f"{seconds(min(m.walls))} | {seconds(max(m.walls))}"
        rows.append(
            f"| {label}{kept} | {seconds(m.median)} | {spread}"
            f" | {m.peak_mb:.0f} | {vs_floor} | {vs_dmcg} | {m.load_1m:.2f} |"
        )
    return [*rows, ""]


def summary_table(results: dict[int, dict[str, Measurement]]) -> list[str]:
    sizes = list(results)
    rows = [
        "| command | " + " | ".join(f"N={s:,}" for s in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    labels = list(next(iter(results.values())))
    for label in labels:
        cells = []
        for size in sizes:
            m = results[size][label]
            cells.append(f"{seconds(m.median)} s / {m.peak_mb:.0f} MB" if m.ok else "failed")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return [*rows, ""]


def schema_table(facts: list[SchemaFacts], models: dict[int, tuple[Classes, Classes]]) -> list[str]:
    rows = [
        "| N | modules | wire messages | YAML | plain JSON Schema"
        " | classes in models.py: ironflow-gen pydantic | datamodel-codegen |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in facts:
        ours, theirs = models.get(f.size, (Classes(), Classes()))
        rows.append(
            f"| {f.size:,} | {f.modules} | {f.wire_messages:,} | {f.yaml_bytes / 1e6:.2f} MB"
            f" | {f.json_bytes / 1e6:.2f} MB | {ours} | {theirs} |"
        )
    return [*rows, ""]


def validation_table(validation: list[Throughput]) -> list[str]:
    rows = [
        "| N | message | payloads x mean size | pydantic docs/s | pydantic MB/s"
        " | jsonschema docs/s | jsonschema MB/s | ratio | json.loads docs/s | x json.loads"
        " | models.py import s | both refuse bad input |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in validation:
        if t.failure:
            rows.append(f"| {t.size:,} | {t.message} | failed: {t.failure} | | | | | | | | | |")
            continue
        rows.append(
            f"| {t.size:,} | {t.message} | {t.payloads} x {t.mean_bytes / 1024:.1f} KB"
            f" | {t.pydantic_docs_s:,.0f} | {t.mb_s(t.pydantic_docs_s):.1f}"
            f" | {t.jsonschema_docs_s:,.0f} | {t.mb_s(t.jsonschema_docs_s):.2f}"
            f" | {t.ratio:.1f}x | {t.json_loads_docs_s:,.0f} | {t.json_ratio:.2f}x"
            f" | {t.models_import_s:.2f}"
            f" | {'yes' if t.agree_on_invalid else 'NO'} |"
        )
    return [*rows, ""]


def verdict_table(found: list[Verdict], sizes: list[int]) -> list[str]:
    rows = [
        "| target | " + " | ".join(f"N={s:,}" for s in sizes) + " | verdict |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    for v in found:
        cells = [v.figures.get(s, "") for s in sizes]
        verdict = {True: "**met**", False: "**not met**", None: "not evaluated"}[v.met]
        rows.append(f"| {v.target} | " + " | ".join(cells) + f" | {verdict} |")
    return [*rows, ""]


@dataclass
class Report:
    started: dt.datetime
    duration_s: float
    plans: dict[int, Plan]
    machine: dict[str, str]
    load: tuple[str, str]
    facts: list[SchemaFacts]
    models: dict[int, tuple[Classes, Classes]]
    results: dict[int, dict[str, Measurement]]
    validation: list[Throughput]
    argv: list[str]
    lean: Lean

    def markdown(self) -> str:
        sizes = list(self.results)
        return "\n".join(
            [
                "# ironflow-gen benchmarks against the peers",
                "",
                f"Produced by `{' '.join(self.argv)}` on {self.started:%Y-%m-%d %H:%M} UTC"
                f" (took {self.duration_s / 60:.1f} min). bench/README.md says how to read it.",
                "",
                "## Targets of issue 19 (lean generated code)",
                "",
                *self.lean.verdict_table(self.results),
                *self.lean.contract_table(),
                "## Targets of the earlier issues",
                "",
                *verdict_table(verdicts(self.results, self.validation), sizes),
                "Ratios are of median wall times (whole processes) and of validated"
                " documents per second.",
                "",
                "## Machine",
                "",
                *[f"- {key}: {value}" for key, value in self.machine.items()],
                f"- load average (1, 5, 15 min) before / after: {self.load[0]} / {self.load[1]}",
                "",
                "## Schemas",
                "",
                *schema_table(self.facts, self.models),
                "## Wall time and peak memory",
                "",
                "Median wall time / peak RSS of the process:",
                "",
                *summary_table(self.results),
                *[line for s in sizes for line in timing_table(s, self.results[s], self.plans[s])],
                "## Validation throughput",
                "",
                f"Documents of one wire message validated from JSON bytes; median of"
                f" {VALIDATION_PASSES} passes after a warm-up pass. pydantic:"
                f" `Model.model_validate_json(raw)` on the `build --target pydantic` models;"
                f" jsonschema: `Draft202012Validator(bundle + $ref).is_valid(json.loads(raw))`"
                f" on the generated `jsonschema/*.schema.json`.",
                "",
                *validation_table(self.validation),
            ]
        )


@dataclass
class Classes:
    """Classes in a generated models.py: how many, and how many of them are Enums."""

    total: int = 0
    enums: int = 0

    @classmethod
    def count(cls, path: Path) -> Classes:
        try:
            lines = path.read_text("utf-8").splitlines()
        except OSError:
            return cls()
        classes = [line for line in lines if line.startswith("class ")]
        return cls(len(classes), sum(1 for line in classes if "Enum)" in line))

    def __str__(self) -> str:
        return f"{self.total:,} ({self.enums:,} Enum)" if self.total else "n/a"


# ----------------------------------------------------------------------------------
# Main.
# ----------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="100,500,1000,5000", help="numbers of object types, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (>= 1)")
    parser.add_argument(
        "--runs-for",
        default="",
        metavar="SIZE=RUNS,...",
        help="fewer runs for some sizes, e.g. 5000=3 (said so in the report)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_S,
        help="cap in seconds per process (default %(default).0f)",
    )
    parser.add_argument(
        "--warmup-limit",
        type=float,
        default=WARMUP_LIMIT_S,
        help="a warm-up slower than this many seconds is kept as the first"
        " timed run (default %(default).0f)",
    )
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md", help="the report")
    parser.add_argument(
        "--work",
        type=Path,
        default=WORK,
        help="folder for schemas, outputs, caches (default bench/work)",
    )
    parser.add_argument(
        "--skip",
        default="",
        metavar="TEXT,...",
        help="leave out the commands whose label contains one of these texts"
        " (e.g. 'check,json2ts,node' for the figures of issue 19 only)",
    )
    parser.add_argument(
        "--no-validation", action="store_true", help="leave out the validation throughput"
    )
    parser.add_argument(
        "--no-contract", action="store_true", help="leave out the builds of schema/ itself"
    )
    parser.add_argument("--validation-worker", metavar="CONFIG", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def plans(args: argparse.Namespace, sizes: list[int]) -> dict[int, Plan]:
    """Per size: ``--runs``, or what ``--runs-for`` says for that size."""
    overrides = {
        int(k): int(v) for k, v in (item.split("=") for item in args.runs_for.split(",") if item)
    }
    return {
        s: Plan(max(1, overrides.get(s, args.runs)), args.timeout, args.warmup_limit) for s in sizes
    }


def bench_size(
    space: Workspace, synthetic: Synthetic, plan: Plan, timed_out: dict[str, int]
) -> dict[str, Measurement]:
    """Every command at one size. A command that timed out at a smaller size is not run
    again (it would only take longer); ``timed_out`` records label -> that size."""
    results = {}
    for command in commands(space, synthetic):
        if any(word in command.label for word in SKIPPED):
            continue
        log(f"  {command.label} ...")
        problem = None
        if command.label in timed_out:
            problem = f"skipped: timed out at N={timed_out[command.label]:,}"
        elif command.label.startswith("ironflow-gen check"):
            problem = ensure_tree(space, plan.timeout_s * 3)
        if problem:
            m = Measurement(space.size, command.label, failure=problem)
        else:
            m = measure(command, space.size, plan, space.logs)
            if m.failure and m.failure.startswith("timeout"):
                timed_out[command.label] = space.size
        results[command.label] = m
        log(f"    {f'{m.median:.3f} s median' if m.ok else m.failure}")
    return results


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    global WORK
    args = parse_args(argv)
    WORK = args.work.resolve()
    if args.validation_worker:
        validation_worker(args.validation_worker)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    plan = plans(args, sizes)
    SKIPPED.extend(word for word in args.skip.split(",") if word)
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    load_before = load_average()
    write_work_config()
    npm_problem = ensure_json2ts()
    if npm_problem:
        log(f"json2ts unavailable: {npm_problem}")
    facts, models, results, validation = [], {}, {}, []
    timed_out: dict[str, int] = {}
    contract = {} if args.no_contract else bench_contract(Plan(args.runs, 120, args.warmup_limit))
    package_bytes: dict[int, int] = {}
    for size in sizes:
        log(f"N = {size}: writing schemas")
        space, schema_facts, synthetic = prepare_workspace(size, PAYLOADS)
        facts.append(schema_facts)
        results[size] = bench_size(space, synthetic, plan[size], timed_out)
        models[size] = (
            Classes.count(space.out("pydantic") / "python" / PACKAGE / "models.py"),
            Classes.count(space.out("datamodel-codegen") / "models.py"),
        )
        package_bytes[size] = python_package_bytes(space.tree / "python" / PACKAGE)
        if not args.no_validation:
            log("  validation throughput ...")
            validation.append(measure_validation(space, schema_facts, args.timeout * 5))
    report = Report(
        started,
        time.perf_counter() - clock,
        plan,
        machine(),
        (load_before, load_average()),
        facts,
        models,
        results,
        validation,
        [".venv/bin/python", "bench/run.py", *argv],
        Lean(
            contract, package_bytes, python_package_bytes(CONTRACT_OUT / "python" / "ironflow_core")
        ),
    )
    args.out.write_text(report.markdown() + "\n", "utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
