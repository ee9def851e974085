# SPDX-License-Identifier: MIT
"""The parser: text in, the builder's model out, or a :class:`~xzjd.errors.ParseError`.

The grammar is one file, ``grammar/xzjd.lark`` at the top of the source tree; the wheel
carries it as ``xzjd/grammar/xzjd.lark`` (see :func:`grammar_path` for how it is found).

The parser is Lark's LALR(1) parser with its contextual lexer and an Indenter post-lexer,
used through Lark's public options only. It is built once per process (:func:`parser`); Lark
keeps the analysed grammar in the user's cache directory (:func:`cache_path`), so a process
after the first loads the tables instead of computing them. No tree is built: Lark's
``transformer=`` option runs a callback on each reduction (:class:`_Reductions`), and with
``keep_all_tokens`` each callback sees every token of its rule, so the rule's position is
taken from its first and last token, as ``propagate_positions`` would take it, and is handed
to the builder's method for the rule together with the children a tree would have kept (see
:class:`Meta`). :func:`parse` names the builder of the current call; nothing of one call is
kept in the parser, so threads share it without a lock.

Lark's own exceptions never leave this module. A syntax error becomes a diagnostic with a
stable code, the 1-based line and character column, the offending line and a hint; the
most common mistakes get a message of their own:

* a misspelt keyword or month name (``every evn month``, ``escalaton``, ``Apirl``): the
  word is compared with the keywords the parser could have accepted at that point, and
  the closest one is offered ("did you mean 'even'?");
* a missing comma between the schedule and the action;
* a Chinese deadline without its final ``前`` (``逢双月底，…``);
* an unterminated string, a tab in the indentation, an indentation that matches no block.
"""

from __future__ import annotations

import contextvars
import difflib
import functools
import hashlib
import importlib.resources
import os
import re
import stat
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs
import lark
from lark import Lark, Token
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from lark.lark import PostLex

from xzjd.errors import Diagnostic, ParseError, Span
from xzjd.model import MONTHS_EN
from xzjd.text.lines import LineIndex

__all__ = [
    "Meta",
    "cache_path",
    "grammar_path",
    "grammar_text",
    "keywords",
    "parse",
    "parser",
    "prepare",
]

#: The grammar inside the installed package, where the wheel build puts it.
GRAMMAR_RESOURCE = ("grammar", "xzjd.lark")
#: The grammar in the source tree, relative to the project root (the one file that is edited).
GRAMMAR_SOURCE = ("grammar", "xzjd.lark")

_DiagFactory = Callable[[str, str, str | None, str, str | None], Diagnostic]


class _BadIndentation(Exception):
    def __init__(self, token: Token, indent: int, expected: list[int]) -> None:
        super().__init__(indent)
        self.token = token
        self.indent = indent
        self.expected = expected


class _Indenter(PostLex):
    """Python-style indentation: a deeper line opens a block, a shallower one closes it.

    After each ``_NL`` token (line ends, blank lines and comments), the indentation of the
    next line gives an ``_INDENT`` token when it is deeper than the open block, one
    ``_DEDENT`` token for each block it closes, or a :class:`_BadIndentation` when it lands
    between two levels. The end of the text closes every open block. The levels of one parse
    live in the generator of that parse, never on the object, so one post-lexer serves any
    number of parses at once.
    """

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        levels = [0]
        token = None
        for token in stream:
            yield token
            if token.type != "_NL":
                continue
            indent_str = token.rsplit("\n", 1)[1]
            indent = len(indent_str)
            if indent > levels[-1]:
                levels.append(indent)
                yield Token.new_borrow_pos("_INDENT", indent_str, token)
                continue
            expected = list(levels)
            while indent < levels[-1]:
                levels.pop()
                yield Token.new_borrow_pos("_DEDENT", indent_str, token)
            if indent != levels[-1]:
                raise _BadIndentation(token, indent, expected)
        while len(levels) > 1:
            # The blocks still open at the end: the block ends take the position of the last
            # token (none in an empty text).
            levels.pop()
            yield (
                Token.new_borrow_pos("_DEDENT", "", token)
                if token is not None
                else Token("_DEDENT", "", 0, 0, 0, 0, 0, 0)
            )


