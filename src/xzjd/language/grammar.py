# SPDX-License-Identifier: MIT
"""The grammar file and Lark's parser built from it, with its tables cached on disk.

The grammar is one file, ``grammar/xzjd.lark`` at the top of the source tree; the wheel
carries it as ``xzjd/grammar/xzjd.lark`` (see :func:`grammar_path` for how it is found).

The parser is Lark's LALR(1) parser with its contextual lexer and an :class:`Indenter`
post-lexer, used through Lark's public options only. It is built once per process
(:func:`parser`); Lark keeps the analysed grammar in the user's cache directory
(:func:`cache_path`), so a process after the first loads the tables instead of computing
them. No tree is built: the parser's ``transformer=`` is
:class:`~xzjd.language.reductions.Reductions`, which hands each reduction to the builder of
the current parse.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import stat
import sys
import threading
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

import lark
from lark import Lark, Token
from lark.lark import PostLex

from xzjd.language.reductions import Reductions

__all__ = [
    "BadIndentation",
    "Indenter",
    "cache_path",
    "grammar_path",
    "grammar_text",
    "parser",
]

#: The grammar inside the installed package, where the wheel build puts it.
GRAMMAR_RESOURCE = ("grammar", "xzjd.lark")
#: The grammar in the source tree, relative to the project root (the one file that is edited).
GRAMMAR_SOURCE = ("grammar", "xzjd.lark")


class BadIndentation(Exception):
    """A line indented to no open level (raised by :class:`Indenter`, reported by the parser)."""

    def __init__(self, token: Token, indent: int, expected: list[int]) -> None:
        super().__init__(indent)
        self.token = token
        self.indent = indent
        self.expected = expected


class Indenter(PostLex):
    """Python-style indentation: a deeper line opens a block, a shallower one closes it.

    After each ``_NL`` token (line ends, blank lines and comments), the indentation of the
    next line gives an ``_INDENT`` token when it is deeper than the open block, one
    ``_DEDENT`` token for each block it closes, or a :class:`BadIndentation` when it lands
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
                raise BadIndentation(token, indent, expected)
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
                        postlex=Indenter(),
                        transformer=Reductions(),
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
