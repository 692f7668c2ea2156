"""Fuzzers: every schema builds into code that compiles, or is refused with readable
diagnostics and nothing written; never an internal error (exit 3).

Two of them: a seeded mutation fuzzer over the real ``schema/`` (1-3 structural
edits per trial, see ``fuzzing.py``) and a property-based one (hypothesis) that
writes schemas from the language's grammar. CI runs a small fixed budget; before
a release run thousands of trials:

    IRONFLOW_GEN_FUZZ_TRIALS=5000 .venv/bin/python -m pytest tests/test_fuzz.py

(``IRONFLOW_GEN_FUZZ_SEED`` picks another seed; ``HYPOTHESIS_PROFILE=explore`` draws
new grammar examples each run). A failure names its seed and trial: rerun it with
``fuzzing.mutate`` and turn it into a case under ``tests/cases/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli

TRIALS = int(os.environ.get("IRONFLOW_GEN_FUZZ_TRIALS", "16"))
SEED = int(os.environ.get("IRONFLOW_GEN_FUZZ_SEED", "20"))
# The grammar fuzzer's budget follows the mutation fuzzer's.
EXAMPLES = max(10, TRIALS // 4)


@pytest.fixture(autouse=True)
def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trials run in this process: no worker processes to fork for each."""
    monkeypatch.setenv("IRONFLOW_GEN_JOBS", "1")


def test_mutation_fuzzer(tmp_path: Path, node_modules: Path) -> None:
    failures = []
    accepted: dict[str, Path] = {}
    for outcome in fuzzing.fuzz(SEED, TRIALS, tmp_path):
        if outcome.problems:
            failures.append(f"{outcome.label}: {outcome.problems[0]}")
        if outcome.code == 0:
            accepted[outcome.label] = outcome.out
    assert not failures, "\n".join(failures)
    assert accepted, "no trial built: the fuzzer only tests refusals"
    _tsc_batch(accepted, tmp_path / "tsc", node_modules)
    label, sample = next(iter(accepted.items()))
    _mypy_strict(label, sample / "python", tmp_path / "mypy-cache")


def _mypy_strict(label: str, project: Path, cache: Path) -> None:
    """One accepted trial's Python package under `mypy --strict` (a sample: mypy
    takes seconds per package, tsc reads them all in one run)."""
    package = next(p.parent.name for p in project.glob("*/__init__.py"))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), package],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{label}:\n{result.stdout[:3000]}"


def test_cold_memo_trial(tmp_path: Path) -> None:
    """A first build on a fresh machine: a new process, an empty memo, worker
    processes (black was once imported by two target threads at once: exit 3)."""
    schema = tmp_path / "schema"
    fuzzing.mutate(__import__("random").Random(SEED), fuzzing.original_schema(), schema)
    result = run_cli(
        "build",
        "--schema",
        schema,
        "--out",
        tmp_path / "out",
        env={"IRONFLOW_GEN_CACHE": str(tmp_path / "memo"), "IRONFLOW_GEN_JOBS": "2"},
    )
    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 2:
        assert not fuzzing.diagnostic_problems(result.stderr)


def test_the_judge_can_fail(tmp_path: Path) -> None:
    """The checks above see a bad diagnostic, a Python spelling and an exit 3."""
    bad = "s.yaml:1:1: error[x]: value True is wrong\nironflow-gen: 1 error(s); nothing written\n"
    assert fuzzing.diagnostic_problems(bad)
    assert fuzzing.diagnostic_problems("x" * 300 + "\n")
    assert fuzzing.diagnostic_problems(
        "s.yaml:1:1: error[x]: " + "a" * 300 + "\nironflow-gen: 1 error(s); nothing written\n"
    )
    outcome = fuzzing.judge("missing", tmp_path / "none", tmp_path / "out")
    assert outcome.code == 2 and not outcome.problems