def grammar_path() -> Traversable:
    """The grammar file this process loads.

    There is one grammar file, ``grammar/xzjd.lark`` at the top of the source tree, and no
    copy of it in the repository. Two places are looked at, in this order:

    1. ``xzjd/grammar/xzjd.lark`` inside the imported package: an installed wheel, where the
       build has mapped the top-level file into the package (``pyproject.toml``);
    2. ``grammar/xzjd.lark`` beside ``src/`` when the package is imported from a source tree
       (``src/xzjd``), as an editable install (``pip install -e``) or ``PYTHONPATH=src``
       does: hatchling's editable wheel only puts ``src`` on the search path, so the
       package directory holds no grammar and the top-level file is read as it is edited.

    Raises:
        FileNotFoundError: neither place holds the grammar (a broken installation); the
            message names both places.
    """
    resource = importlib.resources.files("xzjd")
    for part in GRAMMAR_RESOURCE:
        resource = resource.joinpath(part)
    if resource.is_file():
        return resource
    package_dir = Path(__file__).resolve().parents[1]  # src/xzjd
    looked = [str(resource)]
    if package_dir.parent.name == "src":
        source = package_dir.parent.parent.joinpath(*GRAMMAR_SOURCE)
        if source.is_file():
            return source
        looked.append(str(source))
    raise FileNotFoundError(
        f"the xzjd grammar is missing from this installation (looked for {' and '.join(looked)}); "
        "reinstall xzjd"
    )


def grammar_text() -> str:
    """The text of the grammar file (see :func:`grammar_path`)."""
    return grammar_path().read_text(encoding="utf-8")


# The parser, once built; two threads that parse first at the same time build it once.
# (Parsing itself takes no lock.)
_PARSER: list[Lark] = []
_BUILDING = threading.Lock()


def parser() -> Lark:
    """The process-wide parser, built on first use (from Lark's cache when it has one).

    Its ``parse`` returns what the builder of the current :func:`parse` call makes of the
    text: build with :func:`parse`, not with ``parser().parse``.
    """
    if not _PARSER:
        with _BUILDING:
            if not _PARSER:
                grammar = grammar_text()
                _PARSER.append(
                    Lark(
                        grammar,
                        parser="lalr",
                        lexer="contextual",
                        postlex=_Indenter(),
                        transformer=_Reductions(),
                        keep_all_tokens=True,
                        maybe_placeholders=False,
                        start="start",
                        cache=cache_path(grammar) or False,
                    )
                )
    return _PARSER[0]


#: Where the cache goes: ``$XDG_CACHE_HOME/xzjd`` (an absolute path only, as the XDG base
#: directory specification asks) or ``~/.cache/xzjd``.
CACHE_DIR_NAME = "xzjd"


