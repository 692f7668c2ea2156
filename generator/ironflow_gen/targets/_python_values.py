"""Errors, constants, patterns and helpers of the ``python`` target, as views.

Decisions, and why:

* Error constructors keep the schema's parameter order; parameters that
  TypeScript takes in a trailing options object are keyword-only. An optional
  positional parameter followed by a required one (``InvokeError``'s
  ``childRunId``) stays positional and accepts None, as TypeScript's
  ``string | undefined`` does. ``code`` and ``retryable`` are class attributes
  (the table of the spec, readable without an instance); the root's constructor
  takes the class's values unless an overridable option says otherwise.
* An error class named after a Python builtin exception (``TimeoutError``,
  ``ConnectionError``) is kept under its contract name on purpose, and also bound
  as ``<python-alias-prefix><Name>`` (``IronflowTimeoutError``), which shadows
  nothing; the generated code itself reaches the builtins only as ``builtins.<Name>``.
* A constant group is the one instance of a class of its own over
  ``_wire.ConstantGroup``: each entry a ``Final`` class attribute, so
  ``DEFAULT_RETRY.MAX_DELAY_MS`` is typed and a misspelt name is a type error; and
  a read-only ``Mapping`` over the schema's keys, so ``JSON_HEADERS["Content-Type"]``
  works where a key is not an identifier (its attribute is
  ``naming.python_identifier`` of the key), and a group iterates like the
  TypeScript object does.
* Derived constants are expressions over the constants they derive from, in
  dependency order, so their values can never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import ir
from ..escaping import py_literal
from ..helper_contract import ROOT_ERROR, helper_uses
from ..naming import group_attribute, python_identifier, snake_case
from ..ordering import dependency_first
from ._python_types import WIRE_HELPERS, PyContract, attribute_names, optional
from ._python_views import MemberView, ModuleBuilder

# Builtin exception names of Python 3.11 (fixed here so that output does not
# depend on the Python version running the generator).
BUILTIN_EXCEPTIONS = frozenset(
    """ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
    BlockingIOError BrokenPipeError BufferError ChildProcessError ConnectionAbortedError
    ConnectionError ConnectionRefusedError ConnectionResetError EOFError EnvironmentError
    Exception ExceptionGroup FileExistsError FileNotFoundError FloatingPointError
    GeneratorExit IOError ImportError IndentationError IndexError InterruptedError
    IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
    ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError
    OverflowError PermissionError ProcessLookupError RecursionError ReferenceError
    RuntimeError StopAsyncIteration StopIteration SyntaxError SystemError SystemExit
    TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError
    UnicodeEncodeError UnicodeError UnicodeTranslateError ValueError ZeroDivisionError""".split()  # noqa: SIM905 - a word list reads better than 67 quoted names
)


@dataclass(frozen=True)
class HelperNeeds:
    """What one helper's Python template uses besides the contract's names:
    ``import X`` modules, ``from X import name`` names of the standard library and
    the runtime, and type variables."""

    modules: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    typevars: tuple[str, ...] = ()


_MAPPING = ("collections.abc", "Mapping")
_ANY = ("typing", "Any")
_FINAL = ("typing", "Final")
_PROXY = ("types", "MappingProxyType")

# Per-target differences as data: what each helper's Python template needs from
# the standard library and the runtime. The contract names it uses (types, errors,
# constants, other helpers) are the ones helper_contract.json lists for every target.
HELPERS: dict[str, HelperNeeds] = {
    "getServerUrl": HelperNeeds(("os",)),
    "isRetryable": HelperNeeds(("builtins",)),
    "isIronflowError": HelperNeeds(names=(("typing", "TypeGuard"),)),
    "toError": HelperNeeds(names=(_MAPPING,)),
    "parseDuration": HelperNeeds(("re",), (_MAPPING, _FINAL, _PROXY)),
    "calculateBackoff": HelperNeeds(("math",)),
    "sleep": HelperNeeds(("asyncio",)),
    "createDeferred": HelperNeeds(
        ("asyncio",),
        (("collections.abc", "Awaitable"), ("collections.abc", "Callable"), ("typing", "Generic")),
        ("T",),
    ),
    "generateId": HelperNeeds(("random", "time"), (_FINAL,)),
    "safeJsonParse": HelperNeeds(("json",), (_ANY,)),
    "isObject": HelperNeeds(names=(("typing", "TypeGuard"), _ANY)),
    "deepMerge": HelperNeeds(names=(_MAPPING, _ANY)),
    "createUpcasterRegistry": HelperNeeds(names=(_ANY, (WIRE_HELPERS, "js_string"))),
    "createEventDefinitionRegistry": HelperNeeds(names=(_ANY,)),
    "createLogger": HelperNeeds(("json", "os", "sys"), (_ANY, _MAPPING, _FINAL, _PROXY)),
    "createNoopLogger": HelperNeeds(names=(_ANY,)),
    "validate": HelperNeeds(names=(("collections.abc", "Callable"), _ANY), typevars=("T",)),
    "parseAndValidate": HelperNeeds(
        ("json",), (("collections.abc", "Callable"), _ANY), typevars=("T",)
    ),
}


@dataclass(frozen=True)
class ArgView:
    keyword: str | None
    value: str

    @property
    def text(self) -> str:
        """The argument as written in the call."""
        return self.value if self.keyword is None else f"{self.keyword}={self.value}"


@dataclass(frozen=True)
class ErrorView:
    name: str
    parent: str
    description: str
    code: str  # a Python literal
    retryable: str  # "True" / "False"
    attributes: tuple[MemberView, ...]
    params: tuple[str, ...]
    message: str  # the root's message expression
    overrides: tuple[tuple[str, str], ...]  # the root's (attribute, parameter) option overrides
    cause: str | None  # the root's `cause` parameter
    super_args: tuple[ArgView, ...]
    assignments: tuple[tuple[str, str], ...]
    alias: str | None

    @property
    def root(self) -> bool:
        return self.parent == "Exception"

    @property
    def super_arguments(self) -> tuple[str, ...]:
        return tuple(arg.text for arg in self.super_args)


@dataclass(frozen=True)
class EntryView:
    key: str  # a Python literal
    value: str
    description: str
    attribute: str = ""


@dataclass(frozen=True)
class ConstantView:
    name: str
    annotation: str  # a group: its base class, ConstantGroup[V]
    value: str
    description: str
    entries: tuple[EntryView, ...] | None
    group_class: str = ""
    final: str = "Final"
    keys_annotation: str = ""


@dataclass(frozen=True)
class PatternView:
    name: str
    params: tuple[str, ...]
    value: str
    description: str


@dataclass(frozen=True)
class HelperView:
    name: str  # the Python function
    template: str  # the schema's helper name: templates/python/helpers/<template>.py.j2
    description: str


def concatenation(template: ir.Template, value: Callable[[str], str]) -> str:
    """A template as a ``+`` chain of string literals and string expressions."""
    parts = [
        py_literal(s.text) if isinstance(s, ir.TemplateText) else value(s.name)
        for s in template.segments
    ]
    return " + ".join(parts) if parts else '""'


# ------------------------------------------------------------------------ errors


class ErrorBuilder:
    """Views of one module's error classes (parents before children)."""

    def __init__(self, builder: ModuleBuilder) -> None:
        self.builder = builder
        self.py = builder.py
        self.by_name = {e.name.name: e for errors in self.py.errors.values() for e in errors}

    def views(self) -> list[ErrorView]:
        errors = self.py.errors[self.builder.module.name]
        return [self._error(e) for e in parents_first(errors)]

    def _error(self, error: ir.ErrorClass) -> ErrorView:
        parent = self.by_name[error.parent.name] if error.parent else None
        if parent and error.parent and error.parent.module != error.name.module:
            self.builder.need(self.py.source(error.parent.module), parent.name.name)
        names = self._names(error)
        fields = [f for f in error.fields if not (parent and _passed_up(f.name, parent))]
        attributes = [self._attribute(f, names[f.name]) for f in fields]
        alias = (
            self.py.contract.python_alias_prefix + error.name.name
            if error.name.name in BUILTIN_EXCEPTIONS
            else None
        )
        self.builder.exports += [error.name.name] + ([alias] if alias else [])
        return ErrorView(
            name=error.name.name,
            parent=parent.name.name if parent else "Exception",
            description=error.description,
            code=py_literal(error.code),
            retryable=py_literal(error.retryable),
            attributes=tuple(attributes),
            params=self._params(error, names),
            message=self._message(error, names),
            overrides=tuple(
                (n, names[n])
                for n in ("code", "retryable")
                if n in error.overridable and n in names
            ),
            cause=names.get("cause") if not parent else None,
            super_args=self._super_args(error, parent, names) if parent else (),
            assignments=tuple(
                (names[f.name], self._value(error, names, f.name) or "None") for f in fields
            ),
            alias=alias,
        )

    def _names(self, error: ir.ErrorClass) -> dict[str, str]:
        """One Python name per parameter and field name (a field and the parameter
        that sets it share the schema name, so they share the Python name)."""
        schema_names = [p.name for p in error.params] + [f.name for f in error.fields]
        return attribute_names(dict.fromkeys(schema_names), frozenset({"self"}), model=False)

    def _attribute(self, field: ir.ErrorField, name: str) -> MemberView:
        annotation, notes = self.builder.annotate(field.type)
        return MemberView(
            name, optional(annotation) if field.optional else annotation, field.description, notes
        )

    def _params(self, error: ir.ErrorClass, names: dict[str, str]) -> tuple[str, ...]:
        positional = [p for p in error.params if not p.in_options]
        keyword = [p for p in error.params if p.in_options]
        params = ["self"]
        for index, param in enumerate(positional):
            later = positional[index + 1 :]
            required_later = any(not p.optional and p.default is None for p in later)
            params.append(self._param(param, names[param.name], required_later=required_later))
        if keyword:
            params.append("*")
            params += [self._param(p, names[p.name], required_later=False) for p in keyword]
        return tuple(params)

    def _param(self, param: ir.ErrorParam, name: str, *, required_later: bool) -> str:
        """A parameter before a required positional one can take no default."""
        text, _ = self.builder.annotate(param.type)
        if param.default is not None and not required_later:
            return f"{name}: {text} = {py_literal(param.default)}"
        if param.optional or param.default is not None:
            return f"{name}: {optional(text)}" + ("" if required_later else " = None")
        return f"{name}: {text}"

    def _value(self, error: ir.ErrorClass, names: dict[str, str], name: str) -> str | None:
        """The constructor expression holding parameter or computed field ``name``."""
        if any(p.name == name for p in error.params):
            return names[name]
        for field in error.fields:
            if field.name == name and field.value is not None:
                return concatenation(field.value, lambda n: self._text(error, names, n))
        return None

    def _text(self, error: ir.ErrorClass, names: dict[str, str], name: str) -> str:
        """A placeholder as text, written as JavaScript's ``String()`` would (so
        ``{timeoutMs}`` reads ``5000``, not ``5000.0``), strings as they are."""
        value = self._value(error, names, name) or "None"
        types = [p.type for p in error.params if p.name == name]
        types += [f.type for f in error.fields if f.name == name]
        if types and types[0] == ir.Primitive("string"):
            return value
        self.builder.need(WIRE_HELPERS, "js_string")
        return f"js_string({value})"

    def _message(self, error: ir.ErrorClass, names: dict[str, str]) -> str:
        if not error.message:
            return self._value(error, names, "message") or '""'
        parts = []
        for part in error.message:
            text = concatenation(part.template, lambda n: self._text(error, names, n))
            if part.when:
                condition = self._value(error, names, part.when) or "None"
                text = f'({text} if {condition} is not None else "")'
            parts.append(text)
        return " + ".join(parts)

    def _super_args(
        self, error: ir.ErrorClass, parent: ir.ErrorClass, names: dict[str, str]
    ) -> tuple[ArgView, ...]:
        """The parent constructor's arguments: what this class has for each of the
        parent's parameters (its message, its details); options it lacks stay unset."""
        args = []
        for param in parent.params:
            value = self._parent_value(error, names, param.name)
            if param.in_options:
                if value is not None:
                    args.append(ArgView(python_identifier(param.name), value))
            else:
                fallback = py_literal(param.default) if param.default is not None else "None"
                args.append(ArgView(None, value if value is not None else fallback))
        return tuple(args)

    def _parent_value(self, error: ir.ErrorClass, names: dict[str, str], name: str) -> str | None:
        if name == "message" and error.message:
            return self._message(error, names)
        if name == "details" and error.details:
            self.builder.need(WIRE_HELPERS, "compact")
            entries = ", ".join(
                f"{py_literal(d)}: {self._value(error, names, d) or 'None'}" for d in error.details
            )
            return f"compact({{{entries}}})"
        return self._value(error, names, name)


