"""The generator holds itself to what it asks of generated code."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_generator_is_mypy_strict_clean() -> None:
    result = _run("mypy", "--strict", "generator/ironflow_gen")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generator_and_tests_are_ruff_clean() -> None:
    result = _run("ruff", "check", "generator", "tests")
    assert result.returncode == 0, result.stdout + result.stderr