def cache_path(grammar: str) -> str | None:
    """The file in which Lark keeps the analysed *grammar*, or ``None`` for no cache.

    The directory is ``$XDG_CACHE_HOME/xzjd`` or ``~/.cache/xzjd``, created if missing with
    permissions for the user only (0700). It is used only if it is a real directory owned by
    the user that no one else can write to; otherwise, or when it cannot be created (a
    read-only home, no home at all), the parser is built without a cache. The file name holds
    a digest of the grammar, the Lark version and the Python version, so installations that
    differ in any of them keep separate files; Lark also writes its own key (the grammar, its
    options, its version and Python's) on the file's first line and builds the tables again
    whenever it does not match. Deleting the directory at any time is safe.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError, OSError):  # no home directory to be found
            return None
    directory = os.path.join(base, CACHE_DIR_NAME)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        info = os.lstat(directory)
    except OSError:  # a read-only or missing home, a file in the way
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    key = "\0".join(
        (grammar, lark.__version__, "{}.{}".format(*sys.version_info[:2]), _PARSER_OPTIONS)
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return os.path.join(directory, f"grammar-{digest}.lark-cache")


# The options of parser() that shape the tables, in the cache key (a change starts a new file).
_PARSER_OPTIONS = "lalr contextual keep_all_tokens"


class Meta:
    """Where a rule lies in the text: what a builder method gets as its first argument.

    ``first`` and ``last`` are the first and last tokens the rule covers, punctuation, line
    ends and block ends included (``None`` for a rule that matched nothing): the tokens Lark's
    ``propagate_positions`` reads the position of a subtree from. ``value`` is what the
    builder's method made of the rule.
    """

    __slots__ = ("first", "last", "value")

    first: Token | None
    last: Token | None
    value: Any


# The builder of the parse running in this thread (or task): see parse().
_BUILDER: contextvars.ContextVar[Any] = contextvars.ContextVar("xzjd_builder")
# The names of the grammar's rules (terminals are upper-case; inlined rules start with "_").
_RULE_NAME = re.compile(r"[a-z][a-z0-9_]*")


class _Reductions:
    """The ``transformer=`` of :func:`parser`: one callback for each rule of the grammar.

    Lark looks up a callback by the rule's name (its alias, if it has one) when it builds or
    loads the parser. Every name of a rule that is not inlined gets :func:`_reduction`;
    inlined ``_rules`` get none, so Lark keeps their children in a small tree and splices
    them into the rule that holds them, and terminals get none, so tokens stay tokens.
    """

    def __getattr__(self, name: str) -> Callable[[list[Any]], Meta]:
        if _RULE_NAME.fullmatch(name) is None:
            raise AttributeError(name)
        return _reduction(name)


def _reduction(name: str) -> Callable[[list[Any]], Meta]:
    """The callback of rule *name*: positions from the tokens, then the builder's method.

    The children Lark passes are every token of the rule (``keep_all_tokens``) and what the
    callbacks of its sub-rules returned. The builder's method gets the children a parse tree
    would keep: the tokens of named terminals and the values of the sub-rules, without the
    punctuation and keywords (terminals whose names start with ``_``).
    """

    def reduce(children: list[Any]) -> Meta:
        node = Meta()
        if children:
            c = children[0]
            first = c.first if type(c) is Meta else c
            c = children[-1]
            last = c.last if type(c) is Meta else c
            if first is None or last is None:  # a sub-rule that matched nothing
                first, last = _ends(children)
        else:
            first = last = None
        node.first = first
        node.last = last
        node.value = getattr(_BUILDER.get(), name)(
            node,
            [
                c.value if type(c) is Meta else c
                for c in children
                if type(c) is Meta or c.type[0] != "_"
            ],
        )
        return node

    return reduce


def _ends(children: list[Any]) -> tuple[Token | None, Token | None]:
    """The first and last tokens under *children*, skipping sub-rules that matched nothing."""
    first = last = None
    for c in children:
        first = c.first if type(c) is Meta else c
        if first is not None:
            break
    for c in reversed(children):
        last = c.last if type(c) is Meta else c
        if last is not None:
            break
    return first, last


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
    "EVENT_ZH": ("an event name followed by 之日起", "事件名称加“之日起”"),
    "TAG": ("a tag", "标记"),
    "TAG_ZH": ("a tag followed by 的", "标记加“的”"),
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
_NO_LISTING = (
    "compare the line with the sentence forms of docs/language.md",
    "请对照 docs/language.md 中的句式检查此行",
)


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


# --------------------------------------------------------------------------- preparation


def prepare(text: str) -> str:
    """Normalise line ends and drop a byte-order mark; columns stay as the user sees them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(text: str, line: int) -> str:
    return LineIndex(text).line_text(line) or ""


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
                    Diagnostic(
                        code="syntax/tab-indent",
                        message="a tab in the indentation",
                        file=file,
                        span=span,
                        line_text=line,
                        hint="indent with spaces only",
                        message_zh="缩进中有制表符（Tab）",
                        hint_zh="请只用空格缩进",
                    )
                )
            else:
                problems.append(
                    Diagnostic(
                        code="syntax/bad-indent-char",
                        message=f"the indentation holds the character U+{ord(ch):04X}",
                        file=file,
                        span=span,
                        line_text=line,
                        hint="indent with ordinary spaces only (no full-width spaces)",
                        message_zh=f"缩进中有字符 U+{ord(ch):04X}",
                        hint_zh="请只用半角空格缩进（不要用全角空格）",
                    )
                )
        elif first and indent:
            problems.append(
                Diagnostic(
                    code="syntax/unexpected-indent",
                    message="the first line of the file is indented",
                    file=file,
                    span=Span(number, 1, number, len(indent) + 1),
                    line_text=line,
                    hint="start top-level lines in the first column",
                    message_zh="文件第一行有缩进",
                    hint_zh="顶层的行应从第一列开始",
                )
            )
        first = False
    return problems


