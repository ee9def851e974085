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

Rendering is bounded whatever the input (the diagnostics themselves are all kept): a line
wider than :data:`MAX_LINE_WIDTH` cells is shown as a window around the caret with ``…``
where it is cut, and :meth:`SourceError.render` and :func:`render_diagnostics` show at most
:data:`MAX_SHOWN` errors (and as many warnings) of one file, then one line saying how many
more there are.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum

import attrs

from xzjd.text.escape import escape_controls, has_controls

__all__ = [
    "MAX_LINE_WIDTH",
    "MAX_MESSAGE",
    "MAX_SHOWN",
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
    "render_diagnostics",
    "render_error",
]

#: The most errors of one file that are rendered (warnings are counted apart, with the same
#: limit); the rest are summed up in one line. Every diagnostic stays in the error object.
MAX_SHOWN = 50

#: The widest source line shown under a diagnostic, in terminal cells; a wider line is shown
#: as a window of this width around the caret.
MAX_LINE_WIDTH = 100

#: The longest message or hint rendered, in characters; a longer one (quoting a huge cell,
#: say) is cut with ``…``. The diagnostic keeps the whole text.
MAX_MESSAGE = 400

# How much of the window goes before the caret when the line has to be cut.
_LEFT_CONTEXT = 32
_ELLIPSIS = "…"


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
        place: where the problem is when a line and a column do not say it: the sheet and
            cell of a workbook, ``Sheet1!C7``. Rendered after the file name instead of
            ``line:column``; the span (the row, and the cell within ``line_text``, the row's
            cells joined) still places the caret.
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
    place: str | None = None

    def render(self, *, lang: str | None = None) -> str:
        """Format as ``file:line:col: error[code]: message``, the line, a caret, a hint."""
        return render_diagnostic(self, lang=lang)


def display_width(text: str) -> int:
    """Terminal cells taken by *text*: wide and full-width characters take two."""
    if text.isascii():  # one cell per character: most cells of a report
        return len(text)
    return _wide_text_width(text)


@functools.lru_cache(maxsize=4096)
def _wide_text_width(text: str) -> int:
    # Agency names and state words recur on every row of a table: measured once each.
    return sum(map(_width, text))


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

    A line wider than :data:`MAX_LINE_WIDTH` cells is shown from a little before the caret,
    cut with ``…`` on either side; the caret stays under the character it points at.
    """
    lang = lang or "en"
    message = _clip(diag.message_zh if lang == "zh" and diag.message_zh else diag.message)
    hint = diag.hint_zh if lang == "zh" and diag.hint_zh else diag.hint
    hint = None if hint is None else _clip(hint)
    # The file name, the message, the hint and the quoted line may all hold text from the
    # input: control and bidirectional characters in them are shown as escapes (\x1b,
    # \u202e), never sent to the terminal. Lines of a message stay lines.
    where = escape_controls(diag.file) or "''"  # an empty name: an empty argument
    if diag.place is not None:
        where = f"{where}:{escape_controls(diag.place)}"
    elif diag.span is not None:
        where = f"{where}:{diag.span.line}:{diag.span.column}"
    message = escape_controls(message, keep="\n")
    lines = [f"{where}: {diag.severity.value}[{diag.code}]: {message}"]
    if diag.span is not None and diag.line_text is not None:
        shown, pad, carets = _caret_window(diag.line_text, diag.span)
        lines.append(f"{diag.span.line:>5} | " + shown)
        lines.append(" " * 6 + "| " + " " * pad + "^" * carets)
    if hint:
        lines.append(("提示: " if lang == "zh" else "hint: ") + escape_controls(hint, keep="\n"))
    return "\n".join(lines)


def _clip(text: str) -> str:
    if len(text) <= MAX_MESSAGE:
        return text
    return text[: MAX_MESSAGE - 1] + _ELLIPSIS


def _caret_window(text: str, span: Span) -> tuple[str, int, int]:
    """The part of *text* to show, the caret's indent and its width, in terminal cells.

    Tabs are shown as spaces and control characters as escapes (:func:`_shown`); the caret
    is placed by the width of the text as shown. Only about :data:`MAX_LINE_WIDTH`
    characters around the caret are looked at, however long the line is.
    """
    n = len(text)
    while n and text[n - 1] in "\r\n":
        n -= 1
    start = min(max(span.column, 1) - 1, n)
    end = n  # a span running onto the next line is marked to the end of this one
    if span.end_line == span.line:
        end = min(max(span.end_column - 1, start + 1), n)
    if n <= MAX_LINE_WIDTH and display_width(_shown(text[:n])) <= MAX_LINE_WIDTH:
        left, right = 0, n
    else:
        # Walk out from the caret, a character at a time, until the window is full.
        left, used = start, 0
        while left > 0 and start - left < 2 * _LEFT_CONTEXT:
            width = _shown_width(text[left - 1])
            if used + width > _LEFT_CONTEXT:
                break
            used += width
            left -= 1
        right = start
        while right < n and right - left < 4 * MAX_LINE_WIDTH:
            width = _shown_width(text[right])
            if used + width > MAX_LINE_WIDTH and right > start:
                break
            used += width
            right += 1
    before = _ELLIPSIS if left > 0 else ""
    after = _ELLIPSIS if right < n else ""
    shown = before + _shown(text[left:right]) + after
    pad = display_width(before) + display_width(_shown(text[left:start]))
    carets = max(display_width(_shown(text[start : min(end, right)])), 1)
    return shown, pad, carets


def _shown(text: str) -> str:
    """*text* as a quoted line shows it: tabs as spaces, control characters as escapes."""
    return escape_controls(text.replace("\t", " "))


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _shown_width(ch: str) -> int:
    if ch == "\t":
        return 1
    if has_controls(ch):
        return len(escape_controls(ch))
    return _width(ch)


def render_diagnostics(
    diagnostics: Iterable[Diagnostic], *, lang: str | None = None, limit: int | None = MAX_SHOWN
) -> Iterator[str]:
    """Render diagnostics one at a time, at most *limit* errors and *limit* warnings a file.

    The ones past the limit are counted, and one line per file and severity says how many
    were left out (``… and 4133 more errors in filings.csv``) after the others. ``limit=None``
    renders every one.
    """
    counts: dict[tuple[str, Severity], int] = {}
    for diag in diagnostics:
        key = (diag.file, diag.severity)
        seen = counts[key] = counts.get(key, 0) + 1
        if limit is None or seen <= limit:
            yield diag.render(lang=lang)
    if limit is None:
        return
    for (file, severity), seen in counts.items():
        if seen > limit:
            yield _more(seen - limit, file, severity, lang or "en")


def _more(count: int, file: str, severity: Severity, lang: str) -> str:
    file = escape_controls(file)
    if lang == "zh":
        what = "错误" if severity is Severity.ERROR else "警告"
        return f"…… {file} 中另有 {count} 个{what}未列出"
    what = severity.value + ("s" if count != 1 else "")
    return f"… and {count} more {what} in {file}"


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

    def render(self, *, lang: str | None = None, limit: int | None = MAX_SHOWN) -> str:
        """The diagnostics, rendered and separated by blank lines.

        At most *limit* errors (and *limit* warnings) of each file are rendered, then one line
        with the number left out; ``limit=None`` renders every one. :attr:`diagnostics`
        always holds them all.
        """
        return "\n\n".join(render_diagnostics(self.diagnostics, lang=lang, limit=limit))

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
            "请评估日历有数据的日期，或补充该年份（docs/calendar.md 第 5 节）"
            if zh
            else "evaluate a date the calendar has data for, or add the year "
            "(docs/calendar.md, section 5)"
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
