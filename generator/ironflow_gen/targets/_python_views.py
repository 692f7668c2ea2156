"""View models of the ``python`` target: what its templates read, names final.

``ModuleBuilder`` turns one module of the lifted contract (``PyContract``) into
views of its type definitions; ``_python_values`` adds errors, constants and
patterns. Every annotation and expression is computed here, in Python; the
templates under ``templates/python/`` only lay the text out. The builder keeps
two ``Usage`` records: names needed while the module loads (base classes,
alias values, constants) and names needed only by annotations, imported under
``TYPE_CHECKING`` so that modules may refer to each other freely (``events`` and
``steps`` do). Codecs need no import: a data class's field table names the classes
it refers to as text, which the package's wire runtime resolves at first use.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ir
from ..escaping import py_literal
from ..naming import python_identifier
from ..ordering import dependency_first
from ._python_layout import call
from ._python_types import (
    CLASS_BODY_NAMES,
    WIRE_RUNTIME,
    Codecs,
    PyContract,
    TypeText,
    Usage,
    admits_null,
    attribute_names,
    optional,
    runtime_needs,
    tags_name,
)

_PRIMITIVE_BASES = {"string": "str", "number": "float", "integer": "int", "boolean": "bool"}


@dataclass(frozen=True)
class FieldView:
    """One dataclass field and its row of the class's field table.

    ``presence`` says when ``to_dict`` writes the key: ``required`` (always),
    ``optional`` (written unless None), ``tracked`` (optional with a default, or a
    type that admits null: written when ``from_dict`` saw it or the value differs
    from the default).
    """

    name: str
    wire: str
    annotation: str
    default: str | None
    description: str
    notes: tuple[str, ...]
    row: str  # the table row (``_wire.required("id", "id")``), laid out as black would
    presence: str


@dataclass(frozen=True)
class DataClassView:
    name: str
    bases: tuple[str, ...]
    description: str
    notes: tuple[str, ...]
    fields: tuple[FieldView, ...]  # declared here (own and overridden)
    codec_fields: tuple[FieldView, ...]  # all, inherited first: the rows of the field table
    kind: str = "dataclass"


@dataclass(frozen=True)
class MemberView:
    name: str
    annotation: str
    description: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MethodView:
    name: str
    is_async: bool
    params: tuple[str, ...]
    returns: str
    description: str
    notes: tuple[str, ...]
    overload: bool


@dataclass(frozen=True)
class ProtocolView:
    name: str
    bases: tuple[str, ...]
    description: str
    notes: tuple[str, ...]
    members: tuple[MemberView, ...]
    methods: tuple[MethodView, ...]
    kind: str = "protocol"


@dataclass(frozen=True)
class DecoderView:
    name: str
    tag: str  # the discriminator's wire name
    tags: str  # the module constant holding the tag table
    cases: tuple[str, ...]  # ``<tag literal>: <class name literal>``, the table's entries


@dataclass(frozen=True)
class AliasView:
    name: str
    value: str
    description: str
    notes: tuple[str, ...]
    decoder: DecoderView | None
    kind: str = "alias"


@dataclass(frozen=True)
class BrandView:
    name: str
    base: str
    factory: str
    description: str
    kind: str = "brand"


DefinitionView = DataClassView | ProtocolView | AliasView | BrandView


class ModuleBuilder:
    """Views of one module's definitions, recording what they import: ``runtime``
    when the module is imported (bases, alias values, constants), ``annotations``
    for type checkers only."""

    def __init__(self, py: PyContract, module: ir.Module) -> None:
        self.py = py
        self.module = module
        self.runtime = Usage()
        self.annotations = Usage()
        self.exports: list[str] = []
        self.reserved = CLASS_BODY_NAMES | _native_heads(py, module)

    # -- rendering helpers

    def annotate(
        self, expr: ir.TypeExpr, subst: dict[str, ir.TypeExpr] | None = None
    ) -> tuple[str, tuple[str, ...]]:
        """An annotation (imports for type checking only) and its degradation notes."""
        usage = Usage()
        text = TypeText(self.py, self.module.name, usage, subst).type(expr)
        self.annotations.merge(usage)
        return text, tuple(usage.notes)

    def runtime_type(self, expr: ir.TypeExpr) -> str:
        """A type evaluated when the module runs (a base class, an alias value)."""
        return TypeText(self.py, self.module.name, self.runtime).type(expr)

    def spell(self, name: str) -> str:
        return self.py.spell(self.module.name, name)

    def need(self, source: str, *names: str) -> None:
        for name in names:
            self.runtime.need(source, name)

    # -- definitions

    def definitions(self) -> list[DefinitionView]:
        return [self.definition(d) for d in _runtime_order(self.py.types[self.module.name])]

    def definition(self, definition: ir.TypeDef) -> DefinitionView:
        if isinstance(definition, ir.Brand):
            return self._brand(definition)
        if isinstance(definition, ir.Alias):
            return self._alias(definition)
        if self.py.is_dataclass(definition):
            return self._dataclass(definition)
        return self._protocol(definition)

    def _brand(self, brand: ir.Brand) -> BrandView:
        name = self.py.class_name(brand.name)
        factory = python_identifier(brand.factory)
        self.need("typing", "NewType")
        self.exports += [name, factory]
        return BrandView(name, _PRIMITIVE_BASES[brand.base.name], factory, brand.description)

    def _alias(self, alias: ir.Alias) -> AliasView:
        name = self.py.class_name(alias.name)
        usage = Usage()
        value = TypeText(self.py, self.module.name, usage).type(alias.type)
        if alias.name in self.py.cyclic:
            # A recursive alias names itself (or a type that needs it) before it exists:
            # the value is a forward reference, which type checkers resolve.
            value = py_literal(value)
        self.runtime.merge(usage)
        self.need("typing", "TypeAlias")
        self.exports.append(name)
        notes = tuple(usage.notes) + self._type_param_notes(
            alias.type_params, self.py.kept_params(alias)
        )
        return AliasView(name, value, alias.description, notes, self._decoder(alias))

    def _decoder(self, alias: ir.Alias) -> DecoderView | None:
        name = self.py.decoder_name(alias)
        if name is None:
            return None
        assert isinstance(alias.type, ir.UnionType) and alias.type.discriminator is not None
        self.need("collections.abc", "Mapping")
        self.need("typing", "Any")
        self.need("typing", "cast")
        self.need_wire()
        cases = tuple(
            f"{tag}: {py_literal(self.py.runtime_name(self.module.name, target, class_name))}"
            for tag, class_name, target in self.py.discriminated_members(alias)
        )
        self.exports.append(name)
        return DecoderView(name, alias.type.discriminator, tags_name(name), cases)

    def need_wire(self) -> None:
        """``from . import _wire``: the package's runtime (codec, record base)."""
        self.runtime.need(".", WIRE_RUNTIME)

    def _type_param_notes(
        self, params: tuple[ir.TypeParam, ...], kept: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Python 3.11 TypeVars take no defaults, and bounds would clash between
        definitions sharing a TypeVar: both are documented, not enforced. A
        parameter that no Python member uses any more is not declared at all."""
        notes = []
        for param in params:
            if param.name not in kept:
                notes.append(f"Type parameter {param.name}: unused once degraded, so not declared.")
                continue
            parts = [
                f"{label} `{self.py.ts.type(expr)}`"
                for label, expr in (("extends", param.constraint), ("default", param.default))
                if expr is not None
            ]
            if parts:
                notes.append(
                    f"Type parameter {param.name}: TypeScript {', '.join(parts)} (not enforced)."
                )
        return tuple(notes)

    def _generic(self, definition: ir.Interface, base: str) -> str | None:
        """``Generic[...]`` / ``Protocol[...]`` over the parameters Python keeps."""
        params = self.py.kept_params(definition)
        if not params:
            return None
        for name in params:
            self.annotations.typevar(name)
        self.need("typing", base)
        return f"{self.spell(base)}[{', '.join(params)}]"

    # -- data classes

    def _dataclass(self, interface: ir.Interface) -> DataClassView:
        name = self.py.class_name(interface.name)
        properties = self.py.all_properties(interface)
        names = attribute_names(
            [p.wire_name for p in properties], self.reserved, model=self.module.wire
        )
        fields = [self._field(p, names[p.wire_name]) for p in properties]
        own = {p.wire_name for p in interface.properties}
        bases = [self.runtime_type(b) for b in interface.extends]
        if not bases:  # a data class's bases are data classes, which have the codec already
            bases.append(f"{WIRE_RUNTIME}.Record")
        generic = self._generic(interface, "Generic")
        self.need("dataclasses", "dataclass")
        self.need_wire()
        if any(f.default and f.default.startswith("field(") for f in fields):
            self.need("dataclasses", "field")
        self.exports.append(name)
        return DataClassView(
            name=name,
            bases=tuple(bases) + ((generic,) if generic else ()),
            description=interface.description,
            notes=self._type_param_notes(interface.type_params, self.py.kept_params(interface)),
            fields=tuple(f for f in fields if f.wire in own),
            codec_fields=tuple(fields),
        )

    def _field(self, prop: ir.Property, name: str) -> FieldView:
        annotation, notes = self.annotate(prop.type)
        usage = Usage()
        codec = Codecs(self.py, self.module.name, usage).codec(prop.type)
        presence = self._presence(prop)
        arguments = _row_arguments(prop.wire_name, name, codec)
        row = call(f"{WIRE_RUNTIME}.{presence}", arguments, 8, ",")
        if presence != "required" and isinstance(prop.default, ir.Missing):
            annotation = optional(annotation)
        return FieldView(
            name=name,
            wire=prop.wire_name,
            annotation=annotation,
            default=_field_default(prop),
            description=prop.description,
            notes=notes + tuple(usage.notes),
            row=row,
            presence=presence,
        )

    def _presence(self, prop: ir.Property) -> str:
        """The row's kind (``_wire.required``, ``optional``, ``tracked``)."""
        if prop.required:
            return "required"
        if not isinstance(prop.default, ir.Missing):
            return "tracked"
        return "tracked" if admits_null(self.py, prop.type) else "optional"

    # -- protocols

    def _protocol(self, interface: ir.Interface) -> ProtocolView:
        name = self.py.class_name(interface.name)
        bases: list[str] = []
        inherited: list[ir.Property] = []
        for base in interface.extends:
            definition = self.py.definitions[base.target]
            if self.py.is_dataclass(definition) and isinstance(definition, ir.Interface):
                inherited += self.py.all_properties(
                    definition
                )  # a Protocol cannot subclass a class
            else:
                bases.append(self.runtime_type(base))
        generic = self._generic(interface, "Protocol")
        if generic is None:
            self.need("typing", "Protocol")
            generic = self.spell("Protocol")
        properties = [*inherited, *interface.properties]
        names = attribute_names(
            [p.wire_name for p in properties], self.reserved, model=self.module.wire
        )
        members = [self._member(p, names[p.wire_name]) for p in properties]
        methods = [view for m in interface.methods for view in self._method(m)]
        self.exports.append(name)
        return ProtocolView(
            name=name,
            bases=(*bases, generic),
            description=interface.description,
            notes=self._type_param_notes(interface.type_params, self.py.kept_params(interface)),
            members=tuple(members),
            methods=tuple(methods),
        )

    def _member(self, prop: ir.Property, name: str) -> MemberView:
        """A protocol attribute; an optional member is an attribute that may be None."""
        annotation, notes = self.annotate(prop.type)
        return MemberView(
            name, annotation if prop.required else optional(annotation), prop.description, notes
        )

    def _method(self, method: ir.Method) -> list[MethodView]:
        """Overloads narrowest first (fewest optional parameters): Python picks the
        first match, and mypy refuses an overload that an earlier one shadows."""
        name = python_identifier(method.name)
        overloads = sorted(method.overloads, key=lambda s: sum(p.optional for p in s.params))
        if len(overloads) > 1:
            self.need("typing", "overload")
        return [self._signature(name, s, overload=len(overloads) > 1) for s in overloads]

    def _signature(self, name: str, signature: ir.Signature, *, overload: bool) -> MethodView:
        usage = Usage()
        param_names = attribute_names(
            [p.name for p in signature.params], frozenset({"self"}), model=False
        )
        params = ["self"]
        for param in signature.params:
            text = TypeText(self.py, self.module.name, usage).type(param.type)
            declared = f"{param_names[param.name]}: {optional(text) if param.optional else text}"
            params.append(declared + (" = None" if param.optional else ""))
        subst = self._unbound(signature, usage)
        returns = TypeText(self.py, self.module.name, usage, subst).type(signature.returns)
        self.annotations.merge(usage)
        return MethodView(
            name,
            signature.is_async,
            tuple(params),
            returns,
            signature.description,
            tuple(usage.notes),
            overload,
        )

    @staticmethod
    def _unbound(signature: ir.Signature, usage: Usage) -> dict[str, ir.TypeExpr]:
        """Type parameters no argument mentions: TypeScript lets a caller pick them
        (``invoke<T>()``); Python cannot, and mypy rejects a bare TypeVar that only
        the return type uses. They become their default (else Any)."""
        unbound = {
            p.name: p.default or ir.Unknown()
            for p in signature.type_params
            if p.name not in usage.typevars
        }
        if unbound:
            usage.note(
                f"{', '.join(unbound)}: chosen by the caller in TypeScript;"
                " here its default (Any if none)."
            )
        return unbound


def _row_arguments(wire: str, attribute: str, codec: str | None) -> list[str]:
    """``"wire", "attribute", codec``; the attribute only where it differs from the
    wire name (``_wire.required("id")``), the codec only where there is one."""
    arguments = [py_literal(wire)]
    if attribute != wire:
        arguments.append(py_literal(attribute))
    if codec:
        arguments.append(codec if attribute != wire else f"codec={codec}")
    return arguments


def _field_default(prop: ir.Property) -> str | None:
    """The dataclass default: the schema default (a factory for a list or dict), a
    required constant's own value (so a tag need not be passed), None if optional."""
    default = prop.default
    if isinstance(default, ir.Missing):
        if prop.required:
            return py_literal(prop.type.value) if isinstance(prop.type, ir.LiteralType) else None
        return "None"
    if isinstance(default, list | dict):
        if not default:
            return f"field(default_factory={type(default).__name__})"
        return f"field(default_factory=lambda: {py_literal(default)})"
    return py_literal(default)


def _native_heads(py: PyContract, module: ir.Module) -> frozenset[str]:
    """Modules the generated module imports for native names (``datetime``):
    an attribute of that name would shadow the import inside its class."""
    heads = set()
    for definition in py.types[module.name]:
        for top in ir.definition_types(definition):
            for expr in ir.walk(top):
                if isinstance(expr, ir.NativeType) and "." in expr.python.name:
                    heads.add(expr.python.name.split(".")[0])
    return frozenset(heads)


def _runtime_order(definitions: tuple[ir.TypeDef, ...]) -> list[ir.TypeDef]:
    """Schema order, except that a definition follows the same-module definitions
    it needs when the module runs: its base classes and, for an alias, every name
    in its value (``YieldInfo`` is written before ``SleepYield`` in the schema)."""
    return dependency_first(definitions, lambda d: d.name, runtime_needs)
