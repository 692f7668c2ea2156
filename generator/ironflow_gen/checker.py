"""Stage two: every schema file against the language's meta-schema.

Structure first, with ``jsonschema``, so that the IR builder can rely on shapes
and report only meaning (unknown types, bad discriminators, cycles, ...). Each
violation becomes a positioned :class:`Diagnostic`; an unknown keyword gets a
"did you mean" from the vocabulary.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .diagnostics import Diagnostic
from .loader import Document, SchemaSource
from .memo import DiskMemo
from .workers import run_batched


@cache
def metaschema() -> dict[str, Any]:
    text = resources.files("ironflow_gen").joinpath("metaschema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(metaschema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def vocabulary() -> tuple[str, ...]:
    """Every keyword the language knows, for suggestions."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            words.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(metaschema()["$defs"])
    return tuple(sorted(words))


def check_structure(source: SchemaSource) -> list[Diagnostic]:
    """All meta-schema violations of all files.

    A file found valid once is not checked again while its data, the meta-schema
    and jsonschema stay the same (``DiskMemo``): after a one-line edit only the
    edited file is checked. The others are checked in the build's worker
    processes, and a file found invalid is checked again here for its diagnostics.
    """
    memo = DiskMemo("schema-check", _memo_tag())
    keys = {name: json.dumps(d.data, sort_keys=True) for name, d in source.documents.items()}
    pending = [d for name, d in source.documents.items() if memo.get(keys[name]) != _VALID]
    # Nothing else runs while the schema is checked: any amount is worth sending.
    sizes = [len(keys[d.name]) for d in pending]
    verdicts = run_batched(_are_valid, [d.data for d in pending], sizes, threshold=0)
    diagnostics: list[Diagnostic] = []
    for document, valid in zip(pending, verdicts, strict=True):
        if valid:
            memo.put(keys[document.name], _VALID)
            continue
        for error in _validator().iter_errors(document.data):
            diagnostics.extend(_diagnose(document, _most_specific(error)))
    return _deduplicate(diagnostics)


def _are_valid(documents: list[Any]) -> list[bool]:
    return [_validator().is_valid(data) for data in documents]


_VALID = "valid"


@cache
def _memo_tag() -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(json.dumps(metaschema(), sort_keys=True).encode()).hexdigest()
    return f"jsonschema {version('jsonschema')} metaschema {digest}"


def _most_specific(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the branch that came closest explains the problem best."""
    while error.context:
        chosen = best_match(error.context)
        if chosen is None:
            break
        error = chosen
    return error


def _diagnose(document: Document, error: ValidationError) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    if error.validator in ("unevaluatedProperties", "additionalProperties") and isinstance(
        error.instance, dict
    ):
        yield from _unknown_keys(document, path, error)
        return
    where = ".".join(str(part) for part in path) or "the file"
    yield Diagnostic(document.position(path), "schema", f"{where}: {_message(error)}")


def _message(error: ValidationError) -> str:
    """jsonschema's message, or for a pattern the meta-schema's own words (``x-message``:
    "is not a type name: ..." says more than the regular expression)."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    explained = schema.get("x-message")
    if error.validator == "pattern" and isinstance(explained, str):
        return f"{error.instance!r} {explained}"
    return error.message


def _unknown_keys(
    document: Document, path: tuple[Any, ...], error: ValidationError
) -> Iterator[Diagnostic]:
    allowed = _allowed_keys(error.schema)
    instance = dict(error.instance) if isinstance(error.instance, dict) else {}
    for key in [k for k in instance if k not in allowed]:
        suggestion = difflib.get_close_matches(key, vocabulary(), n=1)
        hint = f" (did you mean {suggestion[0]!r}?)" if suggestion else ""
        yield Diagnostic(
            document.position((*path, key), key=True),
            "unknown-keyword",
            f"unknown keyword {key!r}{hint}",
        )


def _allowed_keys(schema: Any) -> set[str]:
    """The keys a (possibly $ref-composed) object schema admits."""
    allowed: set[str] = set()
    pending: list[Any] = [schema]
    defs = metaschema()["$defs"]
    while pending:
        node = pending.pop()
        if not isinstance(node, dict):
            continue
        allowed.update(node.get("properties", {}))
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            pending.append(defs[ref.removeprefix("#/$defs/")])
    return allowed


def _deduplicate(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diagnostics))
