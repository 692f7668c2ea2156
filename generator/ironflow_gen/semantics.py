"""Checks that need the whole contract: names, hierarchies, cycles, discriminators.

They run on the IR (positions are carried on its nodes), after lowering, and
return diagnostics instead of raising so that every problem is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from . import ir
from .diagnostics import Diagnostic, Position, show
from .ecma_regex import PatternError, to_python
from .helper_contract import ROOT_ERROR, helper_contract
from .naming import (
    PY_MODULE_NAMES,
    TS_WIRE_MODULE_IMPORTS,
    WIRE_SCHEMA_SUFFIX,
    group_attribute,
    python_identifier,
    snake_case,
    type_name_problem,
)
from .ordering import on_cycles


def check_semantics(
    contract: ir.Contract,
    discriminated: list[tuple[ir.UnionType, Position]],
    const_refs: list[tuple[str, str | None, Position]],
) -> list[Diagnostic]:
    return list(
        chain(
            _unique_names(contract),
            _property_names(contract),
            _discriminators(contract, discriminated),
            _constants(contract, const_refs),
            _errors(contract),
            _error_fields(contract),
            _error_order(contract),
            _python_names(contract),
            _typescript_names(contract),
            _helpers_and_patterns(contract),
            _defaults(contract),
            _load_cycles(contract),
            _alias_cycles(contract),
            _extends_cycles(contract),
            _wire_references(contract),
            _wire_data(contract),
        )
    )


def _unique_names(contract: ir.Contract) -> Iterator[Diagnostic]:
    """One name, one thing, per namespace; no two names equal but for case."""
    seen: dict[tuple[bool, str], Position] = {}
    folded: dict[tuple[bool, str], str] = {}
    values: dict[str, Position] = {}
    for module in contract.modules:
        named: list[tuple[str, Position, bool]] = [
            (t.name.name, t.position, True) for t in module.types
        ] + [(e.name.name, e.position, True) for e in module.errors]
        named += [(c.name, c.position, False) for c in module.constants]
        named += [(t.factory, t.position, False) for t in module.types if isinstance(t, ir.Brand)]
        # Wire types live in a namespace of their own only when a prefix tells them apart.
        wire = module.wire and bool(contract.wire_prefix)
        for name, position, is_type in named:
            if is_type:
                yield from _type_name(name, position, wire, seen, folded)
            elif name in values:
                yield Diagnostic(
                    position, "duplicate-name", f"{show(name)} is already defined at {values[name]}"
                )
            else:
                values[name] = position
                problem = type_name_problem(name)
                if problem:
                    yield Diagnostic(position, "reserved-name", problem)


def _type_name(
    name: str,
    position: Position,
    wire: bool,
    seen: dict[tuple[bool, str], Position],
    folded: dict[tuple[bool, str], str],
) -> Iterator[Diagnostic]:
    problem = type_name_problem(name)
    if problem:
        yield Diagnostic(position, "reserved-name", problem)
    key = (wire, name)
    if key in seen:
        yield Diagnostic(
            position, "duplicate-name", f"{show(name)} is already defined at {seen[key]}"
        )
        return
    fold = (wire, name.lower())
    if fold in folded:
        yield Diagnostic(
            position,
            "case-collision",
            f"{show(name)} differs from {show(folded[fold])} only by case",
        )
    seen[key] = position
    folded.setdefault(fold, name)


def _property_names(contract: ir.Contract) -> Iterator[Diagnostic]:
    """Two wire names that map to one Python attribute cannot live in one type: an
    interface, or an inline object anywhere (in an array, a map, a union, an alias)."""
    for definition in contract.all_types:
        if isinstance(definition, ir.Interface):
            yield from _property_collisions(definition.properties)
        for top in ir.definition_types(definition):
            for expr in ir.walk(top):
                if isinstance(expr, ir.ObjectType):
                    yield from _property_collisions(expr.properties)


def _property_collisions(properties: tuple[ir.Property, ...]) -> Iterator[Diagnostic]:
    python_names: dict[str, str] = {}
    for prop in properties:
        python_name = python_identifier(prop.wire_name)
        if python_name in python_names:
            yield Diagnostic(
                prop.position,
                "case-collision",
                f"property {show(prop.wire_name)} and {show(python_names[python_name])} are both "
                f"{show(python_name)} in Python (snake_case {show(snake_case(prop.wire_name))})",
            )
        python_names.setdefault(python_name, prop.wire_name)


def _discriminators(
    contract: ir.Contract, discriminated: list[tuple[ir.UnionType, Position]]
) -> Iterator[Diagnostic]:
    for union, position in discriminated:
        tags: dict[str, str] = {}
        for member in union.members:
            tag = _discriminator_value(contract, member, union.discriminator or "")
            if tag is None:
                yield Diagnostic(
                    position,
                    "bad-discriminator",
                    f"every member of a union discriminated by "
                    f"{show(union.discriminator)} must be a $ref to an object with a "
                    f"required const {show(union.discriminator)}",
                )
                return
            if tag in tags:
                yield Diagnostic(
                    position, "bad-discriminator", f"discriminator value {show(tag)} is used twice"
                )
            tags[tag] = tag


def _discriminator_value(contract: ir.Contract, member: ir.TypeExpr, name: str) -> str | None:
    if not isinstance(member, ir.RefType):
        return None
    definition = contract.type_def(member.target)
    if not isinstance(definition, ir.Interface):
        return None
    for prop in definition.properties:
        if prop.wire_name == name and prop.required and isinstance(prop.type, ir.LiteralType):
            return str(prop.type.value)
    return None


def _constants(
    contract: ir.Contract, const_refs: list[tuple[str, str | None, Position]]
) -> Iterator[Diagnostic]:
    constants = {c.name: c for m in contract.modules for c in m.constants}
    for name, key, position in const_refs:
        yield from _const_target(constants, name, key, position)
    for constant in constants.values():
        for template in _templates_of(constant):
            for placeholder in template.placeholders:
                target, _, key = placeholder.partition(".")
                yield from _const_target(constants, target, key or None, constant.position)
    yield from _const_cycles(constants)
    for constant in constants.values():
        if isinstance(constant, ir.ConstantGroup):
            yield from _group_attributes(constant)


def _group_attributes(group: ir.ConstantGroup) -> Iterator[Diagnostic]:
    """Two keys of one group that would be one Python attribute (``Content-Type``
    and ``content_type``): refused rather than renamed behind the user's back."""
    seen: dict[str, str] = {}
    for entry in group.entries:
        attribute = group_attribute(entry.key)
        if attribute in seen:
            yield Diagnostic(
                group.position,
                "case-collision",
                f"keys {seen[attribute]!r} and {entry.key!r} of {group.name} are both"
                f" {attribute!r} in Python",
            )
        seen.setdefault(attribute, entry.key)


