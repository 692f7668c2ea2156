"""Problems found in a schema, as values.

The loader and the checkers never print or raise on a schema problem: they
collect :class:`Diagnostic` objects, so that a user sees every problem at once and
the CLI renders them in exactly one place, in the ``file:line:col`` form editors
understand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Position:
    """A place in a schema file; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, with where it is and a short machine-readable code."""

    position: Position
    code: str
    message: str

    def render(self) -> str:
        return f"{self.position}: error[{self.code}]: {self.message}"


class SchemaError(Exception):
    """Raised at a pipeline stage boundary when a stage found problems."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} schema error(s)")
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.position, d.code, d.message))


def display_path(path: Path, root: Path) -> str:
    """The path as the user should see it: relative to the working directory if possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return (Path(root.name) / path.resolve().relative_to(root.resolve())).as_posix()
        except ValueError:
            return path.as_posix()
