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
from ..escaping import literal, md_code
from ..naming import python_identifier, snake_case
from ..rendering import environment, render
from . import HEADER, GeneratedFile
from ._python_stubs import PythonStubs
from .typescript import TsNames

INDEX_PAGE = "README.md"
_ANCHOR_UNSAFE = re.compile(r"[^a-z0-9_-]+")


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
        self.py = PythonStubs(contract)  # the package's own declarations
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
            fields=tuple(self._field(definition.name, p) for p in _properties(definition)),
            methods=tuple(self._methods(definition)),
            references=self._references(ir.definition_types(definition), definition.name),
            examples=tuple(
                code_block("json", json.dumps(e, indent=2, ensure_ascii=True))
                for e in _examples(definition)
            ),
        )

    def _field(self, owner: ir.TypeName, prop: ir.Property) -> FieldRow:
        return FieldRow(
            wire_name=prop.wire_name,
            python_name=self.py.attribute(owner, prop.wire_name),
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