def _const_target(
    constants: dict[str, ir.ConstantDef], name: str, key: str | None, position: Position
) -> Iterator[Diagnostic]:
    target = constants.get(name)
    if target is None:
        yield Diagnostic(position, "unknown-constant", f"unknown constant {show(name)}")
    elif key is not None and (
        not isinstance(target, ir.ConstantGroup) or key not in {e.key for e in target.entries}
    ):
        yield Diagnostic(position, "unknown-constant", f"{name} has no entry {show(key)}")
    elif key is None and isinstance(target, ir.ConstantGroup):
        yield Diagnostic(position, "unknown-constant", f"{name} is a group: name one of its keys")


def _templates_of(constant: ir.ConstantDef) -> Iterator[ir.Template]:
    values = (
        [e.value for e in constant.entries]
        if isinstance(constant, ir.ConstantGroup)
        else [constant.value]
    )
    yield from (v for v in values if isinstance(v, ir.Template))


def _const_cycles(constants: dict[str, ir.ConstantDef]) -> Iterator[Diagnostic]:
    graph = {name: set(ir.constant_dependencies(c)) for name, c in constants.items()}
    for name in _cyclic(graph):
        yield Diagnostic(
            constants[name].position, "cycle", f"constant {show(name)} is derived from itself"
        )


def _errors(contract: ir.Contract) -> Iterator[Diagnostic]:
    errors = {e.name.name: e for e in contract.all_errors}
    graph = {e.name.name: {e.parent.name} if e.parent else set() for e in errors.values()}
    for name in _cyclic(graph):
        yield Diagnostic(errors[name].position, "cycle", f"error class {show(name)} extends itself")
    for error in errors.values():
        yield from (
            Diagnostic(
                p.position,
                "reserved-name",
                "'options' names the constructor's options object: rename this parameter",
            )
            for p in error.params
            if p.name == _OPTIONS_PARAMETER
        )
        if error.parent is None:
            yield from _root_protocol(error)
        elif (
            not error.message
            and "message" not in {p.name for p in error.params}
            and _is_root(errors.get(error.parent.name))
        ):
            yield Diagnostic(
                error.position,
                "no-message",
                f"{error.name.name} needs a `message` parameter or a message template",
            )
        known = {p.name for p in error.params} | _inherited_fields(error, errors)
        used = set(error.details)
        for part in error.message:
            used.update(part.template.placeholders)
            used.update([part.when] if part.when else [])
        for field in error.fields:
            used.update(field.value.placeholders if field.value else ())
        for name in sorted(used - known):
            yield Diagnostic(
                error.position,
                "unknown-field",
                f"{error.name.name} uses {show(name)}, which is neither a "
                f"constructor parameter nor a field",
            )


