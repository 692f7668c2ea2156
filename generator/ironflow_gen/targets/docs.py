"""Docs target: a Markdown reference of the whole contract under ``docs/``.

``docs/README.md`` is the index (contract facts and a table of contents); each
schema module becomes one page, in the contract's module order, laid out like the
spec README: every type with its description, its TypeScript and Python
declarations, a field table and links to the types it references; errors and
constants as tables; patterns with an example call; wire messages with their
examples as JSON.

Links are relative (``runs.md#runinfo``) and point at anchors this target emits
itself (``<a id="runinfo"></a>``), so they resolve on any Markdown renderer, not
only on one that derives heading ids the way GitHub does. Everything that reaches
a template is computed here, in schema order; the templates only lay text out and
escape schema text through the shared escaping filters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import ir
from ..escaping import literal, md_code, py_literal
from ..formatting import format_python, format_python_many
from ..naming import python_identifier, snake_case
from ..rendering import environment, render
from . import HEADER, GeneratedFile
from .typescript import TsNames

INDEX_PAGE = "README.md"
_ANCHOR_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_DOCS_LINE_LENGTH = 88


# --------------------------------------------------------------------- view model
# Final, escaped-later strings: templates read attributes and apply md_* filters.


@dataclass(frozen=True)
class Link:
    text: str  # an identifier (a type, error or constant name)
    href: str  # "runs.md#runinfo"


@dataclass(frozen=True)
class CodeBlock:
    language: str
    code: str
    fence: str  # a backtick run longer than any inside `code`, so the block cannot end early


@dataclass(frozen=True)
class FieldRow:
    wire_name: str
    python_name: str
    type: str  # TypeScript notation
    required: bool
    default: str  # a JSON literal, or "" for none
    description: str


@dataclass(frozen=True)
class MethodRow:
    name: str
    python_name: str
    signature: str  # TypeScript notation
    description: str


@dataclass(frozen=True)
class TypeEntry:
    link: Link
    anchor: str
    name: str
    ts_name: str
    description: str
    discriminator: str  # the property that picks a union's member, or ""
    typescript: CodeBlock
    python: CodeBlock
    fields: tuple[FieldRow, ...]
    methods: tuple[MethodRow, ...]
    references: tuple[Link, ...]
    examples: tuple[CodeBlock, ...]


@dataclass(frozen=True)
class ErrorFieldRow:
    name: str
    python_name: str
    type: str
    optional: bool
    computed: str  # the template a computed field is built from, or ""
    description: str


@dataclass(frozen=True)
class ErrorEntry:
    link: Link
    anchor: str
    name: str
    parent: Link | None
    code: str
    retryable: bool
    description: str
    typescript: CodeBlock
    python: CodeBlock
    fields: tuple[ErrorFieldRow, ...]
    references: tuple[Link, ...]


@dataclass(frozen=True)
class ConstantRow:
    name: str  # the constant's name, or the key of a group's entry
    value: str  # the computed value as a JSON literal
    expression: str  # how a derived value is written in the schema, or ""
    description: str


@dataclass(frozen=True)
class ConstantEntry:
    link: Link
    anchor: str
    name: str
    description: str
    is_group: bool
    rows: tuple[ConstantRow, ...]  # the constant itself, or a group's entries


@dataclass(frozen=True)
class PatternEntry:
    link: Link
    anchor: str
    name: str
    python_name: str
    template: str
    ts_call: str
    py_call: str
    result: str  # the example call's value as a JSON literal
    description: str


@dataclass(frozen=True)
class HelperEntry:
    link: Link
    anchor: str
    name: str
    python_name: str
    description: str


@dataclass(frozen=True)
class Page:
    file: str
    title: str
    description: str
    header: str
    wire: bool
    types: tuple[TypeEntry, ...]
    errors: tuple[ErrorEntry, ...]
    constants: tuple[ConstantEntry, ...]
    patterns: tuple[PatternEntry, ...]
    helpers: tuple[HelperEntry, ...]
    previous: Link | None
    next: Link | None


# ------------------------------------------------------------------------ entry


def generate(contract: ir.Contract) -> list[GeneratedFile]:
    """The index first, then one page per module in the contract's order (the order
    a reader of the spec README expects)."""
    env = environment({"md_code_cell": md_code_cell})
    pages = _Pages(contract).build()
    files = [
        GeneratedFile(f"docs/{page.file}", render(env, "docs/module.md.j2", page=page))
        for page in pages
    ]
    index = render(
        env,
        "docs/index.md.j2",
        header=HEADER.format(source="schema/"),
        contract=contract,
        pages=pages,
    )
    return [GeneratedFile(f"docs/{INDEX_PAGE}", index), *files]


def md_code_cell(text: str) -> str:
    """Inline code inside a GFM table cell: `md_code`, with `|` escaped so it cannot
    split the row (GFM removes the backslash inside code spans in tables)."""
    return md_code(text).replace("|", "\\|")


def code_block(language: str, code: str) -> CodeBlock:
    """A fenced block whose fence is longer than any backtick run in the code."""
    longest = max((len(run) for run in re.findall("`+", code)), default=0)
    return CodeBlock(language, code.rstrip("\n"), "`" * max(3, longest + 1))


# ----------------------------------------------------------------------- anchors


def page_file(module: ir.Module) -> str:
    """The module's page; a module called ``readme`` must not clash with the index
    on a case-insensitive file system."""
    if module.name.lower() == INDEX_PAGE.removesuffix(".md").lower():
        return f"{module.name}-module.md"
    return f"{module.name}.md"


class Anchors:
    """Every anchor of every page, assigned once before any page is rendered.

    Types and errors take their lower-cased name (``runinfo``); constants, patterns
    and helpers a kind prefix (``const-default_port``), so a constant cannot take a
    type's anchor. A leftover clash on one page (names equal but for case) gets a
    numeric suffix in schema order, so anchors stay stable and unique.
    """

    def __init__(self, contract: ir.Contract) -> None:
        self._anchors: dict[tuple[str, str, str], str] = {}
        self._files = {m.name: page_file(m) for m in contract.modules}
        for module in contract.modules:
            used: set[str] = set()
            for kind, name in _anchored_names(module):
                anchor = _unique(_anchor_text(kind, name), used)
                self._anchors[(module.name, kind, name)] = anchor

    def anchor(self, module: str, kind: str, name: str) -> str:
        return self._anchors[(module, kind, name)]

    def link(self, module: str, kind: str, name: str) -> Link:
        return Link(name, f"{self._files[module]}#{self.anchor(module, kind, name)}")

    def type_link(self, name: ir.TypeName) -> Link:
        return self.link(name.module, "type", name.name)


def _anchored_names(module: ir.Module) -> Iterator[tuple[str, str]]:
    yield from (("type", t.name.name) for t in module.types)
    yield from (("type", e.name.name) for e in module.errors)
    yield from (("const", c.name) for c in module.constants)
    yield from (("pattern", p.name) for p in module.patterns)
    yield from (("helper", h.name) for h in module.helpers)


def _anchor_text(kind: str, name: str) -> str:
    prefix = "" if kind == "type" else f"{kind}-"
    return prefix + (_ANCHOR_UNSAFE.sub("-", name.lower()).strip("-") or "x")


def _unique(anchor: str, used: set[str]) -> str:
    candidate, number = anchor, 1
    while candidate in used:
        number += 1
        candidate = f"{anchor}-{number}"
    used.add(candidate)
    return candidate


# ------------------------------------------------------------------------- pages


class _Pages:
    """Turns the contract into page view models with final names, links and code."""

    def __init__(self, contract: ir.Contract) -> None:
        self.contract = contract
        self.anchors = Anchors(contract)
        self.ts = TsNames(contract)
        self.py = PythonDeclarations(contract)
        self.py.format_all()
        self.constants = ConstantValues(contract)

    def build(self) -> list[Page]:
        modules = self.contract.modules
        return [
            self._page(
                module,
                self._title_link(modules[i - 1]) if i > 0 else None,
                self._title_link(modules[i + 1]) if i + 1 < len(modules) else None,
            )
            for i, module in enumerate(modules)
        ]

    @staticmethod
    def _title_link(module: ir.Module) -> Link:
        return Link(module.title or module.name, page_file(module))

    def _page(self, module: ir.Module, previous: Link | None, following: Link | None) -> Page:
        return Page(
            file=page_file(module),
            title=module.title or module.name,
            description=module.description,
            header=HEADER.format(source=f"schema/{module.file}"),
            wire=module.wire,
            types=tuple(self._type(module, t) for t in module.types),
            errors=tuple(self._error(module, e) for e in module.errors),
            constants=tuple(self._constant(module, c) for c in module.constants),
            patterns=tuple(self._pattern(module, p) for p in module.patterns),
            helpers=tuple(self._helper(module, h) for h in module.helpers),
            previous=previous,
            next=following,
        )

    # ----------------------------------------------------------------- types

    def _type(self, module: ir.Module, definition: ir.TypeDef) -> TypeEntry:
        return TypeEntry(
            link=self.anchors.type_link(definition.name),
            anchor=self.anchors.anchor(module.name, "type", definition.name.name),
            name=definition.name.name,
            ts_name=self.ts.name(definition.name),
            description=definition.description,
            discriminator=_discriminator(definition),
            typescript=code_block("ts", typescript_declaration(definition, self.ts)),
            python=code_block("python", self.py.declaration(definition)),
            fields=tuple(self._field(p) for p in _properties(definition)),
            methods=tuple(self._methods(definition)),
            references=self._references(ir.definition_types(definition), definition.name),
            examples=tuple(
                code_block("json", json.dumps(e, indent=2, ensure_ascii=True))
                for e in _examples(definition)
            ),
        )

    def _field(self, prop: ir.Property) -> FieldRow:
        return FieldRow(
            wire_name=prop.wire_name,
            python_name=python_identifier(prop.wire_name),
            type=self.ts.type(prop.type),
            required=prop.required,
            default="" if isinstance(prop.default, ir.Missing) else literal(prop.default),
            description=prop.description,
        )

    def _methods(self, definition: ir.TypeDef) -> Iterator[MethodRow]:
        if not isinstance(definition, ir.Interface):
            return
        for method in definition.methods:
            for signature in method.overloads:
                yield MethodRow(
                    method.name,
                    python_identifier(method.name),
                    self.ts.method(signature, method.name),
                    signature.description,
                )

    def _references(self, exprs: Iterable[ir.TypeExpr], own: ir.TypeName) -> tuple[Link, ...]:
        """Every named type used, once, in order of first use; not the type itself."""
        seen = dict.fromkeys(
            sub.target
            for top in exprs
            for sub in ir.walk(top)
            if isinstance(sub, ir.RefType) and sub.target != own
        )
        return tuple(self.anchors.type_link(name) for name in seen)

    # ---------------------------------------------------------------- errors

    def _error(self, module: ir.Module, error: ir.ErrorClass) -> ErrorEntry:
        exprs = [p.type for p in error.params] + [f.type for f in error.fields]
        return ErrorEntry(
            link=self.anchors.type_link(error.name),
            anchor=self.anchors.anchor(module.name, "type", error.name.name),
            name=error.name.name,
            parent=self.anchors.type_link(error.parent) if error.parent else None,
            code=error.code,
            retryable=error.retryable,
            description=error.description,
            typescript=code_block("ts", typescript_error_declaration(error, self.ts)),
            python=code_block("python", self.py.error(error)),
            fields=tuple(
                ErrorFieldRow(
                    f.name,
                    python_identifier(f.name),
                    self.ts.type(f.type),
                    f.optional,
                    template_source(f.value) if f.value else "",
                    f.description,
                )
                for f in error.fields
            ),
            references=self._references(exprs, error.name),
        )

    # ------------------------------------------------------------- constants

    def _constant(self, module: ir.Module, constant: ir.ConstantDef) -> ConstantEntry:
        if isinstance(constant, ir.Constant):
            rows: tuple[ConstantRow, ...] = (self._constant_row(constant.name, constant.value),)
        else:
            rows = tuple(
                self._constant_row(e.key, e.value, e.description) for e in constant.entries
            )
        return ConstantEntry(
            link=self.anchors.link(module.name, "const", constant.name),
            anchor=self.anchors.anchor(module.name, "const", constant.name),
            name=constant.name,
            description=constant.description,
            is_group=isinstance(constant, ir.ConstantGroup),
            rows=rows,
        )

    def _constant_row(self, name: str, value: ir.ConstValue, description: str = "") -> ConstantRow:
        return ConstantRow(
            name, literal(self.constants.value(value)), constant_expression(value), description
        )

    # --------------------------------------------------------------- helpers

    def _helper(self, module: ir.Module, helper: ir.Helper) -> HelperEntry:
        return HelperEntry(
            link=self.anchors.link(module.name, "helper", helper.name),
            anchor=self.anchors.anchor(module.name, "helper", helper.name),
            name=helper.name,
            python_name=python_identifier(helper.name),
            description=helper.description,
        )

    # -------------------------------------------------------------- patterns

    def _pattern(self, module: ir.Module, pattern: ir.Pattern) -> PatternEntry:
        arguments = {name: example_argument(name) for name in pattern.params}
        ts_args = ", ".join(literal(a) for a in arguments.values())
        result = "".join(
            s.text if isinstance(s, ir.TemplateText) else arguments[s.name]
            for s in pattern.template.segments
        )
        python_name = python_identifier(pattern.name)
        return PatternEntry(
            link=self.anchors.link(module.name, "pattern", pattern.name),
            anchor=self.anchors.anchor(module.name, "pattern", pattern.name),
            name=pattern.name,
            python_name=python_name,
            template=template_source(pattern.template),
            ts_call=f"patterns.{pattern.name}({ts_args})",
            py_call=f"patterns.{python_name}({ts_args})",
            result=literal(result),
            description=pattern.description,
        )


def _discriminator(definition: ir.TypeDef) -> str:
    if isinstance(definition, ir.Alias) and isinstance(definition.type, ir.UnionType):
        return definition.type.discriminator or ""
    return ""


def _examples(definition: ir.TypeDef) -> tuple[ir.JsonValue, ...]:
    return () if isinstance(definition, ir.Brand) else definition.examples


def _properties(definition: ir.TypeDef) -> tuple[ir.Property, ...]:
    """The fields a table lists: an interface's own, or an alias's inline object's."""
    if isinstance(definition, ir.Interface):
        return definition.properties
    if isinstance(definition, ir.Alias) and isinstance(definition.type, ir.ObjectType):
        return definition.type.properties
    return ()


