"""JSON Schema target: the contract's data types as one bundled 2020-12 document,
``jsonschema/<contract slug>.schema.json``.

Why these choices:

* **Names under ``$defs``.** The wire messages (types of an ``x-wire: true``
  module) keep their own names (``PushRequest``), because they are what other
  languages validate against. Every other data type is exported too, as
  ``<module>.<Name>`` (``runs.RunInfo``, ``protocol.PushRequest``): type names are
  only unique per module, a dot never occurs in a type name, and the key depends on
  the type alone, so adding a type never renames another.
* **Only data.** A type whose values can hold code or a per-language object has no
  JSON form: functions, promises, ``void``, ``x-native`` types (``Date``, a Zod
  schema), mapped and indexed types, interfaces with methods. Such types are left
  out, and so is every type that refers to one (to a fixpoint), so no ``$ref``
  dangles.
* **Generics are erased.** JSON Schema has no parameters: a type parameter accepts
  any JSON value (``{}``) and a use site's type arguments are dropped (they are
  still checked to be data). A generic *alias* is left out: it is a type-level
  function (``Branded<T, B> = T & { __brand: B }``) whose erased form would describe
  values that never exist.
* **Unions.** A discriminated union is ``oneOf`` (its members exclude each other
  by their ``const``) plus the OpenAPI ``discriminator`` annotation, which
  validators ignore and code generators use to dispatch; any other union is
  ``anyOf`` (a TypeScript union is inclusive: a value may match two members).
* Objects are as open as the schema says: without ``additionalProperties`` unknown
  keys are accepted (a newer server can add fields); ``false`` or a type is kept.
* A ``oneOf`` whose members may overlap stays ``oneOf`` (exactly one must match).
* ``x-`` keywords never appear; the schema's descriptions, defaults, examples and
  ``readOnly`` do.

The document is built from the IR (never from YAML) and written as JSON with
``indent=2`` and ASCII escapes, in schema order, so it is byte-stable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import fields

from .. import ir
from . import HEADER, GeneratedFile

JsonObject = dict[str, ir.JsonValue]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFS_POINTER = "#/$defs/"

_CONSTRAINT_KEYWORDS = {
    "format": "format",
    "pattern": "pattern",
    "min_length": "minLength",
    "max_length": "maxLength",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusive_minimum": "exclusiveMinimum",
    "exclusive_maximum": "exclusiveMaximum",
    "min_items": "minItems",
    "max_items": "maxItems",
}


class NotData(Exception):
    """A type expression has no JSON form (it holds code or a per-language object)."""


def generate(contract: ir.Contract) -> list[GeneratedFile]:
    """One file: a bundle is what validators in other languages can load without resolving
    references across files."""
    return [GeneratedFile(schema_path(contract), dumps(bundle(contract)))]


def schema_path(contract: ir.Contract) -> str:
    """Named after the contract, so two contracts' schemas can sit side by side."""
    return f"jsonschema/{slug(contract.name)}.schema.json"


def slug(name: str) -> str:
    """``@ironflow/core`` -> ``ironflow-core``: a file name that cannot leave its folder."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "contract"


def dumps(document: Mapping[str, ir.JsonValue]) -> str:
    """ASCII-only, keys in the order built (schema order, not sorted, so properties read
    as in the schema), one final newline: byte-stable on every machine."""
    return json.dumps(document, indent=2, ensure_ascii=True, allow_nan=False) + "\n"


def def_key(contract: ir.Contract, name: ir.TypeName) -> str:
    """The ``$defs`` key of a type (see the module docstring)."""
    return name.name if _is_wire(contract, name.module) else str(name)


def wire_keys(contract: ir.Contract, defs: Mapping[str, object]) -> tuple[str, ...]:
    """The ``$defs`` keys of the wire messages among ``defs``, in schema order."""
    return tuple(
        t.name.name for m in contract.modules if m.wire for t in m.types if t.name.name in defs
    )


def bundle(contract: ir.Contract) -> JsonObject:
    """The whole document: a root that accepts anything, and every data type under ``$defs``."""
    _check_wire_names(contract)
    exporter = _Exporter(contract)
    defs: dict[str, JsonObject] = {}
    for definition in contract.all_types:
        try:
            defs[def_key(contract, definition.name)] = exporter.definition(definition)
        except NotData:
            continue
    document: JsonObject = {
        "$schema": DIALECT,
        "$comment": HEADER.format(source="schema/"),
        "title": contract.name,
        "description": contract.description,
        "$defs": dict(_closed(defs)),
    }
    return document


def _is_wire(contract: ir.Contract, module: str) -> bool:
    """Whether a module (by name) holds wire messages."""
    return any(m.wire for m in contract.modules if m.name == module)


def _check_wire_names(contract: ir.Contract) -> None:
    """Two wire modules may not both define a name: the bare key would be ambiguous."""
    seen: dict[str, str] = {}
    for module in (m for m in contract.modules if m.wire):
        for definition in module.types:
            other = seen.setdefault(definition.name.name, module.name)
            if other != module.name:
                raise ValueError(
                    f"wire type {definition.name.name!r} is defined in both {other!r} "
                    f"and {module.name!r}"
                )


def _closed(defs: dict[str, JsonObject]) -> Iterator[tuple[str, JsonObject]]:
    """Drop, to a fixpoint, every definition that refers to a dropped one."""
    kept = dict(defs)
    while True:
        broken = [k for k, v in kept.items() if any(r not in kept for r in refs(v))]
        if not broken:
            break
        for key in broken:
            del kept[key]
    yield from kept.items()


# Keywords whose values are JSON data, not schemas: a "$ref" key inside is a value.
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples"})


# Keywords whose values map names (of properties, patterns, ...) to schemas.
_NAMED_SCHEMAS = frozenset({"properties", "patternProperties", "dependentSchemas", "$defs"})


def refs(node: ir.JsonValue, named: bool = False) -> Iterator[str]:
    """The ``$defs`` keys a schema node refers to, anywhere inside it (not in data);
    ``named``: the node maps names to schemas (its keys are no keywords)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if not named and isinstance(ref, str) and ref.startswith(DEFS_POINTER):
            yield ref[len(DEFS_POINTER) :]
        for key, value in node.items():
            if named or key not in _DATA_KEYWORDS:
                yield from refs(value, not named and key in _NAMED_SCHEMAS)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


