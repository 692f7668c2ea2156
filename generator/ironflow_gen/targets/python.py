"""Python target: an installable, typed, standard-library-only package.

Output under ``python/``: ``pyproject.toml`` (setuptools, Python >= 3.11, no
dependencies; it also carries the mypy/ruff/black settings the output passes),
``README.md``, and the package ``<python_package>/`` with one module per schema
module, ``_wire.py`` (private runtime helpers: timestamps, messages),
``__init__.py`` re-exporting every public name, and ``py.typed``.

What each schema construct becomes, and the degradations, are documented in
``_python_types`` (names, annotations, wire codecs), ``_python_views`` (data
classes, protocols, aliases, brands) and ``_python_values`` (errors, constants,
patterns). The templates write black's layout; black runs, in memory, only on a
piece with a line they cannot lay out (``formatting.format_where_needed``).
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from .. import ir
from ..escaping import py_comment
from ..formatting import format_where_needed
from ..rendering import environment, render
from . import HEADER, GeneratedFile
from ._python_layout import (
    LINE_LENGTH,
    assignment,
    call,
    dunder_all_key,
    from_import,
    isort_key,
    set_display,
)
from ._python_types import WIRE_RUNTIME, PyContract, Usage, module_file
from ._python_values import (
    BUILTIN_EXCEPTIONS,
    ConstantBuilder,
    ConstantView,
    ErrorBuilder,
    ErrorView,
    HelperView,
    PatternView,
    helper_views,
    pattern_views,
    root_error,
)
from ._python_views import DefinitionView, ModuleBuilder

PYTHON_REQUIRES = ">=3.11"
SETUPTOOLS_REQUIREMENT = "setuptools>=68"
WIRE_MODULE = "_wire"


@dataclass(frozen=True)
class ImportLine:
    source: str
    names: tuple[str, ...]  # empty: ``import source``


@dataclass(frozen=True)
class Imports:
    """Import statements in ruff/isort order: standard library, then the package's
    own modules; names used only in annotations go under ``TYPE_CHECKING``."""

    stdlib: tuple[ImportLine, ...]
    local: tuple[ImportLine, ...]
    type_checking: tuple[ImportLine, ...]


class Spelling:
    """``{{ std.Self }}`` in a template: how this module writes a standard-library
    name (``_Self`` where the module defines a ``Self`` of its own)."""

    def __init__(self, defined: frozenset[str]) -> None:
        self._defined = defined

    def __getattr__(self, name: str) -> str:
        return "_" + name if name in self._defined else name


@dataclass(frozen=True)
class ModuleViews:
    """Phase one of a module: every view built, imports not decided yet."""

    module: ir.Module
    builder: ModuleBuilder
    definitions: list[DefinitionView]
    errors: list[ErrorView]
    constants: list[ConstantView]
    patterns: list[PatternView]
    helpers: list[HelperView]


@dataclass(frozen=True)
class ModuleFile:
    name: str  # the schema module
    text: str
    exports: tuple[str, ...]


def generate(contract: ir.Contract) -> list[GeneratedFile]:
    py = PyContract(contract)
    env = environment(
        {
            "toml_string": toml_string,
            "from_import": from_import,
            "set_display": set_display,
            "call": call,
            "assignment": assignment,
        }
    )
    package = f"python/{contract.python_package}"
    modules = [_module_file(env, py, _build(py, m)) for m in contract.modules]
    sources = {f"{package}/{module_file(m.name)}.py": m.text for m in modules}
    sources[f"{package}/{WIRE_MODULE}.py"] = render(
        env, "python/wire.py.j2", header=HEADER.format(source="schema/")
    )
    sources[f"{package}/__init__.py"] = _init_file(env, contract, modules)
    formatted = format_where_needed(list(sources.values()), line_length=LINE_LENGTH)
    files = [GeneratedFile(path, text) for path, text in zip(sources, formatted, strict=True)]
    files.append(GeneratedFile(f"{package}/py.typed", ""))
    files.append(GeneratedFile("python/pyproject.toml", _pyproject(env, contract)))
    files.append(GeneratedFile("python/README.md", _readme(env, contract)))
    return sorted(files, key=lambda f: f.path)


# ----------------------------------------------------------------------- modules


def _build(py: PyContract, module: ir.Module) -> ModuleViews:
    builder = ModuleBuilder(py, module)
    return ModuleViews(
        module=module,
        builder=builder,
        definitions=builder.definitions(),
        errors=ErrorBuilder(builder).views(),
        constants=ConstantBuilder(builder).views(),
        patterns=pattern_views(builder),
        helpers=helper_views(builder),
    )


def _module_file(env: Environment, py: PyContract, views: ModuleViews) -> ModuleFile:
    builder, module = views.builder, views.module
    runtime = builder.runtime
    typevars = sorted(set(builder.annotations.typevars) | set(builder.runtime.typevars))
    if typevars:
        runtime.need("typing", "TypeVar")
    imports = _imports(runtime, builder.annotations, py.defined(module.name))
    exports = tuple(sorted(builder.exports, key=dunder_all_key))
    _refuse_clashes(module.name, [*exports, *typevars], imports)
    text = render(
        env,
        "python/module.py.j2",
        header=HEADER.format(source=f"schema/{module.file}"),
        module=module,
        imports=imports,
        typevars=typevars,
        definitions=views.definitions,
        errors=views.errors,
        constants=views.constants,
        patterns=views.patterns,
        helpers=views.helpers,
        exports=exports,
        std=Spelling(py.defined(module.name)),
        root_error=root_error(py.contract),
        wire=WIRE_RUNTIME,
    )
    return ModuleFile(module.name, text, exports)


def _imports(runtime: Usage, annotations: Usage, defined: frozenset[str]) -> Imports:
    merged = Usage()
    merged.merge(runtime)
    merged.merge(annotations)
    local_runtime = {s: n for s, n in runtime.names.items() if s.startswith(".")}
    type_only = {
        s: n - local_runtime.get(s, set())
        for s, n in annotations.names.items()
        if s.startswith(".") and n - local_runtime.get(s, set())
    }
    stdlib = {s: n for s, n in merged.names.items() if not s.startswith(".")}
    if type_only:
        stdlib.setdefault("typing", set()).add("TYPE_CHECKING")
    plain = [ImportLine(m, ()) for m in sorted(merged.modules)]
    return Imports(
        stdlib=tuple(plain + _from_lines(stdlib, defined)),
        local=tuple(_from_lines(local_runtime)),
        type_checking=tuple(_from_lines(type_only)),
    )


def _from_lines(
    names: dict[str, set[str]], aliased: frozenset[str] = frozenset()
) -> list[ImportLine]:
    """``from X import ...`` lines in isort order. A name in ``aliased`` (one the
    module defines itself, see ``PyContract.spell``) is imported as ``_name`` on a
    line of its own after the plain names, as isort writes ``as`` imports."""
    lines = []
    for source in sorted(names, key=str.lower):
        ordered = sorted(names[source], key=isort_key)
        plain = tuple(n for n in ordered if n not in aliased)
        if plain:
            lines.append(ImportLine(source, plain))
        lines += [ImportLine(source, (f"{n} as _{n}",)) for n in ordered if n in aliased]
    return lines


def _refuse_clashes(module: str, defined: list[str], imports: Imports) -> None:
    """Two bindings of one name in a generated module would silently replace one
    another; the schema checker cannot see Python's own names, so check here."""
    names = list(defined)
    for line in (*imports.stdlib, *imports.local, *imports.type_checking):
        names += [n.split(" as ")[-1] for n in line.names] or [line.source.split(".")[0]]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ValueError(f"python target: module {module!r} binds {', '.join(clashes)} twice")