# --------------------------------------------------------- constants & templates


def template_source(template: ir.Template) -> str:
    """A template as written in the schema (literal braces doubled again)."""
    return "".join(
        (
            s.text.replace("{", "{{").replace("}", "}}")
            if isinstance(s, ir.TemplateText)
            else f"{{{s.name}}}"
        )
        for s in template.segments
    )


def constant_expression(value: ir.ConstValue) -> str:
    """How a derived value is written (`HTTP_HEADERS.CONTENT_TYPE_JSON`, a template);
    empty for a plain value."""
    if isinstance(value, ir.ConstRef):
        return value.name + (f".{value.key}" if value.key else "")
    if isinstance(value, ir.Template):
        return template_source(value)
    return ""


class ConstantValues:
    """Computes derived constants, as the generated code does at import time."""

    def __init__(self, contract: ir.Contract) -> None:
        self.by_name = {c.name: c for m in contract.modules for c in m.constants}

    def value(self, value: ir.ConstValue) -> ir.JsonScalar:
        if isinstance(value, ir.ConstRef):
            return self.lookup(value.name, value.key)
        if isinstance(value, ir.Template):
            return "".join(
                (
                    s.text
                    if isinstance(s, ir.TemplateText)
                    else js_string(self.lookup(*_split_placeholder(s.name)))
                )
                for s in value.segments
            )
        return value

    def lookup(self, name: str, key: str | None) -> ir.JsonScalar:
        constant = self.by_name[name]  # the checker has resolved every reference
        if isinstance(constant, ir.Constant):
            return self.value(constant.value)
        entry = next(e for e in constant.entries if e.key == key)
        return self.value(entry.value)


