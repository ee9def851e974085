# SPDX-License-Identifier: MIT
"""Decode JSON from user files: malformed or hostile text is an error with an offset.

The standard decoder recurses once per nested array or object; text nested a thousand levels
deep (``[[[[…``) exhausts Python's stack and raises ``RecursionError``, which is not a
``ValueError`` and would escape a reader that only expects ``JSONDecodeError``. Every reader
of user JSON decodes through :func:`decode`, which turns both into :class:`JsonProblem`,
positioned at the offending character.

A data file needs three levels (an array of objects whose values may be lists of tags), so
nothing useful is lost: text nested more than :data:`MAX_DEPTH` levels deep is reported at
the bracket that goes past that depth.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

__all__ = ["MAX_DEPTH", "JsonProblem", "decode"]

#: Nesting depth named in the error for text too deeply nested to decode.
MAX_DEPTH = 100


def _parse_int(digits: str) -> int | float:
    # Python converts at most 4300 digits to an int (a ValueError, not a JSONDecodeError);
    # a longer number is still a number, which no cell of a data file may be.
    return int(digits) if len(digits) <= 4000 else float("inf")


_DECODER = json.JSONDecoder(parse_int=_parse_int)
# A string (skipped whole, escapes included) or a bracket.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class JsonProblem(Exception):
    """The JSON text at ``offset`` cannot be decoded: it is nested more than
    :data:`MAX_DEPTH` levels deep (``too_deep``), or ``detail`` is the decoder's reason
    (``Expecting value``). The reader words the diagnostic (:mod:`xzjd.messages`)."""

    def __init__(self, offset: int, detail: str, *, too_deep: bool) -> None:
        super().__init__(detail)
        self.offset = offset
        self.detail = detail
        self.too_deep = too_deep


def decode(text: str, offset: int = 0) -> tuple[Any, int]:
    """Decode one JSON value starting at *offset*; return it and the offset just past it.

    Raises:
        JsonProblem: the text is not JSON there, or is nested too deeply to decode.
    """
    try:
        return _DECODER.raw_decode(text, offset)
    except json.JSONDecodeError as exc:
        raise JsonProblem(exc.pos, exc.msg, too_deep=False) from None
    except RecursionError:
        pass
    # Outside the except block, so that the stack the decoder used is free again.
    _too_deep(text, offset)


def _too_deep(text: str, offset: int) -> NoReturn:
    """Raise :class:`JsonProblem` at the first bracket nested past :data:`MAX_DEPTH`."""
    depth = 0
    where = offset
    for m in _TOKENS.finditer(text, offset):
        token = m.group()
        if token == "[" or token == "{":
            depth += 1
            if depth > MAX_DEPTH:
                where = m.start()
                break
        elif token == "]" or token == "}":
            depth -= 1
            if depth <= 0:
                break
    raise JsonProblem(where, f"nested more than {MAX_DEPTH} levels deep", too_deep=True)
