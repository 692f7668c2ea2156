"""pydantic as an oracle: a generated ``models.py`` loaded under a private name, and a
model's verdict on a payload (the zod side is ``zod_oracle``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ValidationError


def import_models(path: Path, name: str) -> ModuleType:
    """A generated module under a private name (pydantic resolves the postponed
    annotations through sys.modules), so no installed package of that name interferes."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def accepts(model: type[BaseModel], data: Any, *, from_json: bool = False, **options: Any) -> bool:
    """Whether the model validates ``data`` (JSON text with ``from_json``)."""
    try:
        if from_json:
            model.model_validate_json(data, **options)
        else:
            model.model_validate(data, **options)
    except ValidationError:
        return False
    return True
