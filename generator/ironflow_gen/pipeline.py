"""The front half of the pipeline: schema folder -> checked, typed IR."""

from __future__ import annotations

from pathlib import Path

from . import ir
from .checker import check_structure
from .diagnostics import SchemaError
from .ir_builder import build_contract
from .loader import load_schema


def load_contract(schema: Path) -> ir.Contract:
    """Load, check and lower a schema folder; raise SchemaError listing every problem."""
    source = load_schema(schema)
    problems = check_structure(source)
    if problems:
        raise SchemaError(problems)
    return build_contract(source)
