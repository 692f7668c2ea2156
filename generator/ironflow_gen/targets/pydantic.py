"""pydantic v2 target: ``python/<package>/models.py``, one model per wire type.

Rendered from the IR by ``templates/pydantic/``, through the Python mapping that
the dataclasses and the docs share (``_python_types.PyContract``): the same class
names (``ValidatedPushRequest``, inline objects lifted as ``ValidatedRunResponseError``)
and the same attribute per wire name. ``_pydantic_views`` adds what a validator
needs on top: the annotations that give zod's verdict and zod's output, evaluated
by pydantic-core (its module doc lists each rule). The wire types keep their
contract names as aliases too (``models.PushRequest``), as zod names its schemas.

The generated module carries a small runtime section (``runtime.py.j2``): the core
schemas that pydantic's own types cannot express (zod's integers and literals, map
keys, null as a default), the base classes and their configuration. The module is
rendered piece by piece (the header and runtime, each class, the aliases) in
black's layout; black formats only a piece with a line too long for it.
"""

from __future__ import annotations

from .. import ir
from ..formatting import format_python_many, needs_black
from ..rendering import environment, render
from . import HEADER, GeneratedFile
from ._pydantic_views import models_view
from ._python_layout import LINE_LENGTH
from ._python_types import PyContract

PIECE_SEPARATOR = "\n\n"  # each piece ends with a newline: two blank lines between them


def generate(contract: ir.Contract) -> list[GeneratedFile]:
    """models.py, or nothing for a contract without wire messages."""
    if not any(m.wire and m.types for m in contract.modules):
        return []
    view = models_view(PyContract(contract))
    env = environment({})
    sources = ", ".join(f"schema/{m.file}" for m in contract.modules if m.wire)
    summary = f"pydantic v2 validators of the wire messages of {contract.name} {contract.version}."
    pieces = [render(env, "pydantic/header.py.j2", header=HEADER.format(source=sources),
                     summary=summary)]  # fmt: skip
    pieces += [render(env, "pydantic/class.py.j2", cls=cls) for cls in view.classes]
    if view.aliases:
        pieces.append(render(env, "pydantic/aliases.py.j2", aliases=view.aliases))
    path = f"python/{contract.python_package}/models.py"
    return [GeneratedFile(path, PIECE_SEPARATOR.join(_black_where_needed(pieces)))]


def _black_where_needed(pieces: list[str]) -> list[str]:
    """The templates write black's layout (``_pydantic_views.field_lines``); black
    formats only a piece that may differ from it (the tests run black on whole outputs,
    hostile text included, and require no change). At thousands of types black would
    be most of a build; this way it is almost none of it."""
    odd = [i for i, piece in enumerate(pieces) if needs_black(piece, LINE_LENGTH)]
    formatted = format_python_many([pieces[i] for i in odd], line_length=LINE_LENGTH)
    fixed = dict(zip(odd, (text.rstrip("\n") + "\n" for text in formatted), strict=True))
    return [fixed.get(i, piece) for i, piece in enumerate(pieces)]
