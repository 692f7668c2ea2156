"""Python names, type text and wire codecs for the ``python`` target.

``python.py`` assembles files; this module owns what every annotation and every
(de)serialising expression looks like, so that each rule lives in one place:

* ``PyContract`` is the contract as the Python target sees it: inline object
  types lifted into named classes (``<Owner><Field>``, placed before their
  owner), final class names, and lookups. Types of a wire module (``x-wire``)
  take the contract's ``wire-prefix``, as in TypeScript (Ironflow's ``Validated``:
  the package's flat namespace holds one ``PushRequest``, SDK-facing, and one
  ``ValidatedPushRequest``).
* ``TypeText`` renders a type expression as an annotation and records in a
  ``Usage`` the imports and type variables it needed and why it degraded a type.
* ``Codecs`` gives the codec of a type, a row of a class's field table read by the
  package's one wire codec (``_wire.py``), or ``None`` when the value travels as it is.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from .. import ir
from ..escaping import py_literal
from ..naming import pascal_case, python_identifier, snake_case
from ..ordering import on_cycles
from .typescript import TsNames

WIRE_HELPERS = "._wire"  # the generated package's private runtime helpers
WIRE_RUNTIME = "_wire"  # how a module names that runtime: ``from . import _wire``
DATETIME = "datetime.datetime"

_PRIMITIVES = {
    "string": "str",
    "number": "float",
    "integer": "int",
    "boolean": "bool",
    "null": "None",
}

# Names that generated class bodies use themselves (decorators, annotations,
# dataclass machinery, the two codec methods): an attribute with one of these
# names would shadow them inside the class, so it takes a trailing underscore.
# Added to naming.PY_USED_NAMES, which python_identifier already avoids.
CLASS_BODY_NAMES = frozenset(
    {"self", "cls", "classmethod", "frozenset", "overload", "from_dict", "to_dict", "_wire_keys"}
)


# What a pydantic model reserves (BaseModel's public attributes; names in its
# ``model_`` namespace): a wire type is both a dataclass and a model, and one wire
# name has one attribute name in both, so a wire type's attributes avoid these.
MODEL_RESERVED_NAMES = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj",
        "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
    }
)  # fmt: skip


def attribute_name(wire: str, reserved: frozenset[str], *, model: bool = True) -> str:
    """The attribute for one wire name: ``python_identifier``, then the escapes that a
    class body needs (a reserved name takes a trailing ``_``) and, for a wire type
    (``model``: it is a pydantic model too), pydantic's: a name of ``BaseModel`` or in
    its ``model_`` namespace takes a trailing ``_``; a leading ``_`` (private to
    pydantic) becomes a ``field_`` prefix."""
    base = python_identifier(wire)
    if not model:
        return base + "_" if base in reserved else base
    if base.startswith("_"):
        base = "field_" + base.lstrip("_")
    if base in reserved or base in MODEL_RESERVED_NAMES or base.startswith("model_"):
        base += "_"
    return base


def attribute_names(
    wire_names: Iterable[str], reserved: frozenset[str], *, model: bool = True
) -> dict[str, str]:
    """Python names for the wire names of one scope, in order; a later name that
    maps to an earlier one's (only an escape can do that: the checker refuses two
    wire names of one type with one ``python_identifier``) gets ``_2``, ``_3``, ...
    (stable: schema order)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for wire in wire_names:
        base = attribute_name(wire, reserved, model=model)
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}_{counter}", counter + 1
        names[wire] = name
        taken.add(name)
    return names


def module_file(name: str) -> str:
    """The module's file stem; schema stems are ``[a-z][a-z0-9_]*``, so only a
    keyword needs an escape to be importable."""
    return name + "_" if keyword.iskeyword(name) else name


def pascal(name: str) -> str:
    return pascal_case(name) or "Field"


