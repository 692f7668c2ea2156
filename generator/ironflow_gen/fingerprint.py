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
import os
from importlib.util import find_spec
from pathlib import Path

from . import __version__
from .memo import DiskMemo, file_state

_SCHEMA_SUFFIXES = (".yaml", ".yml", ".json")

_File = tuple[str, Path]  # the name relative to its root (POSIX), and the file


def _files(root: Path, suffixes: tuple[str, ...], skip: Path | None = None) -> list[_File]:
    """Files under ``root`` with those suffixes, by relative name; none under ``skip``
    or in a ``__pycache__`` folder. ``os.walk``, not ``Path.rglob``: this runs on every
    ``check`` and walks a few hundred files."""
    found: list[_File] = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = [
            d for d in subfolders if d != "__pycache__" and (skip is None or here / d != skip)
        ]
        for name in names:
            if name.endswith(suffixes) and (here / name).is_file():
                found.append(((here / name).relative_to(root).as_posix(), here / name))
    return sorted(found)


def inputs_fingerprint(schema: Path) -> str:
    digest = hashlib.sha256(f"ironflow-gen {__version__}\n".encode())
    _hash_files(digest, "schema", _files(schema, _SCHEMA_SUFFIXES))
    digest.update(generator_fingerprint().encode())
    return digest.hexdigest()


def generator_fingerprint() -> str:
    """The templates and the generator's code: what a memo of one of its steps
    must be keyed on besides that step's input, so that a change of either makes
    old entries unreachable.

    Remembered (``memo``) under the size, inode and times of every file, so that a
    ``check`` of an unchanged tree reads one memo entry instead of every file of the
    generator; any write to a file changes its ctime, which no tool can set back."""
    sources = _generator()
    signature = "\n".join(
        [str(Path(__file__).parent)]
        + [f"{label}:{name}:{file_state(path)}" for label, files in sources for name, path in files]
    )
    memo = DiskMemo("generator-fingerprint", __version__)
    known = memo.get(signature)
    if known is not None:
        return known
    digest = hashlib.sha256(f"ironflow-gen {__version__}\n".encode())
    for label, files in sources:
        _hash_files(digest, label, files)
    result = digest.hexdigest()
    memo.put(signature, result)
    return result


def _hash_files(digest: hashlib._Hash, label: str, files: list[_File]) -> None:
    for name, path in files:
        digest.update(f"{label}:{name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _generator() -> list[tuple[str, list[_File]]]:
    """The templates (``*.j2``) and the generator's code (``*.py``, ``*.json``), the
    templates' package left out of the code wherever an install put it."""
    templates = _templates_folder()
    package = Path(__file__).parent
    return [
        ("templates", _files(templates, (".j2",))),
        ("generator", _files(package, (".py", ".json"), skip=templates)),
    ]


def _templates_folder() -> Path:
    """Where the `ironflow_gen.templates` package lives (the repository's templates/)."""
    spec = find_spec("ironflow_gen.templates")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the ironflow_gen.templates package is missing")
    return Path(spec.origin).parent
