"""Where a ``$ref`` points, by JSON Schema 2020-12's rules, inside the schema folder.

Every document has a retrieval URI under ``ROOT`` (its path in the folder). A ``$id``
on a schema makes it a resource of its own and sets the base URI of everything in it;
``$anchor`` and ``$dynamicAnchor`` name a schema inside its resource. A reference is
resolved against the base URI where it stands, then found among the folder's
documents and embedded resources; its fragment is a JSON pointer from that resource's
root, or an anchor's name. Nothing is ever fetched: a URI that no document or ``$id``
of the folder claims is refused, never guessed.

Only the schema positions JSON Schema defines (and the ``x-`` keywords that hold type
expressions) are searched for identifiers: a ``$id`` inside a ``const`` value, or a
property named ``$id``, is data, as the standard says.

The index of identifiers is built on first need: a contract that uses none, with
references of the plain ``<file>#/$defs/<Name>`` form, never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urldefrag, urljoin

from .diagnostics import Diagnostic, did_you_mean, show
from .loader import Document, JsonPath, SchemaSource

# The retrieval URI of the schema folder: ``.invalid`` is a reserved name (RFC 2606),
# so no URI a user writes can be fetched from it or mean anything else.
ROOT = "https://ironflow-gen.invalid/schema/"
# Keywords whose value is one schema, a list of schemas, or a map of names to schemas.
_ONE_SCHEMA = frozenset(
    {
        "items", "contains", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "not", "if", "then", "else", "contentSchema", "x-promise",
    }
)  # fmt: skip
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "x-extends", "x-type-args"})
_SCHEMA_MAPS = frozenset({"$defs", "properties", "patternProperties", "dependentSchemas"})
# x- keywords whose value is an object with schemas under fixed keys.
_SCHEMA_FIELDS: Mapping[str, tuple[str, ...]] = {
    "x-mapped": ("over", "value"),
    "x-indexed": ("object", "index"),
}
IDENTIFIER_KEYWORDS = frozenset({"$id", "$anchor", "$dynamicAnchor", "$dynamicRef"})


@dataclass(frozen=True, eq=False)
class Location:
    """A schema of the folder: its document and JSON path."""

    document: Document
    path: JsonPath

    @property
    def key(self) -> tuple[str, JsonPath]:
        """What tells two locations apart (a document is compared by name)."""
        return self.document.name, self.path

    @property
    def schema(self) -> Any:
        node = self.document.data
        for part in self.path:
            node = node[part]
        return node


class Unresolved(Exception):
    """A reference no schema of the folder answers: a diagnostic's code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(eq=False)
class _Resource:
    """A schema resource: a document, or a schema with a ``$id``."""

    uri: str
    location: Location
    # anchor name -> (the schema's path, whether a $dynamicAnchor declares it)
    anchors: dict[str, tuple[JsonPath, bool]] = field(default_factory=dict)
    refs: list[tuple[str, JsonPath]] = field(default_factory=list)  # references standing in it
    inside: list[_Resource] = field(default_factory=list)  # resources embedded in it


def document_uri(document: Document) -> str:
    """A file's retrieval URI: its path in the folder, under ``ROOT``."""
    return ROOT + quote(document.name)


def uses_identifiers(document: Document) -> bool:
    """Whether a document has any key that could be a ``$id`` or an anchor (a property
    of that name too: then the full resolution runs, which tells them apart)."""
    return any(path and path[-1] in IDENTIFIER_KEYWORDS for path in document.key_positions)


