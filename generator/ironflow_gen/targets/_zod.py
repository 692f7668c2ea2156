"""Zod 4 validators of the wire messages, recursive and cyclic ones included.

A module's validators are ``const`` declarations, evaluated in order when the module
loads, so a validator can only use another that already exists. Three decisions
make every contract load, however its types refer to each other:

* **Order.** Validators come in dependency order over the strongly connected
  components of the reference graph; inside a cycle, a validator follows the ones
  it uses *eagerly* (outside an object property: union members, array items of an
  alias, intersections), so a cycle is cut at an object property where it can be.
* **Laziness where a validator may not exist yet.** A reference to a validator that
  is defined later in the module, or in another module of an import cycle (ES
  modules evaluate such a cycle in an order the importer picks), is deferred: inside
  an object, the property becomes a getter (zod 4's own way to write recursion);
  anywhere else it is ``z.lazy(() => ...)``.
* **Declared types on cycles.** TypeScript cannot infer the type of a validator whose
  initializer refers back to it (TS7022), and inferring a long cycle of them
  exhausts the compiler's stack. A validator on a cycle is therefore annotated,
  ``z.ZodType<ValidatedNode>``, with ``ValidatedNode`` written out as the type zod
  produces (defaults filled in, so such a property is required); every other
  validator keeps ``z.infer``, as the hand-written SDK does. Its initializer is
  passed through the generated ``declared<ValidatedNode>(...)``, which TypeScript
  checks against zod's core ``$ZodType<ValidatedNode>`` (the output type) instead of
  the whole ``z.ZodType`` interface: the same check of what the validator produces,
  for a fifth of the compiler's time and memory (about 140 compiler types per
  validator instead of 1,400).

A fourth keeps them fast, however wide the cycle: **no memoizer on recursion.**
zod 4.5+ installs a memoizer (so that a parse can follow reference cycles in its
input, which a JSON value never has) that walks a container's schema graph before its
first parse to learn whether the schema can re-enter itself. The walk is recursive and
does not remember an answer learnt through a getter nobody has resolved yet, so on a
wide cycle of validators it repeats exponentially (a payload that stops part-way
round a 200-type cycle took seconds; a 1,000-type cycle, minutes) or, once every
getter is resolved, overflows the stack (1,000 types). The memoizer attaches to
containers (objects, arrays, records) when they are constructed, so the containers of
a validator that reaches a cycle, built by its initializer or by its getters, are
built by the generated ``unmemoized`` helper (``_wire.ts``), which sets a memoizer
that does nothing for that synchronous call and puts the user's own back before it
returns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .. import ir
from ..escaping import literal
from ..naming import TS_WIRE_DECLARED, TS_WIRE_HELPER, WIRE_SCHEMA_SUFFIX
from ..ordering import dependency_first, on_cycles, reaching, strongly_connected

Ready = Callable[[ir.TypeName], bool]

# The generated helpers that build a validator without zod's memoizer and give one on
# a cycle its declared type, and their module (``_wire.ts``: no module of a contract
# can be named so, see the meta-schema).
UNMEMOIZED = TS_WIRE_HELPER
DECLARED = TS_WIRE_DECLARED
WIRE_HELPERS = "_wire"
DISCRIMINABLE = "z.core.$ZodTypeDiscriminable"


@dataclass(frozen=True)
class WireSchema:
    """One validator as the module template lays it out."""

    definition: ir.TypeDef
    schema_name: str  # NodeSchema
    type_name: str  # ValidatedNode
    initializer: str  # the zod expression
    declared_type: str | None  # the written-out type of a validator on a cycle, else None
    annotation: str | None  # the validator's declared type, with declared_type


def schema_name(name: ir.TypeName) -> str:
    return name.name + WIRE_SCHEMA_SUFFIX


class WirePlan:
    """Where each validator goes and which of its references must wait, for one
    contract (cycles and import cycles span modules)."""

    def __init__(self, contract: ir.Contract) -> None:
        self._definitions = {d.name: d for m in contract.modules if m.wire for d in m.types}
        graph = {name: set(refs(d)) for name, d in self._definitions.items()}
        self.cyclic = on_cycles(graph)
        # zod's memoizer walks everything a validator reaches (see the module docstring).
        self.unmemoized = reaching(graph, self.cyclic)
        self.discriminable = frozenset(
            m.target
            for d in self._definitions.values()
            for top in ir.definition_types(d)
            for e in ir.walk(top)
            if isinstance(e, ir.UnionType) and e.discriminator is not None
            for m in e.members
            if isinstance(m, ir.RefType)
        )
        modules = {
            m.name: {t.module for n in _names(m) for t in graph[n]} for m in contract.modules
        }
        module_components = strongly_connected(modules, lambda m: modules[m])
        self._module_component = {
            m: i for i, members in enumerate(module_components) for m in members
        }

    def builds_unmemoized(self, definition: ir.TypeDef) -> bool:
        """Whether the validator's containers are built with ``unmemoized``: it reaches
        a cycle, and builds a container (it is not only a union of other validators)."""
        return definition.name in self.unmemoized and builds_container(
            _top_expressions(definition, eager_only=False)
        )

    def helpers(self, module: ir.Module) -> tuple[str, ...]:
        """The helpers of ``_wire.ts`` that the module's validators use."""
        if not module.wire:
            return ()
        used = []
        if any(d.name in self.cyclic for d in module.types):
            used.append(DECLARED)
        if any(self.builds_unmemoized(d) for d in module.types):
            used.append(UNMEMOIZED)
        return tuple(used)

    def order(self, module: ir.Module) -> list[ir.TypeDef]:
        """Dependencies first by component; inside a component, eager uses first."""
        local = {d.name: d for d in module.types}
        graph = {n: [t for t in refs(d) if t in local] for n, d in local.items()}
        ordered: list[ir.TypeDef] = []
        for members in strongly_connected(graph, lambda n: graph[n]):
            ordered += _eager_first([local[n] for n in members])
        return ordered

    def ready(self, module: str, defined: set[ir.TypeName]) -> Ready:
        """Whether a validator certainly exists when a statement of ``module`` runs
        after ``defined``: defined before it in this module, or in a module that is
        fully loaded first (one that is not in an import cycle with this one)."""

        def is_ready(target: ir.TypeName) -> bool:
            if target.module == module:
                return target in defined
            return self._module_component.get(target.module) != self._module_component.get(module)

        return is_ready


