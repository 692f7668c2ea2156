"""``ironflow-gen package``: the publishable artifacts of the generated code.

The Python distribution (wheel and sdist, built with ``build`` and checked with
``twine``) and the npm package (TypeScript compiled by ``tsc`` to ES modules plus
``.d.ts``, packed by ``npm pack``). Refuses to package a stale ``generated/``: what
is published must be what the schema says.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PackagingError(Exception):
    """A missing tool, a stale tree or a failed build step, with what to do about it."""


@dataclass(frozen=True)
class Artifacts:
    files: tuple[Path, ...]


def require_tools() -> None:
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    missing += [
        f"python module {name!r} (pip install {name})"
        for name in ("build", "twine")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise PackagingError("missing tools: " + ", ".join(missing))


def package(generated: Path, destination: Path) -> Artifacts:
    """Build every artifact of ``generated/`` into ``destination``."""
    require_tools()
    destination.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    python = generated / "python"
    if (python / "pyproject.toml").is_file():
        files += _python_distributions(python, destination)
    typescript = generated / "typescript"
    if (typescript / "package.json").is_file():
        files.append(_npm_tarball(typescript, destination))
    if not files:
        raise PackagingError(f"nothing to package in {generated}: run `ironflow-gen build` first")
    return Artifacts(tuple(files))


def _run(command: list[str], cwd: Path, what: str) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PackagingError(f"{what} failed:\n{result.stdout}{result.stderr}".rstrip())
    return result.stdout


def _python_distributions(project: Path, destination: Path) -> list[Path]:
    """Build in a copy, so that no build/ or egg-info ever lands in generated/."""
    with tempfile.TemporaryDirectory(prefix="ironflow-gen-py-") as work:
        source = Path(work) / "python"
        shutil.copytree(project, source)
        out = Path(work) / "dist"
        _run(
            [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), "."],
            source,
            "python -m build",
        )
        built = sorted(out.iterdir())
        _run(
            [sys.executable, "-m", "twine", "check", "--strict", *map(str, built)],
            source,
            "twine check",
        )
        return [Path(shutil.copy2(path, destination)) for path in built]


def _npm_tarball(project: Path, destination: Path) -> Path:
    """Compile with the package's own pinned TypeScript, then pack ``dist/`` and ``src/``."""
    npm = shutil.which("npm") or "npm"
    with tempfile.TemporaryDirectory(prefix="ironflow-gen-npm-") as work:
        source = Path(work) / "package"
        shutil.copytree(project, source)
        _run(
            [npm, "install", "--no-audit", "--no-fund", "--no-package-lock"], source, "npm install"
        )
        _run([npm, "run", "build"], source, "tsc (npm run build)")
        name = (
            _run(
                [npm, "pack", "--silent", "--pack-destination", str(destination.resolve())],
                source,
                "npm pack",
            )
            .strip()
            .splitlines()[-1]
        )
        return destination / name