class References:
    """The folder's resources and anchors, and the resolution of references to them."""

    def __init__(self, source: SchemaSource) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []  # duplicate identifiers, found while indexing
        self._resources: dict[str, _Resource] | None = None
        self._roots: dict[str, dict[JsonPath, _Resource]] = {}  # document -> path -> resource
        self._edges: dict[_Resource, list[_Resource]] | None = None

    def indexing_problems(self) -> list[Diagnostic]:
        """Two schemas with one ``$id``, two anchors of one name in a resource: wrong
        whether or not a reference uses them."""
        self._index()
        return self.problems

    # ----------------------------------------------------------------- resolving

    def resolve(self, ref: str, document: Document, path: JsonPath) -> Location:
        """The schema ``ref``, standing in the schema at ``path``, points to."""
        target, _ = self._resolve(ref, document, path)
        return target

    def resolve_dynamic(self, ref: str, document: Document, path: JsonPath) -> Location:
        """A ``$dynamicRef``, when its target does not depend on how it was reached: it
        is a plain ``$ref`` unless it lands on a ``$dynamicAnchor``, and then the
        outermost resource of the dynamic scope with that anchor wins. That is the
        target itself when no other resource that can lead to this one declares it."""
        target, dynamic = self._resolve(ref, document, path)
        if dynamic is None:
            return target
        declared = self._resource_at(target.document, target.path)
        rivals = sorted(
            resource.uri
            for resource in self._leading_to(self._resource_at(document, path))
            if resource is not declared and resource.anchors.get(dynamic, ((), False))[1]
        )
        if rivals:
            raise Unresolved(
                "dynamic-ref",
                f"$dynamicRef {show(ref)} depends on the path a value takes: "
                f"{shown(rivals[0])} also declares $dynamicAnchor {show(dynamic)}",
            )
        return target

    def _resolve(self, ref: str, document: Document, path: JsonPath) -> tuple[Location, str | None]:
        """The target, and the anchor's name when a ``$dynamicAnchor`` made it."""
        resources = self._index()
        uri, fragment = urldefrag(_join(self.base_uri(document, path), ref))
        resource = resources.get(uri)
        if resource is None:
            raise self._unknown_resource(ref, uri)
        fragment = unquote(fragment)
        if not fragment or fragment.startswith("/"):
            return self._pointer(ref, resource, fragment), None
        if fragment not in resource.anchors:
            raise Unresolved(
                "unknown-anchor",
                f"$ref {show(ref)}: no $anchor {show(fragment)} in {shown(uri)}"
                + did_you_mean(fragment, resource.anchors),
            )
        anchor_path, dynamic = resource.anchors[fragment]
        return Location(resource.location.document, anchor_path), fragment if dynamic else None

    def _unknown_resource(self, ref: str, uri: str) -> Unresolved:
        if not uri.startswith(ROOT):
            if uri.startswith(ROOT.rsplit("/", 2)[0]):
                return Unresolved("ref-escapes", f"$ref {show(ref)} leaves the schema folder")
            return Unresolved(
                "remote-ref",
                f"$ref {show(ref)} points outside the schema folder; references are never fetched",
            )
        name = unquote(uri[len(ROOT) :])
        return Unresolved(
            "unknown-file",
            f"$ref {show(ref)}: no schema module {show(name)}"
            + did_you_mean(name, self.source.documents),
        )

    def _pointer(self, ref: str, resource: _Resource, fragment: str) -> Location:
        node = resource.location.schema
        path = list(resource.location.path)
        for raw in fragment.split("/")[1:]:
            part: str | int = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list) and isinstance(part, str) and part.isdigit():
                part = int(part)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                raise self._nothing_at(ref, resource, fragment, path) from None
            path.append(part)
        return Location(resource.location.document, tuple(path))

    def _nothing_at(
        self, ref: str, resource: _Resource, fragment: str, path: list[Any]
    ) -> Unresolved:
        document = resource.location.document
        if path == ["$defs"] and not resource.location.path:  # a module's definition
            name = fragment.split("/")[2].replace("~1", "/").replace("~0", "~")
            known = document.data.get("$defs", {}) if isinstance(document.data, dict) else {}
            return Unresolved(
                "unknown-type",
                f"unknown type {show(name)} in {document.name}" + did_you_mean(name, known),
            )
        return Unresolved("bad-ref", f"$ref {show(ref)}: nothing at {show('#' + fragment)}")

    # ----------------------------------------------------------------- base URIs

    def base_uri(self, document: Document, path: JsonPath) -> str:
        """The URI relative references at ``path`` resolve against: the nearest
        enclosing ``$id``'s, or the document's own."""
        return self._resource_at(document, path).uri

    def _resource_at(self, document: Document, path: JsonPath) -> _Resource:
        self._index()
        roots = self._roots.get(document.name, {})
        for length in range(len(path), -1, -1):
            resource = roots.get(path[:length])
            if resource is not None:
                return resource
        raise AssertionError(f"{document.name} was not indexed")

    def _leading_to(self, target: _Resource) -> set[_Resource]:
        """The resources from which evaluation can reach ``target`` (itself included):
        through a resource embedded in another, or a reference."""
        edges = self._edges_in()
        seen = {target}
        pending = [target]
        while pending:
            for before in edges.get(pending.pop(), []):
                if before not in seen:
                    seen.add(before)
                    pending.append(before)
        return seen

    def _edges_in(self) -> dict[_Resource, list[_Resource]]:
        """For each resource, the resources that embed it or refer into it."""
        if self._edges is None:
            self._edges = {}
            for resource in set(self._index().values()):
                for inner in resource.inside:
                    self._edges.setdefault(inner, []).append(resource)
                for ref, path in resource.refs:
                    try:
                        found, _ = self._resolve(ref, resource.location.document, path)
                    except Unresolved:
                        continue
                    reached = self._resource_at(found.document, found.path)
                    self._edges.setdefault(reached, []).append(resource)
        return self._edges

    # ----------------------------------------------------------------- indexing

    def _index(self) -> dict[str, _Resource]:
        if self._resources is None:
            self._resources = {}
            for document in self.source.documents.values():
                retrieval = document_uri(document)
                own = self._identified(document.data, document, (), retrieval) or retrieval
                root = _Resource(own.partition("#")[0], Location(document, ()))
                self._register(root)
                if root.uri != retrieval:
                    self._resources[retrieval] = root  # a file is found by its path too
                self._walk(document.data, root, ())
        return self._resources

    def _register(self, resource: _Resource) -> None:
        assert self._resources is not None
        location = resource.location
        self._roots.setdefault(location.document.name, {})[location.path] = resource
        if resource.uri in self._resources:
            first = self._resources[resource.uri].location
            self.problems.append(
                Diagnostic(
                    location.document.position((*location.path, "$id")),
                    "duplicate-id",
                    f"$id {shown(resource.uri)} is already the $id of the schema at "
                    f"{first.document.position(first.path)}",
                )
            )
            return
        self._resources[resource.uri] = resource

    def _walk(self, node: Any, resource: _Resource, path: JsonPath) -> None:
        """Index one schema: its ``$id``, anchors and references, then its subschemas."""
        if not isinstance(node, dict):
            return
        document = resource.location.document
        uri = self._identified(node, document, path, resource.uri) if path else None
        if uri is not None:
            inner = _Resource(uri, Location(document, path))
            resource.inside.append(inner)
            self._register(inner)
            resource = inner
        for keyword, dynamic in (("$anchor", False), ("$dynamicAnchor", True)):
            name = node.get(keyword)
            if isinstance(name, str):
                self._anchor(resource, name, path, dynamic, keyword)
        for keyword in ("$ref", "$dynamicRef"):
            if isinstance(node.get(keyword), str):
                resource.refs.append((node[keyword], path))
        for child_path, child in _subschemas(node, path):
            self._walk(child, resource, child_path)

    def _identified(self, node: Any, document: Document, path: JsonPath, base: str) -> str | None:
        """The URI the ``$id`` of ``node`` (at ``path``) gives it, if it has one."""
        identifier = node.get("$id") if isinstance(node, dict) else None
        if not isinstance(identifier, str):
            return None
        try:
            return _join(base, identifier).partition("#")[0]
        except Unresolved as problem:
            position = document.position((*path, "$id"))
            self.problems.append(Diagnostic(position, problem.code, problem.message))
            return None

    def _anchor(
        self, resource: _Resource, name: str, path: JsonPath, dynamic: bool, keyword: str
    ) -> None:
        known = resource.anchors.get(name)
        if known is not None and known[0] != path:
            document = resource.location.document
            self.problems.append(
                Diagnostic(
                    document.position((*path, keyword)),
                    "duplicate-anchor",
                    f"anchor {show(name)} is already declared in {shown(resource.uri)} at "
                    f"{document.position(known[0])}",
                )
            )
            return
        resource.anchors[name] = (path, dynamic or (known is not None and known[1]))


