"""Seeded mutations of valid wire payloads: the inputs on which two validators of one
contract (zod and pydantic) must give the same verdict and the same output.

Each mutation changes one place of a payload (any depth) to a value that a validator
could get wrong: another JSON type, null, a key removed or added (unknown, a wire
name's snake_case spelling, ``__proto__``), an extreme or fractional number, an odd
string (lone surrogate, astral, NUL, bidi), or deep nesting. A ``random.Random(seed)``
drives it, so every run draws the same payloads.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from typing import Any

EXTREME_NUMBERS: tuple[Any, ...] = (
    0, -0.0, 1, -1, 2.0, 2.5, 1e2, 1e-7, 1e308, -1e308, 2**53 - 1, 2**53, 2**53 + 1,
    -(2**53) + 1, -(2**53), 2**63, 10**30, 9007199254740990.5, 0.1 + 0.2,
)  # fmt: skip
ODD_STRINGS = ("", "\ud800", "\udfff", "a\ud83d", "\U0001f600", "\x00", "\u202e", "__proto__",
               "1", "true", "null", " ", "\u2028")  # fmt: skip
RAW_NUMBERS = ("1e400", "-1e400", "1" + "0" * 400, "1.0", "2.000", "1E2", "-0", "1e-400")
ODD_KEYS = ("__proto__", "constructor", "toString", "", "\ud800")


def mutations(payload: Any, rng: random.Random, count: int) -> Iterator[str]:
    """``count`` mutated copies of a payload, as JSON text (some spell what Python's
    json cannot write: ``1e400``, nesting deeper than its recursion limit)."""
    paths = list(_paths(payload, ()))
    for _ in range(count):
        path = rng.choice(paths)
        yield _mutate(payload, path, rng)


def _paths(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _mutate(payload: Any, path: tuple[Any, ...], rng: random.Random) -> str:
    copy = json.loads(json.dumps(payload))
    target = copy
    for step in path[:-1]:
        target = target[step]
    current = target[path[-1]] if path else copy
    new, raw = _replacement(current, rng)
    if path:
        target[path[-1]] = new
    else:
        copy = new
    if raw is not None:  # the placeholder at that place becomes the raw text
        return _replace_at(copy, path, raw)
    return json.dumps(copy, ensure_ascii=True)


def _replacement(current: Any, rng: random.Random) -> tuple[Any, str | None]:
    """A new value for one place (or a placeholder and the raw JSON text it stands for)."""
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice([None, True, False, "x", 1, 1.5, [], {}, [current], {"a": current}]), None
    if kind == 1:
        return rng.choice(EXTREME_NUMBERS), None
    if kind == 2:
        return rng.choice(ODD_STRINGS), None
    if kind in (3, 4, 5) and isinstance(current, dict) and current:
        return _edit_keys(current, kind, rng), None
    if kind == 6:
        depth = rng.choice([10, 150, 250, 900])  # deeper: test_zod_rules_that_pydantic_...
        opening, closing = ("[", "]") if rng.random() < 0.5 else ('{"a":', "}")
        return 0, opening * depth + json.dumps(current, ensure_ascii=True) + closing * depth
    if kind == 7:
        return 0, rng.choice(RAW_NUMBERS)
    return current, None


def _edit_keys(current: dict[str, Any], kind: int, rng: random.Random) -> dict[str, Any]:
    """A key removed (3), an odd key added (4), or a key spelt in snake_case (5)."""
    key = rng.choice(list(current))
    if kind == 3:
        return {k: v for k, v in current.items() if k != key}
    if kind == 4:
        return {**current, rng.choice(ODD_KEYS): current[key]}
    return {(_snake(k) if k == key else k): v for k, v in current.items()}


def _replace_at(value: Any, path: tuple[Any, ...], raw: str) -> str:
    marker = "__RAW_NUMBER_MARKER__"
    target = value
    for step in path[:-1]:
        target = target[step]
    if path:
        target[path[-1]] = marker
    else:
        value = marker
    return json.dumps(value, ensure_ascii=True).replace(json.dumps(marker), raw)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