class _Exporter:
    """IR -> JSON Schema nodes; raises NotData for what has no JSON form."""

    def __init__(self, contract: ir.Contract) -> None:
        self.contract = contract
        self.scope: dict[str, ir.TypeParam] = {}

    def definition(self, definition: ir.TypeDef) -> JsonObject:
        if isinstance(definition, ir.Brand):
            return _annotated(self.type(definition.base), definition.description)
        if isinstance(definition, ir.Alias) and definition.type_params:
            raise NotData(str(definition.name))
        self.scope = {p.name: p for p in definition.type_params}
        for param in definition.type_params:
            self._check_param(param)
        if isinstance(definition, ir.Interface):
            node = self.interface(definition)
        else:
            node = _annotated(self.type(definition.type), definition.description)
        if definition.examples:
            node["examples"] = list(definition.examples)
        return node

    def _check_param(self, param: ir.TypeParam) -> None:
        """An erased parameter is only honest when its bound and default are data too."""
        for bound in (param.constraint, param.default):
            if bound is not None:
                self.type(bound)

    def interface(self, interface: ir.Interface) -> JsonObject:
        if interface.methods:
            raise NotData(str(interface.name))
        node = _annotated({}, interface.description)
        if interface.extends:
            node["allOf"] = [self.type(parent) for parent in interface.extends]
        node.update(self.object(interface.properties, interface.additional))
        return node

    def object(
        self, properties: tuple[ir.Property, ...], additional: ir.Additional = True
    ) -> JsonObject:
        node: JsonObject = {
            "type": "object",
            "properties": {p.wire_name: self.property(p) for p in properties},
        }
        required: list[ir.JsonValue] = [p.wire_name for p in properties if p.required]
        if required:
            node["required"] = required
        if additional is not True:
            node["additionalProperties"] = False if additional is False else self.type(additional)
        return node

    def property(self, prop: ir.Property) -> JsonObject:
        node = _annotated(self.type(prop.type), prop.description)
        if prop.readonly:
            node["readOnly"] = True
        if not isinstance(prop.default, ir.Missing):
            node["default"] = prop.default
        return node

    def type(self, expr: ir.TypeExpr) -> JsonObject:  # noqa: C901 - one case per IR kind
        match expr:
            case ir.Primitive(name=name, constraints=constraints):
                return {"type": name, **_constraints(constraints)}
            case ir.Unknown():
                return {}
            case ir.LiteralType(value=value):
                return {"const": value}
            case ir.EnumType(values=values):
                return {"type": "string", "enum": list(values)}
            case ir.ArrayType(items=items, constraints=constraints):
                return {"type": "array", "items": self.type(items), **_constraints(constraints)}
            case ir.MapType(values=values):
                return {"type": "object", "additionalProperties": self.type(values)}
            case ir.ObjectType(properties=properties, additional=additional):
                return self.object(properties, additional)
            case ir.RefType(target=target, args=args):
                return self.ref(target, args)
            case ir.TypeParamRef(name=name):
                return self.type_param(name)
            case ir.UnionType(members=members, exclusive=True):
                return {"oneOf": [self.type(m) for m in members]}
            case ir.UnionType(members=members, discriminator=discriminator):
                return self.union(members, discriminator)
            case ir.IntersectionType(members=members):
                return {"allOf": [self.type(m) for m in members]}
            case ir.Checked(base=base, checks=checks):
                return self.checked(base, checks)
        raise NotData(type(expr).__name__)

    def checked(self, base: ir.TypeExpr, checks: tuple[ir.Check, ...]) -> JsonObject:
        """The type's node with the assertions' keywords beside it (JSON Schema ANDs
        them); in an ``allOf`` where a keyword would meet one the node has."""
        node = self.type(base)
        keywords: JsonObject = {}
        unevaluated = [c for c in checks if isinstance(c, ir.Unevaluated)]
        for check in (c for c in checks if not isinstance(c, ir.Unevaluated)):
            keywords.update(self.check(check))
        node = {"allOf": [node, keywords]} if set(node) & set(keywords) else {**node, **keywords}
        for rest in unevaluated:  # it sees what the allOf around the others evaluates
            keyword = "unevaluatedItems" if rest.items else "unevaluatedProperties"
            node = {"allOf": [node], keyword: self._schema(rest.schema)}
        return node

    def check(self, check: ir.Check) -> JsonObject:  # noqa: C901 - one case per assertion
        match check:
            case ir.Not(expr=expr):
                return {"not": self.type(expr)}
            case ir.MultipleOf(factor=factor):
                return {"multipleOf": factor}
            case ir.UniqueItems():
                return {"uniqueItems": True}
            case ir.Contains(expr=expr, min=low, max=high):
                node: JsonObject = {"contains": self.type(expr)}
                if low != 1:
                    node["minContains"] = low
                return node if high is None else {**node, "maxContains": high}
            case ir.PrefixItems(items=items, rest=rest):
                prefix: JsonObject = {"prefixItems": [self.type(i) for i in items]}
                return prefix if rest is True else {**prefix, "items": self._schema(rest)}
            case ir.PropertyCount(min=low, max=high):
                counts = {"minProperties": low, "maxProperties": high}
                return {k: v for k, v in counts.items() if v is not None}
            case ir.DependentRequired(needs=needs):
                return {"dependentRequired": {k: list(v) for k, v in needs}}
            case ir.DependentSchemas(schemas=schemas):
                return {"dependentSchemas": {k: self.type(t) for k, t in schemas}}
            case ir.PropertyNames(expr=expr):
                return {"propertyNames": self.type(expr)}
            case ir.PatternProperties(patterns=patterns, additional=additional, named=named):
                return self.pattern_properties(patterns, additional, named)
            case ir.IfThenElse(condition=condition, then=then, otherwise=otherwise):
                branches = {"if": condition, "then": then, "else": otherwise}
                return {k: self.type(v) for k, v in branches.items() if v is not None}
            case ir.AnyValueOf(values=values):
                return {"enum": list(values)}
        raise NotData(type(check).__name__)

    def pattern_properties(
        self,
        patterns: tuple[tuple[str, ir.TypeExpr], ...],
        additional: ir.Additional,
        named: tuple[str, ...],
    ) -> JsonObject:
        """``additionalProperties`` looks at ``properties`` beside it: the named keys
        come along (as ``{}``), so the node means the same on its own."""
        node: JsonObject = {"patternProperties": {p: self.type(t) for p, t in patterns}}
        if additional is True:
            return node
        named_keys: JsonObject = {name: {} for name in named}
        return {"properties": named_keys, **node, "additionalProperties": self._schema(additional)}

    def _schema(self, schema: ir.Additional) -> ir.JsonValue:
        return schema if isinstance(schema, bool) else self.type(schema)

    def ref(self, target: ir.TypeName, args: tuple[ir.TypeExpr, ...]) -> JsonObject:
        for arg in args:
            self.type(arg)
        return {"$ref": DEFS_POINTER + def_key(self.contract, target)}

    def type_param(self, name: str) -> JsonObject:
        if name not in self.scope:  # a signature's own parameter: only inside functions
            raise NotData(name)
        return {}

    def union(self, members: tuple[ir.TypeExpr, ...], discriminator: str | None) -> JsonObject:
        nodes: list[ir.JsonValue] = [self.type(m) for m in members]
        if discriminator is None:
            return {"anyOf": nodes}
        return {"oneOf": nodes, "discriminator": {"propertyName": discriminator}}


def _annotated(node: JsonObject, description: str) -> JsonObject:
    """The description first, so a reader sees what a node is before how it is checked."""
    return {"description": description, **node} if description else dict(node)


def _constraints(constraints: ir.Constraints) -> JsonObject:
    out: JsonObject = {}
    for item in fields(constraints):
        value = getattr(constraints, item.name)
        if value is not None:
            out[_CONSTRAINT_KEYWORDS[item.name]] = value
    return out