def _subschemas(node: dict[str, Any], path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    for keyword, value in node.items():
        if keyword in _ONE_SCHEMA:
            yield (*path, keyword), value
        elif keyword in _SCHEMA_LISTS and isinstance(value, list):
            for index, item in enumerate(value):
                yield (*path, keyword, index), item
        elif keyword in _SCHEMA_MAPS and isinstance(value, dict):
            for name, item in value.items():
                yield (*path, keyword, name), item
        elif keyword in _SCHEMA_FIELDS and isinstance(value, dict):
            for name in _SCHEMA_FIELDS[keyword]:
                if name in value:
                    yield (*path, keyword, name), value[name]


def is_schema_path(path: JsonPath) -> bool:
    """Whether a JSON path from a document's root reaches a schema, not data or the
    inside of a keyword (``#/$defs/A/properties`` is a map, ``#/$defs/A/const`` data)."""
    at = 0
    while at < len(path):
        keyword = path[at]
        if keyword in _ONE_SCHEMA:
            at += 1
        elif keyword in _SCHEMA_LISTS or keyword in _SCHEMA_MAPS or keyword in _SCHEMA_FIELDS:
            at += 2
        else:
            return False
    return at == len(path)


def shown(uri: str) -> str:
    """A URI as messages show it: a file of the folder by its path."""
    return show(unquote(uri[len(ROOT) :]) if uri.startswith(ROOT) else uri)


def _join(base: str, ref: str) -> str:
    """RFC 3986 resolution. ``urljoin`` leaves a fragment-only reference alone when the
    base has no hierarchy (a URN): then the fragment replaces the base's."""
    if ref.startswith("#"):
        return base.partition("#")[0] + ref
    try:
        return urljoin(base, ref)
    except ValueError:  # "http://[x": an IPv6 host that does not close
        raise Unresolved("bad-uri", f"{show(ref)} is not a URI reference") from None
