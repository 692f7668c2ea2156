"""Compare two contracts: what changed, what it breaks, which version it needs.

Two IRs in, typed :class:`Change` records out; nothing here reads files or prints.
Each change names a rule (a stable kebab-case id from :data:`RULES`), where it is
(in the new schema, or in the old one for a removal) and what it breaks:

* **wire**: a payload one side writes is refused by the other side's validators,
  in either direction (old readers of new writers, new readers of old writers).
  The generated validators have closed enums and strip unknown keys, so an extra
  optional key is harmless and a new enum value is not. Only definitions with a
  JSON form (:func:`json_forms`) and the values peers must agree on (error codes,
  constants, subject patterns) reach the wire.
* **source**: code written against the old TypeScript or Python package stops
  compiling or type-checking (including code that implements an interface, and
  Python's imports by module).

The comparison is structural: descriptions and examples never make two types
differ (they are reported on their own, as patch changes).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from . import ir
from .diagnostics import Position
from .naming import python_identifier
from .targets import jsonschema as jsonschema_target

Level = Literal["none", "patch", "minor", "major"]
Kind = Literal["added", "removed", "changed"]
Side = Literal["old", "new"]
LEVELS: tuple[Level, ...] = ("none", "patch", "minor", "major")


@dataclass(frozen=True)
class Rule:
    """A kind of change: what it may break (the most it does; a change may do less)."""

    id: str
    kind: Kind
    wire: bool
    source: bool
    level: Level  # when it breaks nothing: minor (API or behaviour) or patch (docs)
    summary: str


_RULE_LIST = (
    Rule("type-added", "added", False, False, "minor", "a type was added"),
    Rule("type-removed", "removed", True, True, "minor", "a type was removed"),
    Rule("type-moved", "changed", False, True, "minor", "a type moved to another module"),
    Rule("type-kind-changed", "changed", True, True, "minor", "interface, alias or brand swapped"),
    Rule("type-changed", "changed", True, True, "minor", "a type expression changed"),
    Rule("property-added-optional", "added", False, False, "minor", "an optional property"),
    Rule("property-added-required", "added", True, True, "minor", "a required property"),
    Rule("property-removed", "removed", True, True, "minor", "wire: when it was required"),
    Rule("property-renamed", "changed", True, True, "minor", "same type, new wire name"),
    Rule("property-became-required", "changed", True, True, "minor", "optional to required"),
    Rule("property-became-optional", "changed", True, True, "minor", "required to optional"),
    Rule("property-readonly-changed", "changed", False, True, "minor", "source: when added"),
    Rule("default-changed", "changed", False, False, "minor", "a property default"),
    Rule("nullable-added", "changed", True, True, "minor", "a type now admits null"),
    Rule("nullable-removed", "changed", True, True, "minor", "a type no longer admits null"),
    Rule("enum-value-added", "added", True, False, "minor", "closed enums: old readers refuse"),
    Rule("enum-value-removed", "removed", True, True, "minor", "an enum value"),
    Rule("const-changed", "changed", True, True, "minor", "a `const` value"),
    Rule("discriminator-changed", "changed", True, True, "minor", "a union's discriminator"),
    Rule("union-member-added", "added", True, False, "minor", "a union member"),
    Rule("union-member-removed", "removed", True, True, "minor", "a union member"),
    Rule("constraint-changed", "changed", True, False, "minor", "format, pattern, bounds"),
    Rule("generic-param-added", "added", False, True, "minor", "source: without a default"),
    Rule("generic-param-removed", "removed", False, True, "minor", "a type parameter"),
    Rule("generic-param-changed", "changed", False, True, "minor", "constraint or default"),
    Rule("extends-changed", "changed", True, True, "minor", "bases bring properties"),
    Rule("method-added", "added", False, True, "minor", "implementations must add it"),
    Rule("method-removed", "removed", False, True, "minor", "a method"),
    Rule("method-signature-changed", "changed", False, True, "minor", "parameters, result"),
    Rule("brand-factory-renamed", "changed", False, True, "minor", "a branded ID's factory"),
    Rule("package-renamed", "changed", False, True, "minor", "npm or Python package names"),
    Rule("module-wire-changed", "changed", False, True, "minor", "`x-wire` renames types"),
    Rule("error-added", "added", False, False, "minor", "an error class"),
    Rule("error-removed", "removed", False, True, "minor", "an error class"),
    Rule("error-moved", "changed", False, True, "minor", "an error class changed module"),
    Rule("error-parent-changed", "changed", False, True, "minor", "`instanceof`/`except`"),
    Rule("error-code-changed", "changed", True, False, "minor", "peers compare codes"),
    Rule("error-retryable-changed", "changed", False, False, "minor", "default retryable"),
    Rule("error-message-changed", "changed", False, False, "minor", "the message template"),
    Rule("error-param-added", "added", False, True, "minor", "source: when required"),
    Rule("error-param-removed", "removed", False, True, "minor", "a constructor parameter"),
    Rule("error-params-reordered", "changed", False, True, "minor", "positional order"),
    Rule("error-param-changed", "changed", False, True, "minor", "type, optional, options"),
    Rule("error-field-added", "added", False, False, "minor", "an error field"),
    Rule("error-field-removed", "removed", False, True, "minor", "an error field"),
    Rule("error-field-changed", "changed", False, True, "minor", "an error field's type"),
    Rule("constant-added", "added", False, False, "minor", "a constant or group entry"),
    Rule("constant-removed", "removed", False, True, "minor", "a constant or group entry"),
    Rule("constant-moved", "changed", False, True, "minor", "a constant changed module"),
    Rule("constant-value-changed", "changed", True, False, "minor", "peers disagree"),
    Rule("constant-kind-changed", "changed", True, True, "minor", "value <-> group"),
    Rule("pattern-added", "added", False, False, "minor", "a subject pattern"),
    Rule("pattern-removed", "removed", False, True, "minor", "a subject pattern"),
    Rule("pattern-moved", "changed", False, True, "minor", "a pattern changed module"),
    Rule("pattern-changed", "changed", True, True, "minor", "source: when params change"),
    Rule("helper-added", "added", False, False, "minor", "a runtime helper"),
    Rule("helper-removed", "removed", False, True, "minor", "a runtime helper"),
    Rule("helper-moved", "changed", False, True, "minor", "a helper changed module"),
    Rule("description-changed", "changed", False, False, "patch", "docs only"),
    Rule("examples-changed", "changed", False, False, "patch", "docs only"),
)
RULES: Mapping[str, Rule] = {rule.id: rule for rule in _RULE_LIST}


@dataclass(frozen=True)
class Change:
    """One difference between the contracts, classified."""

    rule: str
    message: str
    path: str  # e.g. ``runs.RunInfo.properties.startedAt``
    position: Position  # in the new schema; in the old one when side is "old"
    wire: bool
    source: bool
    side: Side = "new"
    anchor: Position | None = None  # for an old-side change: the nearest place in the new

    @property
    def breaking(self) -> bool:
        return self.wire or self.source

    @property
    def level(self) -> Level:
        return "major" if self.breaking else RULES[self.rule].level

    @property
    def kind(self) -> Kind:
        return RULES[self.rule].kind


def diff_contracts(old: ir.Contract, new: ir.Contract) -> tuple[Change, ...]:
    """Every change from ``old`` to ``new``, sorted by file, line, column, rule, path."""
    differ = _Differ(old, new)
    differ.run()
    return tuple(
        sorted(
            differ.changes,
            key=lambda c: (c.position.file, c.position.line, c.position.column, c.rule, c.path),
        )
    )


# ------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Report:
    """The changes between two versions of a contract, and what release they need."""

    name: str
    from_version: str
    to_version: str
    changes: tuple[Change, ...]

    @property
    def verdict(self) -> Level:
        return verdict(self.changes)

    @property
    def needed_version(self) -> str | None:
        return required_version(self.from_version, self.verdict)

    @property
    def version_ok(self) -> bool:
        return version_grew_enough(self.from_version, self.to_version, self.verdict)


def compare_contracts(old: ir.Contract, new: ir.Contract) -> Report:
    return Report(new.name, old.version, new.version, diff_contracts(old, new))


def verdict(changes: Iterable[Change]) -> Level:
    """The release a set of changes needs: major if any breaks, else the highest level."""
    return max((c.level for c in changes), key=LEVELS.index, default="none")


def _release(version: str) -> tuple[int, int, int]:
    """MAJOR.MINOR.PATCH of a semantic version (pre-release and build are not compared)."""
    core = version.split("+", 1)[0].split("-", 1)[0]
    major, minor, patch = (int(part) for part in core.split("."))
    return major, minor, patch


def required_version(old_version: str, level: Level) -> str | None:
    """The smallest version that announces ``level``; below 1.0.0 the minor number
    plays the major's role and the patch number the minor's. None: no release needed
    (docs-only changes ride along with the next release)."""
    major, minor, patch = _release(old_version)
    if level == "major":
        return f"{major + 1}.0.0" if major else f"0.{minor + 1}.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0" if major else f"0.{minor}.{patch + 1}"
    return None


def version_grew_enough(old_version: str, new_version: str, level: Level) -> bool:
    """Whether ``new_version`` is at least the release ``level`` needs."""
    needed = required_version(old_version, level)
    return needed is None or _release(new_version) >= _release(needed)


# ------------------------------------------------------------------ matching

_T = TypeVar("_T")


@dataclass(frozen=True)
class _Matched(Generic[_T]):
    """Old and new items paired by key, plus those on one side only; an item on one
    side only that has a unique namesake on the other side moved between modules."""

    pairs: tuple[tuple[_T, _T], ...]
    removed: tuple[_T, ...]
    added: tuple[_T, ...]
    moved: tuple[tuple[_T, _T], ...]


def _match(
    old: Sequence[_T],
    new: Sequence[_T],
    key: Callable[[_T], Any],
    name: Callable[[_T], str] | None = None,
) -> _Matched[_T]:
    """Pair by ``key``; with ``name``, pair what is left by a unique namesake (a move)."""
    new_keys = {key(item): item for item in new}
    old_keys = {key(item): item for item in old}
    pairs = tuple((item, new_keys[key(item)]) for item in old if key(item) in new_keys)
    removed = [item for item in old if key(item) not in new_keys]
    added = [item for item in new if key(item) not in old_keys]
    moved = _moves(removed, added, name) if name is not None else []
    for before, after in moved:
        removed.remove(before)
        added.remove(after)
    return _Matched(pairs, tuple(removed), tuple(added), tuple(moved))


def _moves(removed: list[_T], added: list[_T], name: Callable[[_T], str]) -> list[tuple[_T, _T]]:
    """A removed and an added item whose name is unique on both sides moved."""
    return [
        (item, namesakes[0])
        for item in removed
        if len(namesakes := [a for a in added if name(a) == name(item)]) == 1
        and sum(name(r) == name(item) for r in removed) == 1
    ]


def _by_name(old: Sequence[_T], new: Sequence[_T], name: Callable[[_T], str]) -> _Matched[_T]:
    """Pairs within one scope, where a name is unique: nothing can move."""
    return _match(old, new, name)


def _shape(value: Any, renames: Mapping[ir.TypeName, ir.TypeName]) -> Any:
    """A copy without descriptions and examples, with moved types under their new
    names: two values of equal shape mean the same thing to every target."""
    if isinstance(value, ir.TypeName):
        return renames.get(value, value)
    if isinstance(value, tuple):
        return tuple(_shape(item, renames) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value)(
            **{
                f.name: _blank(f.name, getattr(value, f.name), renames)
                for f in dataclasses.fields(value)
            }
        )
    return value


def _blank(name: str, value: Any, renames: Mapping[ir.TypeName, ir.TypeName]) -> Any:
    if name == "description":
        return ""
    if name == "examples":
        return ()
    return _shape(value, renames)


def _is_null(expr: ir.TypeExpr) -> bool:
    return isinstance(expr, ir.Primitive) and expr.name == "null"


def _split_null(expr: ir.TypeExpr) -> tuple[ir.TypeExpr, bool]:
    """``T | null`` -> (T, True); anything else -> (itself, False)."""
    if not isinstance(expr, ir.UnionType) or not any(_is_null(m) for m in expr.members):
        return expr, False
    rest = tuple(m for m in expr.members if not _is_null(m))
    if len(rest) == 1:
        return rest[0], True
    return ir.UnionType(rest, expr.discriminator), True


def json_forms(contract: ir.Contract) -> frozenset[ir.TypeName]:
    """The definitions whose values travel as JSON, and so can break the wire: those
    the JSON Schema export keeps (the validators are made from it). Functions,
    ``x-native`` values (a ``Date``), methods and whatever refers to them have none."""
    defs = jsonschema_target.bundle(contract)["$defs"]
    assert isinstance(defs, dict)
    return frozenset(
        t.name for t in contract.all_types if jsonschema_target.def_key(contract, t.name) in defs
    )


# ------------------------------------------------------------------ rendering


def describe(expr: ir.TypeExpr) -> str:
    """A short TypeScript-like spelling of a type, for messages."""
    match expr:
        case ir.Primitive(name=name):
            return {"integer": "number"}.get(name, name)
        case ir.LiteralType(value=value):
            return json.dumps(value)
        case ir.EnumType(values=values):
            return " | ".join(json.dumps(v) for v in values)
        case ir.ArrayType(items=items):
            return f"{_wrapped(items)}[]"
        case ir.MapType(values=values):
            return f"Record<string, {describe(values)}>"
        case ir.ObjectType(properties=properties):
            members = "; ".join(
                f"{p.wire_name}{'' if p.required else '?'}: {describe(p.type)}" for p in properties
            )
            return f"{{ {members} }}"
        case ir.RefType(target=target, args=args):
            return target.name + (f"<{', '.join(map(describe, args))}>" if args else "")
        case ir.UnionType(members=members) | ir.IntersectionType(members=members):
            joiner = " | " if isinstance(expr, ir.UnionType) else " & "
            return joiner.join(_wrapped(m) for m in members)
    return _describe_other(expr)


def _describe_other(expr: ir.TypeExpr) -> str:
    match expr:
        case ir.FunctionType(signature=signature):
            return describe_signature(signature)
        case ir.PromiseType(inner=inner):
            return f"Promise<{describe(inner)}>"
        case ir.NativeType(typescript=native):
            return native.name
        case ir.TypeParamRef(name=name):
            return name
        case ir.MappedType(key=key, over=over, value=value):
            return f"{{ [{key} in keyof {describe(over)}]: {describe(value)} }}"
        case ir.IndexedType(object=obj, index=index):
            return f"{_wrapped(obj)}[{describe(index)}]"
        case ir.Void():
            return "void"
        case ir.Checked(base=base):
            return describe(base)
    return "unknown"


def _wrapped(expr: ir.TypeExpr) -> str:
    text = describe(expr)
    compound = ir.UnionType | ir.IntersectionType | ir.FunctionType | ir.EnumType
    return f"({text})" if isinstance(expr, compound) else text


def describe_signature(signature: ir.Signature) -> str:
    params = ", ".join(
        f"{p.name}{'?' if p.optional else ''}: {describe(p.type)}" for p in signature.params
    )
    generics = (
        f"<{', '.join(t.name for t in signature.type_params)}>" if signature.type_params else ""
    )
    return f"{generics}({params}) => {describe(signature.result)}"


# -------------------------------------------------------------------- differ


@dataclass(frozen=True)
class _Scope:
    """Where an expression stands: its path, position, and whether it reaches the wire."""

    path: str
    position: Position
    wire: bool

    def child(self, part: str, position: Position | None = None) -> _Scope:
        return _Scope(f"{self.path}.{part}", position or self.position, self.wire)


class _Differ:
    """Walks both contracts side by side and collects changes."""

    def __init__(self, old: ir.Contract, new: ir.Contract) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.renames: dict[ir.TypeName, ir.TypeName] = {}
        self.new_modules = {m.name: m for m in new.modules}
        self.old_json, self.new_json = json_forms(old), json_forms(new)

    def emit(
        self,
        rule: str,
        scope: _Scope,
        message: str,
        *,
        wire: bool | None = None,
        source: bool | None = None,
        old_side: bool = False,
    ) -> None:
        """Record a change; wire and source default to the rule's, wire only on the wire."""
        spec = RULES[rule]
        self.changes.append(
            Change(
                rule=rule,
                message=message,
                path=scope.path,
                position=scope.position,
                wire=spec.wire and scope.wire if wire is None else wire and scope.wire,
                source=spec.source if source is None else source,
                side="old" if old_side else "new",
            )
        )

    def emit_removed(
        self, rule: str, scope: _Scope, message: str, anchor: Position | None, **kw: Any
    ) -> None:
        self.emit(rule, scope, message, old_side=True, **kw)
        self.changes[-1] = dataclasses.replace(self.changes[-1], anchor=anchor)

    def shape(self, value: Any, *, old: bool) -> Any:
        return _shape(value, self.renames if old else {})

    def same(self, old: Any, new: Any) -> bool:
        return bool(self.shape(old, old=True) == self.shape(new, old=False))

    def module_anchor(self, module: str) -> Position | None:
        """Where a removal from ``module`` shows in the new schema: the module's file,
        if it is still there."""
        found = self.new_modules.get(module)
        return found.position if found else None

    # ------------------------------------------------------------------ driver

    def run(self) -> None:
        self.package()
        self.modules()
        self.types()
        self.errors()
        self.constants()
        self.patterns()
        self.helpers()

    def package(self) -> None:
        """The names users install and import by."""
        names = (
            ("name", "npm package"),
            ("python_distribution", "Python distribution"),
            ("python_package", "Python package"),
        )
        for attribute, what in names:
            before, after = getattr(self.old, attribute), getattr(self.new, attribute)
            if before != after:
                scope = _Scope(f"contract.{attribute}", self.new.position, False)
                self.emit("package-renamed", scope, f"{what} renamed from {before} to {after}")
        if self.old.description != self.new.description:
            self.doc("description-changed", _Scope("contract", self.new.position, False), "the")

    def modules(self) -> None:
        old_modules = {m.name: m for m in self.old.modules}
        for name, new in self.new_modules.items():
            old = old_modules.get(name)
            if old is not None and old.wire != new.wire:
                what = "now wire messages" if new.wire else "no longer wire messages"
                self.emit(
                    "module-wire-changed",
                    _Scope(name, new.position, False),
                    f"the types of module {name} are {what} (their TypeScript names change)",
                )
            if old is not None and old.description != new.description:
                self.doc("description-changed", _Scope(name, new.position, False), "module")

    def doc(self, rule: str, scope: _Scope, what: str) -> None:
        noun = "description" if rule == "description-changed" else "examples"
        self.emit(rule, scope, f"{noun} of {what} {scope.path} changed")

    # ------------------------------------------------------------------- types

    def types(self) -> None:
        matched = _match(
            self.old.all_types, self.new.all_types, lambda t: t.name, lambda t: t.name.name
        )
        for old, new in matched.moved:
            self.renames[old.name] = new.name
        for old, new in matched.moved:
            self.emit(
                "type-moved",
                _Scope(str(new.name), new.position, False),
                f"type {new.name.name} moved from module {old.name.module} to "
                f"{new.name.module} (Python imports it from another module)",
            )
            self.definition(old, new)
        for old, new in matched.pairs:
            self.definition(old, new)
        for new in matched.added:
            self.emit(
                "type-added", _Scope(str(new.name), new.position, False), f"type {new.name} added"
            )
        for old in matched.removed:
            self.emit_removed(
                "type-removed",
                _Scope(str(old.name), old.position, old.name in self.old_json),
                f"type {old.name} removed",
                self.module_anchor(old.name.module),
            )

    def definition(self, old: ir.TypeDef, new: ir.TypeDef) -> None:
        # Payloads exist only where both versions have a JSON form.
        wire = old.name in self.old_json and new.name in self.new_json
        scope = _Scope(str(new.name), new.position, wire)
        if old.description != new.description:
            self.doc("description-changed", scope, "type")
        if type(old) is not type(new):
            self.emit(
                "type-kind-changed",
                scope,
                f"{new.name} changed from {_kind_name(old)} to {_kind_name(new)}",
            )
            return
        if isinstance(old, ir.Interface) and isinstance(new, ir.Interface):
            self.interface(old, new, scope)
        elif isinstance(old, ir.Alias) and isinstance(new, ir.Alias):
            self.type_params(old.type_params, new.type_params, scope)
            self.expression(old.type, new.type, scope)
            self.examples(old.examples, new.examples, scope)
        elif isinstance(old, ir.Brand) and isinstance(new, ir.Brand):
            self.brand(old, new, scope)

    def examples(
        self, old: tuple[ir.JsonValue, ...], new: tuple[ir.JsonValue, ...], scope: _Scope
    ) -> None:
        if old != new:
            self.doc("examples-changed", scope, "type")

    def brand(self, old: ir.Brand, new: ir.Brand, scope: _Scope) -> None:
        self.expression(old.base, new.base, scope)
        if old.factory != new.factory:
            self.emit(
                "brand-factory-renamed",
                scope,
                f"factory of {new.name.name} renamed from {old.factory} to {new.factory}",
            )

    def interface(self, old: ir.Interface, new: ir.Interface, scope: _Scope) -> None:
        self.type_params(old.type_params, new.type_params, scope)
        if not self.same(old.extends, new.extends):
            self.emit(
                "extends-changed",
                scope,
                f"{new.name.name} extends "
                f"{_listed(describe(e) for e in old.extends)} -> "
                f"{_listed(describe(e) for e in new.extends)}",
            )
        # A property that moved between the interface and a base of it is still there.
        old_own, new_own = {p.wire_name for p in old.properties}, {
            p.wire_name for p in new.properties
        }
        hoisted = _inherited(self.new, new) - new_own
        lowered = _inherited(self.old, old) - old_own
        self.properties(
            tuple(p for p in old.properties if p.wire_name not in hoisted),
            tuple(p for p in new.properties if p.wire_name not in lowered),
            scope,
        )
        self.methods(old.methods, new.methods, scope)
        self.examples(old.examples, new.examples, scope)

    def type_params(
        self, old: tuple[ir.TypeParam, ...], new: tuple[ir.TypeParam, ...], scope: _Scope
    ) -> None:
        """Type parameters are positional: compared by place, not by name."""
        for index, (before, after) in enumerate(zip(old, new, strict=False)):
            if not self.same(before, after):
                self.emit(
                    "generic-param-changed",
                    scope.child(f"typeParams.{after.name}"),
                    f"type parameter {index + 1} of {scope.path} changed: "
                    f"{_type_param(before)} -> {_type_param(after)}",
                )
        for param in new[len(old) :]:
            self.emit(
                "generic-param-added",
                scope.child(f"typeParams.{param.name}"),
                f"type parameter {_type_param(param)} added to {scope.path}",
                source=param.default is None,
            )
        for param in old[len(new) :]:
            self.emit(
                "generic-param-removed",
                scope.child(f"typeParams.{param.name}"),
                f"type parameter {param.name} removed from {scope.path}",
            )

    # -------------------------------------------------------------- properties

    def properties(
        self, old: tuple[ir.Property, ...], new: tuple[ir.Property, ...], scope: _Scope
    ) -> None:
        matched = _by_name(old, new, lambda p: p.wire_name)
        renamed = self.renamed(matched.removed, matched.added)
        for before, after in renamed:
            self.property_renamed(before, after, scope)
        for before, after in matched.pairs + renamed:
            self.property(
                before, after, scope.child(f"properties.{after.wire_name}", after.position)
            )
        for prop in matched.added:
            if any(prop is a for _, a in renamed):
                continue
            rule = "property-added-required" if prop.required else "property-added-optional"
            kind = "required" if prop.required else "optional"
            self.emit(
                rule,
                scope.child(f"properties.{prop.wire_name}", prop.position),
                f"{kind} property {prop.wire_name} added to {scope.path}",
            )
        for prop in matched.removed:
            if any(prop is r for r, _ in renamed):
                continue
            self.emit_removed(
                "property-removed",
                scope.child(f"properties.{prop.wire_name}", prop.position),
                f"{'required' if prop.required else 'optional'} property {prop.wire_name} "
                f"removed from {scope.path}",
                scope.position,
                wire=prop.required,
            )

    def renamed(
        self, removed: tuple[ir.Property, ...], added: tuple[ir.Property, ...]
    ) -> tuple[tuple[ir.Property, ir.Property], ...]:
        """A removed and an added property that only each other match (same type,
        same optionality) are one property under a new wire name."""

        def fits(a: ir.Property, b: ir.Property) -> bool:
            return a.required == b.required and self.same(a.type, b.type)

        pairs = []
        for before in removed:
            candidates = [after for after in added if fits(before, after)]
            if len(candidates) == 1 and sum(fits(r, candidates[0]) for r in removed) == 1:
                pairs.append((before, candidates[0]))
        return tuple(pairs)

    def property_renamed(self, old: ir.Property, new: ir.Property, scope: _Scope) -> None:
        python_old, python_new = python_identifier(old.wire_name), python_identifier(new.wire_name)
        python = (
            f"Python attribute {python_new} unchanged"
            if python_old == python_new
            else f"Python {python_old} -> {python_new}"
        )
        self.emit(
            "property-renamed",
            scope.child(f"properties.{new.wire_name}", new.position),
            f"property {old.wire_name} of {scope.path} renamed to {new.wire_name} on the wire "
            f"({python}{'' if old.required else '; readers of the other version drop it'})",
            wire=old.required,  # an optional one is dropped, not refused: as removed + added
        )

    def property(self, old: ir.Property, new: ir.Property, scope: _Scope) -> None:
        if old.required != new.required:
            rule = "property-became-required" if new.required else "property-became-optional"
            now = "required" if new.required else "optional"
            self.emit(rule, scope, f"property {scope.path} is now {now}")
        if old.readonly != new.readonly:
            self.emit(
                "property-readonly-changed",
                scope,
                f"property {scope.path} is {'now' if new.readonly else 'no longer'} read-only",
                source=new.readonly,
            )
        if old.default != new.default:
            self.emit(
                "default-changed",
                scope,
                f"default of {scope.path}: {_json(old.default)} -> {_json(new.default)}",
            )
        if old.description != new.description:
            self.doc("description-changed", scope, "property")
        self.expression(old.type, new.type, scope)

    # ------------------------------------------------------------- expressions

    def expression(self, old: ir.TypeExpr, new: ir.TypeExpr, scope: _Scope) -> None:
        """Compare two type expressions; the most specific rule that explains the
        difference wins, ``type-changed`` when none does. Expressions that differ
        only in descriptions are walked too: an inline object's property may hold one."""
        if isinstance(old, ir.ObjectType) and isinstance(new, ir.ObjectType):
            self.properties(old.properties, new.properties, scope)
            return
        if old == new:
            return
        old_base, old_null = _split_null(old)
        new_base, new_null = _split_null(new)
        if old_null != new_null:
            rule = "nullable-added" if new_null else "nullable-removed"
            self.emit(
                rule, scope, f"{scope.path} {'now admits' if new_null else 'no longer admits'} null"
            )
        if old_null or new_null:
            self.expression(old_base, new_base, scope)
            return
        if not self.specific(old, new, scope) and not self.same(old, new):
            self.emit(
                "type-changed",
                scope,
                f"type of {scope.path} changed from {describe(old)} to {describe(new)}",
            )

    def specific(self, old: ir.TypeExpr, new: ir.TypeExpr, scope: _Scope) -> bool:
        """Report a difference between two expressions of one kind; False: not handled."""
        match old, new:
            case ir.EnumType(), ir.EnumType():
                self.enum(old.values, new.values, scope)
            case ir.LiteralType(), ir.LiteralType():
                self.emit(
                    "const-changed",
                    scope,
                    f"const {scope.path}: {_json(old.value)} -> {_json(new.value)}",
                )
            case ir.Primitive(), ir.Primitive() if old.name == new.name:
                self.constraints(old.constraints, new.constraints, scope)
            case ir.ArrayType(), ir.ArrayType():
                self.constraints(old.constraints, new.constraints, scope)
                self.expression(old.items, new.items, scope.child("items"))
            case ir.MapType(), ir.MapType():
                self.expression(old.values, new.values, scope.child("additionalProperties"))
            case ir.UnionType(), ir.UnionType():
                self.union(old, new, scope)
            case _:
                return False
        return True

    def enum(self, old: tuple[str, ...], new: tuple[str, ...], scope: _Scope) -> None:
        for value in new:
            if value not in old:
                self.emit(
                    "enum-value-added",
                    scope,
                    f"enum value {_json(value)} added to {scope.path} "
                    f"(readers of the old contract refuse it)",
                )
        for value in old:
            if value not in new:
                self.emit(
                    "enum-value-removed",
                    scope,
                    f"enum value {_json(value)} removed from {scope.path}",
                )

    def constraints(self, old: ir.Constraints, new: ir.Constraints, scope: _Scope) -> None:
        for field in dataclasses.fields(ir.Constraints):
            before, after = getattr(old, field.name), getattr(new, field.name)
            if before != after:
                self.emit(
                    "constraint-changed",
                    scope,
                    f"{_camel(field.name)} of {scope.path}: {_json(before)} -> {_json(after)}",
                )

    def union(self, old: ir.UnionType, new: ir.UnionType, scope: _Scope) -> None:
        if old.discriminator != new.discriminator:
            self.emit(
                "discriminator-changed",
                scope,
                f"discriminator of {scope.path}: {_json(old.discriminator)} -> "
                f"{_json(new.discriminator)}",
            )
        old_shapes = [self.shape(m, old=True) for m in old.members]
        new_shapes = [self.shape(m, old=False) for m in new.members]
        for member, member_shape in zip(new.members, new_shapes, strict=True):
            if member_shape not in old_shapes:
                self.emit(
                    "union-member-added", scope, f"{describe(member)} added to union {scope.path}"
                )
        for member, member_shape in zip(old.members, old_shapes, strict=True):
            if member_shape not in new_shapes:
                self.emit(
                    "union-member-removed",
                    scope,
                    f"{describe(member)} removed from union {scope.path}",
                )

    # ----------------------------------------------------------------- methods

    def methods(
        self, old: tuple[ir.Method, ...], new: tuple[ir.Method, ...], scope: _Scope
    ) -> None:
        matched = _by_name(old, new, lambda m: m.name)
        owner = scope.path.rsplit(".", 1)[-1]
        for method in matched.added:
            self.emit(
                "method-added",
                scope.child(f"methods.{method.name}", method.position),
                f"method {method.name} added to {scope.path} (implementations of {owner} "
                f"must add it)",
            )
        for method in matched.removed:
            self.emit_removed(
                "method-removed",
                scope.child(f"methods.{method.name}", method.position),
                f"method {method.name} removed from {scope.path}",
                scope.position,
            )
        for before, after in matched.pairs:
            if not self.same(before.overloads, after.overloads):
                self.emit(
                    "method-signature-changed",
                    scope.child(f"methods.{after.name}", after.position),
                    f"signature of {scope.path}.{after.name}: {_overloads(before)} -> "
                    f"{_overloads(after)}",
                )

    # ------------------------------------------------------------------ errors

    def errors(self) -> None:
        matched = _match(
            self.old.all_errors, self.new.all_errors, lambda e: e.name, lambda e: e.name.name
        )
        for old, new in matched.moved:
            self.emit(
                "error-moved",
                _Scope(str(new.name), new.position, False),
                f"error class {new.name.name} moved from module {old.name.module} to "
                f"{new.name.module} (Python imports it from another module)",
            )
        for old, new in matched.pairs + matched.moved:
            self.error_class(old, new, _Scope(str(new.name), new.position, True))
        for new in matched.added:
            self.emit(
                "error-added",
                _Scope(str(new.name), new.position, False),
                f"error class {new.name} added",
            )
        for old in matched.removed:
            self.emit_removed(
                "error-removed",
                _Scope(str(old.name), old.position, False),
                f"error class {old.name} removed",
                self.module_anchor(old.name.module),
            )

    def error_class(self, old: ir.ErrorClass, new: ir.ErrorClass, scope: _Scope) -> None:
        name = new.name.name
        if self.shape(old.parent, old=True) != new.parent:
            self.emit(
                "error-parent-changed",
                scope,
                f"{name} now extends {_error_name(new.parent)} " f"(was {_error_name(old.parent)})",
            )
        if old.code != new.code:
            self.emit("error-code-changed", scope, f"code of {name}: {old.code} -> {new.code}")
        if old.retryable != new.retryable:
            self.emit(
                "error-retryable-changed",
                scope,
                f"{name} is {'now' if new.retryable else 'no longer'} retryable by default",
            )
        if not self.same(old.message, new.message):
            self.emit("error-message-changed", scope, f"message template of {name} changed")
        if old.description != new.description:
            self.doc("description-changed", scope, "error class")
        self.error_params(old.params, new.params, scope)
        self.error_fields(old.fields, new.fields, scope)

    def error_params(
        self, old: tuple[ir.ErrorParam, ...], new: tuple[ir.ErrorParam, ...], scope: _Scope
    ) -> None:
        matched = _by_name(old, new, lambda p: p.name)
        for param in matched.added:
            self.emit(
                "error-param-added",
                scope.child(f"params.{param.name}"),
                f"{'optional' if param.optional else 'required'} constructor parameter "
                f"{param.name} added to {scope.path}",
                source=not param.optional,
            )
        for param in matched.removed:
            self.emit(
                "error-param-removed",
                scope.child(f"params.{param.name}"),
                f"constructor parameter {param.name} removed from {scope.path}",
            )
        for before, after in matched.pairs:
            self.error_param(before, after, scope.child(f"params.{after.name}"))
        old_order, new_order = _positional(old), _positional(new)
        if [n for n in old_order if n in new_order] != [n for n in new_order if n in old_order] or (
            any(n not in old_order for n in new_order[: len(old_order)])
        ):
            self.emit(
                "error-params-reordered",
                scope.child("params"),
                f"positional constructor parameters of {scope.path}: "
                f"({', '.join(old_order)}) -> ({', '.join(new_order)})",
            )

    def error_param(self, old: ir.ErrorParam, new: ir.ErrorParam, scope: _Scope) -> None:
        notes = []
        if not self.same(old.type, new.type):
            notes.append(f"type {describe(old.type)} -> {describe(new.type)}")
        if old.optional != new.optional:
            notes.append("now optional" if new.optional else "now required")
        if old.in_options != new.in_options:
            notes.append("moved into the options" if new.in_options else "now positional")
        if notes:
            breaks = notes != ["now optional"]
            self.emit(
                "error-param-changed",
                scope,
                f"constructor parameter {scope.path}: {', '.join(notes)}",
                source=breaks,
            )

    def error_fields(
        self, old: tuple[ir.ErrorField, ...], new: tuple[ir.ErrorField, ...], scope: _Scope
    ) -> None:
        matched = _by_name(old, new, lambda f: f.name)
        for field in matched.added:
            self.emit(
                "error-field-added",
                scope.child(f"fields.{field.name}"),
                f"field {field.name} added to {scope.path}",
            )
        for field in matched.removed:
            self.emit(
                "error-field-removed",
                scope.child(f"fields.{field.name}"),
                f"field {field.name} removed from {scope.path}",
            )
        for before, after in matched.pairs:
            if not self.same((before.type, before.optional), (after.type, after.optional)):
                self.emit(
                    "error-field-changed",
                    scope.child(f"fields.{after.name}"),
                    f"field {scope.path}.{after.name}: {_field(before)} -> {_field(after)}",
                )

    # --------------------------------------------------------------- constants

    def constants(self) -> None:
        old = [(m.name, c) for m in self.old.modules for c in m.constants]
        new = [(m.name, c) for m in self.new.modules for c in m.constants]
        matched = _match(old, new, lambda mc: (mc[0], mc[1].name), lambda mc: mc[1].name)
        self.moved_values("constant", matched.moved)
        for (_, before), (module, after) in matched.pairs + matched.moved:
            self.constant(before, after, _Scope(f"{module}.{after.name}", after.position, True))
        for module, constant in matched.added:
            scope = _Scope(f"{module}.{constant.name}", constant.position, False)
            self.emit("constant-added", scope, f"constant {scope.path} added")
        for module, constant in matched.removed:
            scope = _Scope(f"{module}.{constant.name}", constant.position, False)
            anchor = self.module_anchor(module)
            self.emit_removed("constant-removed", scope, f"constant {scope.path} removed", anchor)

    def moved_values(
        self, what: str, moved: Iterable[tuple[tuple[str, Any], tuple[str, Any]]]
    ) -> None:
        for (old_module, _), (module, item) in moved:
            self.emit(
                f"{what}-moved",
                _Scope(f"{module}.{item.name}", item.position, False),
                f"{what} {item.name} moved from module {old_module} to {module} "
                f"(Python imports it from another module)",
            )

    def constant(self, old: ir.ConstantDef, new: ir.ConstantDef, scope: _Scope) -> None:
        if old.description != new.description:
            self.doc("description-changed", scope, "constant")
        if isinstance(old, ir.Constant) and isinstance(new, ir.Constant):
            self.constant_value(old.value, new.value, scope)
        elif isinstance(old, ir.ConstantGroup) and isinstance(new, ir.ConstantGroup):
            self.constant_group(old, new, scope)
        else:
            now = "a group" if isinstance(new, ir.ConstantGroup) else "a single value"
            self.emit("constant-kind-changed", scope, f"constant {scope.path} is now {now}")

    def constant_value(self, old: ir.ConstValue, new: ir.ConstValue, scope: _Scope) -> None:
        if old != new or type(old) is not type(new):
            self.emit(
                "constant-value-changed",
                scope,
                f"value of {scope.path}: {_const(old)} -> {_const(new)}",
            )

    def constant_group(self, old: ir.ConstantGroup, new: ir.ConstantGroup, scope: _Scope) -> None:
        matched = _by_name(old.entries, new.entries, lambda e: e.key)
        for entry in matched.added:
            self.emit(
                "constant-added",
                scope.child(f"entries.{entry.key}"),
                f"entry {entry.key} added to {scope.path}",
            )
        for entry in matched.removed:
            self.emit(
                "constant-removed",
                scope.child(f"entries.{entry.key}"),
                f"entry {entry.key} removed from {scope.path}",
            )
        for before, after in matched.pairs:
            self.constant_value(before.value, after.value, scope.child(f"entries.{after.key}"))
            if before.description != after.description:
                self.doc("description-changed", scope.child(f"entries.{after.key}"), "constant")

    # ------------------------------------------------------ patterns, helpers

    def patterns(self) -> None:
        old = [(m.name, p) for m in self.old.modules for p in m.patterns]
        new = [(m.name, p) for m in self.new.modules for p in m.patterns]
        matched = _match(old, new, lambda mp: (mp[0], mp[1].name), lambda mp: mp[1].name)
        self.moved_values("pattern", matched.moved)
        for (_, before), (module, after) in matched.pairs + matched.moved:
            self.pattern(before, after, _Scope(f"{module}.{after.name}", after.position, True))
        for module, pattern in matched.added:
            scope = _Scope(f"{module}.{pattern.name}", pattern.position, False)
            self.emit("pattern-added", scope, f"pattern {scope.path} added")
        for module, pattern in matched.removed:
            scope = _Scope(f"{module}.{pattern.name}", pattern.position, False)
            anchor = self.module_anchor(module)
            self.emit_removed("pattern-removed", scope, f"pattern {scope.path} removed", anchor)

    def pattern(self, old: ir.Pattern, new: ir.Pattern, scope: _Scope) -> None:
        if old.description != new.description:
            self.doc("description-changed", scope, "pattern")
        if old.template != new.template:
            self.emit(
                "pattern-changed",
                scope,
                f"pattern {scope.path}: {_template(old.template)} -> {_template(new.template)}",
                source=old.params != new.params,
            )

    def helpers(self) -> None:
        old = [(m.name, h) for m in self.old.modules for h in m.helpers]
        new = [(m.name, h) for m in self.new.modules for h in m.helpers]
        matched = _match(old, new, lambda mh: (mh[0], mh[1].name), lambda mh: mh[1].name)
        self.moved_values("helper", matched.moved)
        for (_, before), (module, after) in matched.pairs + matched.moved:
            if before.description != after.description:
                self.doc(
                    "description-changed",
                    _Scope(f"{module}.{after.name}", after.position, False),
                    "helper",
                )
        for module, helper in matched.added:
            scope = _Scope(f"{module}.{helper.name}", helper.position, False)
            self.emit("helper-added", scope, f"helper {scope.path} added")
        for module, helper in matched.removed:
            scope = _Scope(f"{module}.{helper.name}", helper.position, False)
            anchor = self.module_anchor(module)
            self.emit_removed("helper-removed", scope, f"helper {scope.path} removed", anchor)


