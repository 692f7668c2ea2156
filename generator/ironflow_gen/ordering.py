"""Dependency-first order: schema order, except that an item follows the items it
needs. Generated code needs it wherever a name must exist before it is used at
run time (derived constants, base classes, validators built from others)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def dependency_first(
    items: Iterable[T], key: Callable[[T], K], dependencies: Callable[[T], Iterable[K]]
) -> list[T]:
    """Stable: items with no dependency between them keep their order; a dependency
    on an unknown key is ignored; a cycle is broken where it is first met (the
    checker refuses the cycles that matter before any target runs)."""
    by_key = {key(item): item for item in items}
    ordered: list[T] = []
    placed: set[K] = set()
    # Depth first with an explicit stack: a chain of thousands of types is no deeper
    # for this loop than one type.
    for root in by_key:
        if root in placed:
            continue
        placed.add(root)
        stack: list[tuple[K, Iterator[K]]] = [(root, iter(dependencies(by_key[root])))]
        while stack:
            current, pending = stack[-1]
            for dependency in pending:
                if dependency in by_key and dependency not in placed:
                    placed.add(dependency)
                    stack.append((dependency, iter(dependencies(by_key[dependency]))))
                    break
            else:
                stack.pop()
                ordered.append(by_key[current])
    return ordered


def strongly_connected(nodes: Iterable[K], edges: Callable[[K], Iterable[K]]) -> list[list[K]]:
    """The strongly connected components (Tarjan), dependencies first: a component
    comes after every component it reaches. Nodes keep their order inside a
    component; edges to unknown nodes are ignored. Iterative, for any size."""
    search = _Tarjan(list(dict.fromkeys(nodes)), edges)
    for root in search.order:
        if root not in search.index:
            search.visit(root)
    return search.components


def on_cycles(graph: Mapping[K, Collection[K]]) -> frozenset[K]:
    """The nodes that reach themselves: members of a component of two or more, and
    nodes with an edge to themselves."""
    return frozenset(
        node
        for members in strongly_connected(graph, graph.__getitem__)
        for node in members
        if len(members) > 1 or node in graph[node]
    )


def reaching(graph: Mapping[K, Collection[K]], targets: Collection[K]) -> frozenset[K]:
    """The nodes from which a path leads to one of ``targets`` (targets included).
    Iterative, over the reversed graph: linear in its size."""
    sources: dict[K, list[K]] = {}
    for node, successors in graph.items():
        for successor in successors:
            sources.setdefault(successor, []).append(node)
    found = set(targets)
    pending = list(found)
    while pending:
        for source in sources.get(pending.pop(), ()):
            if source not in found:
                found.add(source)
                pending.append(source)
    return frozenset(found)


class _Tarjan(Generic[K]):
    def __init__(self, order: list[K], edges: Callable[[K], Iterable[K]]) -> None:
        self.order = order
        self.rank = {node: rank for rank, node in enumerate(order)}
        self.edges = edges
        self.index: dict[K, int] = {}
        self.low: dict[K, int] = {}
        self.stack: list[K] = []
        self.on_stack: set[K] = set()
        self.components: list[list[K]] = []

    def visit(self, root: K) -> None:
        work = [self._enter(root)]
        while work:
            node, pending = work[-1]
            for target in pending:
                if target not in self.rank:
                    continue
                if target not in self.index:
                    work.append(self._enter(target))
                    break
                if target in self.on_stack:
                    self.low[node] = min(self.low[node], self.index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    self.low[parent] = min(self.low[parent], self.low[node])
                if self.low[node] == self.index[node]:
                    self._close(node)

    def _enter(self, node: K) -> tuple[K, Iterator[K]]:
        self.index[node] = self.low[node] = len(self.index)
        self.stack.append(node)
        self.on_stack.add(node)
        return node, iter(self.edges(node))

    def _close(self, root: K) -> None:
        component: list[K] = []
        while not component or component[-1] != root:
            member = self.stack.pop()
            self.on_stack.discard(member)
            component.append(member)
        self.components.append(sorted(component, key=self.rank.__getitem__))
