"""Stage three: checked schema documents in, the typed IR out.

The meta-schema has already vouched for every shape, so this module is about
meaning: it resolves ``$ref``s within and across files (never over a network,
never out of the schema folder), keeps type parameters in scope, validates
discriminators, constants, templates and error hierarchies, and finds cycles no
language can express. Every problem becomes a positioned Diagnostic; all of them
are reported together.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import ir
from .diagnostics import Diagnostic, Position, SchemaError, did_you_mean, show
from .ecma_regex import PatternError, to_python
from .helper_contract import check_helpers
from .loader import Document, JsonPath, SchemaSource
from .naming import pascal_case
from .references import Location, References, Unresolved, is_schema_path, uses_identifiers
from .semantics import check_semantics
from .templates_text import TemplateSyntaxError, parse_template

INDEX_FILE = "index.yaml"
# How deep type expressions may nest (an array's items, a property's type, a union's
# member, ... each go one level down). The deepest real type goes 25 levels; the
# targets' output must still compile, and TypeScript stops inferring zod types of
# nested arrays and records past about 26 (TS2589), so wire types get less room.
MAX_TYPE_DEPTH = 32
MAX_WIRE_TYPE_DEPTH = 24
# How many schemas one definition may write in place for references to schemas that
# are not definitions: each use is a copy, so references to references multiply, and
# a few lines of schema could otherwise ask for 2**40 copies.
MAX_INLINED = 1000
# Kind keywords that are no JSON value's constraint: they stand alone.
_SIGNATURE_KINDS = (
    "x-type-param",
    "x-function",
    "x-promise",
    "x-void",
    "x-native",
    "x-mapped",
    "x-indexed",
)
_KIND_KEYWORDS = (
    "$ref",
    "$dynamicRef",
    *_SIGNATURE_KINDS,
    "allOf",
    "oneOf",
    "anyOf",
    "const",
    "enum",
)
# Assertions beside the type (``ir.Checked``), each about values of one JSON type.
_CHECK_KEYWORDS = frozenset(
    {
        "not", "multipleOf", "uniqueItems", "prefixItems", "contains", "minContains",
        "maxContains", "minProperties", "maxProperties", "dependentRequired",
        "dependentSchemas", "propertyNames", "patternProperties", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems",
    }
)  # fmt: skip
# The keywords that constrain values of one JSON type and say nothing of the others.
_TYPE_KEYWORDS = {
    "string": ("format", "pattern", "minLength", "maxLength"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
    "array": ("items", "minItems", "maxItems"),
    "object": ("properties", "required", "additionalProperties"),
    "boolean": (),
    "null": (),
}
# Every JSON type (``integer`` is a ``number``), in the order a union tries them.
_ANY_TYPE = ("null", "boolean", "number", "string", "array", "object")
_CONSTRAINTS = {
    "format": "format",
    "pattern": "pattern",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "minItems": "min_items",
    "maxItems": "max_items",
}


@dataclass(frozen=True)
class _Where:
    """The document and JSON path of the node being lowered, for diagnostics."""

    document: Document
    path: JsonPath

    def __truediv__(self, part: str | int) -> _Where:
        return _Where(self.document, (*self.path, part))

    def position(self, *, key: bool = False) -> Position:
        return self.document.position(self.path, key=key)


def build_contract(source: SchemaSource) -> ir.Contract:
    """Lower every module; raise SchemaError with every problem found."""
    builder = _Builder(source)
    contract = builder.build()
    if builder.diagnostics or contract is None:
        # A schema lowered where it stands and again where a $ref inlines it reports
        # its problems once.
        raise SchemaError(list(dict.fromkeys(builder.diagnostics)))
    return contract


class _Builder:
    def __init__(self, source: SchemaSource) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.modules: dict[str, Document] = {}  # file name -> document
        self.type_kinds: dict[ir.TypeName, str] = {}  # interface | alias | brand
        self.type_params: dict[ir.TypeName, tuple[int, int]] = {}  # (required, total)
        self.raw_types: dict[ir.TypeName, tuple[Any, _Where]] = {}
        self.scope: list[set[str]] = []
        self.listed_files: set[str] = set()
        self.error_names: dict[str, ir.TypeName] = {}
        self.discriminated: list[tuple[ir.UnionType, Position]] = []
        self.const_refs: list[tuple[str, str | None, Position]] = []
        self.type_depth = 0
        self.max_type_depth = MAX_TYPE_DEPTH
        self.wire = False  # lowering a wire module's types
        self.references = References(source)
        self.inlining: list[tuple[str, JsonPath]] = []  # $ref targets being lowered in place
        self.inlined = 0  # targets written in place in the current definition
        self.identified: dict[str, bool] = {}  # document name -> has a $id or an anchor
        # One lowering per kind keyword (several in one expression are intersected).
        self._lowerings: dict[str, Callable[[dict[str, Any], _Where], ir.TypeExpr]] = {
            "$ref": self._type_ref,
            "$dynamicRef": self._type_dynamic_ref,
            "x-type-param": self._type_x_type_param,
            "x-function": self._type_x_function,
            "x-promise": self._type_x_promise,
            "x-void": self._type_x_void,
            "x-native": self._type_x_native,
            "x-mapped": self._type_x_mapped,
            "x-indexed": self._type_x_indexed,
            "allOf": self._type_allOf,
            "oneOf": self._type_oneOf,
            "anyOf": self._type_anyOf,
            "const": self._type_const,
            "enum": self._type_enum,
        }

    # ----------------------------------------------------------------- driver

    def build(self) -> ir.Contract | None:
        index = self.source.documents.get(INDEX_FILE)
        if index is None or "x-contract" not in index.data:
            where = Position(f"{self.source.root.as_posix()}/{INDEX_FILE}")
            self.error(where, "no-index", f"{INDEX_FILE} with an x-contract section is required")
            return None
        contract = index.data["x-contract"]
        names = self._module_files(index, contract["modules"])
        self.listed_files = set(names)
        for name in names:
            self._index_types(self.source.documents[name])
        modules = tuple(self._module(self.source.documents[name]) for name in names)
        contract_ir = ir.Contract(
            name=contract["name"],
            version=contract["version"],
            description=_description(contract),
            python_distribution=contract["python-distribution"],
            python_package=contract["python-package"],
            modules=modules,
            wire_prefix=contract.get("wire-prefix", ""),
            npm_exports=tuple(contract.get("npm-exports", ())),
            python_alias_prefix=contract.get("python-alias-prefix")
            or pascal_case(contract["python-package"]),
            position=_Where(index, ("x-contract",)).position(key=True),
        )
        self._check_npm_exports(index, contract_ir)
        if any(self._has_identifiers(self.source.documents[name]) for name in names):
            self.diagnostics.extend(self.references.indexing_problems())
        self.diagnostics.extend(check_semantics(contract_ir, self.discriminated, self.const_refs))
        self.diagnostics.extend(check_helpers([self.source.documents[n] for n in names]))
        return contract_ir

    def _check_npm_exports(self, index: Document, contract: ir.Contract) -> None:
        known = [m.name for m in contract.modules]
        for position, module in enumerate(contract.npm_exports):
            if module not in known:
                where = _Where(index, ("x-contract", "npm-exports", position))
                self.error(
                    where.position(),
                    "unknown-module",
                    f"npm-exports names {module!r}, which is not a module of the contract"
                    + self._suggest(module, known),
                )

    def _module_files(self, index: Document, modules: list[str]) -> list[str]:
        files: list[str] = []
        for position, module in enumerate(modules):
            name = f"{module}.yaml"
            if name not in self.source.documents:
                where = _Where(index, ("x-contract", "modules", position))
                self.error(
                    where.position(),
                    "unknown-module",
                    f"module {show(module)} has no file {name}"
                    + self._suggest(module, [n.rsplit(".", 1)[0] for n in self.source.documents]),
                )
                continue
            files.append(name)
        listed = set(files) | {INDEX_FILE}
        for name, document in self.source.documents.items():
            if name not in listed:
                self.error(
                    Position(document.display),
                    "unlisted-module",
                    f"{name} is not listed in {INDEX_FILE} x-contract.modules",
                )
        return files

    def _index_types(self, document: Document) -> None:
        module = _module_name(document)
        for name, written in document.data.get("$defs", {}).items():
            raw = _definition_schema(written)
            type_name = ir.TypeName(module, name)
            self.raw_types[type_name] = (raw, _Where(document, ("$defs", name)))
            self.type_kinds[type_name] = _definition_kind(raw)
            params = raw.get("x-type-params", [])
            required = sum(1 for p in params if "default" not in p)
            self.type_params[type_name] = (required, len(params))
        for name in document.data.get("x-errors", {}):
            self.error_names.setdefault(name, ir.TypeName(module, name))

    # ----------------------------------------------------------------- modules

    def _module(self, document: Document) -> ir.Module:
        data = document.data
        module = _module_name(document)
        root = _Where(document, ())
        self.max_type_depth = MAX_WIRE_TYPE_DEPTH if data.get("x-wire") else MAX_TYPE_DEPTH
        self.wire = bool(data.get("x-wire"))
        return ir.Module(
            name=module,
            file=document.name,
            title=data.get("title", module),
            description=_description(data),
            wire=bool(data.get("x-wire", False)),
            types=tuple(
                self._definition(
                    ir.TypeName(module, name), _definition_schema(raw), root / "$defs" / name
                )
                for name, raw in data.get("$defs", {}).items()
            ),
            errors=tuple(
                self._error_class(module, name, raw, root / "x-errors" / name)
                for name, raw in data.get("x-errors", {}).items()
            ),
            constants=tuple(
                self._constant(name, raw, root / "x-constants" / name)
                for name, raw in data.get("x-constants", {}).items()
            ),
            patterns=tuple(
                self._pattern(name, raw, root / "x-patterns" / name)
                for name, raw in data.get("x-patterns", {}).items()
            ),
            helpers=tuple(
                ir.Helper(
                    name,
                    _description(raw),
                    (root / "x-helpers" / name).position(key=True),
                )
                for name, raw in data.get("x-helpers", {}).items()
            ),
            position=Position(document.display),
        )

    # ------------------------------------------------------------- definitions

    def _definition(self, name: ir.TypeName, raw: dict[str, Any], where: _Where) -> ir.TypeDef:
        kind = self.type_kinds[name]
        self.inlined = 0
        description = _description(raw)
        position = where.position(key=True)
        if kind == "brand":
            base = self._type(raw, where)
            if not isinstance(base, ir.Primitive) or base.name not in (
                "string",
                "number",
                "integer",
            ):
                self.error(
                    where.position(), "bad-brand", "a branded type must be a string or number"
                )
                base = ir.Primitive("string")
            return ir.Brand(name, base, raw["x-brand"]["factory"], description, position)
        with self._type_scope(raw.get("x-type-params", []), where / "x-type-params") as params:
            if kind == "interface":
                return ir.Interface(
                    name=name,
                    properties=self._properties(raw, where, False),
                    description=description,
                    type_params=params,
                    extends=tuple(self._extends(raw.get("x-extends", []), where / "x-extends")),
                    methods=self._methods(raw.get("x-methods", {}), where / "x-methods"),
                    examples=tuple(raw.get("examples", [])),
                    position=position,
                    additional=self._interface_additional(raw, where),
                )
            stripped = {k: v for k, v in raw.items() if k not in ("x-type-params", "examples")}
            return ir.Alias(
                name,
                self._type(stripped, where),
                description,
                params,
                tuple(raw.get("examples", [])),
                position,
            )

    def _extends(self, raws: list[Any], where: _Where) -> Iterable[ir.RefType]:
        if raws and self.wire:
            self.error(
                where.position(key=True),
                "wire-extends",
                "a wire type cannot use x-extends (zod would not check the inherited "
                "properties): use allOf",
            )
            return
        for index, raw in enumerate(raws):
            lowered = self._type(raw, where / index)
            if (
                isinstance(lowered, ir.RefType)
                and self.type_kinds.get(lowered.target) == "interface"
            ):
                yield lowered
            else:
                self.error(
                    (where / index).position(),
                    "bad-extends",
                    "x-extends entries must be $refs to interfaces",
                )

    def _methods(self, raw: dict[str, Any], where: _Where) -> tuple[ir.Method, ...]:
        methods = []
        for name, value in raw.items():
            overloads = value if isinstance(value, list) else [value]
            method_where = where / name
            signatures = tuple(
                self._signature(sig, method_where / i if isinstance(value, list) else method_where)
                for i, sig in enumerate(overloads)
            )
            methods.append(ir.Method(name, signatures, method_where.position(key=True)))
        return tuple(methods)

    def _signature(self, raw: dict[str, Any], where: _Where) -> ir.Signature:
        with self._type_scope(raw.get("x-type-params", []), where / "x-type-params") as params:
            parameters = tuple(
                ir.Param(
                    name=p["name"],
                    type=self._type(p["type"], where / "params" / i / "type"),
                    optional=bool(p.get("optional", False)),
                    description=_description(p),
                )
                for i, p in enumerate(raw.get("params", []))
            )
            self._check_unique([p.name for p in parameters], where / "params", "parameter")
            returns = (
                self._type(raw["returns"], where / "returns") if "returns" in raw else ir.Void()
            )
        self._check_optional_last(parameters, where)
        return ir.Signature(
            parameters, returns, bool(raw.get("async", False)), params, _description(raw)
        )

    def _check_optional_last(self, params: tuple[ir.Param, ...], where: _Where) -> None:
        seen_optional = False
        for index, param in enumerate(params):
            if param.optional:
                seen_optional = True
            elif seen_optional:
                self.error(
                    (where / "params" / index).position(),
                    "optional-order",
                    f"required parameter {show(param.name)} follows an optional one",
                )

    def _properties(
        self, raw: dict[str, Any], where: _Where, additional: ir.Additional = True
    ) -> tuple[ir.Property, ...]:
        """The declared properties; ``required`` alone (no ``properties``) declares its
        keys as ``additional`` says they may be. Beside ``properties``, a required key
        that is not declared is a typo, and refused."""
        properties = raw.get("properties", {})
        required = raw.get("required", [])
        undeclared: list[ir.Property] = []
        for index, name in enumerate(required):
            if name in properties:
                continue
            if "properties" not in raw and additional is not False and name != "__proto__":
                kind = ir.Unknown() if additional is True else additional
                position = (where / "required" / index).position()
                undeclared.append(ir.Property(name, kind, True, position=position))
                continue
            self.error(
                (where / "required" / index).position(),
                "unknown-property",
                f"required property {show(name)} is not defined"
                + self._suggest(name, list(properties)),
            )
        result = undeclared
        for name, value in properties.items():
            property_where = where / "properties" / name
            if name == "__proto__" and self.wire:
                self.error(
                    property_where.position(key=True),
                    "proto-key",
                    "a wire type cannot have a property named '__proto__': zod 4 skips "
                    "such a key, so no validator would check it",
                )
            if isinstance(value, bool):  # true: any value; false: the key may not be there
                value = {} if value else {"not": {}}
            stripped = {k: v for k, v in value.items() if k != "x-readonly"}
            result.append(
                ir.Property(
                    wire_name=name,
                    type=self._type(stripped, property_where),
                    required=name in required,
                    description=_description(value),
                    readonly=bool(value.get("x-readonly", False)),
                    default=value.get("default", ir.MISSING),
                    position=property_where.position(key=True),
                )
            )
        return tuple(result)

    # ------------------------------------------------------------------ types

    def _type(self, raw: dict[str, Any] | bool, where: _Where) -> ir.TypeExpr:
        if isinstance(raw, bool):  # the true schema (any value) and the false one (none)
            return ir.Unknown() if raw else ir.Checked(ir.Unknown(), (ir.Not(ir.Unknown()),))
        if self.type_depth >= self.max_type_depth:
            self.error(
                where.position(),
                "too-deep",
                f"type expressions nest more than {self.max_type_depth} levels deep here"
                + (" (in a wire module)" if self.max_type_depth == MAX_WIRE_TYPE_DEPTH else ""),
            )
            return ir.Unknown()
        self.type_depth += 1
        try:
            return self._type_of_kind(raw, where)
        finally:
            self.type_depth -= 1

    def _type_of_kind(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        """The type the plain keywords say, and the assertions beside it (``Checked``)."""
        checks = self._checks(raw, where)
        plain = {k: v for k, v in raw.items() if k not in _CHECK_KEYWORDS}
        if "prefixItems" in raw:
            plain.pop("items", None)  # the items after the prefix: PrefixItems.rest
        if "patternProperties" in raw:
            plain.pop("additionalProperties", None)  # PatternProperties.additional
        base = self._plain_type(plain, where)
        return ir.Checked(base, checks) if checks else base

    def _checks(self, raw: dict[str, Any], where: _Where) -> tuple[ir.Check, ...]:
        """The JSON Schema assertions of an expression, in a fixed order."""
        checks: list[ir.Check] = []
        if "not" in raw:
            checks.append(ir.Not(self._type(raw["not"], where / "not")))
        if "multipleOf" in raw:
            checks.append(ir.MultipleOf(raw["multipleOf"]))
        if raw.get("uniqueItems") is True:
            checks.append(ir.UniqueItems())
        if "prefixItems" in raw:
            checks.append(self._prefix_items(raw, where))
        if "contains" in raw:
            checks.append(
                ir.Contains(
                    self._type(raw["contains"], where / "contains"),
                    int(raw.get("minContains", 1)),
                    int(raw["maxContains"]) if "maxContains" in raw else None,
                )
            )
        if "minProperties" in raw or "maxProperties" in raw:
            low, high = raw.get("minProperties"), raw.get("maxProperties")
            checks.append(
                ir.PropertyCount(
                    None if low is None else int(low), None if high is None else int(high)
                )
            )
        checks += self._object_checks(raw, where)
        if "if" in raw:  # alone it asserts nothing, but what it evaluates counts
            checks.append(
                ir.IfThenElse(
                    self._type(raw["if"], where / "if"),
                    self._type(raw["then"], where / "then") if "then" in raw else None,
                    self._type(raw["else"], where / "else") if "else" in raw else None,
                )
            )
        checks += self._unevaluated(raw, where)
        return tuple(checks)

    def _prefix_items(self, raw: dict[str, Any], where: _Where) -> ir.Check:
        items = tuple(
            self._type(item, where / "prefixItems" / i) for i, item in enumerate(raw["prefixItems"])
        )
        rest = raw.get("items", True)
        return ir.PrefixItems(
            items, rest if isinstance(rest, bool) else self._type(rest, where / "items")
        )

    def _object_checks(self, raw: dict[str, Any], where: _Where) -> Iterable[ir.Check]:
        if raw.get("dependentRequired"):
            yield ir.DependentRequired(
                tuple((key, tuple(names)) for key, names in raw["dependentRequired"].items())
            )
        if raw.get("dependentSchemas"):
            yield ir.DependentSchemas(
                tuple(
                    (key, self._type(value, where / "dependentSchemas" / key))
                    for key, value in raw["dependentSchemas"].items()
                )
            )
        if "propertyNames" in raw:
            yield ir.PropertyNames(self._type(raw["propertyNames"], where / "propertyNames"))
        if "patternProperties" in raw:
            for pattern in raw["patternProperties"]:
                self._check_pattern(pattern, where / "patternProperties" / pattern, key=True)
            additional = raw.get("additionalProperties", True)
            yield ir.PatternProperties(
                tuple(
                    (pattern, self._type(value, where / "patternProperties" / pattern))
                    for pattern, value in raw["patternProperties"].items()
                ),
                (
                    additional
                    if isinstance(additional, bool)
                    else self._type(additional, where / "additionalProperties")
                ),
                tuple(raw.get("properties", {})),
            )

    def _plain_type(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        """Every keyword of an expression constrains the same value (JSON Schema ANDs
        them): one part per kind keyword and one for ``type`` with its keywords, and an
        expression of several parts is their intersection."""
        kinds = [k for k in _KIND_KEYWORDS if k in raw]
        typed = _typed_part(raw, kinds)
        if not kinds:
            return self._type_type(raw, where)
        parts = [self._lowerings[kind](raw, where) for kind in kinds]
        if typed:
            parts.append(self._type_type(typed, where))
        if len(parts) > 1 and any(k in raw for k in _SIGNATURE_KINDS):
            self.error(
                where.position(),
                "ambiguous-type",
                f"{', '.join(kinds)} cannot be combined with other type keywords",
            )
            return ir.Unknown()
        return parts[0] if len(parts) == 1 else ir.IntersectionType(tuple(parts))

    def _type_ref(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return self._reference(raw, "$ref", where)

    def _type_dynamic_ref(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return self._reference(raw, "$dynamicRef", where)

    def _reference(self, raw: dict[str, Any], keyword: str, where: _Where) -> ir.TypeExpr:
        """A ``$ref`` or ``$dynamicRef``: the definition it names, with its type
        arguments, or the schema it points to, lowered in place."""
        target = self._resolve_ref(raw[keyword], where / keyword)
        if target is None:
            return ir.Unknown()
        if isinstance(target, Location):
            return self._inlined(target, where / keyword)
        args = tuple(
            self._type(arg, where / "x-type-args" / i)
            for i, arg in enumerate(raw.get("x-type-args", []))
        )
        required, total = self.type_params[target]
        if not required <= len(args) <= total:
            expected = str(total) if required == total else f"{required} to {total}"
            self.error(
                where.position(),
                "type-args",
                f"{target.name} takes {expected} type argument(s), got {len(args)}",
            )
        return ir.RefType(target, args)

    def _inlined(self, target: Location, where: _Where) -> ir.TypeExpr:
        """A reference to a schema that is no definition stands for that schema: it is
        lowered in place. One that comes back to itself has no finite form."""
        if target.key in self.inlining:
            self.error(
                where.position(),
                "recursive-ref",
                "this reference comes back to itself through schemas that are not "
                "definitions: make one of them a definition of its module",
            )
            return ir.Unknown()
        self.inlined += 1
        if self.inlined > MAX_INLINED:
            if self.inlined == MAX_INLINED + 1:
                self.error(
                    where.position(),
                    "too-many-inlined",
                    f"references write more than {MAX_INLINED} schemas in place in one "
                    "definition: make the schemas they point to definitions",
                )
            return ir.Unknown()
        self.inlining.append(target.key)
        try:
            return self._type(target.schema, _Where(target.document, target.path))
        finally:
            self.inlining.pop()

    def _type_x_type_param(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        name = raw["x-type-param"]
        in_scope = set().union(*self.scope) if self.scope else set()
        if name not in in_scope:
            self.error(
                (where / "x-type-param").position(),
                "unknown-type-param",
                f"type parameter {show(name)} is not in scope" + self._suggest(name, in_scope),
            )
        return ir.TypeParamRef(name)

    def _type_x_function(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return ir.FunctionType(self._signature(raw["x-function"], where / "x-function"))

    def _type_x_promise(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return ir.PromiseType(self._type(raw["x-promise"], where / "x-promise"))

    def _type_x_void(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return ir.Void()

    def _type_x_native(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        native = raw["x-native"]
        return ir.NativeType(
            ir.NativeName(native["typescript"], native.get("typescript-import")),
            ir.NativeName(native["python"]),
        )

    def _type_x_mapped(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        mapped = raw["x-mapped"]
        over = self._type(mapped["over"], where / "x-mapped" / "over")
        self.scope.append({mapped["key"]})
        try:
            value = self._type(mapped["value"], where / "x-mapped" / "value")
        finally:
            self.scope.pop()
        return ir.MappedType(mapped["key"], over, value)

    def _type_x_indexed(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        indexed = raw["x-indexed"]
        return ir.IndexedType(
            self._type(indexed["object"], where / "x-indexed" / "object"),
            self._type(indexed["index"], where / "x-indexed" / "index"),
        )

    def _type_allOf(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        members = self._members(raw, "allOf", where)
        return members[0] if len(members) == 1 else ir.IntersectionType(members)

    def _type_oneOf(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        union = self._union(raw, "oneOf", where)
        if not isinstance(union, ir.UnionType) or union.discriminator is not None:
            return union
        members = union.members
        overlap = any(
            not self._exclusive(a, b) for i, a in enumerate(members) for b in members[i + 1 :]
        )
        return ir.UnionType(members, exclusive=True) if overlap else union

    def _exclusive(self, a: ir.TypeExpr, b: ir.TypeExpr) -> bool:
        """Whether no JSON value matches both: of different JSON types, or literals
        of different values (then ``oneOf`` is ``anyOf``)."""
        kinds_a, kinds_b = self._json_kinds(a), self._json_kinds(b)
        if kinds_a is not None and kinds_b is not None and not kinds_a & kinds_b:
            return True
        values_a, values_b = _literal_values(a), _literal_values(b)
        return (
            values_a is not None and values_b is not None and not _json_overlap(values_a, values_b)
        )

    def _json_kinds(self, expr: ir.TypeExpr, depth: int = 0) -> frozenset[str] | None:
        """The JSON types a value of ``expr`` may have (``integer`` is a ``number``),
        or None when that is not known here."""
        match expr:
            case ir.Primitive(name=name):
                return frozenset({"number" if name == "integer" else name})
            case ir.LiteralType(value=value):
                return frozenset({_json_kind(value)})
            case ir.EnumType():
                return frozenset({"string"})
            case ir.ArrayType():
                return frozenset({"array"})
            case ir.MapType() | ir.ObjectType():
                return frozenset({"object"})
            case ir.RefType(target=target) if depth < 8:
                return self._ref_kinds(target, depth)
            case ir.UnionType(members=members):
                kinds = [self._json_kinds(m, depth + 1) for m in members]
                return None if None in kinds else frozenset().union(*kinds)  # type: ignore[arg-type]
            case ir.IntersectionType(members=members):
                known = [
                    k for k in (self._json_kinds(m, depth + 1) for m in members) if k is not None
                ]
                return frozenset.intersection(*known) if known else None
        return None

    def _ref_kinds(self, target: ir.TypeName, depth: int) -> frozenset[str] | None:
        kind = self.type_kinds.get(target)
        if kind == "interface":
            return frozenset({"object"})
        raw = self.raw_types.get(target, (None, None))[0]
        declared = raw.get("type") if isinstance(raw, dict) else None
        if isinstance(declared, str):
            return frozenset({"number" if declared == "integer" else declared})
        return None

    def _type_anyOf(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return self._union(raw, "anyOf", where)

    def _union(self, raw: dict[str, Any], keyword: str, where: _Where) -> ir.TypeExpr:
        members = self._members(raw, keyword, where)
        discriminator = raw.get("discriminator", {}).get("propertyName")
        union = ir.UnionType(members, discriminator)
        if discriminator is not None:
            self.discriminated.append((union, where.position()))
        return union

    def _members(self, raw: dict[str, Any], keyword: str, where: _Where) -> tuple[ir.TypeExpr, ...]:
        return tuple(self._type(m, where / keyword / i) for i, m in enumerate(raw[keyword]))

    def _type_const(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        return self._value(raw["const"], where / "const")

    def _type_enum(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        """Strings: a string enum; other values: a union of literals, each equal as JSON
        (``1`` is ``1.0``); arrays and objects: a check of JSON equality."""
        values = raw["enum"]
        if all(isinstance(v, str) for v in values):
            return ir.EnumType(tuple(values))
        if any(isinstance(v, list | dict) for v in values):
            return ir.Checked(ir.Unknown(), (ir.AnyValueOf(tuple(values)),))
        members = tuple(self._value(v, where / "enum" / i) for i, v in enumerate(values))
        return members[0] if len(members) == 1 else ir.UnionType(members)

    def _value(self, value: Any, where: _Where) -> ir.TypeExpr:
        """The type of exactly one JSON value."""
        if isinstance(value, list | dict):
            return ir.Checked(ir.Unknown(), (ir.AnyValueOf((value,)),))
        if _json_kind(value) == "number" and abs(value) > 2**53 - 1:
            self.error(
                where.position(),
                "unsafe-integer",
                f"{value} is beyond 2**53-1, where JavaScript cannot tell numbers apart",
            )
        return ir.LiteralType(value)

    def _type_type(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        """``type`` with its keywords; without ``type``, a keyword of one JSON type
        constrains values of that type only and lets every other value through."""
        declared = raw.get("type")
        if declared is None:
            if not any(k in raw for keys in _TYPE_KEYWORDS.values() for k in keys):
                return ir.Unknown()
            declared = list(_ANY_TYPE)
        if isinstance(declared, list):
            members = tuple(self._single_type(name, raw, where) for name in declared)
            return members[0] if len(members) == 1 else ir.UnionType(members)
        return self._single_type(declared, raw, where)

    def _single_type(self, name: str, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        """One JSON type with the keywords that apply to it (JSON Schema ignores the
        others: ``minimum`` says nothing of a string)."""
        applicable = _TYPE_KEYWORDS["number" if name == "integer" else name]
        if name == "string" and isinstance(raw.get("pattern"), str):
            self._check_pattern(raw["pattern"], where / "pattern")
        constraints = ir.Constraints(
            **{
                field: _count(key, raw[key])
                for key, field in _CONSTRAINTS.items()
                if key in raw and key in applicable
            }
        )
        if name == "array":
            items = self._type(raw["items"], where / "items") if "items" in raw else ir.Unknown()
            return ir.ArrayType(items, constraints)
        if name == "object":
            return self._object(raw, where)
        assert name in ("string", "number", "integer", "boolean", "null")
        return ir.Primitive(name, constraints)  # type: ignore[arg-type]

    def _object(self, raw: dict[str, Any], where: _Where) -> ir.TypeExpr:
        additional = self._additional(raw, where)
        if "properties" not in raw and "required" not in raw and additional is not False:
            return ir.MapType(ir.Unknown() if additional is True else additional)
        return ir.ObjectType(self._properties(raw, where, additional), additional)

    def _interface_additional(self, raw: dict[str, Any], where: _Where) -> ir.Additional:
        if "x-extends" in raw and "additionalProperties" in raw:
            self.error(
                (where / "additionalProperties").position(key=True),
                "closed-extends",
                "additionalProperties beside x-extends is not supported: JSON Schema's "
                "additionalProperties does not see the inherited properties",
            )
            return True
        return self._additional(raw, where)

    def _additional(self, raw: dict[str, Any], where: _Where) -> ir.Additional:
        """``additionalProperties``: True (absent, ``true`` or ``{}``), False, or a type."""
        additional = raw.get("additionalProperties", True)
        if isinstance(additional, bool):
            return additional
        lowered = self._type(additional, where / "additionalProperties")
        return True if lowered == ir.Unknown() else lowered

    # ------------------------------------------------------ unevaluated keywords

    def _unevaluated(self, raw: dict[str, Any], where: _Where) -> Iterator[ir.Check]:
        """``unevaluatedProperties``/``unevaluatedItems``: the keys (items) that the
        expression's other keywords leave, here and through ``allOf``, ``$ref`` and the
        branches (``anyOf``, ``oneOf``, ``if``/``then``/``else``, ``dependentSchemas``)
        that accept the value. Where the schema alone says what is left (no branch
        evaluates anything, no ``contains``), that is an assertion the language has
        (``PatternProperties``/``PrefixItems`` over the rest); otherwise the validators
        work it out per value (``Unevaluated``)."""
        for keyword in ("unevaluatedProperties", "unevaluatedItems"):
            if keyword not in raw:
                continue
            items = keyword == "unevaluatedItems"
            if raw[keyword] is True:  # asserts nothing; evaluates every key (item) left
                yield ir.Unevaluated(ir.Evaluation(all=True), True, items)
                continue
            found = self._evaluated(raw, where, keyword, 0, top=True)
            if found is None:
                self.error(
                    (where / keyword).position(key=True),
                    "too-deep",
                    f"{keyword}: what the schema evaluates nests too deep to say",
                )
                continue
            if found.all and not found.branches:
                continue  # every key (item) is evaluated: nothing is left to judge
            rest = raw[keyword]
            schema = rest if isinstance(rest, bool) else self._type(rest, where / keyword)
            if found.branches or found.contains:
                yield ir.Unevaluated(found, schema, items)
            elif items:
                yield ir.PrefixItems((ir.Unknown(),) * found.prefix, schema)
            else:
                patterns = tuple((p, ir.Unknown()) for p in found.patterns)
                yield ir.PatternProperties(patterns, schema, found.names)

    def _evaluated(
        self, raw: Any, where: _Where, keyword: str, depth: int, *, top: bool = False
    ) -> ir.Evaluation | None:
        """What a schema evaluates of a value's keys (``unevaluatedProperties``) or
        items (``unevaluatedItems``); None past the depth limit."""
        if not isinstance(raw, dict):
            return _NOTHING
        if depth > MAX_TYPE_DEPTH:
            return None
        found = _own_evaluated(raw, keyword, top)
        if keyword == "unevaluatedItems" and "contains" in raw and not found.all:
            contains = self._relowered(raw["contains"], where / "contains")
            found = _merged(found, ir.Evaluation(contains=(contains,)))
        for applicator, member, member_where in self._same_value(raw, where):
            inner = self._evaluated(member, member_where, keyword, depth + 1)
            if inner is None:
                return None
            if inner != _NOTHING and applicator == "allOf":
                found = _merged(found, inner)
            elif inner != _NOTHING:  # evaluated only where this member accepts the value
                condition = self._relowered(member, member_where)
                found = _merged(found, ir.Evaluation(branches=((condition, inner),)))
        return self._conditional(raw, where, keyword, depth, found)

    def _conditional(
        self, raw: dict[str, Any], where: _Where, keyword: str, depth: int, found: ir.Evaluation
    ) -> ir.Evaluation | None:
        """``if``'s and ``then``'s evaluations where ``if`` accepts the value, ``else``'s
        where it does not; each ``dependentSchemas`` entry's where its key is present."""
        if "if" in raw:
            parts = {k: self._evaluated(raw.get(k), where / k, keyword, depth + 1) for k in _IF}
            if any(part is None for part in parts.values()):
                return None
            condition = self._relowered(raw["if"], where / "if")
            accepted = _merged(parts["if"] or _NOTHING, parts["then"] or _NOTHING)
            refused = parts["else"] or _NOTHING
            not_condition = ir.Checked(ir.Unknown(), (ir.Not(condition),))
            for branch_condition, branch in ((condition, accepted), (not_condition, refused)):
                if branch != _NOTHING:
                    found = _merged(found, ir.Evaluation(branches=((branch_condition, branch),)))
        for key, member in raw.get("dependentSchemas", {}).items():
            entry = self._evaluated(member, where / "dependentSchemas" / key, keyword, depth + 1)
            if entry is None:
                return None
            if entry != _NOTHING:
                present = ir.ObjectType((ir.Property(key, ir.Unknown(), True),))
                found = _merged(found, ir.Evaluation(branches=((present, entry),)))
        return found

    def _relowered(self, raw: Any, where: _Where) -> ir.TypeExpr:
        """A schema lowered once more (as a branch's condition): its problems were
        reported when it was lowered where it stands."""
        reported = len(self.diagnostics)
        lowered = self._type(raw, where)
        del self.diagnostics[reported:]
        return lowered

    def _same_value(self, raw: dict[str, Any], where: _Where) -> Iterator[tuple[str, Any, _Where]]:
        """``allOf``, ``anyOf``, ``oneOf`` members and ``$ref`` targets, which apply to
        the value itself: (applicator, schema, where); a ``$ref`` is an ``allOf``."""
        for applicator in ("allOf", "anyOf", "oneOf"):
            for index, member in enumerate(raw.get(applicator, [])):
                yield applicator, member, where / applicator / index
        refs = [(raw.get(k), where / k) for k in ("$ref", "$dynamicRef")]
        refs += [
            (parent.get("$ref"), where / "x-extends" / index / "$ref")
            for index, parent in enumerate(raw.get("x-extends", []))
            if isinstance(parent, dict)
        ]
        for ref, ref_where in refs:
            target = self._quiet_target(ref, ref_where)
            if isinstance(target, Location):
                yield "allOf", target.schema, _Where(target.document, target.path)
            elif target is not None:
                target_raw, target_where = self.raw_types[target]
                yield "allOf", target_raw, target_where

    def _quiet_target(self, ref: Any, where: _Where) -> ir.TypeName | Location | None:
        """Where a reference points, without a second report of a bad one."""
        if not isinstance(ref, str):
            return None
        reported = len(self.diagnostics)
        target = self._resolve_ref(ref, where)
        del self.diagnostics[reported:]
        return target

    # --------------------------------------------------------------- references

    def _resolve_ref(self, ref: str, where: _Where) -> ir.TypeName | Location | None:
        """The definition a reference (at ``where``: its ``$ref`` or ``$dynamicRef``)
        names, or the schema it points to when that is not a definition; None after
        reporting why there is neither."""
        holder = where.path[:-1]  # the schema the reference stands in
        dynamic = where.path[-1] == "$dynamicRef"
        plain = None if dynamic else self._plain_target(ref, where.document)
        if plain is not None:
            return plain
        try:
            if dynamic:
                found = self.references.resolve_dynamic(ref, where.document, holder)
            else:
                found = self.references.resolve(ref, where.document, holder)
        except Unresolved as problem:
            self.error(where.position(), problem.code, problem.message)
            return None
        return self._target_at(ref, found, where)

    def _plain_target(self, ref: str, document: Document) -> ir.TypeName | None:
        """A ``<file>#/$defs/<Name>`` reference from a document with no ``$id`` or
        anchor, found directly: the full resolution finds the same definition, and
        most contracts have only these."""
        file_part, _, pointer = ref.partition("#")
        name = pointer.removeprefix("/$defs/")
        if name == pointer or not name:
            return None
        if any(c in name for c in "/~%") or any(c in file_part for c in ":?%\\"):
            return None
        if self._has_identifiers(document):
            return None
        file_name = document.name
        if file_part:
            file_name = posixpath.normpath(posixpath.join(posixpath.dirname(file_name), file_part))
        target_document = self.source.documents.get(file_name)
        if target_document is None or file_name not in self.listed_files:
            return None
        target = ir.TypeName(_module_name(target_document), name)
        return target if target in self.type_kinds else None

    def _check_pattern(self, pattern: str, where: _Where, *, key: bool = False) -> None:
        """A pattern is ECMA-262's, as zod runs it; one JavaScript refuses, or whose
        meaning Python's ``re`` cannot be given exactly, is refused here."""
        try:
            to_python(pattern)
        except PatternError as problem:
            self.error(
                where.position(key=key), "bad-pattern", f"pattern {show(pattern)}: {problem}"
            )

    def _has_identifiers(self, document: Document) -> bool:
        if document.name not in self.identified:
            self.identified[document.name] = uses_identifiers(document)
        return self.identified[document.name]

    def _target_at(self, ref: str, found: Location, where: _Where) -> ir.TypeName | Location | None:
        """A resolved reference as a definition's name, or the schema to lower in place."""
        document, path = found.document, found.path
        if document.name not in self.listed_files:
            self.error(
                where.position(),
                "unknown-file",
                f"$ref {show(ref)}: no schema module {show(document.name)}"
                + self._suggest(document.name, self.listed_files),
            )
            return None
        if len(path) == 2 and path[0] == "$defs":
            return ir.TypeName(_module_name(document), str(path[1]))
        if not path or not is_schema_path(path):
            self.error(
                where.position(),
                "bad-ref",
                f"$ref {show(ref)} must point to a schema: a definition "
                "('<file>#/$defs/<Name>') or a schema inside one",
            )
            return None
        return found

    # -------------------------------------------------------------- errors

    def _error_class(
        self, module: str, name: str, raw: dict[str, Any], where: _Where
    ) -> ir.ErrorClass:
        params = tuple(
            ir.ErrorParam(
                name=p["name"],
                type=self._type(p["type"], where / "params" / i / "type"),
                optional=bool(p.get("optional", False)),
                in_options=p.get("in") == "options",
                default=p.get("default"),
                description=_description(p),
                position=(where / "params" / i).position(),
            )
            for i, p in enumerate(raw.get("params", []))
        )
        self._check_unique([p.name for p in params], where / "params", "parameter")
        fields = tuple(
            ir.ErrorField(
                name=field_name,
                type=self._type(
                    {k: v for k, v in value.items() if k not in ("optional", "value")},
                    where / "fields" / field_name,
                ),
                optional=bool(value.get("optional", False)),
                value=(
                    self._template(value["value"], where / "fields" / field_name / "value")
                    if "value" in value
                    else None
                ),
                description=_description(value),
                position=(where / "fields" / field_name).position(key=True),
            )
            for field_name, value in raw.get("fields", {}).items()
        )
        return ir.ErrorClass(
            name=ir.TypeName(module, name),
            parent=self._error_parent(raw.get("parent"), where / "parent"),
            code=raw["code"],
            retryable=bool(raw.get("retryable", False)),
            description=_description(raw),
            overridable=tuple(raw.get("overridable", [])),
            params=params,
            fields=fields,
            details=tuple(raw.get("details", [])),
            message=self._message(raw.get("message"), where / "message"),
            position=where.position(key=True),
        )

    def _error_parent(self, parent: str | None, where: _Where) -> ir.TypeName | None:
        if parent is None:
            return None
        if parent not in self.error_names:
            self.error(
                where.position(),
                "unknown-error",
                f"unknown error class {show(parent)}" + self._suggest(parent, self.error_names),
            )
            return None
        return self.error_names[parent]

    def _message(self, raw: str | list[Any] | None, where: _Where) -> tuple[ir.MessagePart, ...]:
        if raw is None:
            return ()
        parts = [raw] if isinstance(raw, str) else raw
        result = []
        for index, part in enumerate(parts):
            part_where = where / index if isinstance(raw, list) else where
            if isinstance(part, str):
                result.append(ir.MessagePart(self._template(part, part_where)))
            else:
                result.append(
                    ir.MessagePart(
                        self._template(part["text"], part_where / "text"), part.get("when")
                    )
                )
        return tuple(result)

    # -------------------------------------------------------- constants, patterns

    def _constant(self, name: str, raw: Any, where: _Where) -> ir.ConstantDef:
        position = where.position(key=True)
        if isinstance(raw, dict) and "entries" in raw:
            extra = set(raw) - {"entries", "description"}
            if extra:
                self.error(
                    where.position(),
                    "bad-constant",
                    f"a constant group has entries, not {', '.join(sorted(extra))}",
                )
            entries = tuple(
                ir.ConstEntry(
                    key,
                    self._const_value(value, where / "entries" / key),
                    _description(value) if isinstance(value, dict) else "",
                )
                for key, value in raw["entries"].items()
            )
            return ir.ConstantGroup(name, entries, _description(raw), position)
        description = _description(raw) if isinstance(raw, dict) else ""
        return ir.Constant(name, self._const_value(raw, where), description, position)

    def _const_value(self, raw: Any, where: _Where) -> ir.ConstValue:
        if not isinstance(raw, dict):
            return self._finite(raw, where)
        forms = [k for k in ("value", "ref", "template") if k in raw]
        if len(forms) != 1:
            self.error(
                where.position(),
                "bad-constant",
                "a constant has exactly one of value, ref, template",
            )
            return None
        if forms[0] == "value":
            return self._finite(raw["value"], where / "value")
        if forms[0] == "ref":
            target, _, key = str(raw["ref"]).partition(".")
            self.const_refs.append((target, key or None, where.position()))
            return ir.ConstRef(target, key or None)
        return self._template(raw["template"], where / "template")

    def _finite(self, value: Any, where: _Where) -> ir.JsonScalar:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
            self.error(
                where.position(),
                "unsafe-integer",
                f"{value} is beyond 2**53: JavaScript cannot hold it exactly",
            )
        return value  # type: ignore[no-any-return]

    def _pattern(self, name: str, raw: dict[str, Any], where: _Where) -> ir.Pattern:
        return ir.Pattern(
            name,
            self._template(raw["template"], where / "template"),
            _description(raw),
            where.position(key=True),
        )

    def _template(self, text: str, where: _Where) -> ir.Template:
        try:
            return parse_template(text)
        except TemplateSyntaxError as error:
            self.error(where.position(), "bad-template", str(error))
            return ir.Template((ir.TemplateText(text),))

    # ------------------------------------------------------------------ utils

    def _type_scope(self, raws: list[dict[str, Any]], where: _Where) -> _Scope:
        return _Scope(self, raws, where)

    def _check_unique(self, names: list[str], where: _Where, what: str) -> None:
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name in seen:
                self.error(
                    (where / index).position(), "duplicate-name", f"duplicate {what} {show(name)}"
                )
            seen.add(name)

    @staticmethod
    def _suggest(name: str, candidates: Iterable[str]) -> str:
        return did_you_mean(name, candidates)

    def error(self, position: Position, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(position, code, message))


