"""TypeScript target: one ``src/<module>.ts`` per schema module, an index, and
``package.json``/``tsconfig.json`` for publishing.

Interface names are kept; wire-message types (a module with ``x-wire: true``) take
the contract's ``wire-prefix`` (Ironflow's is ``Validated``), so that they never clash
with the SDK-facing types of the same name (``AckMode`` is ``"auto" | "manual"``;
``ValidatedAckMode`` is ``"ACK_MODE_AUTO" | ...``). The npm package exports the
modules named in ``npm-exports`` as sub-paths besides its root.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2

from .. import ir
from ..escaping import literal
from ..helper_contract import ROOT_ERROR, helper_uses
from ..layout.typescript import layout
from ..naming import is_ts_identifier, ts_parameter
from ..ordering import dependency_first
from ..rendering import environment, render
from . import HEADER, GeneratedFile
from ._zod import (
    CHECKS_MODULE,
    DECLARED,
    UNMEMOIZED,
    WIRE_HELPERS,
    WirePlan,
    check_functions,
    output_property,
    schema_name,
    wire_schemas,
)

_Expression = Callable[[str], str]

TYPESCRIPT_VERSION = "5.9.3"
ZOD_VERSION = "^4.6.0"  # what the tests pin; _wire.ts uses zod 4.6's memoizer config


@dataclass(frozen=True)
class Import:
    module: str  # "./runs.js" or an npm module
    names: tuple[str, ...]
    type_only: bool


class TsNames:
    """Final TypeScript names and type text, for one contract."""

    def __init__(self, contract: ir.Contract) -> None:
        self.wire_modules = frozenset(m.name for m in contract.modules if m.wire)
        self.contract = contract

    def name(self, name: ir.TypeName) -> str:
        prefix = self.contract.wire_prefix if name.module in self.wire_modules else ""
        return prefix + name.name

    def type(self, expr: ir.TypeExpr) -> str:  # noqa: C901 - one case per IR kind
        match expr:
            case ir.Primitive(name=name):
                return "number" if name == "integer" else name
            case ir.Unknown():
                return "unknown"
            case ir.Void():
                return "void"
            case ir.LiteralType(value=value):
                return literal(value)
            case ir.EnumType(values=values):
                return " | ".join(literal(v) for v in values)
            case ir.ArrayType(items=items):
                return self._operand(items, array=True) + "[]"
            case ir.MapType(values=values):
                return f"Record<string, {self.type(values)}>"
            case ir.ObjectType(properties=properties):
                return self.object_literal(properties)
            case ir.RefType(target=target, args=args):
                return self.name(target) + self._args(args)
            case ir.TypeParamRef(name=name):
                return name
            case ir.UnionType(members=members):
                return " | ".join(self._operand(m) for m in members)
            case ir.IntersectionType(members=members):
                return " & ".join(self._operand(m) for m in members)
            case ir.FunctionType(signature=signature):
                return self.function_type(signature)
            case ir.PromiseType(inner=inner):
                return f"Promise<{self.type(inner)}>"
            case ir.NativeType(typescript=native):
                return native.name
            case ir.MappedType(key=key, over=over, value=value):
                return f"{{ [{key} in keyof {self.type(over)}]: {self.type(value)} }}"
            case ir.IndexedType(object=obj, index=index):
                return f"{self._operand(obj, array=True)}[{self.type(index)}]"
            case ir.Checked(base=base):
                return self.type(base)  # the assertions are the validators' (wider here)
        raise TypeError(f"unknown type expression {expr!r}")

    def _operand(self, expr: ir.TypeExpr, *, array: bool = False) -> str:
        """Parenthesise what would otherwise bind wrongly inside `|`, `&` or `[]`."""
        while isinstance(expr, ir.Checked):
            expr = expr.base
        text = self.type(expr)
        needs = isinstance(expr, ir.FunctionType | ir.UnionType | ir.IntersectionType | ir.EnumType)
        if isinstance(expr, ir.EnumType) and len(expr.values) == 1:
            needs = False
        return f"({text})" if needs and (array or not isinstance(expr, ir.EnumType)) else text

    def _args(self, args: tuple[ir.TypeExpr, ...]) -> str:
        return f"<{', '.join(self.type(a) for a in args)}>" if args else ""

    def object_literal(self, properties: tuple[ir.Property, ...]) -> str:
        if not properties:
            return "Record<string, never>"
        members = "; ".join(self.member(p) for p in properties)
        return f"{{ {members} }}"

    def member(self, prop: ir.Property) -> str:
        readonly = "readonly " if prop.readonly else ""
        optional = "" if prop.required else "?"
        return f"{readonly}{self.property_name(prop.wire_name)}{optional}: {self.type(prop.type)}"

    @staticmethod
    def property_name(name: str) -> str:
        return name if is_ts_identifier(name) else literal(name)

    def type_params(self, params: tuple[ir.TypeParam, ...]) -> str:
        if not params:
            return ""
        parts = []
        for param in params:
            text = param.name
            if param.constraint is not None:
                text += f" extends {self.type(param.constraint)}"
            if param.default is not None:
                text += f" = {self.type(param.default)}"
            parts.append(text)
        return f"<{', '.join(parts)}>"

    def params(self, params: tuple[ir.Param, ...]) -> str:
        return ", ".join(
            f"{ts_parameter(p.name)}{'?' if p.optional else ''}: {self.type(p.type)}"
            for p in params
        )

    def function_type(self, signature: ir.Signature) -> str:
        return (
            f"{self.type_params(signature.type_params)}({self.params(signature.params)})"
            f" => {self.type(signature.result)}"
        )

    def method(self, signature: ir.Signature, name: str) -> str:
        return (
            f"{self.property_name(name)}{self.type_params(signature.type_params)}"
            f"({self.params(signature.params)}): {self.type(signature.result)}"
        )


class ZodOutputTypes(TsNames):
    """The type a zod validator produces, written out (for validators on a cycle,
    which TypeScript cannot infer): defaults filled in, so such a property is there."""

    def member(self, prop: ir.Property) -> str:
        return super().member(output_property(prop))

    def type(self, expr: ir.TypeExpr) -> str:
        # `Record<string, T>` is an alias, and an alias may not refer to itself
        # (TS2456): a recursive JSON value needs the index signature.
        if isinstance(expr, ir.MapType):
            return f"{{ [key: string]: {self.type(expr.values)} }}"
        return super().type(expr)

    def declared(self, definition: ir.TypeDef) -> str:
        if isinstance(definition, ir.Interface):
            return self.object_literal(definition.properties)
        if isinstance(definition, ir.Alias):
            return self.type(definition.type)
        return self.type(definition.base)


def generate(contract: ir.Contract) -> list[GeneratedFile]:
    names = TsNames(contract)
    errors_ts = _ErrorsView(contract, names)
    wire_plan = WirePlan(contract)
    output_types = ZodOutputTypes(contract)
    env = environment(
        {
            "ts_type": names.type,
            "ts_name": names.name,
            "ts_member": names.member,
            "ts_method": names.method,
            "ts_type_params": names.type_params,
            "ts_property": names.property_name,
            "ts_function_type": names.function_type,
            "ts_params": names.params,
            "ts_message": errors_ts.message_expression,
            "ts_value": errors_ts.value_expression,
            "ts_constant": _constant_expression,
            "ts_param": ts_parameter,
            "ts_error_param": errors_ts.parameter,
            "ts_has_option": errors_ts.has_option,
            "ts_option_or": errors_ts.option_or,
            "ts_template": lambda template: _concatenation(template, ts_parameter),
            "ts_property_default": lambda type_name, name: _property_default(
                contract, type_name, name
            ),
        }
    )
    constants_order = _constant_order(contract)
    files = [
        GeneratedFile(
            f"typescript/src/{module.name}.ts",
            _laid_out(
                env,
                "typescript/module.ts.j2",
                header=HEADER.format(source=f"schema/{module.file}"),
                module=module,
                imports=_imports(contract, module, names, wire_plan),
                constants=[c for c in constants_order if c in module.constants],
                errors=errors_ts,
                root_error=errors_ts.root_name,
                wire_schemas=(
                    wire_schemas(
                        wire_plan,
                        module,
                        output_types.declared,
                        names.property_name,
                        names.name,
                    )
                    if module.wire
                    else []
                ),
            ),
        )
        for module in contract.modules
    ]
    if any(wire_plan.helpers(module) for module in contract.modules):
        files.append(
            GeneratedFile(
                f"typescript/src/{WIRE_HELPERS}.ts",
                render(
                    env,
                    "typescript/wire_helpers.ts.j2",
                    header=HEADER.format(source="schema/"),
                    unmemoized=UNMEMOIZED,
                    declared=DECLARED,
                ),
            )
        )
    files.append(
        GeneratedFile(
            "typescript/src/index.ts",
            _laid_out(
                env,
                "typescript/index.ts.j2",
                header=HEADER.format(source="schema/"),
                modules=contract.modules,
            ),
        )
    )
    if check_functions(d for m in contract.modules if m.wire for d in m.types):
        text = _laid_out(env, "typescript/checks.ts.j2", header=HEADER.format(source="schema/"))
        files.append(GeneratedFile(f"typescript/src/{CHECKS_MODULE}.ts", text))
    files.append(GeneratedFile("typescript/package.json", _package_json(contract)))
    files.append(GeneratedFile("typescript/tsconfig.json", _tsconfig()))
    return files


def _laid_out(env: jinja2.Environment, template: str, **context: Any) -> str:
    """A rendered TypeScript file as prettier would lay it out: templates and
    expression builders write each construct on one line; ``layout`` breaks what
    does not fit in 80 columns (see "TypeScript layout" in docs/design.md)."""
    return layout(render(env, template, **context))


# ------------------------------------------------------------------- imports


def _imports(
    contract: ir.Contract, module: ir.Module, names: TsNames, wire_plan: WirePlan
) -> list[Import]:
    types: dict[str, set[str]] = {}
    values: dict[str, set[str]] = {}
    _expression_imports(module, names, wire_plan, types, values)
    for error in module.errors:
        if error.parent and error.parent.module != module.name:
            values.setdefault(f"./{error.parent.module}.js", set()).add(error.parent.name)
    _helper_imports(contract, module, names, types, values)
    _zod_imports(module, wire_plan, types, values)
    owners = {c.name: m.name for m in contract.modules for c in m.constants}
    for constant in module.constants:
        for dependency in ir.constant_dependencies(constant):
            owner = owners.get(dependency)
            if owner and owner != module.name:
                values.setdefault(f"./{owner}.js", set()).add(dependency)
    imports = [Import(m, tuple(sorted(n)), False) for m, n in values.items()]
    imports += [
        Import(m, tuple(sorted(n - values.get(m, set()))), True)
        for m, n in types.items()
        if n - values.get(m, set())
    ]
    return sorted(imports, key=lambda i: (i.module.startswith("."), i.module, i.type_only))


def _expression_imports(
    module: ir.Module,
    names: TsNames,
    wire_plan: WirePlan,
    types: dict[str, set[str]],
    values: dict[str, set[str]],
) -> None:
    """Other modules' types where a type is written out, and in a wire module their
    validators (a validator is built from the validators of its types). A wire
    type's own type is zod's inferred one, unless it is on a cycle (then declared)."""
    exprs = [
        (t, not module.wire or d.name in wire_plan.cyclic, module.wire)
        for d in module.types
        for t in ir.definition_types(d)
    ]
    exprs += [(p.type, True, False) for e in module.errors for p in e.params]
    exprs += [(f.type, True, False) for e in module.errors for f in e.fields]
    for top, as_type, as_value in exprs:
        for expr in ir.walk(top):
            if isinstance(expr, ir.RefType) and expr.target.module != module.name:
                where = f"./{expr.target.module}.js"
                if as_type:
                    types.setdefault(where, set()).add(names.name(expr.target))
                if as_value:
                    values.setdefault(where, set()).add(schema_name(expr.target))
            elif isinstance(expr, ir.NativeType) and expr.typescript.module and as_type:
                head = expr.typescript.name.split(".")[0]
                types.setdefault(expr.typescript.module, set()).add(head)


def _zod_imports(
    module: ir.Module,
    wire_plan: WirePlan,
    types: dict[str, set[str]],
    values: dict[str, set[str]],
) -> None:
    """zod, for validators (or a helper's types); the wire helpers and the assertions
    they call."""
    if (module.wire and module.types) or any(h.name in _ZOD_HELPERS for h in module.helpers):
        (values if module.wire else types).setdefault("zod", set()).add("z")
    for helper in wire_plan.helpers(module):
        values.setdefault(f"./{WIRE_HELPERS}.js", set()).add(helper)
    if module.wire and (checks := check_functions(module.types)):
        values.setdefault(f"./{CHECKS_MODULE}.js", set()).update(checks)


_ZOD_HELPERS = {"validate", "parseAndValidate"}


def _helper_imports(
    contract: ir.Contract,
    module: ir.Module,
    names: TsNames,
    types: dict[str, set[str]],
    values: dict[str, set[str]],
) -> None:
    """Import what a helper's template uses from wherever the contract defines it."""
    root = _root_error(contract)
    type_owner = {t.name.name: t.name for m in contract.modules if not m.wire for t in m.types}
    value_owner = {e.name.name: m.name for m in contract.modules for e in m.errors}
    value_owner |= {c.name: m.name for m in contract.modules for c in m.constants}
    value_owner |= {h.name: m.name for m in contract.modules for h in m.helpers}
    for helper in module.helpers:
        for used in helper_uses(helper.name):
            name = root.name if used == ROOT_ERROR and root else used
            if name in type_owner and type_owner[name].module != module.name:
                types.setdefault(f"./{type_owner[name].module}.js", set()).add(name)
            elif value_owner.get(name, module.name) != module.name:
                values.setdefault(f"./{value_owner[name]}.js", set()).add(name)


def _property_default(contract: ir.Contract, type_name: str, name: str) -> str:
    """The schema's default of a property, as a TypeScript literal (``""`` without
    one): a helper's template takes the contract's defaults from the contract."""
    for definition in contract.all_types:
        if definition.name.name == type_name and isinstance(definition, ir.Interface):
            for prop in definition.properties:
                if prop.wire_name == name and not isinstance(prop.default, ir.Missing):
                    return literal(prop.default)
    return literal("")


def _root_error(contract: ir.Contract) -> ir.TypeName | None:
    """The error class every other derives from (the first root, in schema order)."""
    return next((e.name for e in contract.all_errors if e.parent is None), None)


# ----------------------------------------------------------------- constants


def _constant_order(contract: ir.Contract) -> list[ir.ConstantDef]:
    """Schema order, except that a constant always follows the ones it derives from."""
    constants = (c for m in contract.modules for c in m.constants)
    return dependency_first(constants, lambda c: c.name, ir.constant_dependencies)


def _constant_expression(value: ir.ConstValue) -> str:
    if isinstance(value, ir.ConstRef):
        return value.name + (f"[{literal(value.key)}]" if value.key else "")
    if isinstance(value, ir.Template):
        return _concatenation(
            value,
            lambda name: _constant_expression(
                ir.ConstRef(*name.split(".", 1)) if "." in name else ir.ConstRef(name)
            ),
        )
    return literal(value)


def _concatenation(template: ir.Template, expression: _Expression) -> str:
    parts = [
        literal(s.text) if isinstance(s, ir.TemplateText) else f"String({expression(s.name)})"
        for s in template.segments
    ]
    if not parts:
        return '""'
    if len(parts) == 1 and parts[0].startswith("String("):
        return parts[0]
    return " + ".join(parts)


# -------------------------------------------------------------------- errors


class _ErrorsView:
    """Expressions inside generated error constructors."""

    def __init__(self, contract: ir.Contract, names: TsNames) -> None:
        self.by_name = {e.name.name: e for e in contract.all_errors}
        self.names = names
        root = _root_error(contract)
        self.root_name = root.name if root else "Error"

    def root(self, error: ir.ErrorClass) -> ir.ErrorClass:
        while error.parent is not None:
            error = self.by_name[error.parent.name]
        return error

    def parent(self, error: ir.ErrorClass) -> ir.ErrorClass | None:
        return self.by_name[error.parent.name] if error.parent else None

    def has_options(self, error: ir.ErrorClass) -> bool:
        return any(p.in_options for p in error.params)

    def options_optional(self, error: ir.ErrorClass) -> bool:
        return all(p.optional for p in error.params if p.in_options)

    def parameter(self, param: ir.ErrorParam, error: ir.ErrorClass) -> str:
        """A positional constructor parameter; an optional one before a required one
        stays positional and takes ``undefined``."""
        positional = [p for p in error.params if not p.in_options]
        later_required = any(
            not p.optional and p.default is None for p in positional[positional.index(param) + 1 :]
        )
        name, type_text = ts_parameter(param.name), self.names.type(param.type)
        if param.default is not None:
            return f"{name}: {type_text} = {literal(param.default)}"
        if param.optional and later_required:
            return f"{name}: {type_text} | undefined"
        return f"{name}{'?' if param.optional else ''}: {type_text}"

    def has_option(self, error: ir.ErrorClass, name: str) -> bool:
        return any(p.name == name and p.in_options for p in error.params)

    def option_or(self, error: ir.ErrorClass, name: str, fallback: ir.JsonScalar) -> str:
        """``options.code ?? "DEFAULT"`` where the constructor takes that option."""
        if self.has_option(error, name):
            return f"options.{name} ?? {literal(fallback)}"
        return literal(fallback)

    def value_expression(self, error: ir.ErrorClass, name: str) -> str:
        """The expression that holds parameter or computed field ``name`` in the constructor."""
        for param in error.params:
            if param.name == name:
                return f"options.{name}" if param.in_options else ts_parameter(name)
        for field in error.fields:
            if field.name == name and field.value is not None:
                return _concatenation(field.value, lambda n: self.value_expression(error, n))
        return "undefined"

    def message_expression(self, error: ir.ErrorClass) -> str:
        if not error.message:
            return self.value_expression(error, "message")
        parts = []
        for part in error.message:
            text = _concatenation(part.template, lambda n: self.value_expression(error, n))
            if part.when:
                text = f'({self.value_expression(error, part.when)} !== undefined ? {text} : "")'
            parts.append(text)
        return " + ".join(parts)


# ------------------------------------------------------------------ packaging


def _package_json(contract: ir.Contract) -> str:
    package = {
        "name": contract.name,
        "version": contract.version,
        "description": contract.description,
        "type": "module",
        "main": "./dist/index.js",
        "types": "./dist/index.d.ts",
        "exports": {
            ".": {"types": "./dist/index.d.ts", "import": "./dist/index.js"},
            **{
                f"./{module}": {"types": f"./dist/{module}.d.ts", "import": f"./dist/{module}.js"}
                for module in contract.npm_exports
            },
        },
        "files": ["dist", "src"],
        "sideEffects": False,
        "scripts": {"build": "tsc -p tsconfig.json"},
        "dependencies": {"zod": ZOD_VERSION},
        "devDependencies": {"typescript": TYPESCRIPT_VERSION},
    }
    return json.dumps(package, indent=2, ensure_ascii=True) + "\n"


def _tsconfig() -> str:
    config = {
        "compilerOptions": {
            "target": "ES2022",
            "lib": ["ES2022"],
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "strict": True,
            "declaration": True,
            "outDir": "dist",
            "rootDir": "src",
            "skipLibCheck": True,
            "noUnusedLocals": True,
            "noFallthroughCasesInSwitch": True,
        },
        "include": ["src"],
    }
    return json.dumps(config, indent=2) + "\n"