_ROOT_OPTIONS = ("code", "retryable")


def _is_root(error: ir.ErrorClass | None) -> bool:
    """A direct child of a root builds the message the root is given."""
    return error is not None and error.parent is None


def _root_protocol(error: ir.ErrorClass) -> Iterator[Diagnostic]:
    """Every subclass passes (message, {code, retryable, details?, cause?}) to the root."""
    positional = [p.name for p in error.params if not p.in_options]
    options = {p.name for p in error.params if p.in_options}
    if positional != ["message"] or not set(_ROOT_OPTIONS) <= options:
        yield Diagnostic(
            error.position,
            "root-error",
            f"root error class {show(error.name.name)} must take `message` and the options "
            f"code and retryable (details and cause optional)",
        )


def _inherited_fields(error: ir.ErrorClass, errors: dict[str, ir.ErrorClass]) -> set[str]:
    names: set[str] = set()
    seen: set[str] = set()
    current: ir.ErrorClass | None = error
    while current is not None and current.name.name not in seen:
        seen.add(current.name.name)
        names.update(f.name for f in current.fields)
        current = errors.get(current.parent.name) if current.parent else None
    return names


def _alias_cycles(contract: ir.Contract) -> Iterator[Diagnostic]:
    """``A = B``, ``B = A``: a reference loop with no structure in between has no meaning."""
    graph: dict[str, set[str]] = {}
    definitions = {str(t.name): t for t in contract.all_types}
    for definition in contract.all_types:
        if isinstance(definition, ir.Alias):
            graph[str(definition.name)] = set(_bare_refs(definition.type))
    for name in _cyclic(graph):
        yield Diagnostic(
            definitions[name].position,
            "cycle",
            f"type {show(definitions[name].name.name)} is defined as itself "
            f"with no object, array or function in between",
        )


def _bare_refs(expr: ir.TypeExpr) -> Iterator[str]:
    if isinstance(expr, ir.RefType):
        yield str(expr.target)
    elif isinstance(expr, ir.UnionType | ir.IntersectionType):
        for member in expr.members:
            yield from _bare_refs(member)
    elif isinstance(expr, ir.Checked):  # the type, and assertions about the value itself
        yield from _bare_refs(expr.base)
        for check in expr.checks:
            if isinstance(check, ir.Not | ir.IfThenElse | ir.DependentSchemas):
                for inner in ir.check_types(check):
                    yield from _bare_refs(inner)


def _extends_cycles(contract: ir.Contract) -> Iterator[Diagnostic]:
    definitions = {str(t.name): t for t in contract.all_types}
    graph = {
        str(t.name): {str(r.target) for r in t.extends}
        for t in contract.all_types
        if isinstance(t, ir.Interface)
    }
    for name in _cyclic(graph):
        yield Diagnostic(
            definitions[name].position,
            "cycle",
            f"interface {show(definitions[name].name.name)} extends itself",
        )


def _cyclic(graph: dict[str, set[str]]) -> list[str]:
    """Nodes that lie on a cycle, in the graph's order (``ordering.on_cycles``: linear,
    where a search from every node was quadratic in a large contract)."""
    on_cycle = on_cycles(graph)
    return [node for node in graph if node in on_cycle]


def _wire_references(contract: ir.Contract) -> Iterator[Diagnostic]:
    """A wire type refers to wire types only: every wire message is validated at run
    time (zod in TypeScript, pydantic in Python), and validators exist for the types
    of wire modules alone."""
    wire = {m.name for m in contract.modules if m.wire}
    for module in (m for m in contract.modules if m.wire):
        for definition in module.types:
            for position, expr in _positioned_types(definition):
                for ref in (e for e in ir.walk(expr) if isinstance(e, ir.RefType)):
                    if ref.target.module not in wire:
                        yield Diagnostic(
                            position,
                            "wire-ref",
                            f"wire type {show(definition.name.name)} refers to "
                            f"{show(ref.target.name)} of module {show(ref.target.module)}: "
                            "every type a wire message uses must be a wire type (x-wire: true)",
                        )