def optional(annotation: str) -> str:
    """``T | None``, unless the annotation already admits None."""
    if annotation in ("Any", "None") or annotation.endswith("| None"):
        return annotation
    return f"{annotation} | None"


@dataclass
class Usage:
    """What some rendered code needs: ``from X import name`` (X ``typing``,
    ``collections.abc``, or ``.module`` for a generated sibling), ``import X`` for
    native dotted names, type variables in order of first use, and notes on types
    that Python cannot spell."""

    names: dict[str, set[str]] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)
    typevars: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def need(self, source: str, name: str) -> None:
        self.names.setdefault(source, set()).add(name)

    def typevar(self, name: str) -> None:
        if name not in self.typevars:
            self.typevars.append(name)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def merge(self, other: Usage) -> None:
        for source, names in other.names.items():
            self.names.setdefault(source, set()).update(names)
        self.modules |= other.modules
        for name in other.typevars:
            self.typevar(name)
        for text in other.notes:
            self.note(text)


# ------------------------------------------------------------------ the contract


def runtime_needs(definition: ir.TypeDef) -> Iterator[ir.TypeName]:
    """The types a definition's own statement evaluates: an alias's value, a class's
    bases (annotations are lazy: ``from __future__ import annotations``)."""
    if isinstance(definition, ir.Alias):
        yield from (e.target for e in ir.walk(definition.type) if isinstance(e, ir.RefType))
    elif isinstance(definition, ir.Interface):
        yield from (base.target for base in definition.extends)