def _passed_up(field: str, parent: ir.ErrorClass) -> bool:
    """Whether the parent constructor already sets this field from the value this
    class passes for the parent's parameter of the same name."""
    return any(f.name == field for f in parent.fields) and any(
        p.name == field for p in parent.params
    )


def parents_first(errors: tuple[ir.ErrorClass, ...]) -> list[ir.ErrorClass]:
    by_name = {e.name: e for e in errors}
    ordered: list[ir.ErrorClass] = []

    def place(error: ir.ErrorClass) -> None:
        if error in ordered:
            return
        if error.parent in by_name:
            place(by_name[error.parent])
        ordered.append(error)

    for error in errors:
        place(error)
    return ordered


# --------------------------------------------------------------------- constants


class ConstantBuilder:
    """Views of one module's constants, each after the constants it derives from."""

    def __init__(self, builder: ModuleBuilder) -> None:
        self.builder = builder
        contract = builder.py.contract
        self.owners = {c.name: m.name for m in contract.modules for c in m.constants}
        self.by_name = {c.name: c for m in contract.modules for c in m.constants}
        self._group: str | None = None  # the group whose entries are being written

    def views(self) -> list[ConstantView]:
        module = self.builder.module
        mine = [c for c in _constant_order(self.by_name) if self.owners[c.name] == module.name]
        return [self._constant(c) for c in mine]

    def _constant(self, constant: ir.ConstantDef) -> ConstantView:
        self.builder.need("typing", "Final")
        self.builder.exports.append(constant.name)
        final = self.builder.spell("Final")
        if isinstance(constant, ir.Constant):
            return ConstantView(
                constant.name, final, self._value(constant.value), constant.description, None
            )
        self.builder.need(WIRE_HELPERS, "ConstantGroup")
        self.builder.need("typing", "ClassVar")
        self.builder.need("collections.abc", "Mapping")
        keys = f"{self.builder.spell('ClassVar')}[{self.builder.spell('Mapping')}[str, str]]"
        self._group = constant.name
        entries = tuple(
            EntryView(
                py_literal(e.key), self._value(e.value), e.description, group_attribute(e.key)
            )
            for e in constant.entries
        )
        self._group = None
        types = _union_of({self._type(e.value) for e in constant.entries})
        return ConstantView(
            constant.name,
            f"ConstantGroup[{types}]",
            "",
            constant.description,
            entries,
            group_class=f"_Group_{constant.name}",  # constant names are unique
            final=final,
            keys_annotation=keys,
        )

    def _value(self, value: ir.ConstValue) -> str:
        if isinstance(value, ir.ConstRef):
            return self._ref(value)
        if isinstance(value, ir.Template):
            return concatenation(value, self._placeholder)
        return py_literal(value)

    def _ref(self, ref: ir.ConstRef) -> str:
        """A constant by name; an entry of a group by its attribute (inside its own
        group's class body, the bare attribute)."""
        if ref.key is not None and ref.name == self._group:
            return group_attribute(ref.key)
        owner = self.owners.get(ref.name)
        if owner and owner != self.builder.module.name:
            self.builder.need(self.builder.py.source(owner), ref.name)
        return ref.name + (f".{group_attribute(ref.key)}" if ref.key is not None else "")

    def _placeholder(self, name: str) -> str:
        head, dot, key = name.partition(".")
        ref = ir.ConstRef(head, key if dot else None)
        text = self._ref(ref)
        return text if self._type(ref) == "str" else f"str({text})"

    def _type(self, value: ir.ConstValue) -> str:
        """The Python type of a constant's value, following references."""
        if isinstance(value, ir.Template):
            return "str"
        if isinstance(value, ir.ConstRef):
            target = self.by_name[value.name]
            if isinstance(target, ir.ConstantGroup):
                entry = next(e for e in target.entries if e.key == value.key)
                return self._type(entry.value)
            return self._type(target.value)
        return "None" if value is None else type(value).__name__