class _Scope:
    """Type parameters visible while lowering one generic definition or signature."""

    def __init__(self, builder: _Builder, raws: list[dict[str, Any]], where: _Where) -> None:
        self.builder, self.raws, self.where = builder, raws, where

    def __enter__(self) -> tuple[ir.TypeParam, ...]:
        names = {raw["name"] for raw in self.raws}
        self.builder.scope.append(names)
        params = []
        for index, raw in enumerate(self.raws):
            param_where = self.where / index
            params.append(
                ir.TypeParam(
                    raw["name"],
                    (
                        self.builder._type(raw["constraint"], param_where / "constraint")
                        if "constraint" in raw
                        else None
                    ),
                    (
                        self.builder._type(raw["default"], param_where / "default")
                        if "default" in raw
                        else None
                    ),
                )
            )
        self.builder._check_unique([r["name"] for r in self.raws], self.where, "type parameter")
        return tuple(params)

    def __exit__(self, *exc: object) -> None:
        self.builder.scope.pop()


_NOTHING = ir.Evaluation()
_IF = ("if", "then", "else")


def _merged(a: ir.Evaluation, b: ir.Evaluation) -> ir.Evaluation:
    """Both evaluations (``allOf``: every member's counts)."""
    return ir.Evaluation(
        tuple(dict.fromkeys((*a.names, *b.names))),
        tuple(dict.fromkeys((*a.patterns, *b.patterns))),
        max(a.prefix, b.prefix),
        (*a.contains, *b.contains),
        a.all or b.all,
        (*a.branches, *b.branches),
    )


