"""The intermediate representation: what every target sees, and all it sees.

Frozen dataclasses, tagged by class. Wire names (the keys that travel) are kept
exactly as written in the schema; each target derives its own language names
from them through :mod:`ironflow_gen.naming`. Nothing here knows about YAML or
about any output language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from .diagnostics import Position

JsonScalar = str | int | float | bool | None
JsonValue = JsonScalar | list["JsonValue"] | dict[str, "JsonValue"]

_NOWHERE = Position("<generated>")


class Missing:
    """The absence of a default (``None`` is a valid JSON default)."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Constraints:
    """JSON Schema validation keywords of a scalar or array, kept for validators and docs."""

    format: str | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: int | float | None = None
    exclusive_maximum: int | float | None = None
    min_items: int | None = None
    max_items: int | None = None


PrimitiveName = TypingLiteral["string", "number", "integer", "boolean", "null"]


@dataclass(frozen=True)
class Primitive:
    name: PrimitiveName
    constraints: Constraints = Constraints()


@dataclass(frozen=True)
class Unknown:
    """Any JSON value (TypeScript ``unknown``)."""


@dataclass(frozen=True)
class Void:
    """No value: the return type of a procedure."""


@dataclass(frozen=True)
class LiteralType:
    value: JsonScalar


@dataclass(frozen=True)
class EnumType:
    values: tuple[str, ...]


@dataclass(frozen=True)
class ArrayType:
    items: TypeExpr
    constraints: Constraints = Constraints()


@dataclass(frozen=True)
class MapType:
    values: TypeExpr


@dataclass(frozen=True)
class ObjectType:
    """An inline object type (a type literal)."""

    properties: tuple[Property, ...]
    additional: Additional = True


