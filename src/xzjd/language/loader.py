# SPDX-License-Identifier: MIT
"""Read rules files: parse, build the model, check it.

:func:`loads` and :func:`load` are the public entry points (also exported as
``xzjd.loads`` and ``xzjd.load``). They return a checked :class:`~xzjd.model.Ruleset` or
raise :class:`~xzjd.errors.ParseError` (the text is not well-formed) or
:class:`~xzjd.errors.CheckError` (it is, but says something impossible; every problem is
reported at once). :func:`loads_checked` and :func:`load_checked` do the same and return
the :class:`~xzjd.language.checked.CheckedRuleset` of that one run of the checks: the
ruleset with its warnings, which evaluation takes without checking it again.
"""

from __future__ import annotations

import os

from xzjd.errors import Diagnostic, ParseError, Span
from xzjd.language import builder as _builder
from xzjd.language import checked
from xzjd.language import parser as _parser
from xzjd.language.checked import CheckedRuleset
from xzjd.messages import diagnostic
from xzjd.model import Ruleset
from xzjd.text.lines import byte_position

__all__ = ["load", "load_checked", "loads", "loads_checked", "parse_unchecked", "read_text"]


def parse_unchecked(text: str, *, file: str = "<string>") -> tuple[Ruleset, list[Diagnostic]]:
    """Parse and build without the semantic checks.

    Returns:
        The model and the problems noticed while building it.

    Raises:
        ParseError: the text is not well-formed.
    """
    return _builder.build_text(_parser.prepare(text), file=file)


def loads(text: str, *, file: str = "<string>") -> Ruleset:
    """Parse and check the rules in *text*.

    Args:
        text: the rules, in English, Chinese or both.
        file: the name shown in diagnostics.

    Raises:
        ParseError: the text is not well-formed.
        CheckError: it is well-formed but inconsistent; holds every problem.
    """
    return loads_checked(text, file=file).ruleset


def loads_checked(text: str, *, file: str = "<string>") -> CheckedRuleset:
    """:func:`loads`, keeping what the one run of the checks found: the ruleset and its
    warnings, to be evaluated without checking it again.

    Raises:
        ParseError: the text is not well-formed.
        CheckError: it is well-formed but inconsistent; holds every problem.
    """
    ruleset, problems = parse_unchecked(text, file=file)
    found = sorted(
        [*problems, *checked.diagnostics(ruleset)],
        key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0),
    )
    return checked.accept(ruleset, found)


def read_text(path: str | os.PathLike[str]) -> str:
    """The UTF-8 text of a rules file.

    Raises:
        ParseError: the file is missing, unreadable or not UTF-8 (codes ``file/...``).
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise ParseError([diagnostic("file/not-found", file=name)]) from None
    except (OSError, ValueError) as exc:  # a NUL in the name is a ValueError
        reason = getattr(exc, "strerror", None) or (
            "the name holds a NUL character" if isinstance(exc, ValueError) else type(exc).__name__
        )
        raise ParseError([diagnostic("file/unreadable", file=name, reason=reason)]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, line_start = byte_position(data, exc.start)
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise ParseError(
            [
                diagnostic(
                    "file/encoding",
                    file=name,
                    span=Span(line, column, line, column + 1),
                    data_exc_start=data[exc.start],
                )
            ]
        ) from None


def load(path: str | os.PathLike[str]) -> Ruleset:
    """Read, parse and check the rules file at *path*.

    Raises:
        ParseError: the file cannot be read, is not UTF-8, or is not well-formed.
        CheckError: it is well-formed but inconsistent.
    """
    return load_checked(path).ruleset


def load_checked(path: str | os.PathLike[str]) -> CheckedRuleset:
    """:func:`load`, keeping what the one run of the checks found (see :func:`loads_checked`).

    Raises:
        ParseError: the file cannot be read, is not UTF-8, or is not well-formed.
        CheckError: it is well-formed but inconsistent.
    """
    return loads_checked(read_text(path), file=os.fspath(path))
