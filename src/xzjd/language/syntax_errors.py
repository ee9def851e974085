# SPDX-License-Identifier: MIT
"""Syntax errors: Lark's exceptions turned into diagnostics with a stable code and a hint.

Lark's own exceptions never leave the parser. A syntax error becomes a diagnostic with a
stable code, the 1-based line and character column, the offending line and a hint
(:func:`describe`); the most common mistakes get a message of their own:

* a misspelt keyword or month name (``every evn month``, ``escalaton``, ``Apirl``): the
  word is compared with the keywords the parser could have accepted at that point
  (:func:`keywords`), and the closest one is offered ("did you mean 'even'?");
* a missing comma between the schedule and the action;
* a Chinese deadline without its final ``前`` (``逢双月底，…``);
* an unterminated string, an indentation that matches no block (:func:`bad_indentation`).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)

from xzjd.errors import Diagnostic, Span
from xzjd.language.grammar import BadIndentation, parser
from xzjd.messages import diagnostic
from xzjd.model import MONTHS_EN
from xzjd.text.lines import LineIndex

__all__ = ["bad_indentation", "describe", "keywords"]

_DiagFactory = Callable[..., Diagnostic]

# --------------------------------------------------------------------------- keyword table

# How a non-keyword terminal is named in "expected ..." lists.
_DESCRIPTIONS = {
    "_COLON": ("':'", "“：”"),
    "_COMMA": ("','", "“，”"),
    "_HE": ("'和' or '、'", "“和”或“、”"),
    "DATE": ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
    "INT": ("a number", "数字"),
    "ORD": ("an ordinal such as 5th", "序数（如 5th）"),
    "COMMA_YEAR": ("', YEAR'", "“，年份”"),
    "OBL_ID": ("an obligation id", "义务编号"),
    "NAME": ("a name", "名称"),
    "AGENCY": ("an agency id", "机关编号"),
    "EVENT_EN": ("an event name", "事件名称"),
    "EVENT_ZH": ("an event name followed by 之日起 or 后", "事件名称加“之日起”或“后”"),
    "EVENT_ZI": ("an event name followed by 之日起 or 后", "事件名称加“之日起”或“后”"),
    "NUM_ZH": ("a number in Chinese numerals", "中文数字"),
    "REASON_ZH": ("a reason followed by 期间不计入期限", "事由加“期间不计入期限”"),
    "APPROVER_ZH": ("who approves, followed by 批准", "批准人加“批准”"),
    "STAGE_ZH": ("a stage name followed by its time limit", "环节名称加期限"),
    "TAG": ("a tag", "标记"),
    "TAG_ZH": ("a tag followed by 的", "标记加“的”"),
    "KIND_NAME_EN": ("a kind the rules declare", "规则声明的类别"),
    "KIND_NAME_ZH": ("a kind the rules declare", "规则声明的类别"),
    "STRING": ("a quoted string", "带引号的文字"),
    "REST_TEXT": ("text", "文字"),
    "FILE_TEXT": ("a deliverable followed by 'with'", "报送材料加“with”"),
    "TITLE_TEXT": ("a title", "标题"),
    "PERIOD": ("a period label such as 2010-B2", "期次（如 2010-B2）"),
    "_DAYS_EN": ("'days'", "“days”"),
    "_MONTHS_EN": ("'months'", "“months”"),
    "_NL": ("the end of the line", "行尾"),
    "_INDENT": ("an indented block", "缩进的块"),
    "_DEDENT": ("the end of the block", "块结束"),
    "$END": ("the end of the file", "文件结尾"),
}

_LOOKAHEAD = "(?![\\w-])"


# The hint when the parser's expectations have no words to list: every diagnostic has one.
def _alternatives(pattern: str) -> list[str] | None:
    """The literal words a keyword terminal's regex stands for, or ``None``."""
    src = pattern.replace(_LOOKAHEAD, "")
    if src.startswith("(") and src.endswith(")"):
        src = src[1:-1]
    words = []
    for alt in src.split("|"):
        plain = alt.replace("\\(", "(").replace("\\)", ")")
        if not plain or re.search(r"[\\\[\]?*+{}^$.]", plain):
            return None
        words.append(plain)
    return words


