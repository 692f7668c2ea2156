"""The helpers' side of the contract: what each helper's code is written against.

Helper code lives in the templates (one per target), not in the schema, and it
uses names the schema defines: ``createLogger`` builds a ``Logger`` from a
``LoggerConfig``, ``getServerUrl`` reads ``ENV_VARS.SERVER_URL``. So a schema that
declares a helper must define what the helper uses, in the shape the helper's
code was written for; otherwise the build succeeds and the output does not
compile. ``helper_contract.json`` holds that as data: per helper, the names its
code uses in any target (by schema name; ``{root}`` is the root error class), the
one table both targets import from (``helper_uses``); and, computed from the
shipped schema by ``python -m ironflow_gen.helper_contract schema/`` after a helper
template or the types it uses changed, per type its definition with descriptions
and examples left out and references reduced to the name, per error class its
constructor parameters, per constant its kind and the group keys read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Position, show
from .loader import Document, JsonPath

ROOT_ERROR = "{root}"  # any root error class: the root protocol is checked elsewhere
_IGNORED = frozenset(["description", "examples"])


@cache
def helper_contract() -> dict[str, Any]:
    text = resources.files("ironflow_gen").joinpath("helper_contract.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def helper_uses(helper: str) -> tuple[str, ...]:
    """The schema names a helper's code uses (empty for a helper that uses none)."""
    uses: list[str] = helper_contract()["helpers"].get(helper, [])
    return tuple(uses)


def normalize(value: Any) -> Any:
    """A definition as the helpers see it: no descriptions or examples, a ``$ref`` as
    the bare type name (modules may move), ``required`` as a set."""
    if isinstance(value, dict):
        result = {k: normalize(v) for k, v in value.items() if k not in _IGNORED}
        if isinstance(value.get("$ref"), str):
            result["$ref"] = value["$ref"].rsplit("/", 1)[-1]
        if isinstance(value.get("required"), list):
            result["required"] = sorted(map(str, value["required"]))
        return result
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


class _Definitions:
    """Where each name the helpers may use is defined in the schema (non-wire types,
    error classes, constants, helpers)."""

    def __init__(self, documents: list[Document]) -> None:
        self.types: dict[str, tuple[Document, JsonPath]] = {}
        self.wire_types: set[str] = set()
        self.errors: dict[str, tuple[Document, JsonPath]] = {}
        self.constants: dict[str, tuple[Document, JsonPath]] = {}
        self.helpers: set[str] = set()
        for document in documents:
            data = document.data if isinstance(document.data, dict) else {}
            for name in data.get("$defs", {}):
                if data.get("x-wire"):
                    self.wire_types.add(name)
                else:
                    self.types.setdefault(name, (document, ("$defs", name)))
            for section, table in (("x-errors", self.errors), ("x-constants", self.constants)):
                for name in data.get(section, {}):
                    table.setdefault(name, (document, (section, name)))
            self.helpers.update(data.get("x-helpers", {}))

    @staticmethod
    def raw(where: tuple[Document, JsonPath]) -> Any:
        value = where[0].data
        for part in where[1]:
            value = value[part]
        return value


def check_helpers(documents: list[Document]) -> list[Diagnostic]:
    """Every declared helper finds what its code uses, in the shape it was written for."""
    contract = helper_contract()
    definitions = _Definitions(documents)
    diagnostics: list[Diagnostic] = []
    for document in documents:
        data = document.data if isinstance(document.data, dict) else {}
        for helper in data.get("x-helpers", {}):
            position = document.position(("x-helpers", helper), key=True)
            for used in contract["helpers"].get(helper, []):
                diagnostics += _check_use(helper, used, position, definitions, contract)
    return list(dict.fromkeys(diagnostics))


def _check_use(
    helper: str,
    used: str,
    position: Position,
    definitions: _Definitions,
    contract: Mapping[str, Any],
) -> Iterator[Diagnostic]:
    if used == ROOT_ERROR:
        if not definitions.errors:
            yield Diagnostic(position, "helper-needs", f"helper {helper} needs an error class")
        return
    if used in contract["types"]:
        yield from _check_type(helper, used, position, definitions, contract)
    elif used in contract["errors"]:
        yield from _check_error(helper, used, position, definitions, contract)
    elif used in contract["constants"]:
        yield from _check_constant(helper, used, position, definitions, contract)
    elif used not in definitions.helpers:
        yield Diagnostic(
            position, "helper-needs", f"helper {helper} calls helper {used}: declare it too"
        )


def _missing(helper: str, used: str, what: str, position: Position) -> Diagnostic:
    return Diagnostic(
        position, "helper-needs", f"helper {helper} uses {what} {used}, which the schema lacks"
    )