# What a type expression may be that has no JSON form: zod and pydantic would take
# any value for it, so a wire message holding one would not be checked.
_NOT_DATA: dict[type, str] = {
    ir.FunctionType: "x-function",
    ir.PromiseType: "x-promise",
    ir.Void: "x-void",
    ir.NativeType: "x-native",
    ir.MappedType: "x-mapped",
    ir.IndexedType: "x-indexed",
    ir.TypeParamRef: "x-type-param",
}


def _wire_data(contract: ir.Contract) -> Iterator[Diagnostic]:
    """A wire type is JSON data that zod and pydantic check as received: a function,
    a promise, a language's own type, a type parameter or a method has no JSON form,
    and a validator would let any value through in its place."""
    for module in (m for m in contract.modules if m.wire):
        for definition in module.types:
            what = _not_data_definition(definition)
            if what:
                yield Diagnostic(definition.position, "wire-not-data", _not_data(definition, what))
                continue
            for position, expr in _positioned_types(definition):
                for found in ir.walk(expr):
                    what = _NOT_DATA.get(type(found)) or (
                        "x-type-args" if isinstance(found, ir.RefType) and found.args else None
                    )
                    if what:
                        yield Diagnostic(position, "wire-not-data", _not_data(definition, what))
                        break


def _not_data_definition(definition: ir.TypeDef) -> str | None:
    if getattr(definition, "type_params", ()):
        return "x-type-params"
    if isinstance(definition, ir.Interface) and definition.methods:
        return "x-methods"
    return None


def _not_data(definition: ir.TypeDef, what: str) -> str:
    return (
        f"wire type {show(definition.name.name)} uses {what}, which is no JSON data: "
        "its validators would let any value through"
    )


def _positioned_types(definition: ir.TypeDef) -> Iterator[tuple[Position, ir.TypeExpr]]:
    """The definition's type expressions, a property's with its own position."""
    if not isinstance(definition, ir.Interface):
        yield from ((definition.position, e) for e in ir.definition_types(definition))
        return
    yield from ((p.position, p.type) for p in definition.properties)
    yield from ((definition.position, e) for e in definition.extends)
    yield from ((definition.position, e) for e in ir.type_param_types(definition.type_params))
    for method in definition.methods:
        for signature in method.overloads:
            yield from ((definition.position, e) for e in ir.signature_types(signature))


# The members every error class has from the root class or from JavaScript's
# Error / Python's Exception: a field of that name would redefine them.
_ERROR_MEMBERS = frozenset(
    ["code", "retryable", "cause", "message", "name", "stack", "args", "constructor"]
)
# The constructor's trailing parameter that holds the `in: options` ones.
_OPTIONS_PARAMETER = "options"


def _error_fields(contract: ir.Contract) -> Iterator[Diagnostic]:
    """Each field is passed (a parameter of its name and type) or computed (``value``),
    and a computed field is not computed from itself."""
    errors = {e.name.name: e for e in contract.all_errors}
    for error in contract.all_errors:
        params = {p.name: p for p in error.params}
        parent = errors.get(error.parent.name) if error.parent else None
        inherited = _ancestor_fields(parent, errors) if parent else {}
        for field in error.fields:
            param = params.get(field.name)
            if field.name in _ERROR_MEMBERS:
                yield Diagnostic(
                    field.position,
                    "reserved-name",
                    f"field {show(field.name)} would redefine a member every error has",
                )
            elif field.name in inherited and inherited[field.name].type != field.type:
                yield Diagnostic(
                    field.position,
                    "field-type",
                    f"field {show(field.name)} is inherited: it keeps its parent's type",
                )
            elif field.value is None and param is None:
                yield Diagnostic(
                    field.position,
                    "unset-field",
                    f"field {show(field.name)} has neither a parameter of its name nor a value",
                )
            elif field.value is None and param is not None:
                yield from _field_matches_param(field, param)
            elif field.value is not None and not _accepts_string(field.type, contract):
                yield Diagnostic(
                    field.position,
                    "field-type",
                    f"field {show(field.name)} is computed from a template, so it is a string",
                )
        yield from _computed_cycles(error)


def _ancestor_fields(
    error: ir.ErrorClass, errors: dict[str, ir.ErrorClass]
) -> dict[str, ir.ErrorField]:
    fields: dict[str, ir.ErrorField] = {}
    seen: set[str] = set()
    current: ir.ErrorClass | None = error
    while current is not None and current.name.name not in seen:
        seen.add(current.name.name)
        for field in current.fields:
            fields.setdefault(field.name, field)
        current = errors.get(current.parent.name) if current.parent else None
    return fields


