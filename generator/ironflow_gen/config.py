"""Where things are: CLI options first, then ``[tool.ironflow-gen]`` in the nearest
``pyproject.toml``, then ``schema/`` and ``generated/`` under the current directory."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple


class Settings(NamedTuple):
    """Resolved paths and targets. A NamedTuple, like every record on the path of
    ``check`` (``entry.py``): the dataclasses module alone costs a fast ``check``
    a tenth of its time."""

    schema: Path
    out: Path
    targets: tuple[str, ...]


def _nearest_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def resolve_settings(
    schema: Path | None, out: Path | None, targets: tuple[str, ...], all_targets: tuple[str, ...]
) -> Settings:
    table: dict[str, object] = {}
    base = Path.cwd()
    pyproject = _nearest_pyproject(base)
    if pyproject is not None:
        try:
            data = tomllib.loads(pyproject.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            data = {}
        found = data.get("tool", {}).get("ironflow-gen")
        if isinstance(found, dict):
            table, base = found, pyproject.parent
    default_targets = table.get("targets")
    return Settings(
        schema=schema or base / str(table.get("schema", "schema")),
        out=out or base / str(table.get("out", "generated")),
        targets=targets
        or (
            tuple(str(t) for t in default_targets)
            if isinstance(default_targets, list)
            else all_targets
        ),
    )
