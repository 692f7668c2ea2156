"""The official JSON-Schema-Test-Suite (draft 2020-12) as one contract of the schema
language: each group's schema becomes one wire type, and the language's own checks say
which groups it cannot express (and the keyword that blocks each).

The translation is only what the suite's framing needs, never a rewrite of meaning:
a group's schema is its type's definition as written, the group's ``$defs`` become
definitions of the module next to it (``<Group>D<n>``) and references to them (or to
the group itself, ``#``) point there.
A group with a ``$id`` is a resource of its own, where its references resolve as
written: it stays whole.
Whatever else the group says goes to the checker unchanged: if it refuses a group, the
group is listed with the first diagnostic's keyword and left out of the contract.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ironflow_gen.diagnostics import SchemaError
from ironflow_gen.pipeline import load_contract

SUITE = Path(__file__).resolve().parent / "json_schema_suite" / "draft2020-12"
# The optional files of the suite that say what ``pattern`` means (ECMA-262 with
# Unicode semantics), run like the others.
OPTIONAL = ("optional/ecmascript-regex.json", "optional/non-bmp-regex.json")
MODULE = "suite"
CONTRACT = {
    "name": "@t/json-schema-suite",
    "version": "1.0.0",
    "python-distribution": "json-schema-suite",
    "python-package": "json_schema_suite",
    "modules": [MODULE],
}
MAX_PASSES = 8
_VALUES = frozenset({"const", "enum", "default", "examples"})


@dataclass(frozen=True)
class Case:
    description: str
    data: Any
    valid: bool


@dataclass(eq=False)
class Group:
    """One group of the suite: a schema and its tests, as one wire type ``name``."""

    file: str
    index: int
    description: str
    schema: Any
    tests: tuple[Case, ...]
    name: str
    definitions: dict[str, Any] = field(default_factory=dict)  # the type and its lifted $defs
    blocked: str | None = None  # why the language cannot say it (the first diagnostic)
    optional: bool = False  # from the suite's optional tests

    @property
    def key(self) -> str:
        return f"{self.file}#{self.index} {self.description}"


def load_groups() -> list[Group]:
    """Every group of every file of the pinned suite, in file order."""
    groups = []
    paths = [*sorted(SUITE.glob("*.json")), *(SUITE / name for name in OPTIONAL)]
    for path in paths:
        for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            group = Group(
                file=path.relative_to(SUITE).as_posix(),
                index=index,
                description=raw["description"],
                schema=raw["schema"],
                tests=tuple(Case(t["description"], t["data"], t["valid"]) for t in raw["tests"]),
                name=_type_name(path.stem, index),
                optional=path.parent != SUITE,
            )
            group.definitions = translate(group.schema, group.name)
            groups.append(group)
    return groups


def _type_name(stem: str, index: int) -> str:
    """``if-then-else`` group 3 -> ``IfThenElse3``: a PascalCase type name."""
    words = re.split(r"[^A-Za-z0-9]+", stem)
    return "".join(w[:1].upper() + w[1:] for w in words if w) + str(index)


def translate(schema: Any, name: str) -> dict[str, Any]:
    """The group as definitions of the module: the group itself and its ``$defs``."""
    if not isinstance(schema, dict):
        return {name: schema}
    if isinstance(schema.get("$id"), str):  # its own resource: its references resolve in it
        return {name: schema}
    local = schema.get("$defs", {})
    renamed = {key: f"{name}D{n}" for n, key in enumerate(local)} if isinstance(local, dict) else {}
    top = {k: v for k, v in schema.items() if k != "$defs"}
    definitions = {name: _rewrite_refs(top, name, renamed)}
    for key, new in renamed.items():
        definitions[new] = _rewrite_refs(local[key], name, renamed)
    return definitions


def _rewrite_refs(node: Any, name: str, renamed: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_rewrite_refs(v, name, renamed) for v in node]
    if not isinstance(node, dict) or isinstance(node.get("$id"), str):
        return node  # data, or a resource of its own, where pointers start at its root
    out = {}
    for key, value in node.items():
        if key in ("$ref", "$dynamicRef") and isinstance(value, str):
            out[key] = _ref(value, name, renamed)
        elif key in _VALUES:  # JSON values, not schemas: a "$ref" in them is data
            out[key] = value
        else:
            out[key] = _rewrite_refs(value, name, renamed)
    return out


def _ref(ref: str, name: str, renamed: dict[str, str]) -> str:
    """A pointer into the group, as a pointer to where that part now stands."""
    if not ref.startswith("#/") and ref != "#":
        return ref
    prefix = "#/$defs/"
    if ref.startswith(prefix):
        key, slash, rest = ref[len(prefix) :].partition("/")
        if _pointer_segment(key) in renamed:
            return prefix + renamed[_pointer_segment(key)] + slash + rest
    return f"#/$defs/{name}" + ref[1:]


def _pointer_segment(text: str) -> str:
    """A JSON pointer segment in a URI fragment: percent-decoded, then ``~1`` and ``~0``."""
    return unquote(text).replace("~1", "/").replace("~0", "~")


def write_schema(folder: Path, groups: list[Group]) -> dict[int, Group]:
    """The contract of ``groups`` in ``folder``; every definition on its own line (as
    JSON, which is YAML), so a diagnostic's line names its group."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.yaml").write_text(json.dumps({"x-contract": CONTRACT}) + "\n", "utf-8")
    lines = ['{"title": "JSON Schema Test Suite", "x-wire": true, "$defs": {']
    by_line: dict[int, Group] = {}
    entries = [(g, key, value) for g in groups for key, value in g.definitions.items()]
    for position, (group, key, value) in enumerate(entries):
        comma = "," if position < len(entries) - 1 else ""
        lines.append(f"{json.dumps(key)}: {_yaml_json(value)}{comma}")
        by_line[len(lines)] = group
    lines.append("}}")
    (folder / f"{MODULE}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return by_line


def _yaml_json(value: Any) -> str:
    """JSON that YAML reads as the same value: YAML 1.1 takes ``1e-08`` for a string
    (its floats have a dot), so such a float is written ``1.0e-08``."""
    text = json.dumps(value, ensure_ascii=True)
    return re.sub(r'("(?:[^"\\]|\\.)*")|(?<![\w.])(-?\d+)(e[-+]?\d+)', _dotted, text)


def _dotted(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)  # a string: as it is
    return f"{match.group(2)}.0{match.group(3)}"


def expressible(folder: Path, groups: list[Group]) -> list[Group]:
    """The groups the language accepts; each refused one gets ``blocked`` (the first
    diagnostic on its lines). Refused groups are dropped and the rest checked again,
    until the contract builds (a group is only refused for what it says itself)."""
    remaining = list(groups)
    for _ in range(MAX_PASSES):
        by_line = write_schema(folder, remaining)
        try:
            load_contract(folder)
        except SchemaError as error:
            refused = dict(_refusals(error, by_line))
            assert refused, "\n".join(d.render() for d in error.diagnostics)
            for group, why in refused.items():
                group.blocked = why
            remaining = [g for g in remaining if g.blocked is None]
            continue
        return remaining
    raise AssertionError("the suite's contract did not settle")


def _refusals(error: SchemaError, by_line: dict[int, Group]) -> Iterator[tuple[Group, str]]:
    seen: set[str] = set()
    for diagnostic in error.diagnostics:
        group = by_line.get(diagnostic.position.line)
        assert group is not None, diagnostic.render()  # every problem is some group's
        if group.name not in seen:
            seen.add(group.name)
            yield group, f"[{diagnostic.code}] {diagnostic.message}"
