# SPDX-License-Identifier: MIT
"""Errors and diagnostics.

Every error the library raises on purpose derives from :class:`XzjdError`. Errors that
point into a file (a rules file, an agencies CSV, a filings JSON) are :class:`SourceError`
and carry one or more :class:`Diagnostic` objects, each with a stable ``code`` (for
example ``syntax/unexpected-word`` or ``ref/unknown-escalation``), a message written for
the rule author, the position, and an optional hint.

Columns are 1-based and count *characters*, so ``14:23`` means the 23rd character of line
14 whatever script it is written in. When a diagnostic is rendered, the caret is placed by
*display width*: a full-width character (CJK ideographs, ``：``, ``，``) takes two
terminal cells, so the caret lines up under Chinese text.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from enum import Enum

import attrs

from xzjd._safe import escape_controls

__all__ = [
    "CalendarError",
    "CheckError",
    "Diagnostic",
    "EvaluationError",
    "ExplainedError",
    "InputError",
    "OutputError",
    "ParseError",
    "Severity",
    "SourceError",
    "Span",
    "UsageError",
    "XzjdError",
    "display_width",
    "message_language",
    "render_diagnostic",
    "render_error",
]


@attrs.frozen
class Span:
    """Where a node or a mistake sits in its source text.

    ``line`` and ``column`` are 1-based; columns count characters. ``end_line`` and
    ``end_column`` point just past the last character. ``start`` and ``end`` are character
    offsets into the text.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0

    @classmethod
    def point(cls, line: int, column: int, start: int = 0) -> Span:
        """A span of one character."""
        return cls(line, column, line, column + 1, start, start + 1)


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One problem found in an input file.

    Attributes:
        code: a stable identifier such as ``syntax/unexpected-word``; tests and tools
            match on it, never on the message.
        message: what is wrong, in English.
        file: the file name as given by the user, or ``<string>``.
        span: the position, when the problem has one.
        line_text: the text of the offending line, for the caret display.
        hint: how to fix it, in English.
        message_zh: the message in Chinese, when one is written.
        hint_zh: the hint in Chinese.
        severity: error or warning.
    """

    code: str
    message: str
    file: str = "<string>"
    span: Span | None = None
    line_text: str | None = None
    hint: str | None = None
    message_zh: str | None = None
    hint_zh: str | None = None
    severity: Severity = Severity.ERROR

    def render(self, *, lang: str | None = None) -> str:
        """Format as ``file:line:col: error[code]: message``, the line, a caret, a hint."""
        return render_diagnostic(self, lang=lang)


def display_width(text: str) -> int:
    """Terminal cells taken by *text*: wide and full-width characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def message_language(env: dict[str, str] | None = None) -> str:
    """``"zh"`` when the environment asks for Chinese messages (``LANG`` etc.), else ``"en"``."""
    env = dict(os.environ) if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def render_diagnostic(diag: Diagnostic, *, lang: str | None = None) -> str:
    """Render a diagnostic in compiler style.

    ::

        rules.xzjd:14:23: error[syntax/unexpected-word]: unexpected word 'evn'
           14 |   by the end of every evn month, file report with supervisory organ
              |                       ^^^
        hint: did you mean 'even'?
    """
    lang = lang or "en"
    message = diag.message_zh if lang == "zh" and diag.message_zh else diag.message
    hint = diag.hint_zh if lang == "zh" and diag.hint_zh else diag.hint
    # The file name, the message, the hint and the quoted line may all hold text from the
    # input: control and bidirectional characters in them are shown as escapes (\x1b,
    # \u202e), never sent to the terminal. Lines of a message stay lines.
    where = escape_controls(diag.file) or "''"  # an empty name: an empty argument
    if diag.span is not None:
        where = f"{where}:{diag.span.line}:{diag.span.column}"
    message = escape_controls(message, keep="\n")
    lines = [f"{where}: {diag.severity.value}[{diag.code}]: {message}"]
    if diag.span is not None and diag.line_text is not None:
        text = diag.line_text.rstrip("\r\n").replace("\t", " ")
        gutter = f"{diag.span.line:>5} | "
        lines.append(gutter + escape_controls(text))
        col = max(diag.span.column, 1)
        if diag.span.end_line == diag.span.line:
            end_col = max(diag.span.end_column, col + 1)
        else:
            end_col = len(text) + 1
        # The caret is placed by the width of the escaped text, as it is shown.
        prefix = escape_controls(text[: col - 1])
        marked = escape_controls(text[col - 1 : end_col - 1]) or " "
        pad = " " * display_width(prefix)
        lines.append(" " * 6 + "| " + pad + "^" * max(display_width(marked), 1))
    if hint:
        lines.append(("提示: " if lang == "zh" else "hint: ") + escape_controls(hint, keep="\n"))
    return "\n".join(lines)


class XzjdError(Exception):
    """The root of every error xzjd raises on purpose."""


