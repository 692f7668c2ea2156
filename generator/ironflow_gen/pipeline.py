"""The pipeline in two calls: schema folder -> checked, typed IR -> the targets' files."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import ir
from .checker import check_structure
from .diagnostics import SchemaError
from .formatting import black_workers
from .ir_builder import build_contract
from .loader import load_schema
from .targets import GeneratedFile, get_target


def load_contract(schema: Path) -> ir.Contract:
    """Load, check and lower a schema folder; raise SchemaError listing every problem."""
    source = load_schema(schema)
    problems = check_structure(source)
    if problems:
        raise SchemaError(problems)
    return build_contract(source)


def generate_targets(
    contract: ir.Contract, names: tuple[str, ...]
) -> dict[str, list[GeneratedFile]]:
    """Run the named targets side by side: target -> its files, in ``names`` order.

    Each target runs in a thread. Most of a big build is black, in worker
    processes, so while one target waits for its formatting another renders or runs
    datamodel-code-generator. The output does not depend on the scheduling: every
    target is a pure function of the contract.
    """
    targets = {name: get_target(name) for name in names}
    with black_workers(), ThreadPoolExecutor(max(1, len(targets))) as threads:
        running = {name: threads.submit(target, contract) for name, target in targets.items()}
        return {name: future.result() for name, future in running.items()}
