"""Read the schema folder: YAML in, plain data plus source positions out.

This is the only module that knows about YAML. It composes each file into a node
tree (never constructing arbitrary objects), refuses what a schema language has no
use for and what makes YAML dangerous (aliases, custom tags, duplicate keys,
YAML 1.1 booleans such as ``on``, NaN and infinities), and records the
``file:line:column`` of every key and value so later stages can point at them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Position, SchemaError, display_path, show

JsonPath = tuple[str | int, ...]

SCHEMA_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 4 * 1024 * 1024
# How deep mappings and lists may nest in one file (the file's top-level mapping is
# level 1). The deepest real schema goes 25 levels; every later stage (the YAML
# composer, the meta-schema check, the IR builder, the targets, black, tsc) recurses
# once or more per level and handles several times this many, so a deeper file is
# refused here, at the node that passes the limit, before anything recurses into it.
MAX_DEPTH = 100
# What YAML counts as a line break (its marks count lines the same way).
_LINE_BREAKS = "\n\x85\u2028\u2029"
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
}
_YAML12_BOOLEANS = {"true": True, "false": False}
# libyaml's parser first, where PyYAML was built with it: about ten times faster than
# the pure-Python one, which was a tenth of a cold build; both give the same nodes.
# A file libyaml refuses is read again by the pure-Python parser, which accepts what
# libyaml alone refuses (escaped lone surrogates) and words its errors as before.
_YAML_LOADERS: tuple[type[Any], ...] = tuple(
    getattr(yaml, name) for name in ("CSafeLoader", "SafeLoader") if hasattr(yaml, name)
)


@dataclass(frozen=True)
class Document:
    """One schema file: its data and where each part of it stands."""

    name: str  # path relative to the schema root, POSIX form: how `$ref`s name it
    display: str  # path as shown in messages
    data: Any
    # (line, column), 1-based: a Position is made only for the few that are reported.
    value_positions: Mapping[JsonPath, tuple[int, int]] = field(repr=False)
    key_positions: Mapping[JsonPath, tuple[int, int]] = field(repr=False)

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Where ``path`` stands; the key's place if asked and known, else the nearest ancestor."""
        table = self.key_positions if key else self.value_positions
        if path in table:
            return Position(self.display, *table[path])
        while path:
            path = path[:-1]
            if path in self.value_positions:
                return Position(self.display, *self.value_positions[path])
        return Position(self.display)


@dataclass(frozen=True)
class SchemaSource:
    """Every document of a schema folder, in a stable order."""

    root: Path
    documents: Mapping[str, Document]


def load_schema(root: Path) -> SchemaSource:
    """Load every schema file under ``root``; raise SchemaError with all problems found."""
    diagnostics: list[Diagnostic] = []
    documents: dict[str, Document] = {}
    if not root.is_dir():
        raise SchemaError(
            [_diag(Position(root.as_posix()), "no-schema", "schema folder not found")]
        )
    for path in _schema_files(root, diagnostics):
        document = _load_file(path, root, diagnostics)
        if document is not None:
            documents[document.name] = document
    if diagnostics:
        raise SchemaError(diagnostics)
    return SchemaSource(root=root, documents=documents)


def _schema_files(root: Path, diagnostics: list[Diagnostic]) -> Iterator[Path]:
    resolved_root = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.suffix not in SCHEMA_SUFFIXES or not path.is_file():
            continue
        if not path.resolve().is_relative_to(resolved_root):
            diagnostics.append(
                _diag(
                    Position(display_path(path, root)),
                    "outside-root",
                    "schema file is a link that leaves the schema folder",
                )
            )
            continue
        yield path


