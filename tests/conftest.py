"""Shared fixtures: the CLI as a user runs it, the pinned TypeScript toolchain,
and the golden-file switch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "spec" / "ironflow-core-0.8.0-README.md"  # a copy: see its README
TS_TOOLS = ROOT / "tests" / "typescript"
FEATURES = ROOT / "tests" / "fixtures" / "features"
CLI = Path(sys.executable).parent / "ironflow-gen"


# Every test session starts from nothing: its own empty home folder, cache and
# ironflow-gen memo, set before any test (or any process a test starts) runs. A
# warm memo left by an earlier run (or by the developer's own builds) would hide
# whatever happens on a new machine: a cold build is the first thing a user runs.
_SESSION_STATE = Path(tempfile.mkdtemp(prefix="ironflow-gen-tests-"))
HERMETIC_ENVIRONMENT = {
    "HOME": str(_SESSION_STATE / "home"),
    "XDG_CACHE_HOME": str(_SESSION_STATE / "home" / ".cache"),
    "XDG_CONFIG_HOME": str(_SESSION_STATE / "home" / ".config"),
    "IRONFLOW_GEN_CACHE": str(_SESSION_STATE / "memo"),
}
for _folder in HERMETIC_ENVIRONMENT.values():
    Path(_folder).mkdir(parents=True, exist_ok=True)
os.environ.update(HERMETIC_ENVIRONMENT)


# Property tests draw the same examples on every run and keep no example database
# (a `.hypothesis/` folder would replay one machine's failures on that machine only).
# HYPOTHESIS_PROFILE=explore draws new examples each run, for a longer local search.
settings.register_profile("repeatable", database=None, derandomize=True)
settings.register_profile("explore", database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_STATE, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )
    _add_normalised_option(parser)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


MANIFEST = ".ironflow-gen.json"  # holds input hashes that change with every generator edit


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (but the manifest), by POSIX relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def assert_golden(expected: Path, produced: dict[str, bytes], update: bool) -> None:
    """Compare with the golden folder; with --update-goldens, rewrite it first."""
    if update:
        shutil.rmtree(expected, ignore_errors=True)
        for path, data in produced.items():
            (expected / path).parent.mkdir(parents=True, exist_ok=True)
            (expected / path).write_bytes(data)
    golden = tree_bytes(expected)
    assert sorted(produced) == sorted(golden), "file set differs; rerun with --update-goldens"
    for path, data in produced.items():
        assert data.decode() == golden[path].decode(), f"{path} differs from its golden"


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `ironflow-gen` console script, exactly as a user would."""
    return subprocess.run(
        [str(CLI), *map(str, args)],
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The pinned TypeScript and zod from tests/typescript/package-lock.json."""
    modules = TS_TOOLS / "node_modules"
    if not (modules / ".bin" / "tsc").exists():
        npm = shutil.which("npm")
        assert npm, "npm is required for the TypeScript tests"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=TS_TOOLS, check=True)
    return modules


@pytest.fixture(scope="session")
def tsc(node_modules: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], str]:
    """Type-check a generated TypeScript package with `tsc --strict --noEmit`; return output."""

    def check(package: Path) -> str:
        work = tmp_path_factory.mktemp("tsc") / "package"
        shutil.copytree(package, work)
        (work / "node_modules").symlink_to(node_modules)
        result = subprocess.run(
            [str(node_modules / ".bin" / "tsc"), "--strict", "--noEmit", "-p", str(work)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    return check


def _add_normalised_option(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-normalised",
        action="store_true",
        default=False,
        help="Rewrite tests/conformance/*/normalised/ from zod's outputs instead of comparing.",
    )


@pytest.fixture
def update_normalised(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-normalised"))