def _own_evaluated(raw: dict[str, Any], keyword: str, top: bool) -> ir.Evaluation:
    """What a schema's own keywords evaluate (its ``unevaluated*`` too, unless it is the
    schema asking); ``contains`` is the caller's (it needs lowering)."""
    nested = not top and keyword in raw
    if keyword == "unevaluatedProperties":
        return ir.Evaluation(
            names=tuple(raw.get("properties", {})),
            patterns=tuple(raw.get("patternProperties", {})),
            all="additionalProperties" in raw or nested,
        )
    every = "items" in raw or nested
    return ir.Evaluation(prefix=len(raw.get("prefixItems", [])), all=every)


def _definition_schema(raw: Any) -> dict[str, Any]:
    """A definition as a mapping: ``true`` is any value, ``false`` none."""
    if isinstance(raw, bool):
        return {} if raw else {"not": {}}
    return raw  # type: ignore[no-any-return]


def _description(raw: Mapping[str, Any]) -> str:
    """A description, or "" when it holds only white space: every target treats an
    empty description as none, and a blank one would open an empty docstring."""
    text = raw.get("description", "")
    return text if isinstance(text, str) and text.strip() else ""


def _module_name(document: Document) -> str:
    return posixpath.splitext(document.name)[0].replace("/", ".")


