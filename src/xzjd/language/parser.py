# SPDX-License-Identifier: MIT
"""The parser: text in, the builder's model out, or a :class:`~xzjd.errors.ParseError`.

:func:`prepare` normalises the line ends; :func:`parse` checks the indentation's layout, runs
Lark's parser (built once per process, :mod:`xzjd.language.grammar`) and hands each reduction
to the builder's method for the rule (:mod:`xzjd.language.reductions`). Lark's own
exceptions never leave this module: a syntax error becomes a diagnostic with a stable code,
a position, the line and a hint (:mod:`xzjd.language.syntax_errors`); a tab in the
indentation, odd white space there, or an indented first line are reported before parsing.
"""

from __future__ import annotations

import re
from typing import Any

from lark.exceptions import UnexpectedInput

from xzjd.errors import Diagnostic, ParseError, Span
from xzjd.language.grammar import BadIndentation, parser
from xzjd.language.reductions import CURRENT_BUILDER
from xzjd.language.syntax_errors import bad_indentation, describe
from xzjd.messages import diagnostic

__all__ = ["parse", "prepare"]


# --------------------------------------------------------------------------- preparation


def prepare(text: str) -> str:
    """Normalise line ends and drop a byte-order mark; columns stay as the user sees them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Indentation holding something other than spaces (on any line: the slow check below then
# skips blank and comment lines), and the indentation of the first line with content.
_ODD_INDENT = re.compile("^ *[\t\u3000\u00a0\f\v]", re.MULTILINE)
_FIRST_INDENT = re.compile("(?:[ \t\u3000\u00a0\f\v]*(?:#[^\n]*)?\n)*( *)")


def _check_layout(text: str, file: str) -> list[Diagnostic]:
    """Tabs and odd white space in the indentation; an indented first line."""
    if _ODD_INDENT.search(text) is None:
        # Every indentation is made of spaces: only the first line with content matters.
        first = _FIRST_INDENT.match(text)
        assert first is not None
        if not first.group(1) or text[first.end() : first.end() + 1] in ("", "\n", "#"):
            return []
    return _check_layout_lines(text, file)


def _check_layout_lines(text: str, file: str) -> list[Diagnostic]:
    """:func:`_check_layout` line by line (the gate above skips this for most texts)."""
    problems = []
    first = True
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t\u3000\u00a0\f\v")
        if not stripped or stripped.startswith("#"):
            continue
        indent = line[: len(line) - len(stripped)]
        bad = next((i for i, ch in enumerate(indent) if ch != " "), None)
        if bad is not None:
            ch = indent[bad]
            span = Span(number, bad + 1, number, bad + 2)
            if ch == "\t":
                problems.append(
                    diagnostic("syntax/tab-indent", file=file, span=span, line_text=line)
                )
            else:
                problems.append(
                    diagnostic(
                        "syntax/bad-indent-char",
                        file=file,
                        span=span,
                        line_text=line,
                        code_point=ord(ch),
                    )
                )
        elif first and indent:
            problems.append(
                diagnostic(
                    "syntax/unexpected-indent",
                    file=file,
                    span=Span(number, 1, number, len(indent) + 1),
                    line_text=line,
                )
            )
        first = False
    return problems


# --------------------------------------------------------------------------- parsing


def parse(text: str, builder: Any, *, file: str = "<string>") -> Any:
    """Parse *text* (already passed through :func:`prepare`) and build it with *builder*.

    *builder* has a method for each rule of the grammar, named after the rule (or its
    alias), called as ``method(meta, children)`` when the parser reduces the rule: *meta* is
    the rule's :class:`~xzjd.language.reductions.Meta`, *children* what a parse tree would
    hold under the rule, with the values the builder returned for the sub-rules.

    Returns:
        What the builder's ``start`` method returned.

    Raises:
        ParseError: the text is not a well-formed rules file.
    """
    problems = _check_layout(text, file)
    if problems:
        raise ParseError(problems)
    source = text if text.endswith("\n") else text + "\n"
    lark_parser = parser()
    current = CURRENT_BUILDER.set(builder)
    try:
        # With a transformer, Lark returns what the start rule's callback returned.
        node: Any = lark_parser.parse(source)
        return node.value
    except BadIndentation as exc:
        raise ParseError([bad_indentation(exc, text, file)]) from None
    except UnexpectedInput as exc:
        raise ParseError([describe(exc, text, file)]) from None
    finally:
        CURRENT_BUILDER.reset(current)