class PyContract:
    """The contract with inline objects lifted and Python names decided, once."""

    def __init__(self, contract: ir.Contract) -> None:
        self.contract = contract
        self.wire_modules = frozenset(m.name for m in contract.modules if m.wire)
        self.synthesized: set[ir.TypeName] = set()
        self.data: dict[ir.TypeName, bool] = {
            d.name: d.is_data for d in contract.all_types if isinstance(d, ir.Interface)
        }
        self.types: dict[str, tuple[ir.TypeDef, ...]] = {}
        self.errors: dict[str, tuple[ir.ErrorClass, ...]] = {}
        for module in contract.modules:
            lifter = _Lifter(self, module)
            self.types[module.name], self.errors[module.name] = lifter.lift()
        self.definitions = {d.name: d for defs in self.types.values() for d in defs}
        # Types whose definition needs itself when its module runs (a recursive alias
        # such as a JSON value, through any number of others): written as forward refs.
        self.cyclic = on_cycles({n: set(runtime_needs(d)) for n, d in self.definitions.items()})
        self.ts = TsNames(contract)
        self._kept_params: dict[ir.TypeName, tuple[str, ...]] = {}
        self._defined: dict[str, frozenset[str]] = {}

    def defined(self, module: str) -> frozenset[str]:
        """Every name a generated module binds itself, known before rendering, so
        that a standard-library name it would shadow (a schema type called ``Self``)
        is imported under a private alias instead (``Self as _Self``)."""
        if module not in self._defined:
            self._defined[module] = frozenset(_defined_names(self, module))
        return self._defined[module]

    def spell(self, module: str, name: str) -> str:
        """How module ``module`` writes an imported standard-library name."""
        return "_" + name if name in self.defined(module) else name

    def class_name(self, name: ir.TypeName) -> str:
        if name in self.synthesized or name.module not in self.wire_modules:
            return name.name
        return self.contract.wire_prefix + name.name

    @staticmethod
    def source(module: str) -> str:
        return "." + module_file(module)

    @staticmethod
    def runtime_name(module: str, target: ir.TypeName, name: str) -> str:
        """How the wire runtime finds ``name`` (of ``target``'s module) from ``module``:
        by itself in the same module, else ``<sibling module>.<name>``."""
        return name if target.module == module else f"{module_file(target.module)}.{name}"

    def is_dataclass(self, definition: ir.TypeDef) -> bool:
        """Plain data (``is_data`` of the schema's own interface, before lifting)
        whose bases are plain data too: a frozen dataclass with a wire mapping."""
        if not isinstance(definition, ir.Interface) or not self.data[definition.name]:
            return False
        return all(self.is_dataclass(self.definitions[b.target]) for b in definition.extends)

    def all_properties(self, interface: ir.Interface) -> tuple[ir.Property, ...]:
        """Inherited properties first, then the interface's own (an own property
        with an inherited wire name replaces it in place)."""
        merged: dict[str, ir.Property] = {}
        for base in interface.extends:
            definition = self.definitions[base.target]
            if isinstance(definition, ir.Interface):
                merged.update((p.wire_name, p) for p in self.all_properties(definition))
        merged.update((p.wire_name, p) for p in interface.properties)
        return tuple(merged.values())

    def kept_params(self, definition: ir.TypeDef) -> tuple[str, ...]:
        """The type parameters a definition's Python form declares, in the order its
        use sites pass arguments. A dataclass keeps all of them. An alias keeps those
        its Python type still uses, in order of first use (how ``typing`` orders a
        generic alias's parameters). A protocol keeps those its members use: mypy
        infers a protocol's variance, and a parameter that a degraded member no longer
        mentions would have to be covariant."""
        if isinstance(definition, ir.Brand) or not definition.type_params:
            return ()
        if isinstance(definition, ir.Interface) and self.is_dataclass(definition):
            return tuple(p.name for p in definition.type_params)
        if definition.name not in self._kept_params:
            self._kept_params[definition.name] = ()  # a recursive definition sees none
            usage = Usage()
            text = TypeText(self, definition.name.module, usage)
            for expr in _member_types(definition):
                text.type(expr)
            declared = [p.name for p in definition.type_params]
            used = usage.typevars if isinstance(definition, ir.Alias) else declared
            self._kept_params[definition.name] = tuple(
                n for n in used if n in declared and n in usage.typevars
            )
        return self._kept_params[definition.name]

    def decoder_name(self, definition: ir.TypeDef) -> str | None:
        """The function that reads a discriminated union alias from its wire form."""
        if (
            isinstance(definition, ir.Alias)
            and isinstance(definition.type, ir.UnionType)
            and definition.type.discriminator is not None
        ):
            return snake_case(self.class_name(definition.name)) + "_from_dict"
        return None

    def discriminated_members(self, alias: ir.Alias) -> list[tuple[str, str, ir.TypeName]]:
        """(Python literal of the tag, class name, type name) per union member."""
        assert isinstance(alias.type, ir.UnionType)
        members = []
        for member in alias.type.members:
            if not isinstance(member, ir.RefType):
                continue
            definition = self.definitions[member.target]
            if not isinstance(definition, ir.Interface):
                continue
            for prop in self.all_properties(definition):
                if prop.wire_name == alias.type.discriminator and isinstance(
                    prop.type, ir.LiteralType
                ):
                    tag = py_literal(prop.type.value)
                    members.append((tag, self.class_name(member.target), member.target))
        return members