# --------------------------------------------------------------------------- parsing


def parse(text: str, builder: Any, *, file: str = "<string>") -> Any:
    """Parse *text* (already passed through :func:`prepare`) and build it with *builder*.

    *builder* has a method for each rule of the grammar, named after the rule (or its
    alias), called as ``method(meta, children)`` when the parser reduces the rule: *meta* is
    the rule's :class:`Meta`, *children* what a parse tree would hold under the rule, with
    the values the builder returned for the sub-rules.

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
    current = _BUILDER.set(builder)
    try:
        # With a transformer, Lark returns what the start rule's callback returned.
        node: Any = lark_parser.parse(source)
        return node.value
    except _BadIndentation as exc:
        line = exc.token.end_line or 1
        raise ParseError(
            [
                Diagnostic(
                    code="syntax/bad-indentation",
                    message=(
                        f"this line is indented by {exc.indent} spaces, "
                        "which matches no enclosing block"
                    ),
                    file=file,
                    span=Span(line, 1, line, exc.indent + 2),
                    line_text=_line_of(text, line),
                    hint="indent it exactly like the other lines of its block "
                    f"({' or '.join(str(i) for i in exc.expected)} spaces)",
                    message_zh=f"此行缩进 {exc.indent} 个空格，与任何上层块都不对齐",
                    hint_zh="请与同一块中其他行的缩进保持一致",
                )
            ]
        ) from None
    except UnexpectedInput as exc:
        raise ParseError([_describe(exc, text, file)]) from None
    finally:
        _BUILDER.reset(current)


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


def _describe_terminals(names: Iterable[str], lang: str) -> list[str]:
    table = keywords()
    out: list[str] = []
    for name in sorted(names):
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
    """The expected keyword closest to *word*, if one is close enough."""
    table = keywords()
    candidates = [w for name in expected if name in table for w in table[name]]
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


def _describe(exc: UnexpectedInput, text: str, file: str) -> Diagnostic:
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

    def diag(
        code: str, message: str, hint: str | None, message_zh: str, hint_zh: str | None
    ) -> Diagnostic:
        return Diagnostic(
            code=code,
            message=message,
            file=file,
            span=span,
            line_text=line_text,
            hint=hint,
            message_zh=message_zh,
            hint_zh=hint_zh,
        )

    token_type = exc.token.type if isinstance(exc, UnexpectedToken) else None
    char = text[pos] if pos < len(text) else ""

    if char in _QUOTE_OPENERS and _QUOTE_OPENERS[char] not in line_text[column:]:
        span = Span(line, column, line, len(line_text) + 1, pos, pos + len(line_text) - column)
        closer = _QUOTE_OPENERS[char]
        return attrs_replace(
            diag(
                "syntax/unterminated-string",
                "unterminated string",
                f"close the string with {closer} on the same line",
                "字符串缺少结束引号",
                f"请在同一行用 {closer} 结束字符串",
            ),
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
        return diag(
            "syntax/unexpected-indent",
            "unexpected indentation",
            "only the lines of a block (after a line ending in ':') are indented",
            "不应有的缩进",
            "只有以“：”结尾的行下面的块才缩进",
        )
    if expected == {"_INDENT"}:
        return diag(
            "syntax/expected-block",
            "expected an indented block after a line ending in ':'",
            "indent the lines that belong to the block",
            "以“：”结尾的行后面应有缩进的块",
            "请缩进属于该块的行",
        )
    if "_COMMA" in expected and any(text.startswith(v, pos) for v in _VERBS):
        verb = next(v for v in _VERBS if text.startswith(v, pos))
        if verb.isascii():
            verb_match = re.match(r"[A-Za-z]+", text[pos:])
            if verb_match is None or verb_match.group(0) != verb:
                verb = ""
        if verb:
            span = Span(line, column, line, column + len(verb), pos, pos + len(verb))
            return diag(
                "syntax/missing-comma",
                "missing comma between the schedule and the action",
                f"write ', ' before '{verb}'" if verb.isascii() else f"write '，' before '{verb}'",
                "期限和行为之间缺少逗号",
                f"请在“{verb}”前加“，”",
            )
    if token_type in ("$END",) or (not word and not char):
        return diag(
            "syntax/unexpected-end",
            "unexpected end of file",
            f"expected {listing_en}" if listing_en else _NO_LISTING[0],
            "文件意外结束",
            f"此处应为 {listing_zh}" if listing_zh else _NO_LISTING[1],
        )
    if token_type == "_NL" or char == "\n":
        if expected <= {"_QIAN"} and expected:
            return _missing_qian(diag)
        return diag(
            "syntax/unexpected-end-of-line",
            "the line ends too early",
            f"expected {listing_en}" if listing_en else _NO_LISTING[0],
            "此行不完整",
            f"此处应为 {listing_zh}" if listing_zh else _NO_LISTING[1],
        )
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
            return diag(
                "syntax/agency-needs-spaces",
                f"'{glued[0]}' runs an agency id into Chinese words",
                f"set the agency id off by spaces: '向 {example} 报送 …'",
                f"“{glued[0]}”中机关编号与中文连在一起",
                f"机关编号前后请加空格：“向 {example} 报送 ……”",
            )
    range_word = _RANGE_WORD.match(text, pos)
    if range_word is not None and not expected & {"_FROM", "_UNTIL", "_ZI", "_ZHI"}:
        # "within 30 days after finding from 2011", "by April 1 from 2011", "7月份自2011年起"
        span = Span(line, column, line, column + len(range_word[0]), pos, range_word.end())
        return diag(
            "schedule/range-not-allowed",
            "only a recurring schedule can have a 'from' or 'until' year",
            "drop the year range, or write the year into the date",
            "只有周期性期限才能有起止年份",
            "请删去起止年份，或把年份写进日期",
        )
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
            return diag(
                "syntax/unknown-month",
                f"'{word}' is not a month name",
                f"did you mean '{suggestion}'?",
                f"“{word}”不是月份名称",
                f"是否应为“{suggestion}”？",
            )
        shown = word if word.isascii() else word[: len(suggestion)]
        span = Span(line, column, line, column + len(shown), pos, pos + len(shown))
        return diag(
            "syntax/unknown-word",
            f"unexpected word '{shown}'",
            f"did you mean '{suggestion}'?",
            f"无法识别的词“{shown}”",
            f"是否应为“{suggestion}”？",
        )
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
    return diag(
        "syntax/unexpected-word",
        f"unexpected '{shown}'",
        f"expected {listing_en}" if listing_en else _NO_LISTING[0],
        f"此处不应出现“{shown}”",
        f"此处应为 {listing_zh}" if listing_zh else _NO_LISTING[1],
    )


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
    return diag(
        "syntax/missing-qian",
        "a Chinese deadline must end in '前' (by)",
        "write '前' here, as in '逢双月底前' or '每年4月1日前'",
        "期限后缺少“前”",
        "请在此处加“前”，例如“逢双月底前”“每年4月1日前”",
    )


def attrs_replace(diag: Diagnostic, span: Span) -> Diagnostic:
    """A copy of *diag* with another span."""
    return attrs.evolve(diag, span=span)
