"""The contract a diff compares against: another schema folder, or the schema
folder as a git revision holds it.

A revision is read with git plumbing (``git archive`` of the schema's path inside
the repository) into a temporary folder, so the usual loader reads it and no
checkout is touched. Positions in it are shown as ``REV:path`` (git's own
spelling, which ``git show`` opens), not as the temporary folder's.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import Diagnostic, Position, SchemaError, display_path
from .ir import Contract
from .loader import SCHEMA_SUFFIXES
from .pipeline import load_contract


class BaselineError(Exception):
    """BASE is neither a schema folder nor a git revision that holds the schema."""


@dataclass(frozen=True)
class Baseline:
    """The base contract, and how to show a position in it."""

    contract: Contract
    labels: Mapping[str, str] = field(default_factory=dict)  # display path -> shown path

    def relabel(self, position: Position) -> Position:
        return replace(position, file=self.labels.get(position.file, position.file))


def load_baseline(base: str, schema: Path) -> Baseline:
    """Load BASE: a folder if one exists at that path, else a git revision."""
    if Path(base).is_dir():
        return _load(Path(base), base.rstrip("/") + "/")
    with _revision_folder(base, schema) as (folder, prefix):
        return _load(folder, prefix)


def _load(folder: Path, prefix: str) -> Baseline:
    """Load a base folder; its files are shown as ``prefix`` + their path in it, so
    that no base file is ever shown under a name of the new schema's."""
    labels = {
        display_path(path, folder): prefix + path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.suffix in SCHEMA_SUFFIXES
    }
    try:
        return Baseline(load_contract(folder), labels)
    except SchemaError as error:
        raise SchemaError([_relabeled(d, labels) for d in error.diagnostics]) from None


def _relabeled(diagnostic: Diagnostic, labels: Mapping[str, str]) -> Diagnostic:
    file = diagnostic.position.file
    return replace(diagnostic, position=replace(diagnostic.position, file=labels.get(file, file)))


@contextmanager
def _revision_folder(revision: str, schema: Path) -> Iterator[tuple[Path, str]]:
    """The schema folder at ``revision``, extracted; and the ``REV:path/`` prefix of
    its files' labels."""
    if revision.startswith("-") or not revision.strip():
        raise BaselineError(f"{revision!r} is not a schema folder or a git revision")
    start = schema.resolve() if schema.is_dir() else Path.cwd()
    top = Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())
    try:
        relative = schema.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise BaselineError(f"{schema} is not inside the git repository {top}") from None
    commit = _commit(top, revision)
    spec = "." if relative == "." else relative
    if relative != "." and not _exists(top, f"{commit}:{relative}"):
        raise BaselineError(f"{relative} does not exist at revision {revision}")
    archive = _git(top, "archive", "--format=tar", commit, "--", spec)
    with tempfile.TemporaryDirectory(prefix="ironflow-gen-base-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        prefix = f"{revision}:" if relative == "." else f"{revision}:{relative}/"
        yield Path(temporary) / relative, prefix


def _commit(top: Path, revision: str) -> str:
    try:
        return (
            _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
        )
    except BaselineError:
        raise BaselineError(
            f"{revision!r} is neither a schema folder nor a revision of the git repository {top}"
        ) from None


def _exists(top: Path, object_name: str) -> bool:
    try:
        _git(top, "cat-file", "-e", object_name)
    except BaselineError:
        return False
    return True


def _git(cwd: Path, *args: str) -> bytes:
    """Run git; any failure (no git, not a repository, bad revision) is a BaselineError."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120
        )
    except OSError as error:
        raise BaselineError(f"cannot run git: {error}") from None
    if result.returncode != 0:
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit {result.returncode}"
        raise BaselineError(f"git {args[0]} failed in {cwd}: {detail}")
    return result.stdout
