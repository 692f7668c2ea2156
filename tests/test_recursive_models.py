"""Recursive and cyclic wire types, pydantic and dataclass side (issue 14).

``tests/fixtures/recursive_wire`` holds a category tree with a parent link, a
recursive discriminated union and recursion across modules; ``cyclic_contract.py``
writes contracts of any size whose types form one cycle. Each is built with
``--target pydantic --target python`` (the zod side is tests/test_recursive_wire.py),
its models imported in a fresh interpreter with Python's default
recursion limit, and given nested payloads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cyclic_contract import chain_payload, write_cyclic_schema

from conftest import ROOT, run_cli

RECURSIVE = ROOT / "tests" / "fixtures" / "recursive_wire" / "schema"

CHECK_RECURSIVE = textwrap.dedent(
    """
    import json, sys
    assert sys.getrecursionlimit() == 1000
    from example_recursive_wire import models, ValidatedCategory
    from pydantic import ValidationError

    def tree(depth):
        node = {"id": "leaf", "children": []}
        for level in range(depth):
            node = {"id": str(level), "children": [node], "parent": {"id": "p", "children": []}}
        return node

    category = tree(120)
    value = models.Category.model_validate(category)
    dumped = value.model_dump()
    assert dumped["weight"] == 1 and dumped["children"][0]["children"][0]["weight"] == 1
    same = models.Category.model_validate_json(json.dumps(category))
    assert same == value
    assert ValidatedCategory.from_dict(category).to_dict() == category  # the dataclass

    expr = {"kind": "num", "value": 1}
    for level in range(100):
        number = {"kind": "num", "value": level}
        expr = {"kind": "add", "left": expr, "right": {"kind": "neg", "operand": number}}
    parsed = models.Expr.model_validate(expr)
    assert type(parsed.root).__name__ == "ValidatedAdd"
    assert parsed.model_dump() == expr
    try:
        models.Expr.model_validate({"kind": "add", "left": {"kind": "mul"}, "right": expr})
    except ValidationError:
        pass
    else:
        raise AssertionError("an unknown tag deep inside was accepted")

    folder = {"name": "root", "documents": [{"title": "d", "formula": expr,
              "folder": {"name": "inner", "documents": [{"title": "e"}]}}]}
    assert models.Folder.model_validate(folder).model_dump() == folder
    print("ok")
    """
)

CHECK_CYCLIC = textwrap.dedent(
    """
    import json, sys, time
    assert sys.getrecursionlimit() == 1000
    sys.path.insert(0, sys.argv[1])
    from cyclic_contract import chain_payload
    size = int(sys.argv[2])
    start = time.perf_counter()
    from bench_cyclic import models
    imported = time.perf_counter() - start
    names = [f"T{i}" for i in range(size)]
    payload = chain_payload(names, 0, 200)
    payload["choice"] = chain_payload(names, 2, 5)
    value = models.T0.model_validate(payload)
    assert value.model_dump() == payload
    assert models.T0.model_validate_json(json.dumps(payload)) == value
    bad = chain_payload(names, 0, 50)
    bad["next"]["next"]["kind"] = "T0"
    try:
        models.T0.model_validate(bad)
    except Exception as error:
        assert type(error).__name__ == "ValidationError", error
    else:
        raise AssertionError("a wrong kind deep in the chain was accepted")
    print(json.dumps({"import_s": imported}))
    """
)


def _python(out: Path, script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        env={**os.environ, "PYTHONPATH": str(out / "python")},
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_recursive_wire_types_build_import_and_validate(tmp_path: Path) -> None:
    result = run_cli("build", "--schema", RECURSIVE, "--out", tmp_path,
                     "--target", "pydantic", "--target", "python")
    assert result.returncode == 0, result.stderr
    assert _python(tmp_path, CHECK_RECURSIVE).strip() == "ok"


@pytest.mark.parametrize("size", [200, 1000])
def test_cyclic_contracts_import_and_validate(size: int, tmp_path: Path) -> None:
    """Every type refers to the next, wrapping around, and every third holds a
    discriminated union of three others: models import with the default recursion
    limit and validate a chain of 200 types (the schema is built once, on first use)."""
    write_cyclic_schema(tmp_path / "schema", size)
    result = run_cli("build", "--schema", tmp_path / "schema", "--out", tmp_path / "out",
                     "--target", "pydantic")
    assert result.returncode == 0, result.stderr
    figures = json.loads(_python(tmp_path / "out", CHECK_CYCLIC, str(ROOT / "tests"), str(size)))
    assert figures["import_s"] > 0  # timed by bench/cyclic.py, never judged here


def test_a_chain_payload_is_built_without_recursion() -> None:
    names = [f"T{i}" for i in range(3)]
    payload = chain_payload(names, 1, 4)
    assert payload["kind"] == "T1" and payload["next"]["next"]["next"]["next"]["kind"] == "T2"