def _eager_first(component: list[ir.TypeDef]) -> list[ir.TypeDef]:
    """A cycle's definitions, each after those it uses eagerly (where it can be)."""
    inside = {d.name for d in component}
    return dependency_first(
        component,
        lambda d: d.name,
        lambda d: (t for t in refs(d, eager_only=True) if t in inside),
    )


def refs(definition: ir.TypeDef, *, eager_only: bool = False) -> Iterator[ir.TypeName]:
    """The types a definition refers to; with ``eager_only``, only the references
    evaluated when its validator is built (not those inside an object property)."""
    for top in _top_expressions(definition, eager_only):
        for expr in ir.walk(top, _is_object if eager_only else None):
            if isinstance(expr, ir.RefType):
                yield expr.target


def _top_expressions(definition: ir.TypeDef, eager_only: bool) -> Iterable[ir.TypeExpr]:
    if isinstance(definition, ir.Interface):  # an object with these properties
        if eager_only:
            return ()
        return [ir.ObjectType(definition.properties, definition.additional)]
    if isinstance(definition, ir.Alias):
        return [definition.type]
    return [definition.base]


def builds_container(exprs: Iterable[ir.TypeExpr]) -> bool:
    """Whether zod builds an object, array or record for these expressions (the schemas
    its memoizer attaches to); a reference is another validator, built already."""
    containers = (ir.ObjectType, ir.ArrayType, ir.MapType)
    return any(isinstance(e, containers) for top in exprs for e in ir.walk(top))


