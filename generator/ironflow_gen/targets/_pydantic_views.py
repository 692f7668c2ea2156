"""View models of the ``pydantic`` target: one class per wire type, names final.

Names come from the one Python mapping (``_python_types``): the class of a wire
type is the dataclass's name (``ValidatedPushRequest``), an inline object is the
class the dataclass target lifted it into (``ValidatedRunResponseError``), and an
attribute is the dataclass's attribute for that wire name. What differs is what a
validator adds to a type: strictness, constraints and zod's wire rules, written as
annotations that pydantic-core evaluates (``ModelTypes``). Templates under
``templates/pydantic/`` only lay the views out.

The annotation of each rule, and why it is what zod does (``ZodSchemas`` in
``typescript.py`` is the reference):

* ``string`` / ``boolean`` / ``number``: strict (``1`` is not a string), numbers
  finite (``allow_inf_nan=False``: JSON's ``1e400`` is JavaScript's Infinity, which
  ``z.number()`` refuses); ``min``/``max``/``gt``/``lt`` as ``Field`` constraints.
* ``integer``: ``_Int``: an integer, or a float with no fraction (``2.0``: JavaScript
  has one number type), within +/-(2**53-1) (``.int()`` is a safe integer).
* literals: ``_Exact`` compares by type and value (``Literal[False]`` alone takes
  ``0``; ``z.literal`` uses ``===``); a string literal or enum is a plain ``Literal``.
* maps: ``_Record``: a ``__proto__`` key is skipped, as ``z.record`` skips it.
* unions: left to right (``z.union`` takes the first member that accepts);
  a discriminated union dispatches on its tag (``Field(discriminator=...)``).
* constrained strings: ``_Text``. Lengths count code points (JSON Schema; the zod
  target counts them too) and a JavaScript string may hold a lone surrogate, which
  pydantic-core's constraints cannot read; pydantic-core checks what it can, and
  only a string it refuses is judged again, exactly, in Python.
* array lengths: ``Field(min_length, max_length)`` (zod: ``.min``/``.max``).
* ``allOf`` and a ``oneOf`` whose members may overlap: ``_AllOf`` / ``_OneOf``, each
  member judged in Python (only where a contract uses one).
* ``additionalProperties``: ``extra="forbid"`` (closed) or ``__pydantic_extra__``.
* other JSON Schema assertions (``not``, ``multipleOf``, ``prefixItems``, ...): a
  ``_Check`` per keyword, judging the value as received, before the type
  (zod: ``jsChecked([...]).pipe(type)``), only where a contract uses one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import ir
from ..ecma_regex import to_python
from ..escaping import py_literal
from ..ordering import dependency_first
from ._python_layout import LINE_LENGTH, call, split_top_level, subscript
from ._python_types import PyContract, attribute_names
from ._python_views import ModuleBuilder

INDENT = "    "

# Names models.py binds itself (imports and its runtime section): a bare alias of a
# wire type (``PushRequest``) never takes one of them.
MODULE_NAMES = frozenset(
    {
        "Annotated", "Any", "ClassVar", "Literal", "Self", "TYPE_CHECKING", "MISSING",
        "BaseModel", "ConfigDict", "Field", "GetCoreSchemaHandler", "RootModel",
        "ValidationError", "copy", "core_schema", "dataclass", "json", "annotations",
        "TypeAdapter", "Fraction", "model_validator",
    }
)  # fmt: skip


@dataclass(frozen=True)
class FieldView:
    """``name: Annotated[base, *metadata] = default``, laid out as black would."""

    name: str
    base: str
    metadata: tuple[str, ...]
    default: str | None  # None: required
    description: str

    @property
    def annotation(self) -> str:
        return (
            f"Annotated[{', '.join((self.base, *self.metadata))}]" if self.metadata else self.base
        )

    @property
    def lines(self) -> tuple[str, ...]:
        return field_lines(self.name, self.base, self.metadata, self.default)


@dataclass(frozen=True)
class ModelView:
    name: str
    description: str
    fields: tuple[FieldView, ...]
    extra: tuple[str, ...] = ()  # class lines for keys other than the fields
    base: str = "_WireModel"
    kind: str = "model"


@dataclass(frozen=True)
class RootView:
    name: str
    description: str
    root: FieldView
    kind: str = "root"


ClassView = ModelView | RootView


@dataclass(frozen=True)
class ModelsView:
    classes: tuple[ClassView, ...]
    aliases: tuple[tuple[str, str], ...]  # (bare wire type name, class name)


def models_view(py: PyContract) -> ModelsView:
    """Every wire type of the contract (and the inline objects lifted out of them),
    dependency first, so that a root model's base class exists when it is created."""
    definitions: list[tuple[ir.TypeDef, ModuleBuilder]] = []
    for module in (m for m in py.contract.modules if m.wire):
        builder = ModuleBuilder(py, module)
        definitions += [(d, builder) for d in py.types[module.name]]
    by_name = {d.name: (d, b) for d, b in definitions}
    ordered = dependency_first(by_name.values(), lambda item: item[0].name, _refs)
    types = ModelTypes(py)
    classes = tuple(types.class_view(d, b.reserved) for d, b in ordered)
    taken = {c.name for c in classes} | MODULE_NAMES
    aliases = tuple(
        (d.name.name, py.class_name(d.name))
        for d, _ in definitions
        if d.name not in py.synthesized and d.name.name not in taken
    )
    return ModelsView(classes, aliases)