def _tsc_batch(outputs: dict[str, Path], work: Path, node_modules: Path) -> None:
    """Every accepted trial's TypeScript in one `tsc --strict` run (one compiler start),
    then one prettier run; an error names the trial it comes from."""
    labels = {}
    for index, (label, out) in enumerate(outputs.items()):
        shutil.copytree(out / "typescript" / "src", work / f"t{index}" / "src")
        labels[f"t{index}/"] = label
    (work / "package.json").write_text('{"type": "module"}\n')
    first = next(iter(outputs.values()))
    options = json.loads((first / "typescript" / "tsconfig.json").read_text())
    compiler = {
        k: v for k, v in options["compilerOptions"].items() if k not in ("outDir", "rootDir")
    }
    config = {"compilerOptions": compiler | {"noEmit": True}, "include": ["t*/src"]}
    (work / "tsconfig.json").write_text(json.dumps(config))
    (work / "node_modules").symlink_to(node_modules)
    result = subprocess.run(
        [str(node_modules / ".bin" / "tsc"), "-p", str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    named = [
        next((f"{label}: {line}" for prefix, label in labels.items() if prefix in line), line)
        for line in result.stdout.splitlines()
    ]
    assert result.returncode == 0, "\n".join(named)[:3000] + result.stderr[:1000]
    _prettier_batch(work, labels, node_modules)


def _prettier_batch(work: Path, labels: dict[str, str], node_modules: Path) -> None:
    """Every accepted trial's TypeScript laid out as prettier would (one prettier run)."""
    files = sorted(str(p.relative_to(work)) for p in work.glob("t*/src/*.ts"))
    result = subprocess.run(
        [str(node_modules / ".bin" / "prettier"), "--list-different", *files],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    named = [
        next(
            (f"{label}: {line}" for prefix, label in labels.items() if line.startswith(prefix)),
            line,
        )
        for line in result.stdout.splitlines()
    ]
    assert result.returncode == 0, "\n".join(named)[:3000] + result.stderr[:1000]


# ------------------------------------------------------------- grammar fuzzer

NAMES = st.sampled_from(["a", "b", "runId", "run_id", "x1", "value", *fuzzing.ODD_NAMES[:12]])
TYPE_NAMES = st.sampled_from(["A", "B", "C", "RunInfo", "Promise", "None", "Any", "Ab", "AB"])


def _type_expr(refs: list[str]) -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.sampled_from(["string", "number", "integer", "boolean", "null"]).map(
            lambda t: {"type": t}
        ),
        st.just({}),
        st.lists(st.sampled_from(["a", "b", "A-b", "", "x y"]), min_size=1, max_size=3).map(
            lambda v: {"type": "string", "enum": v}
        ),
        st.sampled_from(["sleep", 1, True]).map(lambda v: {"const": v}),
        st.sampled_from(refs or ["A"]).map(lambda r: {"$ref": f"#/$defs/{r}"}),
        st.just({"x-native": {"typescript": "Date", "python": "datetime.datetime"}}),
    )

    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            inner.map(lambda t: {"type": "array", "items": t}),
            inner.map(lambda t: {"type": "object", "additionalProperties": t}),
            st.dictionaries(NAMES, inner, min_size=1, max_size=3).flatmap(
                lambda props: st.lists(st.sampled_from(sorted(props)), unique=True).map(
                    lambda required: {"type": "object", "properties": props, "required": required}
                )
            ),
            st.lists(inner, min_size=1, max_size=3).map(lambda m: {"oneOf": m}),
            st.lists(inner, min_size=1, max_size=2).map(lambda m: {"allOf": m}),
            inner.map(lambda t: {"x-promise": t}),
            inner.map(lambda t: {"x-function": {"params": [{"name": "v", "type": t}]}}),
        )

    return st.recursive(leaves, extend, max_leaves=6)


def _with_default(expr: Any) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.just(expr),
        st.sampled_from([None, True, 1, "x", [], {}, [1]]).map(lambda d: {**expr, "default": d}),
    )