def _definition_kind(raw: Mapping[str, Any]) -> str:
    if "x-brand" in raw:
        return "brand"
    if "x-methods" in raw or "x-extends" in raw:
        return "interface"
    if any(k in raw for k in (*_KIND_KEYWORDS, *_CHECK_KEYWORDS)):
        return "alias"  # an intersection of its parts, or a type with assertions
    if raw.get("type") == "object" and (
        "properties" in raw or raw.get("additionalProperties") is False
    ):
        return "interface"
    return "alias"


def _count(key: str, value: Any) -> Any:
    """A length or count as the int it is (JSON Schema: ``2.0`` is the integer 2)."""
    if key.startswith(("min", "max")) and key.endswith(("Length", "Items")):
        return int(value)
    return value


def _typed_part(raw: Mapping[str, Any], kinds: list[str]) -> dict[str, Any]:
    """The ``type`` and type keywords beside kind keywords, as an expression of its own
    (empty when there are none). ``type`` beside an ``enum`` or a ``const`` whose values
    are all of that type adds nothing."""
    keys = {"type", *(k for keys in _TYPE_KEYWORDS.values() for k in keys)}
    typed = {k: v for k, v in raw.items() if k in keys}
    values = raw["enum"] if "enum" in raw else [raw["const"]] if "const" in raw else None
    if set(typed) == {"type"} and values is not None and kinds in (["enum"], ["const"]):
        declared = typed["type"] if isinstance(typed["type"], list) else [typed["type"]]
        if all(_of_type(v, declared) for v in values):
            return {}
    return typed


def _of_type(value: Any, declared: list[str]) -> bool:
    kind = _json_kind(value)
    if kind == "number" and "integer" in declared:
        return isinstance(value, int) or float(value).is_integer()
    return kind in declared


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _literal_values(expr: ir.TypeExpr) -> list[Any] | None:
    if isinstance(expr, ir.LiteralType):
        return [expr.value]
    if isinstance(expr, ir.EnumType):
        return list(expr.values)
    return None


def _json_overlap(a: list[Any], b: list[Any]) -> bool:
    """Whether two lists of JSON scalars share a value (JSON equality: ``1`` is ``1.0``,
    ``true`` is not ``1``)."""
    return any(_json_kind(x) == _json_kind(y) and x == y for x in a for y in b)