def _field_matches_param(field: ir.ErrorField, param: ir.ErrorParam) -> Iterator[Diagnostic]:
    if field.type != param.type:
        yield Diagnostic(
            field.position,
            "field-type",
            f"field {show(field.name)} and its parameter must have one type",
        )
    elif param.optional and not field.optional:
        yield Diagnostic(
            field.position,
            "field-type",
            f"field {show(field.name)} must be optional: its parameter is",
        )


def _accepts_string(expr: ir.TypeExpr, contract: ir.Contract) -> bool:
    if isinstance(expr, ir.Primitive):
        return expr.name == "string"
    if isinstance(expr, ir.UnionType):
        return any(_accepts_string(m, contract) for m in expr.members)
    return isinstance(expr, ir.Unknown)


def _computed_cycles(error: ir.ErrorClass) -> Iterator[Diagnostic]:
    params = {p.name for p in error.params}
    graph = {
        f.name: set(f.value.placeholders) - params for f in error.fields if f.value is not None
    }
    for name in _cyclic(graph):
        field = next(f for f in error.fields if f.name == name)
        yield Diagnostic(field.position, "cycle", f"field {show(name)} is computed from itself")


def _error_order(contract: ir.Contract) -> Iterator[Diagnostic]:
    """A class is declared after its parent (a JavaScript class cannot extend one
    declared below it), and passes its parent's parameters on, by name and type."""
    errors = {e.name: e for e in contract.all_errors}
    graph = {e.name.name: {e.parent.name} if e.parent else set() for e in errors.values()}
    cyclic = set(_cyclic(graph))
    for module in contract.modules:
        declared: set[ir.TypeName] = set()
        for error in module.errors:
            parent = errors.get(error.parent) if error.parent else None
            if error.name.name in cyclic:
                continue
            if (
                parent is not None
                and parent.name.module == module.name
                and (parent.name not in declared and parent.name != error.name)
            ):
                yield Diagnostic(
                    error.position,
                    "error-order",
                    f"{error.name.name} extends {parent.name.name}, declared below it: "
                    "move the parent up",
                )
            declared.add(error.name)
            if parent is not None and parent.parent is not None:
                yield from _passes_parent_params(error, parent)


def _passes_parent_params(error: ir.ErrorClass, parent: ir.ErrorClass) -> Iterator[Diagnostic]:
    """A subclass of a subclass calls its parent's constructor with its own parameters
    (or computed fields) of the same names."""
    params = {p.name: p for p in error.params}
    computed = {f.name for f in error.fields if f.value is not None}
    for wanted in parent.params:
        given = params.get(wanted.name)
        if given is None and wanted.name in computed:
            continue
        if given is None:
            if not wanted.optional:
                yield Diagnostic(
                    error.position,
                    "parent-params",
                    f"{error.name.name} must take parameter {show(wanted.name)}: "
                    f"its parent {parent.name.name} requires it",
                )
        elif given.type != wanted.type or (given.optional and not wanted.optional):
            yield Diagnostic(
                given.position,
                "parent-params",
                f"parameter {show(wanted.name)} is passed to {parent.name.name}, so it must "
                f"have the same type{'' if wanted.optional else ' and be required'} there",
            )


def _python_names(contract: ir.Contract) -> Iterator[Diagnostic]:
    """The Python package exports every name of every module from one namespace: two
    things may not take one Python name (``allRuns`` and ``all_runs`` are both
    ``all_runs``; a constant and a type of one name)."""
    seen: dict[str, tuple[str, Position]] = {}
    for module in contract.modules:
        named: list[tuple[str, str, Position]] = []
        prefix = contract.wire_prefix if module.wire else ""
        named += [(prefix + t.name.name, t.name.name, t.position) for t in module.types]
        named += [(e.name.name, e.name.name, e.position) for e in module.errors]
        named += [(c.name, c.name, c.position) for c in module.constants]
        named += [(python_identifier(p.name), p.name, p.position) for p in module.patterns]
        named += [(snake_case(h.name), h.name, h.position) for h in module.helpers]
        named += [
            (python_identifier(t.factory), t.factory, t.position)
            for t in module.types
            if isinstance(t, ir.Brand)
        ]
        for python, name, position in named:
            if python in PY_MODULE_NAMES:
                yield Diagnostic(
                    position,
                    "reserved-name",
                    f"{show(name)} is {show(python)} in Python, a name the generated code uses",
                )
            if python in seen and seen[python][0] != name:
                yield Diagnostic(
                    position,
                    "case-collision",
                    f"{show(name)} and {show(seen[python][0])} are both {show(python)} in Python",
                )
            seen.setdefault(python, (name, position))


