"""A hash of everything generated output depends on: the schema files, the
templates and the generator's own code. Cheap to compute (no YAML parsing, no
Jinja import), so ``check`` can answer "in sync" from it and the manifest.

The hash depends on content only, never on how ironflow-gen was installed: an
editable install reads ``generator/ironflow_gen`` and ``templates/`` of the
repository, a wheel (what pre-commit installs) one ``ironflow_gen`` folder with
the templates inside it. Each file is named relative to its own root (the
generator's package, the templates' package), and the templates' package is hashed
once, as templates, wherever it sits; so every install of one commit writes the
same manifest."""

from __future__ import annotations

import hashlib
from importlib.util import find_spec
from pathlib import Path

from . import __version__

_SCHEMA_SUFFIXES = (".yaml", ".yml", ".json")


def _files(root: Path, suffixes: tuple[str, ...], skip: Path | None = None) -> list[Path]:
    """Files under ``root`` with those suffixes, sorted; none under ``skip`` or in a
    ``__pycache__`` folder."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in suffixes
        and "__pycache__" not in p.relative_to(root).parts
        and not (skip is not None and p.is_relative_to(skip))
        and p.is_file()
    )


def inputs_fingerprint(schema: Path) -> str:
    return _fingerprint([("schema", _files(schema, _SCHEMA_SUFFIXES), schema), *_generator()])


def generator_fingerprint() -> str:
    """The templates and the generator's code: what a memo of one of its steps
    must be keyed on besides that step's input, so that a change of either makes
    old entries unreachable."""
    return _fingerprint(_generator())


_Source = tuple[str, list[Path], Path]  # label, files, the root their names are relative to


def _generator() -> list[_Source]:
    """The templates (``*.j2``) and the generator's code (``*.py``, ``*.json``), the
    templates' package left out of the code wherever an install put it."""
    templates = _templates_folder()
    package = Path(__file__).parent
    return [
        ("templates", _files(templates, (".j2",)), templates),
        ("generator", _files(package, (".py", ".json"), skip=templates), package),
    ]


def _fingerprint(sources: list[_Source]) -> str:
    digest = hashlib.sha256(f"ironflow-gen {__version__}\n".encode())
    for label, files, root in sources:
        for path in files:
            digest.update(f"{label}:{path.relative_to(root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _templates_folder() -> Path:
    """Where the `ironflow_gen.templates` package lives (the repository's templates/)."""
    spec = find_spec("ironflow_gen.templates")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the ironflow_gen.templates package is missing")
    return Path(spec.origin).parent
