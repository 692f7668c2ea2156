"""Recursive and cyclic wire types: the zod validators load and validate in node
whatever the order of their modules, and the dataclasses round-trip nested payloads.

tests/cases/recursive_wire/ (also a golden case: compiled with tsc --strict, mypy,
...) holds self recursion with a parent link, mutual recursion, a cycle through two
modules, a recursive discriminated union and a recursive alias (a JSON value).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cyclic_contract import chain_payload, write_cyclic_schema
from zod_oracle import compile_typescript

from conftest import ROOT, run_cli
from ironflow_gen.pipeline import load_contract
from ironflow_gen.targets._zod import WirePlan, wire_schemas

CASE = ROOT / "tests" / "cases" / "recursive_wire" / "schema"


def _compiled(schema: Path, out: Path, node_modules: Path) -> Path:
    """Build the TypeScript target and compile it with the pinned tsc --strict."""
    result = run_cli("build", "--schema", schema, "--out", out, "--target", "typescript")
    assert result.returncode == 0, result.stderr
    return compile_typescript(out / "typescript", out, node_modules)  # its tsconfig is strict


def _deep_category(depth: int) -> dict[str, object]:
    node: dict[str, object] = {"name": "leaf", "children": []}
    for level in range(depth):
        node = {"name": f"n{level}", "children": [node], "parent": {"name": "p", "children": []}}
    return node


# Each line: [validator, payload, expected verdict, expected output or null (not checked)].
_CHECKS = [
    ["CategorySchema", {"name": "r", "children": [{"name": "a", "children": [], "x": 1}]}, True,
     {"name": "r", "children": [{"name": "a", "children": [], "tags": []}], "tags": []}],
    ["CategorySchema", {"name": "r", "children": [{"name": 1, "children": []}]}, False, None],
    ["CategorySchema", {"name": "r", "children": [], "parent": {"name": "p"}}, False, None],
    ["CategorySchema", _deep_category(300), True, None],
    ["ExprSchema", {"kind": "pair", "left": {"kind": "num", "value": 1},
                    "right": {"kind": "neg", "inner": {"kind": "num", "value": 2}}}, True, None],
    ["ExprSchema", {"kind": "neg", "inner": {"kind": "pair", "left": {"kind": "num", "value": 1},
                                             "right": {"kind": "num", "value": "2"}}}, False, None],
    ["ExprSchema", {"kind": "other"}, False, None],
    ["JsonSchema", {"a": [1, "x", None, {"b": True}]}, True, {"a": [1, "x", None, {"b": True}]}],
    ["JsonSchema", {"a": [1, {"b": {"c": []}}]}, True, None],
    ["HolderSchema", {"leaf": {"value": 1}, "ping": {"pong": {"ping": {"elsewhere": {
        "leaf": {"value": 2}}}}}}, True, None],
    ["HolderSchema", {"leaf": {"value": 1}, "ping": {"elsewhere": {"leaf": {"value": 1.5}}}},
     False, None],
    ["PingSchema", {"pong": {"pings": {"k": {"pong": {}}}}}, True, None],
]  # fmt: skip

_NODE_SCRIPT = """
const [dist, first, checksJson] = process.argv.slice(1);
await import(`${dist}/${first}.js`);  // the module loaded first decides the evaluation order
const m = await import(`${dist}/index.js`);
const failures = [];
for (const [name, payload, verdict, output] of JSON.parse(checksJson)) {
  const result = m[name].safeParse(payload);
  const shown = JSON.stringify(result.success ? result.data : payload).slice(0, 80);
  if (result.success !== verdict) failures.push(`${name}: verdict ${result.success} ${shown}`);
  else if (output !== null && JSON.stringify(result.data) !== JSON.stringify(output)) {
    failures.push(`${name}: output ${shown}`);
  }
}
if (failures.length) { console.error(failures.join("\\n")); process.exit(1); }
console.log(`ok ${JSON.parse(checksJson).length}`);
"""


@pytest.fixture(scope="module")
def recursive_dist(tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> Path:
    return _compiled(CASE, tmp_path_factory.mktemp("recursive") / "out", node_modules)


@pytest.mark.parametrize("first", ["index", "tree", "other", "expr"])
def test_recursive_validators_load_and_validate_in_node(recursive_dist: Path, first: str) -> None:
    result = subprocess.run(
        ["node", "--input-type=module", "-e", _NODE_SCRIPT, str(recursive_dist), first,
         json.dumps(_CHECKS)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"ok {len(_CHECKS)}"


_PYTHON_SCRIPT = """
import json, sys
from recursive_wire import expr, other, tree
for cls, payload in [
    (tree.Category, json.loads(sys.argv[1])),
    (tree.Category, {"name": "r", "children": [], "tags": None}),
    (other.Holder, {"leaf": {"value": 1}, "ping": {"pong": {"ping": {}}}}),
    (expr.Pair, {"kind": "pair", "left": {"kind": "num", "value": 1},
                          "right": {"kind": "neg", "inner": {"kind": "num", "value": 2}}}),
]:
    assert cls.from_dict(payload).to_dict() == payload, cls