# ------------------------------------------------------------------------ package


def _init_file(env: Environment, contract: ir.Contract, modules: list[ModuleFile]) -> str:
    owners: dict[str, str] = {}
    for module in modules:
        for name in module.exports:
            if name in owners:
                raise ValueError(
                    f"python target: {name!r} is exported by both"
                    f" {owners[name]!r} and {module.name!r}"
                )
            owners[name] = module.name
    lines = [
        ImportLine("." + module_file(m.name), tuple(sorted(m.exports, key=isort_key)))
        for m in sorted(modules, key=lambda m: module_file(m.name))
        if m.exports
    ]
    return render(
        env,
        "python/init.py.j2",
        header=HEADER.format(source="schema/"),
        contract=contract,
        imports=lines,
        exports=sorted(owners, key=dunder_all_key),
        owners=[(name, module_file(owners[name])) for name in sorted(owners, key=dunder_all_key)],
    )


PYDANTIC_REQUIREMENT = "pydantic>=2.14,<3"


def _pyproject(env: Environment, contract: ir.Contract) -> str:
    return render(
        env,
        "python/pyproject.toml.j2",
        header=py_comment(HEADER.format(source="schema/index.yaml")),
        contract=contract,
        summary=(
            f"Types, errors and constants of the {contract.name} {contract.version}"
            " contract, for Python."
        ),
        python_requires=PYTHON_REQUIRES,
        setuptools=SETUPTOOLS_REQUIREMENT,
        line_length=LINE_LENGTH,
        # models.py (the pydantic target) exists when the contract has wire messages
        models_requirement=PYDANTIC_REQUIREMENT if any(m.wire for m in contract.modules) else None,
    )


def _readme(env: Environment, contract: ir.Contract) -> str:
    """The package's README, its examples taken from the contract itself: its first
    wire message, its root error class, its error classes named like builtins."""
    py = PyContract(contract)
    wire = next(
        (d for m in contract.modules if m.wire for d in m.types if isinstance(d, ir.Interface)),
        None,
    )
    builtins = [e.name.name for e in contract.all_errors if e.name.name in BUILTIN_EXCEPTIONS]
    return render(
        env,
        "python/README.md.j2",
        header=HEADER.format(source="schema/"),
        contract=contract,
        wire_example=py.class_name(wire.name) if wire else None,
        sdk_example=wire.name.name if wire and contract.wire_prefix else None,
        root_error=next((e.name.name for e in contract.all_errors if e.parent is None), None),
        builtin_errors=", ".join(f"`{e}`" for e in builtins),
        builtin_aliases=", ".join(f"`{contract.python_alias_prefix}{e}`" for e in builtins),
    )


def toml_string(text: str) -> str:
    """A TOML basic string, ASCII only. Not ``escaping.literal``: JSON writes a
    character beyond U+FFFF as a surrogate pair, which TOML refuses."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")  # a lone surrogate cannot be written in any encoding
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)