@functools.cache
def keywords() -> dict[str, tuple[str, ...]]:
    """Every keyword terminal of the grammar with the words it accepts."""
    table: dict[str, tuple[str, ...]] = {}
    for term in parser().terminals:
        if term.name in _DESCRIPTIONS:
            continue
        words = _alternatives(term.pattern.value)
        if words:
            table[term.name] = tuple(words)
    return table


_VERBS = ("file", "publish", "hold", "complete", "向", "公开", "召开", "完成")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*|\d+(?:st|nd|rd|th)?|[^\W\d_A-Za-z]+|\S")
# A word mixing an ASCII agency id with Chinese characters (向yn-gov报送 reads as 向 + the
# agency "yn-gov报送").
_GLUED_ID = re.compile(r"(?=[\w-]*[A-Za-z0-9])(?=[\w-]*[\u3400-\u9fff])[\w-]+|[\w-]+报送(?![\w-])")
# A year range where the schedule cannot take one.
_RANGE_WORD = re.compile(r"(?:from|until)[ \t]+\d{4}(?!\d)|自\d{4}年起|至\d{4}年止")
_QUOTE_OPENERS = {'"': '"', "“": "”", "「": "」"}
# The longest word quoted in a message or compared with the keywords: no keyword is near
# this long, and a megabyte-long run of letters must not be copied into the message.
_LONGEST_WORD = 40


def _line_of(text: str, line: int) -> str:
    return LineIndex(text).line_text(line) or ""


def bad_indentation(exc: BadIndentation, text: str, file: str) -> Diagnostic:
    """The diagnostic of a line whose indentation matches no enclosing block."""
    line = exc.token.end_line or 1
    return diagnostic(
        "syntax/bad-indentation",
        file=file,
        span=Span(line, 1, line, exc.indent + 2),
        line_text=_line_of(text, line),
        exc_indent=exc.indent,
        value=" or ".join(str(i) for i in exc.expected),
    )


# --------------------------------------------------------------------------- describing


def _position(exc: UnexpectedInput, text: str) -> tuple[int, int, int]:
    """Line, column and offset of the error; the end of the text for end-of-file errors."""
    if isinstance(exc, UnexpectedToken) and (
        exc.token.type == "$END" or (exc.token.type == "_DEDENT" and not exc.token.line)
    ):
        return _end_position(text)
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    pos = getattr(exc, "pos_in_stream", None)
    if not isinstance(line, int) or not isinstance(column, int) or line < 1:
        return _end_position(text)
    if not isinstance(pos, int) or pos < 0:
        lines = LineIndex(text)
        if line > lines.line_count:
            return _end_position(text)
        pos = lines.line_start(line) + column - 1
    return line, column, pos


def _end_position(text: str) -> tuple[int, int, int]:
    body = text.rstrip("\n")
    lines = body.split("\n")
    return len(lines), len(lines[-1]) + 1, len(body)


def _expected(exc: UnexpectedInput) -> set[str]:
    interactive = getattr(exc, "interactive_parser", None)
    if interactive is not None:
        try:
            return set(interactive.accepts())
        except Exception:
            pass
    if isinstance(exc, UnexpectedCharacters):
        return set(exc.allowed or ())
    if isinstance(exc, UnexpectedToken | UnexpectedEOF):
        return set(exc.expected or ())
    return set()


#: Terminals that are the same word in the two languages, beyond the ``X_EN``/``X_ZH`` pairs.
_COUNTERPARTS = {"_HE": "_AND", "_AND": "_HE"}


def _language_of(name: str) -> str | None:
    """``"en"`` for a terminal of English words, ``"zh"`` for one of Chinese words."""
    if name == "_HE":
        return "zh"
    words = keywords().get(name)
    if not words:
        return None
    if all(w.isascii() for w in words):
        return "en"
    if not any(w.isascii() for w in words):
        return "zh"
    return None


def _base(name: str) -> str:
    return _COUNTERPARTS.get(name) or name.removesuffix("_EN").removesuffix("_ZH")