@dataclass(frozen=True)
class TypeName:
    """A named definition: the module (schema file stem) and the name in it."""

    module: str
    name: str

    def __str__(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass(frozen=True)
class RefType:
    target: TypeName
    args: tuple[TypeExpr, ...] = ()


@dataclass(frozen=True)
class TypeParamRef:
    name: str


@dataclass(frozen=True)
class UnionType:
    """``anyOf``; ``exclusive`` for a ``oneOf`` whose members may overlap (exactly one
    must match: a validator has to count). A ``oneOf`` of members that exclude each
    other (by JSON type, by literal value, or discriminated) is an ordinary union."""

    members: tuple[TypeExpr, ...]
    discriminator: str | None = None
    exclusive: bool = False


@dataclass(frozen=True)
class IntersectionType:
    members: tuple[TypeExpr, ...]


@dataclass(frozen=True)
class FunctionType:
    signature: Signature


@dataclass(frozen=True)
class PromiseType:
    inner: TypeExpr


# ------------------------------------------------------- JSON Schema assertions
# What JSON Schema says of a value that no static type says: a validator judges the
# value as received, before its type's own validation (``Checked``). Each assertion
# applies to values of its JSON type and lets every other value through.


@dataclass(frozen=True)
class Not:
    """``not``: the value is not valid for ``expr``."""

    expr: TypeExpr


@dataclass(frozen=True)
class MultipleOf:
    """``multipleOf``: a number divided by ``factor`` is an integer."""

    factor: int | float


@dataclass(frozen=True)
class UniqueItems:
    """``uniqueItems: true``: no two items are equal as JSON."""


@dataclass(frozen=True)
class Contains:
    """``contains`` with ``minContains``/``maxContains``: how many items are ``expr``."""

    expr: TypeExpr
    min: int = 1
    max: int | None = None


@dataclass(frozen=True)
class PrefixItems:
    """``prefixItems`` (a tuple) and ``items`` beside it: every item after the prefix
    is ``rest`` (True: any value; False: none may follow)."""

    items: tuple[TypeExpr, ...]
    rest: Additional = True


@dataclass(frozen=True)
class PropertyCount:
    """``minProperties``/``maxProperties``."""

    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class DependentRequired:
    """``dependentRequired``: when a key is present, these keys are too."""

    needs: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class DependentSchemas:
    """``dependentSchemas``: when a key is present, the whole object is that type."""

    schemas: tuple[tuple[str, TypeExpr], ...]


@dataclass(frozen=True)
class PropertyNames:
    """``propertyNames``: every key (a string) is valid for ``expr``."""

    expr: TypeExpr


@dataclass(frozen=True)
class PatternProperties:
    """``patternProperties``: a value whose key matches a pattern (searched, ECMA-262)
    is of that pattern's type; with ``additionalProperties`` beside it, a key that no
    pattern matches and that ``named`` does not hold is ``additional``."""

    patterns: tuple[tuple[str, TypeExpr], ...]
    additional: Additional = True
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class IfThenElse:
    """``if``/``then``/``else``: a value valid for ``condition`` is ``then``, any other
    is ``otherwise`` (None: no constraint)."""

    condition: TypeExpr
    then: TypeExpr | None = None
    otherwise: TypeExpr | None = None


@dataclass(frozen=True)
class AnyValueOf:
    """``const``/``enum`` of values a literal type cannot hold (arrays, objects): the
    value equals one of ``values`` as JSON (``1`` is ``1.0``, ``true`` is not ``1``,
    key order does not matter)."""

    values: tuple[JsonValue, ...]


@dataclass(frozen=True)
class Evaluation:
    """What a schema evaluates of a value, for ``unevaluated*``: property names and
    patterns, a tuple prefix, the items a ``contains`` matches, or everything (``all``);
    and what each branch evaluates when its ``condition`` accepts the value (an
    ``anyOf``/``oneOf`` member, ``if`` then ``then`` or ``else``, a ``dependentSchemas``
    entry)."""

    names: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    prefix: int = 0
    contains: tuple[TypeExpr, ...] = ()
    all: bool = False
    branches: tuple[tuple[TypeExpr, Evaluation], ...] = ()

    def types(self) -> Iterator[TypeExpr]:
        yield from self.contains
        for condition, inner in self.branches:
            yield condition
            yield from inner.types()

    def mapped(self, function: Callable[[TypeExpr], TypeExpr]) -> Evaluation:
        return Evaluation(
            self.names,
            self.patterns,
            self.prefix,
            tuple(function(t) for t in self.contains),
            self.all,
            tuple((function(c), inner.mapped(function)) for c, inner in self.branches),
        )


@dataclass(frozen=True)
class Unevaluated:
    """``unevaluatedProperties`` (or, with ``items``, ``unevaluatedItems``) where what
    is evaluated depends on the value: every key (item) ``evaluation`` leaves for this
    value is ``schema``."""

    evaluation: Evaluation
    schema: Additional
    items: bool = False


Check = (
    Not
    | MultipleOf
    | UniqueItems
    | Contains
    | PrefixItems
    | PropertyCount
    | DependentRequired
    | DependentSchemas
    | PropertyNames
    | PatternProperties
    | IfThenElse
    | AnyValueOf
    | Unevaluated
)


@dataclass(frozen=True)
class Checked:
    """A type and the JSON Schema assertions beside it. Static types say ``base``
    (they may be wider than the validators, which judge ``checks`` as well)."""

    base: TypeExpr
    checks: tuple[Check, ...]


def check_types(check: Check) -> tuple[TypeExpr, ...]:
    """The type expressions inside an assertion, in a fixed order (``map_check``'s)."""
    match check:
        case Not(expr=expr) | PropertyNames(expr=expr) | Contains(expr=expr):
            return (expr,)
        case PrefixItems(items=items, rest=rest):
            return (*items, *(() if isinstance(rest, bool) else (rest,)))
        case DependentSchemas(schemas=schemas):
            return tuple(t for _, t in schemas)
        case PatternProperties(patterns=patterns, additional=additional):
            extra = () if isinstance(additional, bool) else (additional,)
            return (*(t for _, t in patterns), *extra)
        case IfThenElse(condition=condition, then=then, otherwise=otherwise):
            return tuple(t for t in (condition, then, otherwise) if t is not None)
        case Unevaluated(evaluation=evaluation, schema=schema):
            return (*(() if isinstance(schema, bool) else (schema,)), *evaluation.types())
    return ()


def map_check(check: Check, function: Callable[[TypeExpr], TypeExpr]) -> Check:
    """The assertion with ``function`` applied to each type expression inside it."""
    match check:
        case Not(expr=expr):
            return Not(function(expr))
        case PropertyNames(expr=expr):
            return PropertyNames(function(expr))
        case Contains(expr=expr, min=low, max=high):
            return Contains(function(expr), low, high)
        case PrefixItems(items=items, rest=rest):
            return PrefixItems(
                tuple(function(t) for t in items),
                rest if isinstance(rest, bool) else function(rest),
            )
        case DependentSchemas(schemas=schemas):
            return DependentSchemas(tuple((k, function(t)) for k, t in schemas))
        case PatternProperties(patterns=patterns, additional=additional, named=named):
            return PatternProperties(
                tuple((p, function(t)) for p, t in patterns),
                additional if isinstance(additional, bool) else function(additional),
                named,
            )
        case IfThenElse(condition=condition, then=then, otherwise=otherwise):
            return IfThenElse(
                function(condition),
                None if then is None else function(then),
                None if otherwise is None else function(otherwise),
            )
        case Unevaluated(evaluation=evaluation, schema=schema, items=items):
            mapped = schema if isinstance(schema, bool) else function(schema)
            return Unevaluated(evaluation.mapped(function), mapped, items)
    return check


@dataclass(frozen=True)
class NativeName:
    """A per-language type name: a dotted identifier, never raw code."""

    name: str
    module: str | None = None  # TypeScript: npm module to import the first segment from


@dataclass(frozen=True)
class NativeType:
    typescript: NativeName
    python: NativeName


@dataclass(frozen=True)
class MappedType:
    key: str
    over: TypeExpr
    value: TypeExpr


@dataclass(frozen=True)
class IndexedType:
    object: TypeExpr
    index: TypeExpr


TypeExpr = (
    Primitive
    | Unknown
    | Void
    | LiteralType
    | EnumType
    | ArrayType
    | MapType
    | ObjectType
    | RefType
    | TypeParamRef
    | UnionType
    | IntersectionType
    | FunctionType
    | PromiseType
    | NativeType
    | MappedType
    | IndexedType
    | Checked
)

# What an object says of keys its ``properties`` do not name (``additionalProperties``):
# True any value (open), False none (closed), else every such value is of that type.
Additional = TypeExpr | bool


@dataclass(frozen=True)
class Property:
    wire_name: str
    type: TypeExpr
    required: bool
    description: str = ""
    readonly: bool = False
    default: JsonValue | Missing = MISSING
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class TypeParam:
    name: str
    constraint: TypeExpr | None = None
    default: TypeExpr | None = None


@dataclass(frozen=True)
class Param:
    name: str
    type: TypeExpr
    optional: bool = False
    description: str = ""


@dataclass(frozen=True)
class Signature:
    params: tuple[Param, ...]
    returns: TypeExpr
    is_async: bool = False
    type_params: tuple[TypeParam, ...] = ()
    description: str = ""

    @property
    def result(self) -> TypeExpr:
        """The type a caller gets back: ``Promise<returns>`` for an async signature."""
        return PromiseType(self.returns) if self.is_async else self.returns


@dataclass(frozen=True)
class Method:
    name: str
    overloads: tuple[Signature, ...]
    position: Position = field(default=_NOWHERE, compare=False)


# ---------------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Interface:
    name: TypeName
    properties: tuple[Property, ...]
    description: str = ""
    type_params: tuple[TypeParam, ...] = ()
    extends: tuple[RefType, ...] = ()
    methods: tuple[Method, ...] = ()
    examples: tuple[JsonValue, ...] = ()
    position: Position = field(default=_NOWHERE, compare=False)
    additional: Additional = True

    @property
    def is_data(self) -> bool:
        """Plain data travels on the wire; an interface with methods or functions does not."""
        return not self.methods and not any(_contains_function(p.type) for p in self.properties)


@dataclass(frozen=True)
class Alias:
    name: TypeName
    type: TypeExpr
    description: str = ""
    type_params: tuple[TypeParam, ...] = ()
    examples: tuple[JsonValue, ...] = ()
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Brand:
    """A nominal ID type over a primitive, with a zero-cost factory."""

    name: TypeName
    base: Primitive
    factory: str
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)