@st.composite
def schemas(draw: st.DrawFn) -> dict[str, Any]:
    """A contract of one or two modules drawn from the language's grammar."""
    type_names = draw(st.lists(TYPE_NAMES, min_size=1, max_size=4, unique=True))
    defs = {
        name: draw(
            st.one_of(
                _type_expr(type_names),
                st.dictionaries(
                    NAMES, _type_expr(type_names).flatmap(_with_default), max_size=3
                ).map(lambda p: {"type": "object", "properties": p}),
            )
        )
        for name in type_names
    }
    module: dict[str, Any] = {"title": draw(st.sampled_from(["M", "\n", "*/ x"])), "$defs": defs}
    if draw(st.booleans()):
        module["x-wire"] = True
    if draw(st.booleans()):
        module["x-constants"] = draw(
            st.dictionaries(
                st.sampled_from(["A", "B_C", "del", "enum", "new", "GROUP", "x"]),
                st.one_of(
                    st.sampled_from([1, "s", True, 2**60]),
                    st.just({"template": "{A}/{B_C}"}),
                    st.just({"ref": "A"}),
                    st.just({"entries": {"K": 1, "Content-Type": "x"}}),
                ),
                max_size=3,
            )
        )
    if draw(st.booleans()):
        module["x-patterns"] = draw(
            st.dictionaries(
                st.sampled_from(["allRuns", "all_runs", "run", "class", "new"]),
                st.sampled_from(["a.>", "a.{runId}.>", "{run_id}.{runId}", "{class}"]).map(
                    lambda t: {"template": t}
                ),
                max_size=3,
            )
        )
    if draw(st.booleans()):
        module["x-helpers"] = {
            h: {} for h in draw(st.lists(st.sampled_from(sorted(HELPERS)), max_size=3))
        }
    if draw(st.booleans()):
        module["x-errors"] = draw(_errors())
    return {"m": module}


HELPERS = {"sleep", "toError", "createDeferred", "isRetryable", "getServerUrl", "deepMerge"}


@st.composite
def _errors(draw: st.DrawFn) -> dict[str, Any]:
    root = {
        "code": "BASE",
        "params": [
            {"name": "message", "type": {"type": "string"}},
            {"name": "code", "type": {"type": "string"}, "optional": True, "in": "options"},
            {"name": "retryable", "type": {"type": "boolean"}, "optional": True, "in": "options"},
        ],
    }
    errors: dict[str, Any] = {"BaseError": root}
    parents = ["BaseError"]
    for name in draw(st.lists(st.sampled_from(["AError", "BError", "CError"]), unique=True)):
        params = [{"name": "message", "type": {"type": "string"}}]
        params += draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": NAMES,
                        "type": st.sampled_from([{"type": "string"}, {"type": "number"}]),
                    },
                    optional={"optional": st.booleans(), "in": st.just("options")},
                ),
                max_size=3,
            )
        )
        fields = {p["name"]: p["type"] for p in params[1:] if draw(st.booleans())}
        errors[name] = {"parent": draw(st.sampled_from(parents)), "code": "A", "params": params}
        if fields:
            errors[name]["fields"] = fields
        parents.append(name)
    if draw(st.booleans()):
        errors = dict(reversed(list(errors.items())))
    return errors


def test_grammar_fuzzer(tmp_path: Path, node_modules: Path) -> None:
    """Hypothesis draws the schemas; the accepted ones go through one tsc run after."""
    accepted: dict[str, Path] = {}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(schema=schemas())
    def trial(schema: dict[str, Any]) -> None:
        work = tmp_path / f"g{len(list(tmp_path.iterdir()))}"
        folder = work / "schema"
        folder.mkdir(parents=True)
        for name, data in {"index": _index(sorted(schema)), **schema}.items():
            (folder / f"{name}.yaml").write_text(fuzzing.dump(data))
        outcome = fuzzing.judge("grammar", folder, work / "out")
        assert not outcome.problems, (outcome.problems, fuzzing.dump(schema))
        if outcome.code == 0:
            accepted[fuzzing.dump(schema)] = outcome.out

    trial()
    if accepted:
        _tsc_batch(accepted, tmp_path / "tsc", node_modules)


def _index(modules: list[str]) -> dict[str, Any]:
    return {
        "x-contract": {
            "name": "@t/t",
            "version": "1.0.0",
            "python-distribution": "t",
            "python-package": "t",
            "modules": modules,
        }
    }