class _Lifter:
    """Replaces each inline object type by a reference to a new named class,
    ``<Owner><Field>`` (``Item`` for array items, ``Value`` for map values,
    ``Result`` for a return), listed before the definition that uses it."""

    def __init__(self, py: PyContract, module: ir.Module) -> None:
        self.py = py
        self.module = module
        self.taken = {py.class_name(d.name) for d in module.types}
        self.taken |= {e.name.name for e in module.errors}
        self.lifted: list[ir.TypeDef] = []

    def lift(self) -> tuple[tuple[ir.TypeDef, ...], tuple[ir.ErrorClass, ...]]:
        types: list[ir.TypeDef] = []
        for definition in self.module.types:
            rewritten = self._definition(definition)
            types.extend(self.lifted)
            self.lifted.clear()
            types.append(rewritten)
        errors = tuple(self._error(e) for e in self.module.errors)
        types.extend(self.lifted)
        return tuple(types), errors

    def _definition(self, definition: ir.TypeDef) -> ir.TypeDef:
        owner = self.py.class_name(definition.name)
        if isinstance(definition, ir.Interface):
            methods = tuple(
                replace(
                    m,
                    overloads=tuple(
                        self._signature(s, owner + pascal(m.name), f"{owner}.{m.name}")
                        for s in m.overloads
                    ),
                )
                for m in definition.methods
            )
            return replace(
                definition,
                properties=self._properties(definition.properties, owner),
                methods=methods,
            )
        if isinstance(definition, ir.Alias):
            return replace(definition, type=self.expr(definition.type, owner, owner))
        return definition

    def _error(self, error: ir.ErrorClass) -> ir.ErrorClass:
        owner = error.name.name
        params = tuple(
            replace(p, type=self.expr(p.type, owner + pascal(p.name), f"{owner}({p.name})"))
            for p in error.params
        )
        fields = tuple(
            replace(f, type=self.expr(f.type, owner + pascal(f.name), f"{owner}.{f.name}"))
            for f in error.fields
        )
        return replace(error, params=params, fields=fields)

    def _properties(
        self, properties: tuple[ir.Property, ...], owner: str
    ) -> tuple[ir.Property, ...]:
        return tuple(
            replace(
                p, type=self.expr(p.type, owner + pascal(p.wire_name), f"{owner}.{p.wire_name}")
            )
            for p in properties
        )

    def _signature(self, signature: ir.Signature, name: str, where: str) -> ir.Signature:
        params = tuple(
            replace(p, type=self.expr(p.type, name + pascal(p.name), f"{where}({p.name})"))
            for p in signature.params
        )
        returns = self.expr(signature.returns, name + "Result", f"{where}() result")
        return replace(signature, params=params, returns=returns)

    def expr(  # noqa: C901 - one case per IR kind
        self, expr: ir.TypeExpr, name: str, where: str
    ) -> ir.TypeExpr:
        """``name``: the class an inline object here becomes; ``where``: the place,
        in words, for that class's docstring."""
        match expr:
            case ir.ObjectType(properties=properties, additional=additional):
                if not isinstance(additional, bool):
                    additional = self.expr(additional, name + "Extra", f"{where} other values")
                return self._object(properties, name, where, additional)
            case ir.ArrayType(items=items):
                return replace(expr, items=self.expr(items, name + "Item", f"{where} items"))
            case ir.MapType(values=values):
                return replace(expr, values=self.expr(values, name + "Value", f"{where} values"))
            case ir.PromiseType(inner=inner):
                return replace(expr, inner=self.expr(inner, name, where))
            case ir.UnionType(members=members):
                solo = sum(not _is_null(m) for m in members) == 1
                return replace(
                    expr,
                    members=tuple(
                        (
                            self.expr(m, name, where)
                            if solo
                            else self.expr(m, f"{name}Option{i}", f"{where} option {i}")
                        )
                        for i, m in enumerate(members, 1)
                    ),
                )
            case ir.RefType(args=args) if args:
                return replace(
                    expr,
                    args=tuple(
                        self.expr(a, f"{name}Arg{i}", f"{where} type argument {i}")
                        for i, a in enumerate(args, 1)
                    ),
                )
            case ir.FunctionType(signature=signature):
                return replace(expr, signature=self._signature(signature, name, where))
            case ir.Checked(base=base, checks=checks):
                base = self.expr(base, name, where)
                if not self.module.wire:  # static types say the base alone
                    return replace(expr, base=base)
                return replace(
                    expr,
                    base=base,
                    checks=tuple(
                        ir.map_check(c, lambda e: self.expr(e, f"{name}Check", f"{where} check"))
                        for c in checks
                    ),
                )
            case ir.IntersectionType(members=members) if self.module.wire:
                # A wire intersection is validated member by member (pydantic's _AllOf).
                return replace(
                    expr,
                    members=tuple(
                        self.expr(m, f"{name}Part{i}", f"{where} part {i}")
                        for i, m in enumerate(members, 1)
                    ),
                )
        # Intersections, mapped and indexed types degrade as a whole (TypeText).
        return expr

    def _object(
        self,
        properties: tuple[ir.Property, ...],
        name: str,
        where: str,
        additional: ir.Additional = True,
    ) -> ir.RefType:
        final, counter = name, 2
        while final in self.taken:
            final, counter = f"{name}{counter}", counter + 1
        self.taken.add(final)
        type_name = ir.TypeName(self.module.name, final)
        self.py.synthesized.add(type_name)
        self.py.data[type_name] = ir.Interface(type_name, properties).is_data
        lifted = self._properties(properties, final)
        self.lifted.append(
            ir.Interface(
                type_name,
                lifted,
                description=f"The inline object type of `{where}`.",
                additional=additional,
            )
        )
        return ir.RefType(type_name)


