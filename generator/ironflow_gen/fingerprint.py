"""A hash of everything generated output depends on: the schema files, the
templates and the generator's own code. Cheap to compute (no YAML parsing, no
Jinja import), so ``check`` can answer "in sync" from it and the manifest."""

from __future__ import annotations

import hashlib
from importlib.util import find_spec
from pathlib import Path

from . import __version__

_SCHEMA_SUFFIXES = (".yaml", ".yml", ".json")


def _files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file())


def inputs_fingerprint(schema: Path) -> str:
    return _fingerprint(
        [
            ("schema", schema, _SCHEMA_SUFFIXES),
            ("templates", _templates_folder(), (".j2",)),
            ("generator", Path(__file__).parent, (".py", ".json")),
        ]
    )


def generator_fingerprint() -> str:
    """The templates and the generator's code: what a memo of one of its steps
    must be keyed on besides that step's input, so that a change of either makes
    old entries unreachable."""
    return _fingerprint(
        [
            ("templates", _templates_folder(), (".j2",)),
            ("generator", Path(__file__).parent, (".py", ".json")),
        ]
    )


def _fingerprint(sources: list[tuple[str, Path, tuple[str, ...]]]) -> str:
    digest = hashlib.sha256(f"ironflow-gen {__version__}\n".encode())
    for label, root, suffixes in sources:
        for path in _files(root, suffixes):
            if "__pycache__" in path.parts:
                continue
            digest.update(f"{label}:{path.relative_to(root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _templates_folder() -> Path:
    """Where the `ironflow_gen.templates` package lives (the repository's templates/)."""
    spec = find_spec("ironflow_gen.templates")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the ironflow_gen.templates package is missing")
    return Path(spec.origin).parent
