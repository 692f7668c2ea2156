"""The one Jinja environment: strict, whitespace-controlled, filters from one dict.

Targets pass their own context-bound filters (type mapping needs to know the
contract) on top of the shared escapers; templates only lay out text.
"""

from __future__ import annotations

# Jinja's lexer decodes a template's string literals (`{{ "\n" }}`) with this codec,
# which Python imports on first use: imported here, never inside a target thread.
import encodings.unicode_escape  # noqa: F401
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from . import templates  # type: ignore[attr-defined]  # noqa: F401  (imported before any target thread)
from .escaping import FILTERS


@cache
def _loader() -> jinja2.BaseLoader:
    return jinja2.FileSystemLoader(str(resources.files("ironflow_gen.templates")))


def environment(extra_filters: Mapping[str, Callable[..., Any]]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_loader(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    env.filters.update(extra_filters)
    return env


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    text = env.get_template(template).render(**context)
    return text.rstrip("\n") + "\n"