def _is_object(expr: ir.TypeExpr) -> bool:
    return isinstance(expr, ir.ObjectType)


def _names(module: ir.Module) -> Iterator[ir.TypeName]:
    return (d.name for d in module.types) if module.wire else iter(())


class ZodSchemas:
    """Zod expressions of wire types; ``ready`` says which references must wait, and
    ``unmemoized`` whether a getter builds its schema without zod's memoizer."""

    def __init__(
        self, ready: Ready, property_name: Callable[[str], str], *, unmemoized: bool = False
    ) -> None:
        self._ready = ready
        self._property_name = property_name
        self._unmemoized = unmemoized

    def definition(self, definition: ir.TypeDef) -> str:
        if isinstance(definition, ir.Interface):
            return self.object(definition.properties, definition.additional)
        if isinstance(definition, ir.Alias):
            return self.zod(definition.type)
        return self.zod(definition.base)

    def zod(self, expr: ir.TypeExpr) -> str:  # noqa: C901 - one case per IR kind
        match expr:
            case ir.Primitive():
                return _primitive(expr)
            case ir.LiteralType(value=value):
                return f"z.literal({literal(value)})"
            case ir.EnumType(values=values):
                return f"z.enum([{', '.join(literal(v) for v in values)}])"
            case ir.ArrayType(items=items, constraints=constraints):
                return f"z.array({self.zod(items)}){_array_checks(constraints)}"
            case ir.MapType(values=values):
                if values == ir.Unknown():
                    return f"z.record(z.string(), {self.zod(values)})"
                return f"{RECORD}({self.zod(values)})"  # judges a __proto__ key too
            case ir.ObjectType(properties=properties, additional=additional):
                return self.object(properties, additional)
            case ir.RefType(target=target):
                name = schema_name(target)
                return name if self._ready(target) else f"z.lazy(() => {name})"
            case ir.UnionType(members=members, discriminator=None, exclusive=True):
                return f"z.xor([{', '.join(self.zod(m) for m in members)}])"
            case ir.UnionType(members=members, discriminator=None):
                return f"z.union([{', '.join(self.zod(m) for m in members)}])"
            case ir.UnionType(members=members, discriminator=tag):
                inner = ", ".join(self.zod(m) for m in members)
                return f"z.discriminatedUnion({literal(tag)}, [{inner}])"
            case ir.IntersectionType(members=members):
                return self.intersection(members)
            case ir.Checked(base=base, checks=checks):
                return self.checked(base, checks)
        return "z.unknown()"

    def intersection(self, members: tuple[ir.TypeExpr, ...]) -> str:
        """``allOf``: each member judges the value on its own (``jsAll``: zod's
        intersection forgives a closed member the keys another member knows), then
        ``z.intersection`` merges their outputs."""
        texts = [self.zod(m) for m in members]
        merged, *rest = texts
        for other in rest:
            merged = f"z.intersection({merged}, {other})"
        return f"{CHECKED}([{ALL}([{', '.join(texts)}])]).pipe({merged})"

    def checked(self, base: ir.TypeExpr, checks: tuple[ir.Check, ...]) -> str:
        """The assertions judge the value as received (``checks.ts``), then the type
        validates it: ``jsChecked([...]).pipe(type)``."""
        judged = f"{CHECKED}([{', '.join(self.check(c) for c in checks)}])"
        return judged if base == ir.Unknown() else f"{judged}.pipe({self.zod(base)})"

    def check(self, check: ir.Check) -> str:  # noqa: C901 - one case per assertion
        name = CHECK_FUNCTIONS[type(check)]
        match check:
            case ir.Not(expr=expr) | ir.PropertyNames(expr=expr):
                return f"{name}({self.zod(expr)})"
            case ir.MultipleOf(factor=factor):
                return f"{name}({literal(factor)}, {literal(isinstance(factor, int))})"
            case ir.Contains(expr=expr, min=low, max=high):
                return f"{name}({self.zod(expr)}, {low}{'' if high is None else f', {high}'})"
            case ir.PrefixItems(items=items, rest=rest):
                return f"{name}([{', '.join(self.zod(i) for i in items)}], {self._rest(rest)})"
            case ir.PropertyCount(min=low, max=high):
                return f"{name}({_optional(low)}, {_optional(high)})"
            case ir.DependentRequired(needs=needs):
                return f"{name}({literal([[k, list(v)] for k, v in needs])})"
            case ir.DependentSchemas(schemas=schemas):
                pairs = ", ".join(f"[{literal(k)}, {self.zod(t)}]" for k, t in schemas)
                return f"{name}([{pairs}])"
            case ir.PatternProperties(patterns=patterns, additional=additional, named=named):
                pairs = ", ".join(
                    f"[{regexp(p)}, {self.zod(t)}]" for p, t in patterns
                )
                return f"{name}([{pairs}], {self._rest(additional)}, {literal(list(named))})"
            case ir.IfThenElse(condition=condition, then=then, otherwise=otherwise):
                branches = [self.zod(condition)]
                branches += [_optional_zod(self, t) for t in (then, otherwise)]
                return f"{name}({', '.join(branches)})"
            case ir.AnyValueOf(values=values):
                return f"{name}(JSON.parse({literal(json.dumps(list(values)))}))"
            case ir.Unevaluated(evaluation=evaluation, schema=schema, items=items):
                described = self.evaluation(evaluation)
                return f"{name}({described}, {self._rest(schema)}, {literal(items)})"
        return f"{name}"  # UniqueItems: a predicate itself

    def evaluation(self, e: ir.Evaluation) -> str:
        """An ``Evaluation`` of checks.ts: what a schema evaluates, branches included."""
        patterns = ", ".join(regexp(p) for p in e.patterns)
        contains = ", ".join(self.zod(t) for t in e.contains)
        branches = ", ".join(f"[{self.zod(c)}, {self.evaluation(i)}]" for c, i in e.branches)
        return (
            f"{{ names: {literal(list(e.names))}, patterns: [{patterns}], prefix: {e.prefix}, "
            f"contains: [{contains}], all: {literal(e.all)}, branches: [{branches}] }}"
        )

    def _rest(self, rest: ir.Additional) -> str:
        return literal(rest) if isinstance(rest, bool) else self.zod(rest)

    def object(self, properties: tuple[ir.Property, ...], additional: ir.Additional = True) -> str:
        """``z.object`` (open), ``z.strictObject`` (closed), ``.catchall(T)`` (other keys
        of type T), as ``additionalProperties`` says."""
        shape = f"{{ {', '.join(self._field(p) for p in properties)} }}" if properties else "{}"
        if additional is False:
            text = f"z.strictObject({shape})"
        elif additional is True:
            text = f"z.object({shape})"
        else:  # zod's catch-all skips a __proto__ key: judged before
            values = self.zod(additional)
            text = f"{CHECKED}([{OWN_PROTO}({values})]).pipe(z.object({shape}).catchall({values}))"
        if any(p.wire_name in INHERITED_KEYS for p in properties):
            return f"z.preprocess({_OWN_KEYS_ONLY}, {text})"
        return text

    def _field(self, prop: ir.Property) -> str:
        key = zod_key(prop.wire_name, self._property_name)
        waits = any(
            isinstance(e, ir.RefType) and not self._ready(e.target) for e in ir.walk(prop.type)
        )
        if not waits:
            return f"{key}: {self.property(prop)}"
        # Inside a getter every reference is read when zod first needs it.
        body = ZodSchemas(lambda _: True, self._property_name).property(prop)
        if self._unmemoized and builds_container([prop.type]):
            body = without_memoizer(body)
        return f"get {key}() {{ return {body}; }}"

    def property(self, prop: ir.Property) -> str:
        """Optional fields may be absent (not null); a nullable field with a default
        reads null as that default (``steps: null`` is an empty list)."""
        if isinstance(prop.default, ir.Missing):
            return self.zod(prop.type) + ("" if prop.required else ".optional()")
        default = literal(prop.default)
        if isinstance(prop.type, ir.UnionType) and ir.Primitive("null") in prop.type.members:
            rest = tuple(m for m in prop.type.members if m != ir.Primitive("null"))
            base = self.zod(rest[0] if len(rest) == 1 else ir.UnionType(rest))
            return f"{base}.nullish().transform((value) => value ?? {default})"
        return f"{self.zod(prop.type)}.default({default})"