def _defined_names(py: PyContract, module_name: str) -> Iterator[str]:
    module = next(m for m in py.contract.modules if m.name == module_name)
    for definition in py.types[module_name]:
        yield py.class_name(definition.name)
        if isinstance(definition, ir.Brand):
            yield python_identifier(definition.factory)
        elif decoder := py.decoder_name(definition):
            yield decoder
        if not isinstance(definition, ir.Brand):
            yield from (p.name for p in definition.type_params)
    for error in module.errors:
        yield from (error.name.name, py.contract.python_alias_prefix + error.name.name)
    yield from (c.name for c in module.constants)
    yield from (python_identifier(p.name) for p in module.patterns)
    yield from (snake_case(h.name) for h in module.helpers)


def _member_types(definition: ir.Interface | ir.Alias) -> list[ir.TypeExpr]:
    """The type expressions that make up a definition's Python form (not the
    defaults and constraints of its type parameters, which Python drops)."""
    if isinstance(definition, ir.Alias):
        return [definition.type]
    exprs: list[ir.TypeExpr] = [*definition.extends, *(p.type for p in definition.properties)]
    for method in definition.methods:
        for signature in method.overloads:
            exprs += [p.type for p in signature.params]
            exprs.append(signature.returns)
    return exprs


def _is_null(expr: ir.TypeExpr) -> bool:
    return (isinstance(expr, ir.Primitive) and expr.name == "null") or (
        isinstance(expr, ir.LiteralType) and expr.value is None
    )


# --------------------------------------------------------------------- type text