def _load_file(path: Path, root: Path, diagnostics: list[Diagnostic]) -> Document | None:
    display = display_path(path, root)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        diagnostics.append(_diag(Position(display), "too-large", "schema file larger than 4 MiB"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        diagnostics.append(_encoding_error(raw, error, display))
        return None
    try:
        node = _compose(text, display)
    except _Refused as refused:
        diagnostics.append(refused.diagnostic)
        return None
    except yaml.MarkedYAMLError as error:
        diagnostics.append(_yaml_error(error, display))
        return None
    except yaml.reader.ReaderError as error:
        diagnostics.append(_reader_error(text, error, display))
        return None
    except yaml.YAMLError as error:
        diagnostics.append(_diag(Position(display), "yaml", str(error)))
        return None
    converter = _Converter(display)
    data = converter.convert(node, ()) if node is not None else {}
    diagnostics.extend(converter.diagnostics)
    name = path.relative_to(root).as_posix()
    return Document(name, display, data, converter.values, converter.keys)


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


def _compose(text: str, display: str) -> yaml.Node | None:
    for loader in _YAML_LOADERS[:-1]:
        try:
            _screen(text, display, loader)
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue
    _screen(text, display, _YAML_LOADERS[-1])
    return yaml.compose(text, Loader=_YAML_LOADERS[-1])


def _screen(text: str, display: str, loader: type[Any]) -> None:
    """Read the file's events (the parser keeps its own stack, it never recurses) and
    refuse, before the composer recurses into it: aliases, which let a small file
    expand into a huge tree ('billion laughs') and a schema needs none, and nesting
    deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    _diag(
                        _mark(event.start_mark, display),
                        "too-deep",
                        f"mappings and lists nest more than {MAX_DEPTH} levels deep here",
                    )
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                _diag(
                    _mark(event.start_mark, display),
                    "yaml-alias",
                    "YAML anchors and aliases are not allowed in a schema",
                )
            )


def _reader_error(text: str, error: yaml.reader.ReaderError, display: str) -> Diagnostic:
    """A character YAML refuses (NUL, a form feed, an escape): PyYAML reports only its
    offset in the text, so the line and column are counted here, as YAML counts them."""
    return _diag(
        _offset_position(text, error.position, display),
        "yaml",
        f"character {_character(error.character)} is not allowed in YAML "
        "(no control characters but tab and line breaks)",
    )


def _encoding_error(raw: bytes, error: UnicodeDecodeError, display: str) -> Diagnostic:
    prefix = raw[: error.start].decode("utf-8")  # decodes: the error is the first bad byte
    return _diag(
        _offset_position(prefix, len(prefix), display),
        "encoding",
        f"not UTF-8: byte 0x{raw[error.start]:02x} here ({error.reason}); save the file as UTF-8",
    )


def _offset_position(text: str, offset: int, display: str) -> Position:
    """The 1-based line and column of a character offset, line breaks counted as YAML does."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line_start = max(before.rfind(ch) for ch in _LINE_BREAKS) + 1
    lines = sum(before.count(ch) for ch in _LINE_BREAKS)
    return Position(display, lines + 1, len(before) - line_start + 1)


def _character(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character[:1] or "\0")
    names = {0: "NUL", 0x0C: "form feed", 0x1B: "escape", 0x7F: "DEL", 0xFFFE: "noncharacter"}
    name = names.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _yaml_error(error: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    context = f" ({error.context})" if error.context else ""
    position = Position(display, mark.line + 1, mark.column + 1) if mark else Position(display)
    return _diag(position, "yaml", f"{problem}{context}")


class _Converter:
    """Turns a composed YAML node tree into JSON-like data, recording positions."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.values: dict[JsonPath, tuple[int, int]] = {}
        self.keys: dict[JsonPath, tuple[int, int]] = {}
        self.diagnostics: list[Diagnostic] = []
        self._constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: JsonPath) -> Any:
        self.values[path] = _line_column(node.start_mark)
        if node.tag not in _STANDARD_TAGS:
            return self._error(node, "yaml-tag", f"YAML tag {show(node.tag)} is not allowed")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                self._error(key_node, "yaml-key", "mapping keys must be plain strings")
                continue
            key = str(key_node.value)
            if key in result:
                self._error(key_node, "duplicate-key", f"duplicate key {show(key)}")
                continue
            self.keys[(*path, key)] = _line_column(key_node.start_mark)
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "str":
            return node.value
        if tag == "null":
            return None
        if tag == "bool":
            return self._boolean(node)
        if tag == "int":
            return self._constructor.construct_yaml_int(node)
        value = self._constructor.construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            return self._error(node, "non-finite", "NaN and infinities are not JSON values")
        return value

    def _boolean(self, node: yaml.ScalarNode) -> Any:
        text = str(node.value)
        if text.lower() in _YAML12_BOOLEANS:
            return _YAML12_BOOLEANS[text.lower()]
        return self._error(
            node,
            "yaml-boolean",
            f"{show(text)} is a boolean in YAML 1.1 but a string in YAML 1.2; "
            f"write true/false, or quote it: '{text}'",
        )

    def _error(self, node: yaml.Node, code: str, message: str) -> None:
        self.diagnostics.append(_diag(_mark(node.start_mark, self.display), code, message))
        return None


def _mark(mark: Any, display: str) -> Position:
    return Position(display, *_line_column(mark))


def _line_column(mark: Any) -> tuple[int, int]:
    """A YAML mark (0-based) as 1-based (line, column)."""
    return mark.line + 1, mark.column + 1


def _diag(position: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(position, code, message)