def _check_type(
    helper: str,
    used: str,
    position: Position,
    definitions: _Definitions,
    contract: Mapping[str, Any],
) -> Iterator[Diagnostic]:
    """The type and every type it refers to, as the helper's code expects them."""
    pending, seen = [used], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        where = definitions.types.get(name)
        if where is None:
            wire = " (a wire type does not count)" if name in definitions.wire_types else ""
            yield _missing(helper, name, "type", position)
            if wire:
                yield Diagnostic(position, "helper-needs", f"{name} must not be a wire type")
            continue
        expected = contract["types"][name]
        found = normalize(definitions.raw(where))
        difference = _first_difference(expected, found, ())
        if difference is not None:
            document = where[0]
            yield Diagnostic(
                document.position((*where[1], *difference), key=True),
                "helper-shape",
                f"helper {helper} is written for another {name}: "
                f"{_dotted(difference)} should be {show(_at(expected, difference), 50)}",
            )
        pending += sorted(_refs(expected))


def _check_error(
    helper: str,
    used: str,
    position: Position,
    definitions: _Definitions,
    contract: Mapping[str, Any],
) -> Iterator[Diagnostic]:
    where = definitions.errors.get(used)
    if where is None:
        yield _missing(helper, used, "error class", position)
        return
    found = normalize(definitions.raw(where).get("params", []))
    expected = contract["errors"][used]
    difference = _first_difference(expected, found, ())
    if difference is not None:
        yield Diagnostic(
            where[0].position((*where[1], "params", *difference), key=True),
            "helper-shape",
            f"helper {helper} constructs {used}: its params should be {show(expected, 60)}",
        )


def _check_constant(
    helper: str,
    used: str,
    position: Position,
    definitions: _Definitions,
    contract: Mapping[str, Any],
) -> Iterator[Diagnostic]:
    where = definitions.constants.get(used)
    if where is None:
        yield _missing(helper, used, "constant", position)
        return
    raw = definitions.raw(where)
    expected = contract["constants"][used]
    here = where[0].position(where[1], key=True)
    if "keys" in expected:
        entries = raw.get("entries") if isinstance(raw, dict) else None
        missing = [k for k in expected["keys"] if not isinstance(entries, dict) or k not in entries]
        if missing:
            yield Diagnostic(
                here,
                "helper-shape",
                f"helper {helper} reads {used}.{missing[0]}: {used} must be a group with "
                f"the key {show(missing[0])}",
            )
    elif not _is_string_constant(raw):
        yield Diagnostic(
            here,
            "helper-shape",
            f"helper {helper} uses {used} as a string: give it a string value or a template",
        )


def _is_string_constant(raw: Any) -> bool:
    if isinstance(raw, str):
        return True
    return isinstance(raw, dict) and ("template" in raw or isinstance(raw.get("value"), str))


def _first_difference(expected: Any, found: Any, path: JsonPath) -> JsonPath | None:
    """The path of the first place where ``found`` differs from ``expected``."""
    if isinstance(expected, dict) and isinstance(found, dict):
        for key in [*expected, *(k for k in found if k not in expected)]:
            if key not in expected or key not in found:
                return (*path, key)
            difference = _first_difference(expected[key], found[key], (*path, key))
            if difference is not None:
                return difference
        return None
    if isinstance(expected, list) and isinstance(found, list):
        for index, (a, b) in enumerate(zip(expected, found, strict=False)):
            difference = _first_difference(a, b, (*path, index))
            if difference is not None:
                return difference
        return None if len(expected) == len(found) else (*path, min(len(expected), len(found)))
    return None if expected == found and type(expected) is type(found) else path


def _at(value: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return "(nothing)"
    return value


def _dotted(path: JsonPath) -> str:
    return ".".join(map(str, path)) or "the top"


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield value["$ref"]
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


_KEYS = {"ENV_VARS": ["SERVER_URL", "LOG_LEVEL"]}


def _snapshot(schema: Path) -> dict[str, Any]:
    """The contract file, read from a schema whose helpers compile (the shipped one)."""
    from .loader import load_schema

    definitions = _Definitions(list(load_schema(schema).documents.values()))
    uses: dict[str, list[str]] = helper_contract()["helpers"]
    result: dict[str, Any] = {"helpers": uses, "types": {}, "errors": {}, "constants": {}}
    pending = [u for names in uses.values() for u in names]
    while pending:
        name = pending.pop()
        if name in definitions.types and name not in result["types"]:
            shape = normalize(definitions.raw(definitions.types[name]))
            result["types"][name] = shape
            pending += list(_refs(shape))
        elif name in definitions.errors:
            raw = definitions.raw(definitions.errors[name])
            result["errors"][name] = normalize(raw.get("params", []))
        elif name in definitions.constants:
            result["constants"][name] = {"keys": _KEYS[name]} if name in _KEYS else {}
    result["types"] = dict(sorted(result["types"].items()))
    return result


if __name__ == "__main__":
    target = Path(__file__).with_name("helper_contract.json")
    text = json.dumps(_snapshot(Path(sys.argv[1])), indent=1, sort_keys=False)
    target.write_text(text + "\n", "utf-8")