class TypeText:
    """Renders type expressions of one module as Python annotations.

    ``subst`` replaces type parameters that Python cannot bind (a method's type
    parameter that no argument mentions) by their TypeScript default.
    """

    def __init__(
        self,
        py: PyContract,
        module: str,
        usage: Usage,
        subst: Mapping[str, ir.TypeExpr] | None = None,
    ) -> None:
        self.py = py
        self.module = module
        self.usage = usage
        self.subst = dict(subst or {})

    def type(self, expr: ir.TypeExpr) -> str:  # noqa: C901 - one case per IR kind
        match expr:
            case ir.Primitive(name=name):
                return _PRIMITIVES[name]
            case ir.Unknown():
                return self._typing("Any")
            case ir.Void():
                return "None"
            case ir.LiteralType(value=value):
                return self._literal(value)
            case ir.EnumType(values=values):
                return f"{self._typing('Literal')}[{', '.join(py_literal(v) for v in values)}]"
            case ir.ArrayType(items=items):
                return f"list[{self.type(items)}]"
            case ir.MapType(values=values):
                return f"dict[str, {self.type(values)}]"
            case ir.RefType():
                return self._ref(expr)
            case ir.TypeParamRef(name=name):
                return self._param(name)
            case ir.UnionType(members=members):
                return self._union(members)
            case ir.FunctionType(signature=signature):
                return self._callable(signature)
            case ir.PromiseType(inner=inner):
                return f"{self._abc('Awaitable')}[{self.type(inner)}]"
            case ir.NativeType(python=native):
                return self._native(native)
            case ir.IntersectionType(members=members):
                return self._intersection(expr, members)
            case ir.Checked(base=base):
                return self.type(base)  # the assertions are the validators' (wider here)
        return self._degrade(expr, _KIND_NAMES.get(type(expr), "type"))

    def _typing(self, name: str) -> str:
        self.usage.need("typing", name)
        return self.py.spell(self.module, name)

    def _abc(self, name: str) -> str:
        self.usage.need("collections.abc", name)
        return self.py.spell(self.module, name)

    def _literal(self, value: ir.JsonScalar) -> str:
        if value is None:
            return "None"
        if isinstance(value, float):  # typing.Literal takes no floats
            self.usage.note(f"`{py_literal(value)}`: a float literal, typed as float.")
            return "float"
        return f"{self._typing('Literal')}[{py_literal(value)}]"

    def _ref(self, ref: ir.RefType) -> str:
        definition = self.py.definitions[ref.target]
        name = self.py.class_name(ref.target)
        if ref.target.module != self.module:
            self.usage.need(self.py.source(ref.target.module), name)
        args = self._arguments(definition, ref.args)
        return f"{name}[{', '.join(args)}]" if args else name

    def _arguments(self, definition: ir.TypeDef, args: tuple[ir.TypeExpr, ...]) -> list[str]:
        """The arguments for the parameters the definition's Python form kept; an
        omitted one is its TypeScript default, else Any (``mypy --strict`` wants no
        bare generic)."""
        if isinstance(definition, ir.Brand):
            return []
        given = {
            p.name: args[i] if i < len(args) else (p.default or ir.Unknown())
            for i, p in enumerate(definition.type_params)
        }
        return [self.type(given[n]) for n in self.py.kept_params(definition)]

    def _param(self, name: str) -> str:
        if name in self.subst:
            return self.type(self.subst[name])
        self.usage.typevar(name)
        return name

    def _union(self, members: tuple[ir.TypeExpr, ...]) -> str:
        """Members in schema order, duplicates once, None last (the Python idiom)."""
        texts = list(dict.fromkeys(self.type(m) for m in members))
        return " | ".join([t for t in texts if t != "None"] + [t for t in texts if t == "None"])

    def _callable(self, signature: ir.Signature) -> str:
        """``Callable[[params], result]``, rendered in that order: the order of first
        use decides a generic alias's parameter order."""
        inner = self
        if signature.type_params:
            self.usage.note(
                "A generic function type: Callable cannot bind type parameters;"
                " they are their defaults."
            )
            subst = {
                **self.subst,
                **{p.name: p.default or ir.Unknown() for p in signature.type_params},
            }
            inner = TypeText(self.py, self.module, self.usage, subst)
        callable_ = self._abc("Callable")
        if any(p.optional for p in signature.params):
            self.usage.note("Callable cannot mark a parameter optional: the parameters are `...`.")
            return f"{callable_}[..., {inner.type(signature.result)}]"
        params = ", ".join(inner.type(p.type) for p in signature.params)
        return f"{callable_}[[{params}], {inner.type(signature.result)}]"

    def _native(self, native: ir.NativeName) -> str:
        head, dot, _ = native.name.partition(".")
        if dot:
            self.usage.modules.add(head)
        return native.name

    def _intersection(self, expr: ir.IntersectionType, members: tuple[ir.TypeExpr, ...]) -> str:
        """A value of ``A & B`` is an ``A``: the first named member stands for the
        whole; with none, Any."""
        for member in members:
            if isinstance(member, ir.RefType):
                text = self.type(member)
                self.usage.note(
                    f"`{self.py.ts.type(expr)}`: a TypeScript intersection, typed as {text}."
                )
                return text
        return self._degrade(expr, "intersection")

    def _degrade(self, expr: ir.TypeExpr, kind: str) -> str:
        self.usage.note(f"`{self.py.ts.type(expr)}`: a TypeScript {kind}, typed as Any.")
        return self._typing("Any")


