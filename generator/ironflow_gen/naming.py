"""Names: case conversion and per-target reserved words, in one place.

Wire names (the keys that travel) never change; each language's name is derived
from the wire name by one rule per target, documented in docs/design.md:

* TypeScript keeps wire names; a property name that is not an identifier is
  written as a string literal; a parameter name that is a reserved word gets a
  trailing underscore.
* Python attributes and parameters are ``snake_case(wire name)``; characters that
  cannot stand in an identifier become ``_``, non-ASCII letters their ``uXXXX``
  code, a leading digit gets an ``f_`` prefix, and a keyword or a name the
  generated module itself uses gets a trailing underscore.

The escape depends only on the name itself, so adding an unrelated type never
renames an existing one.
"""

from __future__ import annotations

import keyword
import re

# A wire type's zod validator is named with this suffix (`PushRequestSchema`); the
# type itself takes the contract's own `wire-prefix` (`ValidatedPushRequest`).
WIRE_SCHEMA_SUFFIX = "Schema"

# The names a wire module's TypeScript imports besides its other modules' exports: zod
# itself, and the helpers of recursive validators (typescript/src/_wire.ts): the one that
# builds a validator, and the one that gives a validator on a cycle its declared type.
TS_WIRE_HELPER = "unmemoized"
TS_WIRE_DECLARED = "declared"
TS_WIRE_MODULE_IMPORTS = frozenset(["z", TS_WIRE_HELPER, TS_WIRE_DECLARED])

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")

TS_RESERVED_WORDS = frozenset(
    [
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "as",
        "implements",
        "interface",
        "let",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "yield",
        "any",
        "boolean",
        "constructor",
        "declare",
        "get",
        "module",
        "require",
        "number",
        "set",
        "string",
        "symbol",
        "type",
        "from",
        "of",
        "unknown",
        "never",
        "object",
        "undefined",
        "bigint",
        "readonly",
        "keyof",
        "infer",
        "is",
        "asserts",
        "unique",
        "abstract",
        "async",
        "await",
        "satisfies",
        "accessor",
        "out",
    ]
)

# Global names the generated TypeScript uses itself: a schema type may not take them.
TS_USED_GLOBALS = frozenset(
    [
        "Array",
        "Boolean",
        "Date",
        "Error",
        "Function",
        "Map",
        "Number",
        "Object",
        "Promise",
        "Readonly",
        "ReadonlyArray",
        "Record",
        "Set",
        "String",
        "Symbol",
        "Partial",
        "Required",
        "Pick",
        "Omit",
        "Exclude",
        "Extract",
        "NonNullable",
        "ReturnType",
        "Parameters",
        "Awaited",
    ]
)

# Names the generated Python modules import or define themselves.
PY_USED_NAMES = frozenset(
    [
        "Any",
        "Awaitable",
        "Callable",
        "ClassVar",
        "Final",
        "Generic",
        "Literal",
        "Mapping",
        "NewType",
        "Optional",
        "Protocol",
        "Sequence",
        "TypeAlias",
        "TypeVar",
        "Union",
        "cast",
        "dataclass",
        "field",
        "fields",
        "datetime",
        "annotations",
        "self",
        "cls",
        "BaseModel",
        "ConfigDict",
        "Field",
        "RootModel",
        "MappingProxyType",
        "os",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "dict",
        "object",
        "None",
        "True",
        "False",
    ]
)

# Further names a generated Python module may import (modules the helpers use, typing
# names, the package's private runtime helpers). A name kept verbatim (a constant)
# may not take them; an attribute may (it lives inside a class), so python_identifier
# leaves them alone.
PY_MODULE_NAMES = frozenset(
    [
        "asyncio",
        "builtins",
        "json",
        "math",
        "random",
        "re",
        "sys",
        "time",
        "Awaitable",
        "Generic",
        "TYPE_CHECKING",
        "TypeGuard",
        "overload",
        "compact",
        "js_string",
        "format_datetime",
        "parse_datetime",
        "MISSING",
    ]
)

# Hard keywords, spelled out so that output never depends on the running Python.
# Soft keywords (match, case, type, _) are valid identifiers wherever a generated
# name stands (attributes, parameters), so they are kept.
PY_KEYWORDS = frozenset(
    [
        "False",
        "None",
        "True",
        "and",
        "as",
        "assert",
        "async",
        "await",
        "break",
        "class",
        "continue",
        "def",
        "del",
        "elif",
        "else",
        "except",
        "finally",
        "for",
        "from",
        "global",
        "if",
        "import",
        "in",
        "is",
        "lambda",
        "nonlocal",
        "not",
        "or",
        "pass",
        "raise",
        "return",
        "try",
        "while",
        "with",
        "yield",
    ]
)


def words(name: str) -> list[str]:
    """Split camelCase, PascalCase, snake_case, kebab-case and acronyms into words."""
    return _WORD.findall(name)


def snake_case(name: str) -> str:
    """``functionId`` -> ``function_id``; ``APIKey`` -> ``api_key``; ``run_id`` unchanged."""
    parts = words(name)
    return "_".join(p.lower() for p in parts) if parts else name


def upper_snake_case(name: str) -> str:
    return snake_case(name).upper()


def pascal_case(name: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in words(name))


def python_identifier(wire_name: str) -> str:
    """The Python attribute/parameter name for a wire name (the rule in the module doc)."""
    ascii_name = "".join(ch if ch.isascii() else f"_u{ord(ch):04x}_" for ch in wire_name)
    snake = snake_case(re.sub(r"[^A-Za-z0-9_]+", "_", ascii_name)) if ascii_name else ""
    if wire_name.startswith("_") and snake:
        snake = "_" + snake.lstrip("_")
    snake = re.sub(r"_+", "_", snake) if snake.strip("_") else ""
    if not snake:
        snake = "unnamed_"
    if snake[0].isdigit():
        snake = "f_" + snake
    if snake in PY_KEYWORDS or snake in PY_USED_NAMES:
        snake += "_"
    return snake


def group_attribute(key: str) -> str:
    """The Python attribute of a constant group's entry: the key where it is a plain
    identifier, else ``python_identifier`` of it (``Content-Type``: ``content_type``)."""
    if key.isidentifier() and key.isascii() and not key.startswith("_"):
        return python_identifier(key) if keyword.iskeyword(key) else key
    return python_identifier(key)


def is_ts_identifier(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) is not None


def ts_parameter(name: str) -> str:
    return name + "_" if name in TS_RESERVED_WORDS else name


def type_name_problem(name: str) -> str | None:
    """Why a name kept verbatim in every target (a type, an error class, a constant,
    a brand's factory) cannot be used, or None."""
    if name in TS_RESERVED_WORDS:
        return f"'{name}' is a reserved word of TypeScript"
    if name in TS_USED_GLOBALS:
        return f"'{name}' is a name the generated TypeScript uses itself"
    if name in PY_KEYWORDS:
        return f"'{name}' is a reserved word of Python"
    if name in PY_USED_NAMES or name in PY_MODULE_NAMES:
        return f"'{name}' is a name the generated Python uses itself"
    return None
