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
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .diagnostics import Diagnostic, did_you_mean, show
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
    """For anyOf/oneOf, the branch that came closest explains the problem best: the
    error deepest in the instance (a bad ``params/0`` rather than the whole overload
    list), and at one depth a real complaint before "this branch wants another type"."""
    while error.context:
        error = max(error.context, key=_closeness)
    return error


def _closeness(error: ValidationError) -> tuple[int, bool, bool]:
    shallow = error.validator in ("type", "required", "const", "enum", "not", "anyOf", "oneOf")
    return len(error.absolute_path), not (shallow and not error.relative_path), _depth(error)


def _depth(error: ValidationError) -> bool:
    return bool(error.context)


def _diagnose(document: Document, error: ValidationError) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    if error.validator in ("unevaluatedProperties", "additionalProperties") and isinstance(
        error.instance, dict
    ):
        yield from _unknown_keys(document, path, error)
        return
    if "propertyNames" in error.schema_path and isinstance(error.instance, str):
        # The key itself is wrong: point at it, not at the mapping that holds it.
        position = document.position((*path, error.instance), key=True)
        yield Diagnostic(position, "schema", f"{_where(path)}: key {_message(error)}")
        return
    yield Diagnostic(document.position(path), "schema", f"{_where(path)}: {_message(error)}")


def _where(path: tuple[Any, ...]) -> str:
    """The last few steps of the path: the position says where, these say what."""
    parts = [str(part) for part in path]
    return ".".join(parts[-4:]) if parts else "the file"


_ARTICLES = {"array": "an array", "object": "a mapping", "integer": "an integer", "null": "null"}


def _kind(name: Any) -> str:
    if isinstance(name, list):
        return " or ".join(_kind(n) for n in name)
    return _ARTICLES.get(str(name), f"a {name}")


def _message(error: ValidationError) -> str:
    """The violation in the schema's own words: values as YAML spells them (``true``,
    ``null``), long values cut short, the meta-schema's own words for a pattern
    (``x-message``: "is not a type name: ..." says more than the regular expression)."""
    value, instance = error.validator_value, error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    explained = schema.get("x-message")
    if error.validator == "pattern" and isinstance(explained, str):
        return f"{show(instance)} {explained}"
    simple = _SIMPLE.get(str(error.validator))
    if simple is not None:
        return simple(value, instance)
    return f"{show(instance)} is not allowed here ({error.validator}: {show(value)})"


def _enum(value: Any, instance: Any) -> str:
    hint = did_you_mean(instance, [str(v) for v in value]) if isinstance(instance, str) else ""
    return f"{show(instance)} is not one of {show(value)}{hint}"


def _required(value: Any, instance: Any) -> str:
    missing = [k for k in value if not isinstance(instance, dict) or k not in instance]
    key = missing[0] if missing else value
    present = [str(k) for k in instance] if isinstance(instance, dict) else []
    close = difflib.get_close_matches(str(key), present, n=1)
    hint = f" (is {show(close[0])} a misspelling?)" if close else ""
    return f"missing required key {show(key)}{hint}"


def _unique(value: Any, instance: Any) -> str:
    seen: list[Any] = []
    for item in instance if isinstance(instance, list) else []:
        if item in seen:
            return f"{show(item)} appears more than once"
        seen.append(item)
    return "items must be unique"


def _size(what: str, bound: str) -> Callable[[Any, Any], str]:
    return lambda value, instance: f"{bound} {value} {what}, got {len(instance)}"


_SIMPLE: dict[str, Callable[[Any, Any], str]] = {
    "type": lambda value, instance: f"expected {_kind(value)}, got {show(instance)}",
    "enum": _enum,
    "const": lambda value, instance: f"expected {show(value)}, got {show(instance)}",
    "required": _required,
    "uniqueItems": _unique,
    "pattern": lambda value, instance: f"{show(instance)} does not match {show(value)}",
    "format": lambda value, instance: f"{show(instance)} is not a valid {value}",
    "minItems": _size("item(s)", "at least"),
    "maxItems": _size("item(s)", "at most"),
    "minLength": _size("character(s)", "at least"),
    "maxLength": _size("character(s)", "at most"),
    "minProperties": _size("key(s)", "at least"),
    "maxProperties": _size("key(s)", "at most"),
    "minimum": lambda value, instance: f"{show(instance)} is less than {show(value)}",
    "maximum": lambda value, instance: f"{show(instance)} is more than {show(value)}",
    "not": lambda value, instance: f"{show(instance)} is not allowed here",
    "false": lambda value, instance: f"{show(instance)} is not allowed here",
    "anyOf": lambda value, instance: f"{show(instance)} is none of the allowed forms",
    "oneOf": lambda value, instance: f"{show(instance)} is none of the allowed forms",
}


def _unknown_keys(
    document: Document, path: tuple[Any, ...], error: ValidationError
) -> Iterator[Diagnostic]:
    allowed = _allowed_keys(error.schema)
    instance = dict(error.instance) if isinstance(error.instance, dict) else {}
    for key in [k for k in instance if k not in allowed]:
        hint = did_you_mean(key, vocabulary())
        yield Diagnostic(
            document.position((*path, key), key=True),
            "unknown-keyword",
            f"unknown keyword {show(key)}{hint}",
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