def _union_of(types: set[str]) -> str:
    """Value types of a group, in a fixed order; an int is a valid float (PEP 484)."""
    if "float" in types:
        types = types - {"int"}
    return " | ".join(t for t in ("bool", "int", "float", "str", "None") if t in types)


def _constant_order(by_name: dict[str, ir.ConstantDef]) -> list[ir.ConstantDef]:
    return dependency_first(by_name.values(), lambda c: c.name, ir.constant_dependencies)


# ------------------------------------------------------------ patterns, helpers


def pattern_views(builder: ModuleBuilder) -> list[PatternView]:
    views = []
    for pattern in builder.module.patterns:
        name = python_identifier(pattern.name)
        params = attribute_names(pattern.params, frozenset(), model=False)
        value = concatenation(pattern.template, params.__getitem__)
        builder.exports.append(name)
        views.append(PatternView(name, tuple(params.values()), value, pattern.description))
    return views


def helper_views(builder: ModuleBuilder) -> list[HelperView]:
    views = []
    for helper in builder.module.helpers:
        needs = HELPERS.get(helper.name, HelperNeeds())
        builder.runtime.modules.update(needs.modules)
        for source, name in needs.names:
            builder.need(source, name)
        for used in helper_uses(helper.name):
            name = _python_name_of_use(builder.py.contract, used)
            owner = _owner(builder.py, name, helper.name)
            if owner != builder.module.name:
                builder.need(builder.py.source(owner), name)
        for name in needs.typevars:
            builder.annotations.typevar(name)
        python_name = snake_case(helper.name)
        builder.exports.append(python_name)
        views.append(HelperView(python_name, helper.name, helper.description))
    return views


def _python_name_of_use(contract: ir.Contract, used: str) -> str:
    """A name from helper_contract.json as the Python code spells it: the root error
    class for ``{root}``, a helper's function name for a helper."""
    if used == ROOT_ERROR:
        return root_error(contract)
    if any(h.name == used for m in contract.modules for h in m.helpers):
        return snake_case(used)
    return used


def root_error(contract: ir.Contract) -> str:
    """The error class every other derives from (the first root, in schema order);
    the helpers that test for "an error of this contract" test for it. A helper that
    needs one is refused by the checker when the contract has none."""
    return next((e.name.name for e in contract.all_errors if e.parent is None), "Exception")


def _owner(py: PyContract, name: str, helper: str) -> str:
    """The module defining a Python name of the contract that a helper uses."""
    contract = py.contract
    for module in contract.modules:
        defined = {py.class_name(d.name) for d in module.types}
        defined |= {e.name.name for e in module.errors} | {c.name for c in module.constants}
        defined |= {snake_case(h.name) for h in module.helpers}
        if name in defined:
            return module.name
    raise ValueError(
        f"python target: helper {helper!r} uses {name!r}, which the schema does not define"
    )