def _refs(item: tuple[ir.TypeDef, ModuleBuilder]) -> Iterator[ir.TypeName]:
    for top in ir.definition_types(item[0]):
        yield from (e.target for e in ir.walk(top) if isinstance(e, ir.RefType))


class ModelTypes:
    """Type expressions as validating annotations (the rules in the module doc)."""

    def __init__(self, py: PyContract) -> None:
        self.py = py

    # -- classes

    def class_view(self, definition: ir.TypeDef, reserved: frozenset[str]) -> ClassView:
        name = self.py.class_name(definition.name)
        if isinstance(definition, ir.Interface):
            properties = self.py.all_properties(definition)
            names = attribute_names([p.wire_name for p in properties], reserved)
            fields = tuple(self.field(p, names[p.wire_name]) for p in properties)
            base = "_WireModel" if isinstance(definition.additional, bool) else "_OpenWireModel"
            return ModelView(name, definition.description, fields, self._extra(definition), base)
        expr = definition.type if isinstance(definition, ir.Alias) else definition.base
        base, metadata = self.parts(expr)
        return RootView(name, definition.description, FieldView("root", base, metadata, None, ""))

    def field(self, prop: ir.Property, name: str) -> FieldView:
        """Required: ``T``. Optional: ``T | MISSING`` (may be absent, never null unless
        T admits it; an absent field is not dumped). A default fills the output (zod's
        ``.default``); a nullable property with a default reads null as that default."""
        alias = [f"Field(alias={py_literal(prop.wire_name)})"] if name != prop.wire_name else []
        if not isinstance(prop.default, ir.Missing):
            base, null_means_default = _without_null(prop.type)
            if null_means_default:
                inner = self.type(base)
                metadata = [f"_NullMeans({py_literal(prop.default)})", *alias]
                default = _default(prop.default, base, self.type(base))
                return FieldView(name, inner, tuple(metadata), default, prop.description)
            annotation, own = self.parts(prop.type)
            default = _default(prop.default, prop.type, self.type(prop.type))
            return FieldView(name, annotation, (*own, *alias), default, prop.description)
        if prop.required:
            annotation, own = self.parts(prop.type)
            return FieldView(name, annotation, (*own, *alias), None, prop.description)
        return FieldView(
            name, f"{self.type(prop.type)} | MISSING", tuple(alias), "MISSING", prop.description
        )

    def parts(self, expr: ir.TypeExpr) -> tuple[str, tuple[str, ...]]:
        """A type as (base, metadata): ``Annotated[base, *metadata]`` is its annotation."""
        text = self.type(expr)
        if text.startswith("Annotated[") and text.endswith("]"):
            inner = split_top_level(text[len("Annotated[") : -1])
            if inner is not None:
                return inner[0], tuple(inner[1:])
        return text, ()

    def _extra(self, interface: ir.Interface) -> tuple[str, ...]:
        """The lines that say what keys other than the properties may hold: none (zod
        ``z.strictObject``), values of a type (``.catchall``); open objects say nothing."""
        if interface.additional is True:
            return ()
        if interface.additional is False:
            return ('model_config = ConfigDict(extra="forbid")',)
        extra = f"__pydantic_extra__: dict[str, {self.type(interface.additional)}]"
        return (f"{extra} = Field(init=False)",)  # in an _OpenWireModel

    # -- type expressions

    def type(self, expr: ir.TypeExpr) -> str:  # noqa: C901 - one case per IR kind
        match expr:
            case ir.Primitive():
                return self._primitive(expr)
            case ir.LiteralType(value=value):
                return _literal(value)
            case ir.EnumType(values=values):
                return f"Literal[{', '.join(py_literal(v) for v in values)}]"
            case ir.ArrayType(items=items, constraints=c):
                bounds = [
                    f"{key}={value}"
                    for key, value in (("min_length", c.min_items), ("max_length", c.max_items))
                    if value is not None
                ]
                items_text = f"list[{self.type(items)}]"
                return (
                    f"Annotated[{items_text}, Field({', '.join(bounds)})]" if bounds else items_text
                )
            case ir.MapType(values=values):
                return f"Annotated[dict[str, {self.type(values)}], _Record()]"
            case ir.RefType(target=target):
                return self.py.class_name(target)
            case ir.UnionType(members=members, exclusive=True):
                return self._members("_OneOf", members)
            case ir.UnionType():
                return self._union(expr)
            case ir.IntersectionType(members=members):
                return self._members("_AllOf", members)
            case ir.Checked(base=base, checks=checks):
                return f"Annotated[{self.type(base)}, {', '.join(self.check(c) for c in checks)}]"
        return "Any"

    def check(self, check: ir.Check) -> str:  # noqa: C901 - one case per assertion
        """A JSON Schema assertion as a runtime class (``_Check``) that judges the value
        as received; each type inside it is read when first needed (``lambda``)."""
        name = "_" + type(check).__name__
        match check:
            case ir.Not(expr=expr) | ir.PropertyNames(expr=expr):
                return f"{name}({self._lazy(expr)})"
            case ir.MultipleOf(factor=factor):
                return f"{name}({py_literal(factor)})"
            case ir.Contains(expr=expr, min=low, max=high):
                return f"{name}({self._lazy(expr)}, {low}, {high})"
            case ir.PrefixItems(items=items, rest=rest):
                prefix = _tuple([self._lazy(i) for i in items])
                return f"{name}({prefix}, {self._lazy(rest)})"
            case ir.PropertyCount(min=low, max=high):
                return f"{name}({low}, {high})"
            case ir.DependentRequired(needs=needs):
                return f"{name}({py_literal([[k, list(v)] for k, v in needs])})"
            case ir.DependentSchemas(schemas=schemas):
                pairs = _tuple([f"({py_literal(k)}, {self._lazy(t)})" for k, t in schemas])
                return f"{name}({pairs})"
            case ir.PatternProperties(patterns=patterns, additional=additional, named=named):
                pairs = _tuple(
                    [f"({py_literal(to_python(p))}, {self._lazy(t)})" for p, t in patterns]
                )
                others = f"{self._lazy(additional)}, {py_literal(list(named))}"
                return f"{name}({pairs}, {others})"
            case ir.IfThenElse(condition=condition, then=then, otherwise=otherwise):
                branches = [self._lazy(t) for t in (condition, then, otherwise)]
                return f"{name}({', '.join(branches)})"
            case ir.AnyValueOf(values=values):
                return f"{name}({py_literal(list(values))})"
            case ir.Unevaluated(evaluation=evaluation, schema=schema, items=items):
                described = self.evaluation(evaluation)
                return f"{name}({described}, {self._lazy(schema)}, {py_literal(items)})"
        return f"{name}()"  # UniqueItems

    def evaluation(self, e: ir.Evaluation) -> str:
        """An ``_Evaluation`` of the runtime section: what a schema evaluates."""
        branches = _tuple([f"({self._lazy(c)}, {self.evaluation(i)})" for c, i in e.branches])
        contains = _tuple([self._lazy(t) for t in e.contains])
        return (
            f"_Evaluation({py_literal(list(e.names))}, "
            f"{py_literal([to_python(p) for p in e.patterns])}, "
            f"{e.prefix}, {contains}, {py_literal(e.all)}, {branches})"
        )

    def _lazy(self, expr: ir.TypeExpr | bool | None) -> str:
        if expr is None or isinstance(expr, bool):
            return py_literal(expr)
        return f"lambda: {self.type(expr)}"

    def _members(self, combination: str, members: tuple[ir.TypeExpr, ...]) -> str:
        """A combination pydantic-core has no schema for, judged member by member in
        Python (only where a contract uses one); each member is read when first needed
        (``lambda``), so it may name a model defined further down."""
        inner = ", ".join(f"lambda: {self.type(m)}" for m in members)
        return f"Annotated[Any, {combination}({inner})]"

    def _primitive(self, expr: ir.Primitive) -> str:
        c = expr.constraints
        bounds = _bounds(c)
        if expr.name == "integer":
            return f"Annotated[int, _Int({', '.join(bounds)})]"
        if expr.name == "number":
            return f"Annotated[float, Field({', '.join(bounds)})]" if bounds else "float"
        if expr.name == "string":
            return self._string(c)
        return {"boolean": "bool", "null": "None"}[expr.name]

    @staticmethod
    def _string(c: ir.Constraints) -> str:
        bounds = [
            f"{key}={py_literal(value)}"
            for key, value in (
                ("min_length", c.min_length),
                ("max_length", c.max_length),
                ("pattern", None if c.pattern is None else to_python(c.pattern)),
            )
            if value is not None
        ]
        return f"Annotated[str, _Text({', '.join(bounds)})]" if bounds else "str"

    def _union(self, union: ir.UnionType) -> str:
        """Members in order, ``None`` last: it only takes null, which no other member
        turns into anything else, so its place never changes an output."""
        texts = list(dict.fromkeys(self.type(m) for m in union.members))
        texts = [t for t in texts if t != "None"] + [t for t in texts if t == "None"]
        text = " | ".join(texts)
        if union.discriminator is not None:
            return f"Annotated[{text}, Field(discriminator={py_literal(union.discriminator)})]"
        if sum(t != "None" for t in texts) <= 1:
            return text  # T | None: no choice between members
        return f'Annotated[{text}, Field(union_mode="left_to_right")]'