_KIND_NAMES: dict[type, str] = {
    ir.MappedType: "mapped type",
    ir.IndexedType: "indexed access type",
    ir.ObjectType: "object type",
}


# ------------------------------------------------------------------------ codecs


class Codecs:
    """The wire codec of a type, as an expression over the package's runtime module
    (``_wire.list_of(_wire.ref("Run"))``), or ``None`` when the value travels as it is
    (scalars, enums, brands, Any, type parameters, and values no wire carries:
    protocols, callables, exceptions), so that the codec copies it unchanged. A
    class is named as the module spells it (``Run``, ``runs.Run``) and resolved by
    the runtime at first use: a codec imports nothing when its module loads.
    """

    def __init__(self, py: PyContract, module: str, usage: Usage) -> None:
        self.py = py
        self.module = module
        self.usage = usage
        self._aliases: set[ir.TypeName] = set()

    def codec(self, expr: ir.TypeExpr) -> str | None:
        match expr:
            case ir.RefType(target=target):
                return self._ref(target)
            case ir.ArrayType(items=items):
                inner = self.codec(items)
                return None if inner is None else f"{WIRE_RUNTIME}.list_of({inner})"
            case ir.MapType(values=values):
                inner = self.codec(values)
                return None if inner is None else f"{WIRE_RUNTIME}.map_of({inner})"
            case ir.NativeType(python=native) if native.name == DATETIME:
                return f"{WIRE_RUNTIME}.DATETIME"
            case ir.UnionType(members=members):
                return self._union(members)
        return None

    def _ref(self, target: ir.TypeName) -> str | None:
        definition = self.py.definitions[target]
        decoder = self.py.decoder_name(definition)
        if self.py.is_dataclass(definition) or decoder:
            name = tags_name(decoder) if decoder else self.py.class_name(target)
            spelled = self.py.runtime_name(self.module, target, name)
            return f"{WIRE_RUNTIME}.ref({py_literal(spelled)})"
        if isinstance(definition, ir.Alias) and target not in self._aliases:
            self._aliases.add(target)  # a recursive alias travels as it is
            try:
                return self.codec(definition.type)
            finally:
                self._aliases.discard(target)
        return None

    def _union(self, members: tuple[ir.TypeExpr, ...]) -> str | None:
        values = [m for m in members if not _is_null(m)]
        converted = [self.codec(m) for m in values]
        if all(c is None for c in converted):
            return None
        if len(values) == 1 and converted[0] is not None:
            inner = converted[0]
            if len(values) == len(members):
                return inner
            return f"{WIRE_RUNTIME}.nullable({inner})"
        self.usage.note(
            "An untagged union of structured types: copied as it is (no tag to choose a class by)."
        )
        return None


def tags_name(decoder: str) -> str:
    """The module constant holding a discriminated union's tag table (``_wire.Tagged``),
    beside its public decoder: private, so it can clash with no schema name."""
    return f"_{decoder}_tags"


def admits_null(
    py: PyContract, expr: ir.TypeExpr, seen: frozenset[ir.TypeName] = frozenset()
) -> bool:
    """Whether JSON null is a valid value of the type (so None cannot mean "absent")."""
    match expr:
        case ir.Unknown() | ir.TypeParamRef():
            return True
        case ir.NativeType(python=native) if native.name == "typing.Any":
            return True
        case ir.UnionType(members=members):
            return any(admits_null(py, m, seen) for m in members)
        case ir.RefType(target=target) if target not in seen:
            definition = py.definitions[target]
            return isinstance(definition, ir.Alias) and admits_null(
                py, definition.type, seen | {target}
            )
    return _is_null(expr)