# Keys every JavaScript object inherits: zod reads ``input.toString`` of ``{}`` as the
# inherited function. An object with such a property is judged on a copy without a
# prototype, where an absent key is absent (only where a property has such a name).
INHERITED_KEYS = frozenset(
    {
        "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
        "toLocaleString", "toString", "valueOf", "__defineGetter__", "__defineSetter__",
        "__lookupGetter__", "__lookupSetter__",
    }
)  # fmt: skip
_OWN_KEYS_ONLY = (
    "(value) => value !== null && typeof value === \"object\" && !Array.isArray(value)"
    " ? Object.assign(Object.create(null), value) : value"
)


# The predicate (a function of checks.ts) of each JSON Schema assertion.
CHECKED = "jsChecked"
RECORD = "jsRecord"
ALL = "jsAll"
OWN_PROTO = "jsOwnProto"
CHECK_FUNCTIONS: dict[type, str] = {
    ir.Not: "jsNot",
    ir.MultipleOf: "jsMultipleOf",
    ir.UniqueItems: "jsUniqueItems",
    ir.Contains: "jsContains",
    ir.PrefixItems: "jsPrefixItems",
    ir.PropertyCount: "jsPropertyCount",
    ir.DependentRequired: "jsDependentRequired",
    ir.DependentSchemas: "jsDependentSchemas",
    ir.PropertyNames: "jsPropertyNames",
    ir.PatternProperties: "jsPatternProperties",
    ir.IfThenElse: "jsIfThenElse",
    ir.AnyValueOf: "jsAnyValueOf",
    ir.Unevaluated: "jsUnevaluated",
}
CHECKS_MODULE = "_checks"  # src/_checks.ts: no module name starts with "_"