def _typescript_names(contract: ir.Contract) -> Iterator[Diagnostic]:
    """The package index re-exports every module (`export *`): a name exported by two
    modules is ambiguous (TS2308). Wire types export `<wire-prefix><Name>` and
    `<Name>Schema`, which may meet another module's type or constant."""
    seen: dict[str, tuple[str, Position]] = {}
    for module in contract.modules:
        named: list[tuple[str, Position]] = []
        for definition in module.types:
            if module.wire:
                name = definition.name.name
                named += [(contract.wire_prefix + name, definition.position)]
                named += [(name + WIRE_SCHEMA_SUFFIX, definition.position)]
            else:
                named.append((definition.name.name, definition.position))
            if isinstance(definition, ir.Brand):
                named.append((definition.factory, definition.position))
        named += [(e.name.name, e.position) for e in module.errors]
        named += [(c.name, c.position) for c in module.constants]
        for name, position in named:
            if module.wire and name in TS_WIRE_MODULE_IMPORTS:
                yield Diagnostic(
                    position,
                    "reserved-name",
                    f"{show(name)} is a name the TypeScript of a wire module imports",
                )
            if name in seen and seen[name][0] != module.name:
                yield Diagnostic(
                    position,
                    "duplicate-name",
                    f"{show(name)} is also exported by module {seen[name][0]} (TypeScript)",
                )
            seen.setdefault(name, (module.name, position))


def _helpers_and_patterns(contract: ir.Contract) -> Iterator[Diagnostic]:
    """A helper exists once; patterns live in one module (TypeScript exports them as
    that module's ``patterns`` object, and the package index re-exports every module)."""
    helpers: dict[str, Position] = {}
    for helper in (h for m in contract.modules for h in m.helpers):
        if helper.name in helpers:
            yield Diagnostic(
                helper.position,
                "duplicate-name",
                f"helper {helper.name} is already declared at {helpers[helper.name]}",
            )
        helpers.setdefault(helper.name, helper.position)
    with_patterns = [m for m in contract.modules if m.patterns]
    for module in with_patterns[1:]:
        yield Diagnostic(
            module.patterns[0].position,
            "duplicate-name",
            f"patterns are already declared in module {with_patterns[0].name}: "
            "keep every pattern in one module",
        )
    for module in contract.modules:
        if module.patterns and any(c.name == "patterns" for c in module.constants):
            constant = next(c for c in module.constants if c.name == "patterns")
            yield Diagnostic(
                constant.position,
                "duplicate-name",
                "'patterns' names this module's pattern builders in TypeScript",
            )


def _defaults(contract: ir.Contract) -> Iterator[Diagnostic]:
    """A default is a value of its property's type (TypeScript and pydantic check it)."""
    for definition in contract.all_types:
        for prop in _all_properties(definition):
            if isinstance(prop.default, ir.Missing):
                continue
            problem = value_problem(prop.type, prop.default, contract)
            if problem:
                yield Diagnostic(
                    prop.position,
                    "bad-default",
                    f"default {show(prop.default)} of {show(prop.wire_name)} {problem}",
                )
    for error in contract.all_errors:
        for param in error.params:
            if param.default is not None:
                problem = value_problem(param.type, param.default, contract)
                if problem:
                    yield Diagnostic(
                        param.position,
                        "bad-default",
                        f"default {show(param.default)} of {show(param.name)} {problem}",
                    )


def _all_properties(definition: ir.TypeDef) -> Iterator[ir.Property]:
    exprs: list[ir.TypeExpr] = []
    if isinstance(definition, ir.Interface):
        yield from definition.properties
        exprs += [p.type for p in definition.properties]
    else:
        exprs += list(ir.definition_types(definition))
    for expr in exprs:
        for node in ir.walk(expr):
            if isinstance(node, ir.ObjectType):
                yield from node.properties


_JSON_KINDS = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
}


