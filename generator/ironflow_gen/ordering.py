"""Dependency-first order: schema order, except that an item follows the items it
needs. Generated code needs it wherever a name must exist before it is used at
run time (derived constants, base classes, validators built from others)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
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

    def place(item: T) -> None:
        if key(item) in placed:
            return
        placed.add(key(item))
        for dependency in dependencies(item):
            if dependency in by_key:
                place(by_key[dependency])
        ordered.append(item)

    for item in by_key.values():
        place(item)
    return ordered