def check_functions(definitions: Iterable[ir.TypeDef]) -> set[str]:
    """The functions of checks.ts that the validators of these definitions call."""
    used: set[str] = set()
    exprs = [t for d in definitions for t in ir.definition_types(d)]
    for expr in (e for top in exprs for e in ir.walk(top)):
        if isinstance(expr, ir.Checked):
            used |= {CHECKED, *(CHECK_FUNCTIONS[type(c)] for c in expr.checks)}
        elif isinstance(expr, ir.MapType) and expr.values != ir.Unknown():
            used.add(RECORD)
        elif isinstance(expr, ir.IntersectionType):
            used |= {CHECKED, ALL}
        elif isinstance(expr, ir.ObjectType) and not isinstance(expr.additional, bool):
            used |= {CHECKED, OWN_PROTO}
    catchall = (d for d in definitions if isinstance(d, ir.Interface))
    if any(not isinstance(d.additional, bool) for d in catchall):
        used |= {CHECKED, OWN_PROTO}
    return used


def _optional(value: int | None) -> str:
    return "undefined" if value is None else str(value)


def _optional_zod(zod: ZodSchemas, expr: ir.TypeExpr | None) -> str:
    return "undefined" if expr is None else zod.zod(expr)


def zod_key(wire_name: str, property_name: Callable[[str], str]) -> str:
    """A key of a zod shape (an object literal). ``__proto__``, even quoted, would set
    the literal's prototype there: only a computed key makes it an own property."""
    return '["__proto__"]' if wire_name == "__proto__" else property_name(wire_name)


