"""The edge-case corpus: one folder per case under tests/cases/.

Each case is ``schema/`` plus either ``expected/stderr.txt`` (the schema must be
refused: exit 2, that message, nothing written) or ``expected/`` holding the
generated files (the schema must build into output that compiles in every
target, where no schema text became code). To add a case, write its ``schema/``
and run ``pytest tests/test_cases.py --update-goldens``: the build decides which
kind it is; review what it wrote.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tokenize
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, TS_TOOLS, assert_golden, run_cli, tree_bytes

CASES = ROOT / "tests" / "cases"
MARKER = "PWNED"
ALL_CASES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _is_refused(case: str) -> bool:
    return (CASES / case / "expected" / "stderr.txt").is_file()


@pytest.mark.parametrize("case", ALL_CASES)
def test_case(
    case: str, tmp_path: Path, update_goldens: bool, tsc: Callable[[Path], str], node_modules: Path
) -> None:
    """A refused case (``expected/stderr.txt``): exit 2, that message, nothing written.
    An output case: its files, compiling in every target. A new case (no
    ``expected/`` yet) becomes whichever its build gives with --update-goldens."""
    out = tmp_path / "out"
    result = run_cli("build", "--schema", f"tests/cases/{case}/schema", "--out", out)
    if not (CASES / case / "expected").is_dir():
        assert update_goldens, f"new case {case}: run with --update-goldens, then review"
        assert result.returncode in (0, 2), result.stderr
    refused = _is_refused(case) or (
        update_goldens and not (CASES / case / "expected").is_dir() and result.returncode == 2
    )
    if refused:
        _refused(case, result, out, update_goldens)
    else:
        _built(case, result, out, update_goldens, tsc, node_modules)


def _refused(
    case: str, result: subprocess.CompletedProcess[str], out: Path, update_goldens: bool
) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists(), "a refused schema must write nothing"
    assert_golden(CASES / case / "expected", {"stderr.txt": result.stderr.encode()}, update_goldens)


def _built(
    case: str,
    result: subprocess.CompletedProcess[str],
    out: Path,
    update_goldens: bool,
    tsc: Callable[[Path], str],
    node_modules: Path,
) -> None:
    assert result.returncode == 0, result.stderr
    assert_golden(CASES / case / "expected", tree_bytes(out), update_goldens)
    tsc(out / "typescript")
    _no_marker_in_typescript_code(out, node_modules)
    for python_file in sorted(out.rglob("*.py")):
        _compiles_with_warnings_as_errors(python_file)
        _no_marker_in_python_code(python_file)


def _no_marker_in_typescript_code(out: Path, node_modules: Path) -> None:
    files = [str(p) for p in sorted(out.rglob("*.ts"))]
    scan = subprocess.run(
        ["node", str(TS_TOOLS / "scan_tokens.mjs"), MARKER, *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scan.returncode == 0, "schema text became TypeScript code:\n" + scan.stdout + scan.stderr


def _compiles_with_warnings_as_errors(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(path.read_text("utf-8"), str(path), "exec")


def _no_marker_in_python_code(path: Path) -> None:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    leaked = [
        t
        for t in tokens
        if MARKER in t.string
        and t.type not in (tokenize.STRING, tokenize.COMMENT)
        and not t.string.startswith(("'", '"'))
    ]
    assert not leaked, f"schema text became Python code in {path}: {leaked}"


def test_the_marker_checks_can_fail(tmp_path: Path, node_modules: Path) -> None:
    """The leak detectors above must see a marker that did become code."""
    (tmp_path / "leak.ts").write_text(f'export const {MARKER}_x = "{MARKER}"; // {MARKER}\n')
    with pytest.raises(AssertionError, match="became TypeScript code"):
        _no_marker_in_typescript_code(tmp_path, node_modules)
    leak = tmp_path / "leak.py"
    leak.write_text(f'{MARKER}_x = "{MARKER}"  # {MARKER}\n')
    with pytest.raises(AssertionError, match="became Python code"):
        _no_marker_in_python_code(leak)


def test_modules_with_nothing_in_them_are_strict_clean(tmp_path: Path) -> None:
    """A module just begun (no types yet) builds into Python that mypy --strict and
    black accept: an empty ``__all__`` and export table need their types said."""
    out = tmp_path / "out"
    result = run_cli("build", "--schema", CASES / "empty_module" / "schema", "--out", out)
    assert result.returncode == 0, result.stderr
    for tool in (
        ["mypy", "--strict", "--cache-dir", str(tmp_path / "c"), "."],
        ["black", "--check", "-q", "."],
    ):
        done = subprocess.run(
            [sys.executable, "-m", *tool],
            cwd=out / "python",
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, tool[0] + ": " + done.stdout + done.stderr
