"""The pipeline: schema folder -> checked, typed IR -> every target's files, in memory."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from . import ir
from .checker import check_structure
from .diagnostics import SchemaError
from .ir_builder import build_contract
from .loader import load_schema
from .targets import GeneratedFile, get_target
from .workers import worker_processes


def load_contract(schema: Path) -> ir.Contract:
    """Load, check and lower a schema folder; raise SchemaError listing every problem."""
    source = load_schema(schema)
    problems = check_structure(source)
    if problems:
        raise SchemaError(problems)
    return build_contract(source)


def build_targets(schema: Path, names: tuple[str, ...]) -> dict[str, list[GeneratedFile]]:
    """The whole pipeline in memory, with the build's worker processes: the schema
    check and black run in them while this process reads YAML and renders."""
    with worker_processes(), without_cycle_collection():
        return generate_targets(load_contract(schema), names)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off in this process while it builds.

    A big schema keeps millions of objects alive (YAML nodes, the IR, the
    targets' view models), and every full collection walks them all:
    at 5,000 types that was a fifth of this process's time. What a build leaves
    unreachable is mostly freed by reference counting; the few cycles wait for the
    collector's return. The workers, forked before, keep it on (black's syntax trees
    are cyclic, and a worker formats thousands of them).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def generate_targets(
    contract: ir.Contract, names: tuple[str, ...]
) -> dict[str, list[GeneratedFile]]:
    """Run the named targets side by side: target -> its files, in ``names`` order.

    Each target runs in a thread. Most of a big build is black, in worker
    processes, so while one target waits for its formatting another renders. The
    output does not depend on the scheduling: every target is a pure function of the
    contract.
    """
    targets = {name: get_target(name) for name in names}
    with ThreadPoolExecutor(max(1, len(targets))) as threads:
        running = {name: threads.submit(target, contract) for name, target in targets.items()}
        return {name: future.result() for name, future in running.items()}
