"""The official JSON-Schema-Test-Suite, draft 2020-12 (a pinned copy: see
``json_schema_suite/README.md``), through every validator the generator writes.

Each group becomes one wire type of one contract (``suite_translator.py``), built once
through the CLI; every test's data is then judged by the JSON Schema export
(``jsonschema``), the pydantic models (from JSON text and from a Python value) and
the zod validators (the TypeScript compiled once, all data in one node process).
A group the language refuses is listed with the diagnostic that blocks it; every
expressible group must get every test right in all three, and on valid data zod's
output must be pydantic's (the project's rule for every wire type). The coverage is printed
(``pytest -s``) and held to a floor, so a change that loses groups is seen.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from pydantic_oracle import accepts, import_models
from suite_translator import Case, Group, expressible, load_groups
from zod_oracle import compile_typescript, judge, same_json

from conftest import run_cli

# Expressible groups at least (of 368): raise it when the language learns a keyword.
MIN_EXPRESSIBLE = 327
# Of the 22 groups of the optional regex files (``\p{...}`` is refused: re has none).
MIN_OPTIONAL = 18


@dataclass(frozen=True)
class Suite:
    groups: list[Group]  # all of them; a refused one has ``blocked``
    accepted: list[Group]
    out: Path  # the build


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Suite:
    work = tmp_path_factory.mktemp("suite")
    groups = load_groups()
    accepted = expressible(work / "schema", groups)
    out = work / "out"
    targets = ("--target", "jsonschema", "--target", "pydantic", "--target", "typescript")
    result = run_cli("build", "--schema", work / "schema", "--out", out, *targets)
    assert result.returncode == 0, result.stdout + result.stderr
    return Suite(groups, accepted, out)


def _requests(suite: Suite) -> list[tuple[Group, Case]]:
    return [(g, c) for g in suite.accepted for c in g.tests]


def _wrong(answers: dict[str, bool], requests: list[tuple[Group, Case]]) -> list[str]:
    return [
        f"{g.key} / {c.description}: said {answers[_id(g, c)]}, expected {c.valid}"
        for g, c in requests
        if answers[_id(g, c)] != c.valid
    ]


def _id(group: Group, case: Case) -> str:
    return f"{group.key} / {case.description}"


def test_coverage_is_reported_and_kept(suite: Suite) -> None:
    blocked = Counter(g.blocked for g in suite.groups if g.blocked)
    required = [g for g in suite.accepted if not g.optional]
    optional = [g for g in suite.accepted if g.optional]
    tests = sum(len(g.tests) for g in required)
    print(f"\nJSON-Schema-Test-Suite draft 2020-12: {len(required)} of "
          f"{sum(not g.optional for g in suite.groups)} groups expressible ({tests} tests); "
          f"optional regex files: {len(optional)} of {sum(g.optional for g in suite.groups)} "
          f"({sum(len(g.tests) for g in optional)} tests); refused:")  # fmt: skip
    for why, count in blocked.most_common():
        print(f"  {count:3}  {why[:110]}")
    for group in suite.groups:
        if group.blocked:
            print(f"  refused: {group.key}: {group.blocked[:100]}")
    assert len(required) >= MIN_EXPRESSIBLE
    assert len(optional) >= MIN_OPTIONAL


def test_json_schema_export(suite: Suite) -> None:
    [bundle_file] = (suite.out / "jsonschema").glob("*.schema.json")
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    answers = {}
    requests = [(g, c) for g, c in _requests(suite) if not g.optional]
    for group in suite.accepted:
        if group.optional:
            # The export keeps the pattern as written; its reference validator here
            # (jsonschema) runs it with Python's re, which is not ECMA-262.
            continue
        validator = Draft202012Validator({**bundle, "$ref": f"#/$defs/{group.name}"})
        for case in group.tests:
            answers[_id(group, case)] = validator.is_valid(case.data)
    wrong = _wrong(answers, requests)
    assert not wrong, f"{len(wrong)} wrong:\n" + "\n".join(wrong)


@pytest.fixture(scope="module")
def models(suite: Suite) -> ModuleType:
    [path] = suite.out.glob("python/*/models.py")
    return import_models(path, "_json_schema_suite_models")


def test_pydantic_models(suite: Suite, models: ModuleType) -> None:
    answers = {}
    for group in suite.accepted:
        model = getattr(models, group.name)
        assert isinstance(model, type) and issubclass(model, BaseModel)
        for case in group.tests:
            from_json = accepts(model, json.dumps(case.data), from_json=True)
            from_python = accepts(model, case.data, from_json=False)
            answers[_id(group, case)] = from_json if from_json == from_python else None
    wrong = _wrong(answers, _requests(suite))  # type: ignore[arg-type]
    assert not wrong, f"{len(wrong)} wrong:\n" + "\n".join(wrong)


def test_zod_validators(
    suite: Suite, models: ModuleType, tmp_path_factory: pytest.TempPathFactory, node_modules: Path
) -> None:
    """zod's verdicts, and on valid data zod's output is pydantic's ``model_dump()``."""
    work = tmp_path_factory.mktemp("zod")
    dist = compile_typescript(suite.out / "typescript", work, node_modules)
    requests = _requests(suite)
    texts = [(g.name + "Schema", json.dumps(c.data)) for g, c in requests]
    verdicts = judge(dist / "suite.js", texts)
    answers = {_id(g, c): bool(v.ok) for (g, c), v in zip(requests, verdicts, strict=True)}
    wrong = _wrong(answers, requests)
    assert not wrong, f"{len(wrong)} wrong:\n" + "\n".join(wrong)
    for (group, case), verdict in zip(requests, verdicts, strict=True):
        if case.valid:
            dumped = getattr(models, group.name).model_validate_json(json.dumps(case.data))
            assert same_json(dumped.model_dump(), verdict.data), _id(group, case)
