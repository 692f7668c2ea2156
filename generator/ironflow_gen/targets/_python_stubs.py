"""The package's Python declarations as the docs show them: stubs of the very views
the ``python`` target renders (``_python_views``, ``_python_values``), so a page can
never name, type or decorate a class differently from the package.

A type's block holds its declaration and, first, the classes lifted out of its inline
objects (``ValidatedRunResponseError`` before ``ValidatedRunResponse``); bodies are
``...``; black formats the stubs (stub style), which also proves them valid Python.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import ir
from ..escaping import literal
from ..formatting import format_where_needed
from ._python_layout import assignment, call
from ._python_types import WIRE_RUNTIME, PyContract, attribute_name
from ._python_values import ErrorBuilder, ErrorView, parents_first
from ._python_views import (
    AliasView,
    BrandView,
    DataClassView,
    DefinitionView,
    ModuleBuilder,
    ProtocolView,
)

DOCS_LINE_LENGTH = 88


class PythonStubs:
    """Declarations and attribute names of every type and error of a contract."""

    def __init__(self, contract: ir.Contract) -> None:
        self.py = PyContract(contract)
        self._types: dict[ir.TypeName, str] = {}
        self._errors: dict[ir.TypeName, str] = {}
        self._attributes: dict[ir.TypeName, dict[str, str]] = {}
        self._reserved: dict[str, frozenset[str]] = {}
        for module in contract.modules:
            self._module(module)
        self._format()

    def declaration(self, definition: ir.TypeDef) -> str:
        return self._types[definition.name]

    def error(self, error: ir.ErrorClass) -> str:
        return self._errors[error.name]

    def attribute(self, owner: ir.TypeName, wire_name: str) -> str:
        """The package's attribute for a wire name of a type (or of the inline object an
        alias names); a protocol's member is named by the same rule."""
        found = self._attributes.get(owner, {}).get(wire_name)
        wire = owner.module in self.py.wire_modules
        return found or attribute_name(wire_name, self._reserved[owner.module], model=wire)

    def _module(self, module: ir.Module) -> None:
        builder = ModuleBuilder(self.py, module)
        self._reserved[module.name] = builder.reserved
        views = {view.name: view for view in builder.definitions()}
        lifted: list[str] = []
        lifted_names: dict[str, str] = {}
        for definition in self.py.types[module.name]:
            view = views[self.py.class_name(definition.name)]
            stub = _stub(view, self.py.kept_params(definition), builder.spell)
            names = (
                {f.wire: f.name for f in view.codec_fields}
                if isinstance(view, DataClassView)
                else {}
            )
            if definition.name in self.py.synthesized:
                lifted.append(stub)
                lifted_names = {**names, **lifted_names}
                continue
            self._types[definition.name] = "\n".join([*lifted, stub])  # pyi: one blank line
            self._attributes[definition.name] = {**lifted_names, **names}
            lifted, lifted_names = [], {}
        for error_view, error in zip(
            ErrorBuilder(builder).views(), parents_first(module.errors), strict=True
        ):
            self._errors[error.name] = _error_stub(error_view)

    def _format(self) -> None:
        keys = [*self._types, *self._errors]
        sources = [*self._types.values(), *self._errors.values()]
        formatted = format_where_needed(sources, line_length=DOCS_LINE_LENGTH, stub=True)
        for key, text in zip(keys, formatted, strict=True):
            target = self._types if key in self._types else self._errors
            target[key] = text.rstrip("\n")


def _typevars(params: tuple[str, ...]) -> str:
    declared = "".join(f"{name} = TypeVar({literal(name)})\n" for name in params)
    return declared + "\n" if declared else ""


def _stub(view: DefinitionView, params: tuple[str, ...], spell: Callable[[str], str]) -> str:
    if isinstance(view, BrandView):
        return (
            f"{view.name} = NewType({literal(view.name)}, {view.base})\n\n"
            f"def {view.factory}(value: {view.base}) -> {view.name}: ...\n"
        )
    if isinstance(view, AliasView):
        declaration = assignment(f"{view.name}: TypeAlias", view.value, DOCS_LINE_LENGTH)
        text = _typevars(params) + declaration + "\n"
        if view.decoder:
            mapping, any_ = spell("Mapping"), spell("Any")
            text += f"\ndef {view.decoder.name}(data: {mapping}[str, {any_}]) -> {view.name}: ...\n"
        return text
    if isinstance(view, DataClassView):
        return _typevars(params) + _dataclass_stub(view, spell)
    return _typevars(params) + _protocol_stub(view)


def _head(name: str, bases: tuple[str, ...]) -> str:
    return f"class {name}({', '.join(bases)}):\n" if bases else f"class {name}:\n"


def _dataclass_stub(view: DataClassView, spell: Callable[[str], str]) -> str:
    mapping, any_, self_ = spell("Mapping"), spell("Any"), spell("Self")
    lines = [
        f"    {f.name}: {f.annotation}" + (f" = {f.default}" if f.default else "")
        for f in view.fields
    ]
    lines += [
        "    @classmethod",
        f"    def from_dict(cls, data: {mapping}[str, {any_}]) -> {self_}: ...",
        f"    def to_dict(self) -> dict[str, {any_}]: ...",
    ]
    bases = tuple(b for b in view.bases if not b.startswith(f"{WIRE_RUNTIME}."))  # private
    return "@dataclass(frozen=True, kw_only=True)\n" + _head(view.name, bases) + _body(lines)


def _protocol_stub(view: ProtocolView) -> str:
    lines = [f"    {m.name}: {m.annotation}" for m in view.members]
    for method in view.methods:
        if method.overload:
            lines.append("    @overload")
        keyword = "async def" if method.is_async else "def"
        head, tail = f"{keyword} {method.name}", f" -> {method.returns}: ..."
        lines.append("    " + call(head, method.params, 4, tail, DOCS_LINE_LENGTH))
    return _head(view.name, view.bases) + _body(lines)


def _error_stub(view: ErrorView) -> str:
    lines = [f"    code: str = {view.code}", f"    retryable: bool = {view.retryable}"]
    if view.root:
        lines.append("    message: str")
    lines += [f"    {a.name}: {a.annotation}" for a in view.attributes]
    lines.append("    " + call("def __init__", view.params, 4, " -> None: ...", DOCS_LINE_LENGTH))
    return _head(view.name, (view.parent,)) + _body(lines)


def _body(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines) if lines else "    ...\n"
