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

from .diagnostics import Diagnostic, Position, SchemaError, display_path

JsonPath = tuple[str | int, ...]

SCHEMA_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 4 * 1024 * 1024
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
        diagnostics.append(_diag(Position(display), "encoding", f"not UTF-8: {error.reason}"))
        return None
    try:
        node = _compose(text, display)
    except _Refused as refused:
        diagnostics.append(refused.diagnostic)
        return None
    except yaml.MarkedYAMLError as error:
        diagnostics.append(_yaml_error(error, display))
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
            _refuse_aliases(text, display, loader)
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue
    _refuse_aliases(text, display, _YAML_LOADERS[-1])
    return yaml.compose(text, Loader=_YAML_LOADERS[-1])


def _refuse_aliases(text: str, display: str, loader: type[Any]) -> None:
    """Aliases let a small file expand into a huge tree ('billion laughs'); a schema needs none."""
    if "&" not in text and "*" not in text:
        return  # no anchor, no alias: no need to read the file twice
    for event in yaml.parse(text, Loader=loader):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            raise _Refused(
                _diag(
                    _mark(event.start_mark, display),
                    "yaml-alias",
                    "YAML anchors and aliases are not allowed in a schema",
                )
            )


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
            return self._error(node, "yaml-tag", f"YAML tag {node.tag!r} is not allowed")
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
                self._error(key_node, "duplicate-key", f"duplicate key {key!r}")
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
            f"{text!r} is a boolean in YAML 1.1 but a string in YAML 1.2; "
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