def value_problem(
    expr: ir.TypeExpr, value: object, contract: ir.Contract, depth: int = 0
) -> str | None:
    """Why ``value`` is not a value of ``expr`` (as far as a literal can be), or None."""
    if depth > 64:
        return None
    match expr:
        case ir.Primitive(name=name, constraints=constraints):
            return _primitive_problem(name, value) or _constraint_problem(constraints, value)
        case ir.IntersectionType(members=members):
            found = (value_problem(m, value, contract, depth + 1) for m in members)
            return next((p for p in found if p), None)
        case ir.UnionType(members=members, exclusive=True):
            matches = sum(value_problem(m, value, contract, depth + 1) is None for m in members)
            return None if matches == 1 else f"matches {matches} members of a oneOf, not one"
        case ir.EnumType(values=values):
            return None if value in values else "is not one of the enum's values"
        case ir.LiteralType(value=literal):
            same = value == literal and type(value) is type(literal)
            return None if same else f"is not {show(literal)}"
        case ir.UnionType(members=members):
            problems = [value_problem(m, value, contract, depth + 1) for m in members]
            return None if any(p is None for p in problems) else "matches no member of the union"
        case ir.RefType(target=target):
            return _ref_problem(target, value, contract, depth)
        case ir.FunctionType() | ir.PromiseType() | ir.Void():
            return "cannot be a value of this type (a function, promise or void)"
    return _container_problem(expr, value, contract, depth)


def _container_problem(
    expr: ir.TypeExpr, value: object, contract: ir.Contract, depth: int
) -> str | None:
    match expr:
        case ir.Checked(base=base):  # the type; its assertions are the validators'
            return value_problem(base, value, contract, depth + 1)
        case ir.ArrayType(items=items, constraints=constraints):
            if not isinstance(value, list):
                return "is not a list"
            problem = _constraint_problem(constraints, value)
            return problem or _first_item_problem(items, value, contract, depth)
        case ir.MapType(values=values):
            if not isinstance(value, dict):
                return "is not a mapping"
            return _first_item_problem(values, list(value.values()), contract, depth)
        case ir.ObjectType(properties=properties, additional=additional):
            problem = _object_problem(properties, value, contract, depth)
            return problem or _additional_problem(properties, additional, value, contract, depth)
    return None


def _additional_problem(
    properties: tuple[ir.Property, ...],
    additional: ir.Additional,
    value: object,
    contract: ir.Contract,
    depth: int,
) -> str | None:
    assert isinstance(value, dict)
    named = {p.wire_name for p in properties}
    others = [v for k, v in value.items() if k not in named]
    if isinstance(additional, bool):
        return None if additional or not others else "has keys the object does not allow"
    return _first_item_problem(additional, others, contract, depth)


def _constraint_problem(c: ir.Constraints, value: object) -> str | None:
    """Why a value breaks its type's constraints (lengths in code points), or None."""
    size = len(value) if isinstance(value, str | list) else None
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    checks = (
        (size is not None and c.min_length is not None and size < c.min_length, "is too short"),
        (size is not None and c.max_length is not None and size > c.max_length, "is too long"),
        (size is not None and c.min_items is not None and size < c.min_items, "is too short"),
        (size is not None and c.max_items is not None and size > c.max_items, "is too long"),
        (number is not None and c.minimum is not None and number < c.minimum, "is too small"),
        (number is not None and c.maximum is not None and number > c.maximum, "is too big"),
        (
            number is not None
            and c.exclusive_minimum is not None
            and number <= c.exclusive_minimum,
            "is too small",
        ),
        (
            number is not None
            and c.exclusive_maximum is not None
            and number >= c.exclusive_maximum,
            "is too big",
        ),
    )
    found = next((why for failed, why in checks if failed), None)
    if found is None and isinstance(value, str) and c.pattern is not None:
        return None if _matches(c.pattern, value) else "does not match its pattern"
    return found


def _matches(pattern: str, text: str) -> bool:
    """``pattern`` (ECMA-262) finds ``text``; a pattern the language refuses was
    reported where it stands."""
    try:
        return re.search(to_python(pattern), text) is not None
    except PatternError:
        return True


def _first_item_problem(
    items: ir.TypeExpr, values: list[object], contract: ir.Contract, depth: int
) -> str | None:
    for value in values:
        problem = value_problem(items, value, contract, depth + 1)
        if problem:
            return f"holds {show(value, 30)}, which {problem}"
    return None


def _primitive_problem(name: str, value: object) -> str | None:
    if name == "null":
        return None if value is None else "is not null"
    kinds = _JSON_KINDS[name]
    if isinstance(value, bool) != (name == "boolean") or not isinstance(value, kinds):
        return f"is not {'an' if name == 'integer' else 'a'} {name}"
    return None


def _object_problem(
    properties: tuple[ir.Property, ...], value: object, contract: ir.Contract, depth: int
) -> str | None:
    if not isinstance(value, dict):
        return "is not a mapping"
    for prop in properties:
        if prop.wire_name in value:
            problem = value_problem(prop.type, value[prop.wire_name], contract, depth + 1)
            if problem:
                return f"at {show(prop.wire_name)}: {show(value[prop.wire_name])} {problem}"
        elif prop.required:
            return f"lacks the required key {show(prop.wire_name)}"
    return None