TypeDef = Interface | Alias | Brand


@dataclass(frozen=True)
class TemplateText:
    text: str


@dataclass(frozen=True)
class Placeholder:
    name: str  # a parameter, a constant, or `CONSTANT.KEY`


Segment = TemplateText | Placeholder


@dataclass(frozen=True)
class Template:
    segments: tuple[Segment, ...]

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.segments if isinstance(s, Placeholder))


@dataclass(frozen=True)
class MessagePart:
    template: Template
    when: str | None = None  # shown only when this parameter is set


@dataclass(frozen=True)
class ErrorParam:
    name: str
    type: TypeExpr
    optional: bool = False
    in_options: bool = False
    default: str | None = None
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class ErrorField:
    name: str
    type: TypeExpr
    optional: bool = False
    value: Template | None = None  # computed from parameters instead of passed
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class ErrorClass:
    name: TypeName
    parent: TypeName | None
    code: str
    retryable: bool
    description: str = ""
    overridable: tuple[str, ...] = ()
    params: tuple[ErrorParam, ...] = ()
    fields: tuple[ErrorField, ...] = ()
    details: tuple[str, ...] = ()
    message: tuple[MessagePart, ...] = ()  # empty: the `message` parameter as given
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class ConstRef:
    name: str
    key: str | None = None


ConstValue = JsonScalar | ConstRef | Template


@dataclass(frozen=True)
class ConstEntry:
    key: str
    value: ConstValue
    description: str = ""


@dataclass(frozen=True)
class Constant:
    name: str
    value: ConstValue
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class ConstantGroup:
    name: str
    entries: tuple[ConstEntry, ...]
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)


ConstantDef = Constant | ConstantGroup