leaf = expr.expr_from_dict({"kind": "neg", "inner": {"kind": "num", "value": 2}})
assert isinstance(leaf, expr.Neg) and isinstance(leaf.inner, expr.Num)
print("ok")
"""


def test_recursive_dataclasses_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--schema", CASE, "--out", out, "--target", "python")
    assert result.returncode == 0, result.stderr
    ran = subprocess.run(
        [sys.executable, "-c", _PYTHON_SCRIPT, json.dumps(_deep_category(200))],
        env={**os.environ, "PYTHONPATH": str(out / "python")},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.strip() == "ok"


_DEEP_SCRIPT = """
import sys
from recursive_wire import expr, tree

DEPTH = 10_000


def category(depth):
    node = {"name": "leaf", "children": []}
    for level in range(depth):
        node = {"name": f"n{level}", "children": [node], "parent": {"name": "p", "children": []},
                "tags": None}
    return node


def negations(depth):
    node = {"kind": "num", "value": 1}
    for _ in range(depth):
        node = {"kind": "neg", "inner": node}
    return node


def same(left, right):
    # An explicit stack: == on dicts 10,000 deep would itself raise RecursionError.
    pending = [(left, right)]
    while pending:
        a, b = pending.pop()
        if type(a) is not type(b):
            return False
        if isinstance(a, dict):
            if list(a) != list(b):
                return False
            pending.extend((a[k], b[k]) for k in a)
        elif isinstance(a, list):
            if len(a) != len(b):
                return False
            pending.extend(zip(a, b))
        elif a != b:
            return False
    return True


assert sys.getrecursionlimit() == 1000
payload = category(DEPTH)
value = tree.Category.from_dict(payload)
assert value.children[0].name == f"n{DEPTH - 2}" and value.children[0].tags is None
assert same(value.to_dict(), payload)
assert not same(value.to_dict(), category(DEPTH - 1))  # the comparison can fail
deep = negations(DEPTH)
parsed = expr.expr_from_dict(deep)
assert isinstance(parsed, expr.Neg) and isinstance(parsed.inner, expr.Neg)
assert same(parsed.to_dict(), deep)


class Mine(tree.Category):  # a subclass elsewhere: the table's names still resolve in tree
    pass


