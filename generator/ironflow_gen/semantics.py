"""Checks that need the whole contract: names, hierarchies, cycles, discriminators.

They run on the IR (positions are carried on its nodes), after lowering, and
return diagnostics instead of raising so that every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from . import ir
from .diagnostics import Diagnostic, Position
from .naming import group_attribute, python_identifier, snake_case, type_name_problem


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
            _alias_cycles(contract),
            _extends_cycles(contract),
            _wire_references(contract),
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
                    position, "duplicate-name", f"{name!r} is already defined at {values[name]}"
                )
            else:
                values[name] = position


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
        yield Diagnostic(position, "duplicate-name", f"{name!r} is already defined at {seen[key]}")
        return
    fold = (wire, name.lower())
    if fold in folded:
        yield Diagnostic(
            position, "case-collision", f"{name!r} differs from {folded[fold]!r} only by case"
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
                f"property {prop.wire_name!r} and {python_names[python_name]!r} are both "
                f"{python_name!r} in Python (snake_case {snake_case(prop.wire_name)!r})",
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
                    f"{union.discriminator!r} must be a $ref to an object with a "
                    f"required const {union.discriminator!r}",
                )
                return
            if tag in tags:
                yield Diagnostic(
                    position, "bad-discriminator", f"discriminator value {tag!r} is used twice"
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
        yield Diagnostic(position, "unknown-constant", f"unknown constant {name!r}")
    elif key is not None and (
        not isinstance(target, ir.ConstantGroup) or key not in {e.key for e in target.entries}
    ):
        yield Diagnostic(position, "unknown-constant", f"{name} has no entry {key!r}")
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
            constants[name].position, "cycle", f"constant {name!r} is derived from itself"
        )


def _errors(contract: ir.Contract) -> Iterator[Diagnostic]:
    errors = {e.name.name: e for e in contract.all_errors}
    graph = {e.name.name: {e.parent.name} if e.parent else set() for e in errors.values()}
    for name in _cyclic(graph):
        yield Diagnostic(errors[name].position, "cycle", f"error class {name!r} extends itself")
    for error in errors.values():
        if error.parent is None:
            yield from _root_protocol(error)
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
                f"{error.name.name} uses {name!r}, which is neither a "
                f"constructor parameter nor a field",
            )


_ROOT_OPTIONS = ("code", "retryable")


def _root_protocol(error: ir.ErrorClass) -> Iterator[Diagnostic]:
    """Every subclass passes (message, {code, retryable, details?, cause?}) to the root."""
    positional = [p.name for p in error.params if not p.in_options]
    options = {p.name for p in error.params if p.in_options}
    if positional != ["message"] or not set(_ROOT_OPTIONS) <= options:
        yield Diagnostic(
            error.position,
            "root-error",
            f"root error class {error.name.name!r} must take `message` and the options "
            f"code, retryable (details and cause optional), as IronflowError does",
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
            f"type {definitions[name].name.name!r} is defined as itself "
            f"with no object, array or function in between",
        )


def _bare_refs(expr: ir.TypeExpr) -> Iterator[str]:
    if isinstance(expr, ir.RefType):
        yield str(expr.target)
    elif isinstance(expr, ir.UnionType | ir.IntersectionType):
        for member in expr.members:
            yield from _bare_refs(member)


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
            f"interface {definitions[name].name.name!r} extends itself",
        )


def _cyclic(graph: dict[str, set[str]]) -> list[str]:
    """Nodes that lie on a cycle, in a stable order."""
    on_cycle: list[str] = []
    for start in graph:
        stack, seen = list(graph.get(start, ())), set()
        while stack:
            node = stack.pop()
            if node == start:
                on_cycle.append(start)
                break
            if node not in seen:
                seen.add(node)
                stack.extend(graph.get(node, ()))
    return on_cycle


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
                            f"wire type {definition.name.name!r} refers to "
                            f"{ref.target.name!r} of module {ref.target.module!r}, which is not "
                            "a wire module (x-wire: true): wire messages are validated, so "
                            "every type they use must be a wire type too",
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