@dataclass(frozen=True)
class Pattern:
    name: str
    template: Template
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.template.placeholders))


@dataclass(frozen=True)
class Helper:
    name: str
    description: str = ""
    position: Position = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Module:
    name: str
    file: str
    title: str
    description: str = ""
    wire: bool = False
    types: tuple[TypeDef, ...] = ()
    errors: tuple[ErrorClass, ...] = ()
    constants: tuple[ConstantDef, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    helpers: tuple[Helper, ...] = ()
    position: Position = field(default=_NOWHERE, compare=False)  # the file itself


@dataclass(frozen=True)
class Contract:
    name: str
    version: str
    description: str
    python_distribution: str
    python_package: str
    modules: tuple[Module, ...]
    wire_prefix: str = ""  # prefix of wire-message type names in every language
    npm_exports: tuple[str, ...] = ()  # modules also exported as npm sub-paths
    python_alias_prefix: str = ""  # <prefix><Name> for error classes named like builtins
    position: Position = field(default=_NOWHERE, compare=False)  # its `x-contract`

    def type_def(self, name: TypeName) -> TypeDef:
        for module in self.modules:
            if module.name == name.module:
                for definition in module.types:
                    if definition.name == name:
                        return definition
        raise KeyError(str(name))

    @property
    def all_types(self) -> tuple[TypeDef, ...]:
        return tuple(t for m in self.modules for t in m.types)

    @property
    def all_errors(self) -> tuple[ErrorClass, ...]:
        return tuple(e for m in self.modules for e in m.errors)


def _contains_function(expr: TypeExpr) -> bool:
    """Whether a value of this type holds code, which no wire format carries."""
    match expr:
        case FunctionType() | PromiseType():
            return True
        case ArrayType(items=inner) | MapType(values=inner):
            return _contains_function(inner)
        case UnionType(members=members) | IntersectionType(members=members):
            return any(_contains_function(m) for m in members)
        case ObjectType(properties=properties):
            return any(_contains_function(p.type) for p in properties)
        case Checked(base=base):
            return _contains_function(base)
    return False


def walk(expr: TypeExpr, skip: Callable[[TypeExpr], bool] | None = None) -> Iterator[TypeExpr]:
    """The expression and every expression inside it, depth first; an expression
    that ``skip`` names is left out with everything inside it."""
    if skip is not None and skip(expr):
        return
    yield expr
    for child in _children(expr):
        yield from walk(child, skip)


def _children(expr: TypeExpr) -> Iterator[TypeExpr]:
    match expr:
        case ArrayType(items=inner) | MapType(values=inner) | PromiseType(inner=inner):
            yield inner
        case ObjectType() | Checked():
            yield from _json_schema_children(expr)
        case RefType(args=args):
            yield from args
        case UnionType(members=members) | IntersectionType(members=members):
            yield from members
        case FunctionType(signature=signature):
            yield from signature_types(signature)
        case MappedType(over=over, value=value):
            yield over
            yield value
        case IndexedType(object=obj, index=index):
            yield obj
            yield index


def _json_schema_children(expr: ObjectType | Checked) -> Iterator[TypeExpr]:
    if isinstance(expr, ObjectType):
        yield from (p.type for p in expr.properties)
        if not isinstance(expr.additional, bool):
            yield expr.additional
    else:
        yield expr.base
        for check in expr.checks:
            yield from check_types(check)


def signature_types(signature: Signature) -> Iterator[TypeExpr]:
    yield from type_param_types(signature.type_params)
    yield from (p.type for p in signature.params)
    yield signature.returns


def type_param_types(params: tuple[TypeParam, ...]) -> Iterator[TypeExpr]:
    for param in params:
        yield from (t for t in (param.constraint, param.default) if t is not None)


def definition_types(definition: TypeDef) -> Iterator[TypeExpr]:
    """Every top-level type expression a definition uses."""
    if isinstance(definition, Interface):
        yield from type_param_types(definition.type_params)
        yield from definition.extends
        yield from (p.type for p in definition.properties)
        if not isinstance(definition.additional, bool):
            yield definition.additional
        for method in definition.methods:
            for signature in method.overloads:
                yield from signature_types(signature)
    elif isinstance(definition, Alias):
        yield from type_param_types(definition.type_params)
        yield definition.type
    else:
        yield definition.base


def constant_dependencies(constant: ConstantDef) -> Iterator[str]:
    """The names of the constants a constant's value is derived from."""
    values = (
        [e.value for e in constant.entries]
        if isinstance(constant, ConstantGroup)
        else [constant.value]
    )
    for value in values:
        if isinstance(value, ConstRef):
            yield value.name
        elif isinstance(value, Template):
            yield from (p.partition(".")[0] for p in value.placeholders)