def _ref_problem(
    target: ir.TypeName, value: object, contract: ir.Contract, depth: int
) -> str | None:
    definition = contract.type_def(target)
    if isinstance(definition, ir.Brand):
        return value_problem(definition.base, value, contract, depth + 1)
    if isinstance(definition, ir.Alias) and not definition.type_params:
        return value_problem(definition.type, value, contract, depth + 1)
    if isinstance(definition, ir.Interface) and not definition.methods:
        properties = _inherited_properties(definition, contract, depth)
        problem = _object_problem(properties, value, contract, depth)
        return problem or _additional_problem(
            properties, definition.additional, value, contract, depth
        )
    return None


def _inherited_properties(
    interface: ir.Interface, contract: ir.Contract, depth: int
) -> tuple[ir.Property, ...]:
    """An interface's properties with those it inherits (an own one replaces its parent's)."""
    merged: dict[str, ir.Property] = {}
    for parent in interface.extends if depth < 64 else ():
        definition = contract.type_def(parent.target)
        if isinstance(definition, ir.Interface):
            inherited = _inherited_properties(definition, contract, depth + 1)
            merged.update((p.wire_name, p) for p in inherited)
    merged.update((p.wire_name, p) for p in interface.properties)
    return tuple(merged.values())


_Edges = dict[str, dict[str, tuple[Position, str]]]


def _load_cycles(contract: ir.Contract) -> Iterator[Diagnostic]:
    """Modules may not need each other while loading: a Python module imports at its
    top what it evaluates when it runs (a base class, an alias's value, a constant a
    constant derives from, what a helper uses), and two modules that do so for each
    other cannot be imported."""
    edges = _load_edges(contract)
    graph = {module: set(targets) for module, targets in edges.items()}
    reported: set[frozenset[str]] = set()
    for module in _cyclic(graph):
        for target, (position, name) in edges[module].items():
            if module in _reachable(graph, target):
                cycle = frozenset([module, target])
                if cycle not in reported:
                    reported.add(cycle)
                    yield Diagnostic(
                        position,
                        "load-cycle",
                        f"module {module} needs {name} of module {target} while loading, and "
                        f"{target} needs {module}: Python cannot import them",
                    )
                break


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen


def _load_edges(contract: ir.Contract) -> _Edges:
    """module -> module it needs while loading -> (where, what), first use kept."""
    edges: _Edges = {m.name: {} for m in contract.modules}
    for module, position, owner, name in _load_uses(contract):
        if owner is not None and owner != module:
            edges[module].setdefault(owner, (position, name))
    return edges


def _load_uses(contract: ir.Contract) -> Iterator[tuple[str, Position, str | None, str]]:
    """(module, where, owning module, name) of everything a module evaluates at import."""
    owners = _value_owners(contract)
    for module in contract.modules:
        for definition in module.types:
            for ref in _load_refs(definition):
                yield module.name, definition.position, ref.module, ref.name
        for error in module.errors:
            if error.parent is not None:
                yield module.name, error.position, error.parent.module, error.parent.name
        for constant in module.constants:
            for name in ir.constant_dependencies(constant):
                yield module.name, constant.position, owners.get(name), name
        for helper in module.helpers:
            for name in _helper_uses(contract, helper.name):
                yield module.name, helper.position, owners.get(name), name


def _load_refs(definition: ir.TypeDef) -> Iterator[ir.TypeName]:
    if isinstance(definition, ir.Alias):
        yield from (e.target for e in ir.walk(definition.type) if isinstance(e, ir.RefType))
    elif isinstance(definition, ir.Interface):
        yield from (e.target for e in definition.extends)


def _value_owners(contract: ir.Contract) -> dict[str, str]:
    """Which module defines each name a constant or a helper may use."""
    owners: dict[str, str] = {}
    for module in contract.modules:
        names = [c.name for c in module.constants] + [e.name.name for e in module.errors]
        names += [h.name for h in module.helpers]
        names += [t.name.name for t in module.types if not module.wire]
        for name in names:
            owners.setdefault(name, module.name)
    return owners


def _helper_uses(contract: ir.Contract, helper: str) -> Iterator[str]:
    root = next((e.name.name for e in contract.all_errors if e.parent is None), None)
    for used in helper_contract()["helpers"].get(helper, []):
        name = root if used == ROOT_ERROR else used
        if name is not None:
            yield name