def _in_language(names: Iterable[str], lang: str) -> list[str]:
    """*names* without the terminals of the other language whose counterpart in *lang* is
    expected too: where ``and`` and ``和`` are both accepted, an English message names
    ``and`` and a Chinese one ``和``; a word only the other language has is still named."""
    names = sorted(names)
    mine = {_base(n) for n in names if _language_of(n) == lang} | {
        n for n in names if _language_of(n) == lang
    }
    return [
        n
        for n in names
        if _language_of(n) in (None, lang) or (_base(n) not in mine and n not in mine)
    ]


def _describe_terminals(names: Iterable[str], lang: str) -> list[str]:
    table = keywords()
    out: list[str] = []
    for name in _in_language(names, lang):
        if name in table:
            out.extend(f"'{w}'" if lang == "en" else f"“{w}”" for w in table[name])
        elif name in _DESCRIPTIONS:
            out.append(_DESCRIPTIONS[name][0 if lang == "en" else 1])
    seen: list[str] = []
    for item in out:
        if item not in seen:
            seen.append(item)
    return seen


def _suggest(word: str, expected: set[str]) -> str | None:
    """The expected keyword closest to *word*, if one is close enough.

    Of two keywords equally close, the one of the terminal whose name sorts first wins, so
    the suggestion is the same in every process (a set's order changes with the hash seed).
    """
    table = keywords()
    candidates = [w for name in sorted(expected) if name in table for w in table[name]]
    if not candidates or not word:
        return None
    if word[0].isascii():
        ascii_words = [c for c in candidates if c.isascii()]
        matches = difflib.get_close_matches(word, ascii_words, n=1, cutoff=0.6)
        if not matches:
            lowered = {c.lower(): c for c in ascii_words}
            matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), lowered, 1)]
        return matches[0] if matches else None
    best: tuple[float, str] | None = None
    for cand in candidates:
        if cand.isascii() or len(cand) < 2:
            continue
        ratio = difflib.SequenceMatcher(None, word[: len(cand)], cand).ratio()
        if ratio >= 0.5 and (best is None or ratio > best[0]):
            best = (ratio, cand)
    return best[1] if best else None