def _tuple(items: list[str]) -> str:
    """A tuple display as black keeps it (a trailing comma only for one item)."""
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def _bounds(c: ir.Constraints) -> list[str]:
    pairs = (
        ("ge", c.minimum),
        ("le", c.maximum),
        ("gt", c.exclusive_minimum),
        ("lt", c.exclusive_maximum),
    )
    return [f"{key}={py_literal(value)}" for key, value in pairs if value is not None]


def _literal(value: ir.JsonScalar) -> str:
    """``===`` semantics: a bool or number literal checks the type as well."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return f"Literal[{py_literal(value)}]"
    if isinstance(value, float) and not value.is_integer():
        return f"Annotated[float, _Exact({py_literal(value)})]"
    spelled = py_literal(int(value) if isinstance(value, float) else value)
    return f"Annotated[Literal[{spelled}], _Exact({spelled})]"


def _without_null(expr: ir.TypeExpr) -> tuple[ir.TypeExpr, bool]:
    """The non-null part of a nullable type, and whether it was nullable."""
    if isinstance(expr, ir.UnionType) and ir.Primitive("null") in expr.members:
        rest = tuple(m for m in expr.members if m != ir.Primitive("null"))
        return (rest[0] if len(rest) == 1 else ir.UnionType(rest)), True
    return expr, False


def field_lines(
    name: str, base: str, metadata: tuple[str, ...], default: str | None
) -> tuple[str, ...]:
    """A class attribute in black's layout: one line when it fits; else the annotation
    exploded (``layout``). What still does not fit is left to black (``pydantic.py``
    formats only such pieces)."""
    suffix = f" = {default}" if default is not None else ""
    annotation = f"Annotated[{', '.join((base, *metadata))}]" if metadata else base
    one = f"{INDENT}{name}: {annotation}{suffix}"
    if len(one) <= LINE_LENGTH:
        return (one,)
    if default is not None and not any(c in default for c in "([{,"):
        # black splits the right-hand side first: an atom default goes in parentheses
        head = f"{INDENT}{name}: {annotation} = ("
        if len(head) <= LINE_LENGTH and len(INDENT * 2 + default) <= LINE_LENGTH:
            return (head, f"{INDENT * 2}{default}", f"{INDENT})")
    members = split_top_level(annotation, " | ")
    if members and len(members) > 1 and len(INDENT * 2 + annotation) <= LINE_LENGTH:
        # else it parenthesises a union that fits on a line of its own
        return (f"{INDENT}{name}: (", INDENT * 2 + annotation, f"{INDENT}){suffix}")
    parts = subscript(annotation) if default is None and not metadata else None
    if parts is not None:  # ``root: Literal[...]``: split at its bracket
        head, items = f"{name}: {parts[0]}", parts[1]
        return tuple((INDENT + call(head, items, len(INDENT), brackets="[]")).split("\n"))
    lines = layout(annotation, INDENT)
    if len(lines) == 1:
        return (one,)
    if _annotated_elements(annotation) is None:  # a union: black parenthesises it
        return (f"{INDENT}{name}: (", *layout(annotation, INDENT * 2), f"{INDENT}){suffix}")
    return (f"{INDENT}{name}: {lines[0].lstrip()}", *lines[1:-1], f"{lines[-1]}{suffix}")


def layout(text: str, indent: str) -> list[str]:
    """An annotation as black lays it out at ``indent`` when it does not fit: an
    ``Annotated[...]`` one element per line with a trailing comma (black keeps such a
    "magic" comma, so the layout is stable), a union one member per line after ``|``.
    Anything else stays one line."""
    if len(indent + text) + 1 <= LINE_LENGTH:  # room for a trailing comma
        return [indent + text]
    elements = _annotated_elements(text)
    if elements is not None:
        inner = indent + INDENT
        lines = [f"{indent}Annotated["]
        for element in elements:
            element_lines = layout(element, inner)
            lines += [*element_lines[:-1], element_lines[-1] + ","]
        return [*lines, f"{indent}]"]
    members = split_top_level(text, " | ")
    if members is None or len(members) < 2:
        return [indent + text]
    rest = [f"{indent}| {member}" for member in members[1:]]
    if any(len(line) > LINE_LENGTH for line in rest):
        return [indent + text]  # left to black
    return [*layout(members[0], indent), *rest]


def _annotated_elements(text: str) -> list[str] | None:
    """The elements of a text that is one ``Annotated[...]``, else None."""
    if not (text.startswith("Annotated[") and text.endswith("]")):
        return None
    return split_top_level(text[len("Annotated[") : -1])  # None for "Annotated[a] | b[c]"


def _default(value: ir.JsonValue, of: ir.TypeExpr, class_name: str) -> str:
    """A field default; a list or dict through a factory (one copy per instance). A
    scalar default of a field typed by a model class (an enum, a root alias) is an
    instance of it, made on first use, so that the attribute is of its declared type
    and dumps without a warning. A list or dict stays the value as given, as zod's
    ``.default`` gives it: validating it would fill in defaults zod leaves out."""
    if isinstance(of, ir.RefType) and isinstance(value, str | int | float | bool):
        return f"Field(default_factory=lambda: {class_name}.model_validate({py_literal(value)}))"
    if isinstance(value, list | dict):
        return f"Field(default_factory=lambda: {py_literal(value)})"
    return py_literal(value)