mine = Mine.from_dict({"name": "m", "children": [{"name": "c", "children": []}]})
assert type(mine) is Mine and type(mine.children[0]) is tree.Category
print("ok")
"""


def test_dataclasses_round_trip_a_tree_10_000_levels_deep(tmp_path: Path) -> None:
    """The wire codec keeps its own stack: depth is not bounded by Python's recursion
    limit (a 2,000-level payload used to raise RecursionError)."""
    out = tmp_path / "out"
    result = run_cli("build", "--schema", CASE, "--out", out, "--target", "python")
    assert result.returncode == 0, result.stderr
    ran = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT],
        env={**os.environ, "PYTHONPATH": str(out / "python")},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.strip() == "ok"


# zod's memoizer walked the schema graph before a validator's first parse and, on this
# cycle, its walk grew exponentially with how far the first payload went round (depth
# 26: a second; 30: 40 s; 45: hours). The generated validators are built without it, and put the
# user's memoizer back: their own schemas still parse input with reference cycles.
_CYCLIC_SCRIPT = """
const { z } = await import("zod");
const Before = z.object({ id: z.number() });  // installs zod's default memoizer
const memoizer = z.config().memoizer;
const m = await import(process.argv[1]);
const verdicts = [];
for (const payload of JSON.parse(process.argv[2])) {
  verdicts.push(m.T0Schema.safeParse(payload).success, m.T0Schema.safeParse(payload).success);
}
const wrong = { kind: "T0", label: "x", next: { kind: "T1", label: 1 } };
verdicts.push(m.T0Schema.safeParse(wrong).success);
const Node = z.object({ id: z.number(), get self() { return Node.optional(); } });
const looped = { id: 1 };
looped.self = looped;
const parsed = Node.parse(looped);
console.log(verdicts.join(" "), z.config().memoizer === memoizer, parsed.self === parsed,
            Before.safeParse({ id: 1 }).success);
"""


def test_a_cyclic_contract_of_200_wire_types_compiles_and_validates(
    tmp_path: Path, node_modules: Path
) -> None:
    """One cycle through all 200 types and all their modules, plus a discriminated
    union on every third type (tests/cyclic_contract.py): tsc used to exhaust its stack,
    and a payload that stopped part-way round took zod seconds, then hours (above)."""
    names = write_cyclic_schema(tmp_path / "schema", 200)
    dist = _compiled(tmp_path / "schema", tmp_path / "out", node_modules)
    # Part-way round the cycle first (what the process has parsed before changes zod's
    # walk), then once round and on.
    depths = [45, 30, 0, 250]
    payloads = [chain_payload(names, 0, depth) for depth in depths]
    result = subprocess.run(
        ["node", "--input-type=module", "-e", _CYCLIC_SCRIPT, (dist / "index.js").as_uri(),
         json.dumps(payloads)],
        cwd=dist.parent, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["true"] * 2 * len(depths) + ["false", "true", "true", "true"]


def test_the_validators_that_reach_a_cycle_and_build_a_container_skip_the_memoizer() -> None:
    """Which validators ``unmemoized`` builds (see ``targets/_zod.py``): those on a
    cycle or reaching one, unless they build no object, array or record themselves
    (a union of other validators); a leaf keeps zod's memoizer, as do the getters that
    build no container."""
    contract = load_contract(CASE)
    plan = WirePlan(contract)
    built = {d.name.name for m in contract.modules for d in m.types if plan.builds_unmemoized(d)}
    assert built == {"Category", "Ping", "Pong", "Holder", "Pair", "Neg", "Json"}
    assert {t.name for t in plan.unmemoized} == built | {"Expr"}  # a union of validators
    assert all(plan.helpers(m) == ("declared", "unmemoized") for m in contract.modules)
    tree = next(m for m in contract.modules if m.name == "tree")
    wire = {s.schema_name: s.initializer for s in wire_schemas(
        plan, tree, lambda d: "T", lambda key: key, lambda name: name.name)}  # fmt: skip
    assert wire["LeafSchema"].startswith("z.object(")
    assert wire["CategorySchema"].startswith("declared<Category>(unmemoized(() => z.object(")
    assert "get children() { return unmemoized(() => z.array(CategorySchema)); }" in (
        wire["CategorySchema"]
    )
    assert "get parent() { return CategorySchema.optional(); }" in wire["CategorySchema"]
