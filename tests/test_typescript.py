"""The generated TypeScript compiles under --strict and declares the spec's contract."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FEATURES, ROOT, SPEC, TS_TOOLS, run_cli


def test_contract_typescript_passes_tsc_strict(tsc: Callable[[Path], str]) -> None:
    tsc(ROOT / "generated" / "typescript")


def test_feature_fixture_typescript_passes_tsc_strict(
    tsc: Callable[[Path], str], tmp_path: Path
) -> None:
    result = run_cli(
        "build", "--schema", FEATURES / "schema", "--out", tmp_path, "--target", "typescript"
    )
    assert result.returncode == 0, result.stderr
    tsc(tmp_path / "typescript")


def test_generated_typescript_matches_the_spec(node_modules: Path, tmp_path: Path) -> None:
    """Every interface, member (optionality and type), alias, class and value of the spec."""
    if not SPEC.is_file():
        pytest.fail(f"the spec is missing: {SPEC}")
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            "node",
            str(TS_TOOLS / "spec_compare.mjs"),
            "--spec",
            str(SPEC),
            "--generated",
            str(ROOT / "generated" / "typescript" / "src"),
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    totals = json.loads(report.read_text())["totals"]
    assert totals, "the comparison counted nothing"


def test_spec_comparator_self_tests(node_modules: Path) -> None:
    result = subprocess.run(
        ["node", "--test", str(TS_TOOLS)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