def _array_checks(c: ir.Constraints) -> str:
    text = f".min({c.min_items})" if c.min_items is not None else ""
    return text + (f".max({c.max_items})" if c.max_items is not None else "")


def without_memoizer(expression: str) -> str:
    """The expression, built by the generated helper that keeps zod's memoizer out."""
    return f"{UNMEMOIZED}(() => {expression})"


def _primitive(expr: ir.Primitive) -> str:
    c = expr.constraints
    text = {
        "string": "z.string()",
        "number": "z.number()",
        "integer": "z.number().int()",
        "boolean": "z.boolean()",
        "null": "z.null()",
    }[expr.name]
    for method, value in (
        ("min", c.minimum),
        ("max", c.maximum),
        ("gt", c.exclusive_minimum),
        ("lt", c.exclusive_maximum),
    ):
        if value is not None:
            text += f".{method}({literal(value)})"
    text += _length_checks(c)
    if c.pattern is not None:
        text += f".regex({regexp(c.pattern)})"
    return text


def _length_checks(c: ir.Constraints) -> str:
    """JSON Schema counts a string's code points; zod's ``.min``/``.max`` count UTF-16
    units (an emoji is 2). They agree on ``.min(0)`` and ``.min(1)``; any other bound is
    a refinement that counts code points (``[...s]``)."""
    if c.max_length is None and (c.min_length is None or c.min_length <= 1):
        return f".min({c.min_length})" if c.min_length is not None else ""
    bounds = [f"n >= {c.min_length}"] if c.min_length is not None else []
    bounds += [f"n <= {c.max_length}"] if c.max_length is not None else []
    return f".refine((s) => ((n) => {' && '.join(bounds)})([...s].length))"


def output_property(prop: ir.Property) -> ir.Property:
    """The property as zod's output has it: a default fills an absent (or, for a
    nullable field, a null) value, so the property is always there and not null."""
    if isinstance(prop.default, ir.Missing):
        return prop
    kind = prop.type
    if isinstance(kind, ir.UnionType) and ir.Primitive("null") in kind.members:
        rest = tuple(m for m in kind.members if m != ir.Primitive("null"))
        kind = rest[0] if len(rest) == 1 else ir.UnionType(rest, kind.discriminator)
    return ir.Property(prop.wire_name, kind, True, prop.description, prop.readonly)


def wire_schemas(
    plan: WirePlan, module: ir.Module, declared_type: Callable[[ir.TypeDef], str],
    property_name: Callable[[str], str], type_name: Callable[[ir.TypeName], str],
) -> list[WireSchema]:  # fmt: skip
    """The module's validators in load order, each with what must wait spelled out."""
    defined: set[ir.TypeName] = set()
    schemas = []
    for definition in plan.order(module):
        unmemoized = plan.builds_unmemoized(definition)
        zod = ZodSchemas(plan.ready(module.name, defined), property_name, unmemoized=unmemoized)
        initializer = zod.definition(definition)
        if unmemoized:
            initializer = without_memoizer(initializer)
        name = type_name(definition.name)
        cyclic = definition.name in plan.cyclic
        # z.discriminatedUnion reads its members' keys: they must say they have some.
        tags = [DISCRIMINABLE] if definition.name in plan.discriminable else []
        schemas.append(
            WireSchema(
                definition,
                schema_name(definition.name),
                name,
                f"{DECLARED}<{', '.join([name, *tags])}>({initializer})" if cyclic else initializer,
                declared_type(definition) if cyclic else None,
                " & ".join([f"z.ZodType<{name}>", *tags]) if cyclic else None,
            )
        )
        defined.add(definition.name)
    return schemas


def regexp(pattern: str) -> str:
    """A schema's pattern as JavaScript runs it: ECMA-262 with Unicode semantics, as
    JSON Schema means it (the official suite's "patterns always use unicode
    semantics"); ``ecma_regex`` gives pydantic the same meaning."""
    return f'new RegExp({literal(pattern)}, "u")'
