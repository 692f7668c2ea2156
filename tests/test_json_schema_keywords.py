"""The JSON Schema keywords of ``tests/cases/json_schema_keywords`` given real payloads:
each wire type, each payload, the same verdict from the JSON Schema export
(``jsonschema``), the pydantic models (JSON text and Python value) and zod. The
official suite (``test_json_schema_suite.py``) covers each keyword's meaning; these
payloads cover what it does not reach: JavaScript's inherited keys and ``__proto__``,
code points against UTF-16 units, maps, catch-alls and closed objects together."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from pydantic_oracle import accepts, import_models
from zod_oracle import compile_typescript, judge, same_json

from conftest import ROOT, run_cli

CASE = ROOT / "tests" / "cases" / "json_schema_keywords" / "schema"

# (wire type, payload, valid?)
PAYLOADS: list[tuple[str, Any, bool]] = [
    ("Untyped", "ab", True),
    ("Untyped", "abc", False),
    ("Untyped", "\U0001f600\U0001f600", True),  # 2 code points (4 UTF-16 units)
    ("Untyped", 3, True),
    ("Untyped", 2.5, False),
    ("Untyped", [], False),
    ("Untyped", [1, 2.0], True),
    ("Untyped", [1.5], False),
    ("Untyped", {"any": "thing"}, True),
    ("Untyped", None, True),
    ("Combined", "xyzzy", True),
    ("Combined", "ab", True),
    ("Combined", "abc", False),
    ("Combined", 1, False),
    ("Exclusive", 1, True),
    ("Exclusive", 3, False),
    ("Exclusive", 2.5, True),
    ("Exclusive", "a", True),
    ("Disjoint", None, True),
    ("Disjoint", 1, False),
    ("Closed", {"id": "ab"}, True),
    ("Closed", {"id": "\U0001f600\U0001f600"}, True),
    ("Closed", {"id": "a"}, False),
    ("Closed", {"id": "ab", "x": 1}, False),
    ("Closed", {"id": "ab", "__proto__": 1}, False),
    ("Catchall", {"id": "a", "n": 1}, True),
    ("Catchall", {"id": "a", "n": "x"}, False),
    ("Catchall", {"__proto__": "x"}, False),
    ("Catchall", {"__proto__": 1}, True),
    ("Inherited", {}, True),
    ("Inherited", {"toString": "x", "constructor": 1}, True),
    ("Inherited", {"toString": 1}, False),
    ("Tuple", ["a", 1], True),
    ("Tuple", ["a"], True),
    ("Tuple", [1], False),
    ("Tuple", ["a", 1, 2], False),
    ("Tuple", [], False),
    ("Lists", [1, 2], True),
    ("Lists", [1, 1], False),
    ("Lists", [1.0, 2, 3], True),
    ("Lists", [2, 3], False),
    ("Lists", [{"a": 1, "b": 2}, {"b": 2, "a": 1}, 1], False),
    ("Lists", [True, 1], True),
    ("Decimal", 0.75, True),
    ("Decimal", 0.3, False),
    ("Decimal", 0, False),
    ("Decimal", "0.3", False),
    ("Values", 1.0, True),
    ("Values", True, False),
    ("Values", [1], True),
    ("Values", [True], False),
    ("Values", {"a": 1.0}, True),
    ("Values", None, True),
    ("Named", {"nine": 9}, True),
    ("Named", {"nine": "9"}, False),
    ("Named", {"other": "x"}, True),
    ("Named", {"other": 1}, False),
    ("Named", {"Upper": "x"}, False),
    ("Named", {}, False),
    ("Named", {"a": "1", "b": "2", "c": "3", "d": "4"}, False),
    ("Dependent", {"card": "x", "billing": "y"}, True),
    ("Dependent", {"card": "x"}, False),
    ("Dependent", {"billing": "y"}, False),
    ("Dependent", {}, True),
    ("Conditional", "ab", True),
    ("Conditional", "a", False),
    ("Conditional", 1, True),
    ("Conditional", None, False),
    ("Nothing", None, False),
    ("Nothing", {}, False),
    ("Strict", {"id": "ab", "extra": True}, False),  # Closed itself refuses "extra"
    ("Strict", {"id": "ab"}, True),
    ("Pinned", ["a", 1, 2], True),
    ("Pinned", ["a", "b"], False),
    ("Pinned", [1], False),
    ("Branchy", {"a": "x"}, True),
    ("Branchy", {"a": "x", "b": "y"}, True),
    ("Branchy", {"a": "x", "c": 1}, False),
    ("Branchy", {"b": "y", "a": 1}, False),
    ("Branchy", "not an object", True),
    ("Anything", {"x": [None]}, True),
    ("Never", 0, False),
    ("Encoded", "not base64 {", True),  # content* are annotations in 2020-12
    ("Holder", {"tuple": ["a"], "anything": None}, True),
    ("Holder", {"tuple": ["a"]}, False),
    ("Holder", {"tuple": ["a"], "anything": 1, "never": 1}, False),
    ("Holder", {"tuple": ["a"], "anything": 1, "node": "a"}, False),
    ("Holder", {"tuple": ["a"], "anything": 1, "label": ""}, False),
    # references.yaml: $ref by URI, anchor, pointer and embedded resource; $dynamicRef
    ("references.ByUri", "a", True),
    ("references.ByUri", "", False),
    ("references.ByAnchor", "a", True),
    ("references.ByAnchor", "", False),
    ("references.ByNestedId", "ABC", True),
    ("references.ByNestedId", "AB", False),
    ("references.Pointer", {"low": 1, "high": 2}, True),
    ("references.Pointer", {"high": -1}, False),
    ("references.Pointer", {"high": 1.5}, False),
    ("references.Local", {"tag": "abc", "$id": True}, True),
    ("references.Local", {"tag": "abcd"}, False),
    ("references.Local", {"$id": "x"}, False),
    ("references.Listed", [1, 2], True),
    ("references.Listed", [1, "2"], False),
    ("references.Referrer", {"code": "XYZ", "local": {"tag": "a"}}, True),
    ("references.Referrer", {"code": "XYZ", "data": {"$id": "not an identifier"}}, True),
    ("references.Referrer", {"code": "XYZ", "data": {"$id": "x"}}, False),
    ("references.Referrer", {"code": "xyz"}, False),
    ("references.Referrer", {"code": "XYZ", "local": {"tag": "abcd"}}, False),
]


def _place(entry: str) -> tuple[str, str]:
    """``module.Name``, or a ``Name`` of the shapes module: (module, name)."""
    module, _, name = entry.rpartition(".")
    return module or "shapes", name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("keywords")
    targets = ("--target", "jsonschema", "--target", "pydantic", "--target", "typescript")
    targets += ("--target", "python")
    result = run_cli("build", "--schema", CASE, "--out", out, *targets)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _expected() -> list[bool]:
    return [valid for _, _, valid in PAYLOADS]


def test_the_json_schema_export(built: Path) -> None:
    [path] = (built / "jsonschema").glob("*.schema.json")
    bundle = json.loads(path.read_text(encoding="utf-8"))
    keys = [_place(entry)[1] for entry, _, _ in PAYLOADS]
    answers = [
        Draft202012Validator({**bundle, "$ref": f"#/$defs/{key}"}).is_valid(payload)
        for key, (_, payload, _) in zip(keys, PAYLOADS, strict=True)
    ]
    assert answers == _expected(), _differences(answers)


def test_pydantic(built: Path) -> None:
    models = import_models(next(built.glob("python/*/models.py")), "_json_schema_keywords_models")
    answers = []
    for entry, payload, _ in PAYLOADS:
        model = getattr(models, _place(entry)[1])
        assert issubclass(model, BaseModel)
        from_json = accepts(model, json.dumps(payload), from_json=True)
        from_python = accepts(model, payload, from_json=False)
        answers.append(from_json if from_json == from_python else None)
    assert answers == _expected(), _differences(answers)


def test_zod(built: Path, tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> None:
    dist = compile_typescript(built / "typescript", tmp_path_factory.mktemp("zod"), node_modules)
    by_module: dict[str, list[int]] = {}
    for index, (entry, _, _) in enumerate(PAYLOADS):
        by_module.setdefault(_place(entry)[0], []).append(index)
    verdicts: list[Any] = [None] * len(PAYLOADS)
    for module, indexes in by_module.items():  # one node process per module
        texts = [
            (_place(PAYLOADS[i][0])[1] + "Schema", json.dumps(PAYLOADS[i][1])) for i in indexes
        ]
        for index, verdict in zip(indexes, judge(dist / f"{module}.js", texts), strict=True):
            verdicts[index] = verdict
    answers = [v.ok for v in verdicts]
    assert answers == _expected(), _differences(answers)
    models = import_models(next(built.glob("python/*/models.py")), "_json_schema_keywords_models")
    for (entry, payload, valid), verdict in zip(PAYLOADS, verdicts, strict=True):
        if valid:  # pydantic's output is zod's
            dumped = (
                getattr(models, _place(entry)[1])
                .model_validate_json(json.dumps(payload))
                .model_dump()
            )
            assert same_json(dumped, verdict.data), (entry, payload, dumped, verdict.data)


def test_the_python_package_is_mypy_strict_clean(built: Path, tmp_path: Path) -> None:
    """Types written in place for references, checked types, closed objects: all of
    them as annotations mypy accepts."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "c"), "."],
        cwd=built / "python",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _differences(answers: list[Any]) -> str:
    return "\n".join(
        f"{name} {json.dumps(payload)}: said {answer}, expected {valid}"
        for (name, payload, valid), answer in zip(PAYLOADS, answers, strict=True)
        if answer != valid
    )


def test_zod_skips_a_proto_key_so_the_language_refuses_one(node_modules: Path) -> None:
    """Why a wire property named ``__proto__`` is refused (``error[proto-key]``): zod 4
    never validates that key of an object's shape, even as a computed (own) key, nor of
    a record. Should a zod release start to, this fails, and the refusal can go."""
    script = """
import { z } from "zod";
const shape = z.object({ ["__proto__"]: z.number() });
const record = z.record(z.string(), z.number());
const payload = JSON.parse('{"__proto__": "not a number"}');
console.log(JSON.stringify([shape.safeParse({}).success, shape.safeParse(payload).success,
  record.safeParse(payload).success]));
"""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        cwd=node_modules.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [True, True, True]  # nothing judged the key