def _split_placeholder(name: str) -> tuple[str, str | None]:
    head, _, key = name.partition(".")
    return head, key or None


def js_string(value: ir.JsonScalar) -> str:
    """``String(value)`` in JavaScript, which the generated TypeScript uses for templates
    (``2.0`` is ``"2"``, ``true`` is ``"true"``)."""
    if isinstance(value, bool) or value is None:
        return literal(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def example_argument(param: str) -> str:
    """A readable, deterministic argument for an example call: ``runId`` -> ``my-run-id``."""
    return "my-" + snake_case(param).replace("_", "-")


# -------------------------------------------------------------------- TypeScript


def typescript_declaration(definition: ir.TypeDef, ts: TsNames) -> str:
    """The declaration as the spec README shows it (no `export`, no comments:
    descriptions are in the surrounding prose and tables)."""
    name = ts.name(definition.name)
    if isinstance(definition, ir.Brand):
        base = ts.type(definition.base)
        return (
            f"type {name} = {base} & {{ readonly __brand: {literal(definition.name.name)} }};\n"
            f"declare const {definition.factory}: (value: {base}) => {name};"
        )
    params = ts.type_params(definition.type_params)
    if isinstance(definition, ir.Alias):
        return f"type {name}{params} = {ts.type(definition.type)};"
    extends = ", ".join(ts.type(e) for e in definition.extends)
    head = f"interface {name}{params}{f' extends {extends}' if extends else ''}"
    members = [f"  {ts.member(p)};" for p in definition.properties]
    members += [f"  {ts.method(s, m.name)};" for m in definition.methods for s in m.overloads]
    return f"{head} {{\n" + "".join(f"{m}\n" for m in members) + "}"


def typescript_error_declaration(error: ir.ErrorClass, ts: TsNames) -> str:
    parent = error.parent.name if error.parent else "Error"
    lines = [f"class {error.name.name} extends {parent} {{"]
    if error.parent is None:
        lines += ["  readonly code: string;", "  readonly retryable: boolean;"]
    lines += [
        f"  readonly {ts.property_name(f.name)}{'?' if f.optional else ''}: {ts.type(f.type)};"
        for f in error.fields
    ]
    lines.append(f"  constructor({_ts_constructor_params(error, ts)});")
    return "\n".join([*lines, "}"])


def _ts_constructor_params(error: ir.ErrorClass, ts: TsNames) -> str:
    positional = [p for p in error.params if not p.in_options]
    parts = []
    for index, param in enumerate(positional):
        later_required = any(not p.optional and p.default is None for p in positional[index + 1 :])
        name, type_text = ts.property_name(param.name), ts.type(param.type)
        if param.optional and later_required:
            parts.append(f"{name}: {type_text} | undefined")
        else:
            optional = param.optional or param.default is not None
            parts.append(f"{name}{'?' if optional else ''}: {type_text}")
    options = [p for p in error.params if p.in_options]
    if options:
        members = "; ".join(
            f"{ts.property_name(p.name)}{'?' if p.optional else ''}: {ts.type(p.type)}"
            for p in options
        )
        optional = all(p.optional for p in options)
        parts.append(f"options{'?' if optional else ''}: {{ {members} }}")
    return ", ".join(parts)


# ------------------------------------------------------------------------ Python


_PY_PRIMITIVES = {
    "string": "str",
    "number": "float",
    "integer": "int",
    "boolean": "bool",
    "null": "None",
}


class PythonDeclarations:
    """Concise Python declarations for the docs.

    A stand-in until the Python dataclass target exposes a renderer for one
    definition: dataclasses with snake_case attributes, ``Literal`` aliases,
    ``NewType`` brands, ``Protocol`` for interfaces with methods, ``Callable`` for
    function types, exception classes for errors. Imports are left out; the text is
    formatted by black in stub style so that it is valid, tidy Python.
    """

    def __init__(self, contract: ir.Contract) -> None:
        self.contract = contract
        # The Python target names classes as TypeScript does (`ValidatedPushRequest`).
        self.names = TsNames(contract)
        self._formatted: dict[str, str] = {}

    def format_all(self) -> None:
        """Format every declaration of the contract in one batch (memoised, in
        parallel), before the pages ask for them one at a time."""
        sources = [self._declaration_source(d) for m in self.contract.modules for d in m.types]
        sources += [self._error_source(e) for m in self.contract.modules for e in m.errors]
        formatted = format_python_many(sources, line_length=_DOCS_LINE_LENGTH, stub=True)
        self._formatted.update(zip(sources, formatted, strict=True))

    def _format(self, code: str) -> str:
        """Black in stub style: deterministic layout, and a syntax check for free."""
        if code not in self._formatted:
            self._formatted[code] = format_python(code, line_length=_DOCS_LINE_LENGTH, stub=True)
        return self._formatted[code].rstrip("\n")

    # --------------------------------------------------------------- types

    def type(self, expr: ir.TypeExpr) -> str:  # noqa: C901 - one case per IR kind
        match expr:
            case ir.Primitive(name=name):
                return _PY_PRIMITIVES[name]
            case ir.Unknown():
                return "Any"
            case ir.Void():
                return "None"
            case ir.LiteralType(value=None):
                return "None"
            case ir.LiteralType(value=value):
                return f"Literal[{py_literal(value)}]"
            case ir.EnumType(values=values):
                return f"Literal[{', '.join(py_literal(v) for v in values)}]"
            case ir.ArrayType(items=items):
                return f"list[{self.type(items)}]"
            case ir.MapType(values=values):
                return f"dict[str, {self.type(values)}]"
            case ir.ObjectType():
                return "dict[str, Any]"
            case ir.RefType(target=target, args=args):
                return self.names.name(target) + self._args(args)
            case ir.TypeParamRef(name=name):
                return name
            case ir.UnionType(members=members):
                return " | ".join(dict.fromkeys(self.type(m) for m in members))
            case ir.IntersectionType(members=members):
                return self._intersection(members)
            case ir.FunctionType(signature=signature):
                return self.callable(signature)
            case ir.PromiseType(inner=inner):
                return f"Awaitable[{self.type(inner)}]"
            case ir.NativeType(python=native):
                return native.name
            case ir.MappedType() | ir.IndexedType():
                return "Any"  # no Python spelling of a mapped or indexed type
        raise TypeError(f"unknown type expression {expr!r}")

    def _args(self, args: tuple[ir.TypeExpr, ...]) -> str:
        return f"[{', '.join(self.type(a) for a in args)}]" if args else ""

    def _intersection(self, members: tuple[ir.TypeExpr, ...]) -> str:
        """Python has no `A & B`: keep the one member that is not an inline object
        (`T & { __brand: B }` is `T`), else `Any`."""
        named = [m for m in members if not isinstance(m, ir.ObjectType)]
        return self.type(named[0]) if len(named) == 1 else "Any"

    def callable(self, signature: ir.Signature) -> str:
        params = ", ".join(self.type(p.type) for p in signature.params)
        returns = self.type(signature.returns)
        if signature.is_async:
            returns = f"Awaitable[{returns}]"
        return f"Callable[[{params}], {returns}]"

    def optional(self, expr: ir.TypeExpr) -> str:
        text = self.type(expr)
        return text if "None" in text.split(" | ") else f"{text} | None"

    # -------------------------------------------------------- declarations

    def declaration(self, definition: ir.TypeDef) -> str:
        return self._format(self._declaration_source(definition))

    def _declaration_source(self, definition: ir.TypeDef) -> str:
        if isinstance(definition, ir.Brand):
            name, base = self.names.name(definition.name), self.type(definition.base)
            code = (
                f"{name} = NewType({literal(name)}, {base})\n"
                f"def {python_identifier(definition.factory)}(value: {base}) -> {name}: ...\n"
            )
        elif isinstance(definition, ir.Alias):
            code = self._type_vars(definition) + (
                f"{self.names.name(definition.name)}: TypeAlias = {self.type(definition.type)}\n"
            )
        else:
            code = self._type_vars(definition) + self._class(definition)
        return code

    def _type_vars(self, definition: ir.TypeDef) -> str:
        """`T = TypeVar("T")` for every type parameter the declaration uses. Python has
        one TypeVar per name, so when overloads reuse a name the first bound wins."""
        params: dict[str, ir.TypeParam] = {}
        found = [] if isinstance(definition, ir.Brand) else list(definition.type_params)
        if isinstance(definition, ir.Interface):
            found += [p for m in definition.methods for s in m.overloads for p in s.type_params]
        for param in found:
            params.setdefault(param.name, param)
        return "".join(
            f"{name} = TypeVar({literal(name)}"
            + (f", bound={self.type(p.constraint)}" if p.constraint else "")
            + ")\n"
            for name, p in params.items()
        )

    def is_protocol(self, definition: ir.Interface) -> bool:
        """An interface with methods, or one that extends such an interface."""
        if definition.methods:
            return True
        return any(
            isinstance(parent := self.contract.type_def(e.target), ir.Interface)
            and self.is_protocol(parent)
            for e in definition.extends
        )

    def _class(self, definition: ir.Interface) -> str:
        protocol = self.is_protocol(definition)
        bases = [self.type(e) for e in definition.extends]
        params = ", ".join(p.name for p in definition.type_params)
        if protocol:
            bases.append(f"Protocol[{params}]" if params else "Protocol")
        elif params:
            bases.append(f"Generic[{params}]")
        head = f"class {self.names.name(definition.name)}" + (
            f"({', '.join(bases)})" if bases else ""
        )
        body = [self._attribute(p, protocol) for p in definition.properties]
        body += [
            self._method(m.name, s, overloaded=len(m.overloads) > 1)
            for m in definition.methods
            for s in m.overloads
        ]
        decorator = "" if protocol else "@dataclass(kw_only=True)\n"
        return f"{decorator}{head}:\n" + "".join(f"    {line}\n" for line in (body or ["pass"]))

    def _attribute(self, prop: ir.Property, protocol: bool) -> str:
        name = python_identifier(prop.wire_name)
        if prop.required and isinstance(prop.default, ir.Missing):
            return f"{name}: {self.type(prop.type)}"
        if isinstance(prop.default, ir.Missing):
            return f"{name}: {self.optional(prop.type)}" + ("" if protocol else " = None")
        return f"{name}: {self.type(prop.type)} = {_py_default(prop.default)}"

    def _method(self, name: str, signature: ir.Signature, *, overloaded: bool) -> str:
        keyword = "async def" if signature.is_async else "def"
        params = ", ".join(["self", *self._params(signature.params)])
        decorator = "@overload\n    " if overloaded else ""
        return (
            f"{decorator}{keyword} {python_identifier(name)}({params})"
            f" -> {self.type(signature.returns)}: ..."
        )

    def _params(self, params: tuple[ir.Param, ...]) -> Iterator[str]:
        """An optional parameter defaults to None unless a required one follows it."""
        for index, param in enumerate(params):
            name = python_identifier(param.name)
            later_required = any(not p.optional for p in params[index + 1 :])
            if not param.optional:
                yield f"{name}: {self.type(param.type)}"
            elif later_required:
                yield f"{name}: {self.optional(param.type)}"
            else:
                yield f"{name}: {self.optional(param.type)} = None"

    # -------------------------------------------------------------- errors

    def error(self, error: ir.ErrorClass) -> str:
        return self._format(self._error_source(error))

    def _error_source(self, error: ir.ErrorClass) -> str:
        parent = error.parent.name if error.parent else "Exception"
        if error.parent is None:
            body = [
                f"code: str = {literal(error.code)}",
                f"retryable: bool = {py_literal(error.retryable)}",
            ]
        else:
            body = [f"code = {literal(error.code)}", f"retryable = {py_literal(error.retryable)}"]
        body += [
            f"{python_identifier(f.name)}: "
            + (self.optional(f.type) if f.optional else self.type(f.type))
            for f in error.fields
        ]
        body.append(f"def __init__({', '.join(self._error_params(error))}) -> None: ...")
        return f"class {error.name.name}({parent}):\n" + "".join(f"    {b}\n" for b in body)

    def _error_params(self, error: ir.ErrorClass) -> Iterator[str]:
        """Positional parameters as in TypeScript; options become keyword-only."""
        yield "self"
        positional = [p for p in error.params if not p.in_options]
        for index, param in enumerate(positional):
            name = python_identifier(param.name)
            later_required = any(
                not p.optional and p.default is None for p in positional[index + 1 :]
            )
            if param.default is not None:
                yield f"{name}: {self.type(param.type)} = {literal(param.default)}"
            elif param.optional:
                default = "" if later_required else " = None"
                yield f"{name}: {self.optional(param.type)}{default}"
            else:
                yield f"{name}: {self.type(param.type)}"
        options = [p for p in error.params if p.in_options]
        if options:
            yield "*"
        for param in options:
            name = python_identifier(param.name)
            if param.optional:
                yield f"{name}: {self.optional(param.type)} = None"
            else:
                yield f"{name}: {self.type(param.type)}"


def _py_default(value: ir.JsonValue) -> str:
    """A dataclass default: mutable values through a factory."""
    if value == [] or value == {}:
        return f"field(default_factory={type(value).__name__})"
    if isinstance(value, list | dict):
        return f"field(default_factory=lambda: {py_literal(value)})"
    return py_literal(value)