class SourceError(XzjdError, ValueError):
    """Errors that point into an input file; they hold one or more diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        if not self.diagnostics:
            raise ValueError("a SourceError needs at least one diagnostic")
        super().__init__(self.diagnostics)

    @property
    def code(self) -> str:
        """The code of the first diagnostic."""
        return self.diagnostics[0].code

    @property
    def span(self) -> Span | None:
        """The span of the first diagnostic."""
        return self.diagnostics[0].span

    def render(self, *, lang: str | None = None) -> str:
        """All diagnostics, rendered and separated by blank lines."""
        return "\n\n".join(d.render(lang=lang) for d in self.diagnostics)

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self) -> tuple[type[SourceError], tuple[Sequence[Diagnostic]]]:
        return (type(self), (self.diagnostics,))


class ParseError(SourceError):
    """The text is not a well-formed rules file."""


class CheckError(SourceError):
    """The rules file parses but says something impossible or inconsistent."""


class InputError(SourceError):
    """A data file (agencies, filings, events, calendar data) is malformed."""


class CalendarError(XzjdError, LookupError):
    """A date lies outside the years a calendar has data for."""

    def __init__(self, message: str, *, calendar: str = "cn", year: int | None = None) -> None:
        super().__init__(message)
        self.calendar = calendar
        self.year = year

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_calendar_error, (str(self), self.calendar, self.year))


def _rebuild_calendar_error(message: str, calendar: str, year: int | None) -> CalendarError:
    return CalendarError(message, calendar=calendar, year=year)


class ExplainedError(XzjdError):
    """An error that is not one of a data file's diagnostics: a stable code, what it is
    about, a hint.

    Rendered as ``error[code]: --argument: message`` (the argument when the error is about
    one, such as ``--on``) followed by ``hint: ...``; or, when it points into a file (``file``
    and ``span``), as a diagnostic: ``file:line:col: error[code]: message``, the line, a
    caret and the hint. ``str(error)`` is the message.

    Attributes:
        code: a stable identifier such as ``argument/bad-date``.
        argument: the command-line option the error is about (``"--on"``), or ``None``.
        hint: how to fix it, in English; ``message_zh`` and ``hint_zh`` in Chinese.
        file, span, line_text: where in a file the cause is, when it has a place.
    """

    default_code = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        argument: str | None = None,
        hint: str | None = None,
        message_zh: str | None = None,
        hint_zh: str | None = None,
        file: str | None = None,
        span: Span | None = None,
        line_text: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.argument = argument
        self.hint = hint
        self.message_zh = message_zh
        self.hint_zh = hint_zh
        self.file = file
        self.span = span
        self.line_text = line_text

    def render(self, *, lang: str | None = None) -> str:
        """The error as the command line prints it, in *lang* when written."""
        if self.file is not None:
            return self.diagnostic().render(lang=lang)
        zh = lang == "zh"
        message = self.message_zh if zh and self.message_zh else self.message
        hint = self.hint_zh if zh and self.hint_zh else self.hint
        where = f"{escape_controls(self.argument)}: " if self.argument else ""
        message = escape_controls(message, keep="\n")
        lines = [f"error[{self.code}]: {where}{message}"]
        if hint:
            lines.append(("提示: " if zh else "hint: ") + escape_controls(hint, keep="\n"))
        return "\n".join(lines)

    def diagnostic(self) -> Diagnostic:
        """The error as a :class:`Diagnostic` (file ``<string>`` when it has none)."""
        return Diagnostic(
            code=self.code,
            message=self.message,
            file=self.file or "<string>",
            span=self.span,
            line_text=self.line_text,
            hint=self.hint,
            message_zh=self.message_zh,
            hint_zh=self.hint_zh,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_explained, (type(self), self.message), self.__dict__)


def _rebuild_explained(cls: type[ExplainedError], message: str) -> ExplainedError:
    return cls(message)


class EvaluationError(ExplainedError):
    """Evaluation could not run (for example an obligation names a calendar with no data)."""

    default_code = "evaluation/failed"


class UsageError(ExplainedError):
    """A command-line argument is wrong: an impossible date, a missing option.

    ``usage`` is the usage line of the command, when the error comes from its parser.
    """

    default_code = "argument/invalid"
    usage: str | None = None


def render_error(exc: XzjdError, *, lang: str | None = None) -> str:
    """Any error of xzjd as the command line prints it.

    A :class:`SourceError` gives its diagnostics (``file:line:col: error[code]: ...``), an
    :class:`ExplainedError` its code, argument and hint; a :class:`CalendarError` names the
    calendar and the year it lacks, which is why it has no place in a file.
    """
    if isinstance(exc, SourceError | ExplainedError | OutputError):
        return exc.render(lang=lang)
    zh = lang == "zh"
    message = escape_controls(str(exc), keep="\n")
    if isinstance(exc, CalendarError):
        hint = getattr(exc, "hint", None) or (
            "请评估日历有数据的日期，或补充该年份（docs/calendar.md 第 4 节）"
            if zh
            else "evaluate a date the calendar has data for, or add the year "
            "(docs/calendar.md, section 4)"
        )
        return f"error[calendar/no-data]: {message}\n{'提示' if zh else 'hint'}: {hint}"
    return f"error[error]: {message}"


class OutputError(XzjdError):
    """The output could not be written completely: a full disk, a closed or failing file.

    Holds one :class:`Diagnostic` (code ``output/incomplete``) naming the output instead of
    an input file, since the problem has no position in any input. ``xzjd`` prints it and
    exits with status 74 (``EX_IOERR`` of sysexits.h), never 0.
    """

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic)
        self.diagnostic = diagnostic

    def render(self, *, lang: str | None = None) -> str:
        """The diagnostic, rendered."""
        return self.diagnostic.render(lang=lang)

    def __str__(self) -> str:
        return self.render()
