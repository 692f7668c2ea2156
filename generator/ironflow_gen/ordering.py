"""Dependency-first order: schema order, except that an item follows the items it
needs. Generated code needs it wherever a name must exist before it is used at
run time (derived constants, base classes, validators built from others)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar

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
    for root in by_key.values():
        if key(root) in placed:
            continue
        placed.add(key(root))
        # Depth first without recursion (a chain of thousands of types is no problem):
        # each entry is an item and the dependencies it has yet to place.
        stack: list[tuple[T, Iterator[K]]] = [(root, iter(dependencies(root)))]
        while stack:
            item, pending = stack[-1]
            for dependency in pending:
                if dependency in by_key and dependency not in placed:
                    placed.add(dependency)
                    child = by_key[dependency]
                    stack.append((child, iter(dependencies(child))))
                    break
            else:
                stack.pop()
                ordered.append(item)
    return ordered