# -------------------------------------------------------------------- helpers


def _inherited(contract: ir.Contract, interface: ir.Interface) -> frozenset[str]:
    """The wire names an interface gets from its bases, at any depth."""
    names: set[str] = set()
    pending, seen = list(interface.extends), set()
    while pending:
        target = pending.pop().target
        base = contract.type_def(target) if target not in seen else None
        seen.add(target)
        if isinstance(base, ir.Interface):
            names.update(p.wire_name for p in base.properties)
            pending.extend(base.extends)
    return frozenset(names)


def _kind_name(definition: ir.TypeDef) -> str:
    return {ir.Interface: "an interface", ir.Alias: "an alias", ir.Brand: "a branded type"}[
        type(definition)
    ]


def _listed(items: Iterable[str]) -> str:
    return ", ".join(items) or "nothing"


def _type_param(param: ir.TypeParam) -> str:
    text = param.name
    if param.constraint is not None:
        text += f" extends {describe(param.constraint)}"
    if param.default is not None:
        text += f" = {describe(param.default)}"
    return text


def _overloads(method: ir.Method) -> str:
    return " | ".join(describe_signature(s) for s in method.overloads)


def _positional(params: tuple[ir.ErrorParam, ...]) -> list[str]:
    return [p.name for p in params if not p.in_options]


def _field(field: ir.ErrorField) -> str:
    return f"{describe(field.type)}{' (optional)' if field.optional else ''}"


def _error_name(name: ir.TypeName | None) -> str:
    return name.name if name else "the base error"


def _template(template: ir.Template) -> str:
    return json.dumps(
        "".join(
            s.text if isinstance(s, ir.TemplateText) else f"{{{s.name}}}" for s in template.segments
        )
    )


def _const(value: ir.ConstValue) -> str:
    if isinstance(value, ir.ConstRef):
        return f"ref {value.name}{'.' + value.key if value.key else ''}"
    if isinstance(value, ir.Template):
        return f"template {_template(value)}"
    return _json(value)


def _json(value: object) -> str:
    if isinstance(value, ir.Missing):
        return "(none)"
    return json.dumps(value, sort_keys=True)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