def describe(exc: UnexpectedInput, text: str, file: str) -> Diagnostic:
    line, column, pos = _position(exc, text)
    line_text = _line_of(text, line)
    expected = _expected(exc)
    match = _WORD.match(text, pos) if pos < len(text) else None
    word = match.group(0) if match and match.group(0) != "\n" else ""
    width = max(len(word), 1)
    span = Span(line, column, line, column + width, pos, pos + width)
    expected_en = _describe_terminals(expected, "en")
    expected_zh = _describe_terminals(expected, "zh")
    listing_en = ", ".join(expected_en[:12])
    listing_zh = "、".join(expected_zh[:12])

    def diag(key: str, /, hint: str | None = None, **fields: Any) -> Diagnostic:
        return diagnostic(key, file=file, span=span, line_text=line_text, hint=hint, **fields)

    # What the parser expected is the hint; with nothing to list, the sentence forms are.
    listed = {
        "hint": None if listing_en else "no-listing",
        "listing": listing_en,
        "listing_zh": listing_zh,
    }

    token_type = exc.token.type if isinstance(exc, UnexpectedToken) else None
    char = text[pos] if pos < len(text) else ""

    if char in _QUOTE_OPENERS and _QUOTE_OPENERS[char] not in line_text[column:]:
        span = Span(line, column, line, len(line_text) + 1, pos, pos + len(line_text) - column)
        closer = _QUOTE_OPENERS[char]
        return attrs_replace(
            diag("syntax/unterminated-string", closer=closer),
            span,
        )
    if token_type == "_INDENT":
        # The indent token borrows the position of the line end before it; point at the
        # indented line itself (the first line after it with something on it).
        found = _next_content_line(text, pos)
        if found is not None:
            line, start, indent = found
            line_text = _line_of(text, line)
            span = Span(line, 1, line, 1 + indent, start, start + indent)
        return diag("syntax/unexpected-indent#block")
    if expected == {"_INDENT"}:
        return diag("syntax/expected-block")
    if "_COMMA" in expected and any(text.startswith(v, pos) for v in _VERBS):
        verb = next(v for v in _VERBS if text.startswith(v, pos))
        if verb.isascii():
            verb_match = re.match(r"[A-Za-z]+", text[pos:])
            if verb_match is None or verb_match.group(0) != verb:
                verb = ""
        if verb:
            span = Span(line, column, line, column + len(verb), pos, pos + len(verb))
            # The comma to write is the one of the verb's language.
            comma = ", " if verb.isascii() else "，"
            return diag("syntax/missing-comma", comma=comma, verb=verb)
    if token_type in ("$END",) or (not word and not char):
        return diag("syntax/unexpected-end", **listed)
    if token_type == "_NL" or char == "\n":
        if expected <= {"_QIAN"} and expected:
            return _missing_qian(diag)
        return diag("syntax/unexpected-end-of-line", **listed)
    if expected == {"_QIAN"} or ("_QIAN" in expected and char in ",，"):
        return _missing_qian(diag)
    if "_SUBMIT_ZH" in expected:
        # 向yn-gov报送: the agency id swallowed the Chinese words glued to it.
        line_start = pos - (column - 1)
        xiang = line_text.rfind("向", 0, column - 1)
        glued = None
        for m in _GLUED_ID.finditer(line_text, xiang + 1 if xiang >= 0 else 0, column - 1):
            glued = m
        if glued is not None:
            start = line_start + glued.start()
            span = Span(
                line, glued.start() + 1, line, glued.end() + 1, start, start + len(glued[0])
            )
            ascii_id = re.search(r"[A-Za-z0-9_-]+", glued[0])
            example = ascii_id[0] if ascii_id else glued[0].removesuffix("报送")
            return diag("syntax/agency-needs-spaces", glued=glued[0], example=example)
    range_word = _RANGE_WORD.match(text, pos)
    if range_word is not None and not expected & {"_FROM", "_UNTIL", "_ZI", "_ZHI"}:
        # "within 30 days after finding from 2011", "by April 1 from 2011", "7月份自2011年起"
        span = Span(line, column, line, column + len(range_word[0]), pos, range_word.end())
        return diag("schedule/range-not-allowed")
    suggestion = _suggest(word, expected) if len(word) <= _LONGEST_WORD else None
    two_words = re.compile(r"([A-Za-z]+)[ \t]+([A-Za-z]+)").match(text, pos)
    if suggestion is None and two_words:
        # "same level" for "same-level": try the word joined to the next one
        joined = f"{two_words.group(1)}-{two_words.group(2)}"
        if _suggest(joined, expected) == joined:
            suggestion, word = joined, two_words.group(0)
            span = Span(line, column, line, column + len(word), pos, pos + len(word))
    if suggestion is not None and suggestion != word:
        if suggestion in MONTHS_EN:
            return diag("syntax/unknown-month", word=word, suggestion=suggestion)
        shown = word if word.isascii() else word[: len(suggestion)]
        span = Span(line, column, line, column + len(shown), pos, pos + len(shown))
        return diag("syntax/unknown-word", shown=shown, suggestion=suggestion)
    if word and not word[0].isascii() and len(word) > 6:
        word = word[:6]
        span = Span(line, column, line, column + 6, pos, pos + 6)
    # Invisible characters (a NUL, a vertical tab, a zero-width space) are named, not printed.
    if not word and char and char != "\n":
        word = char
    shown = "".join(
        f"U+{ord(ch):04X}" if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch
        for ch in word[:_LONGEST_WORD]
    ) + ("…" if len(word) > _LONGEST_WORD else "")
    return diag("syntax/unexpected-word", **listed, shown=shown)


def _next_content_line(text: str, pos: int) -> tuple[int, int, int] | None:
    """(line, offset, indent width) of the first non-blank, non-comment line after *pos*."""
    nl = text.find("\n", pos)
    while nl != -1:
        start = nl + 1
        end = text.find("\n", start)
        body = text[start : end if end != -1 else len(text)]
        stripped = body.lstrip(" \t\u3000")
        if stripped and not stripped.startswith("#"):
            return text.count("\n", 0, start) + 1, start, max(len(body) - len(stripped), 1)
        nl = end
    return None


def _missing_qian(diag: _DiagFactory) -> Diagnostic:
    return diag("syntax/missing-qian")


def attrs_replace(diag: Diagnostic, span: Span) -> Diagnostic:
    """A copy of *diag* with another span."""
    return attrs.evolve(diag, span=span)
