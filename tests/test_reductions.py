# SPDX-License-Identifier: MIT
"""The parser's reductions, its post-lexer, its threads and its cache.

The parser runs the builder inside Lark's LALR parser (``transformer=``, ``keep_all_tokens``)
and takes each rule's position from its first and last token. The reference here is Lark's
own parse tree with ``propagate_positions``, walked by a ``Transformer`` that hands the
tree's positions to the same builder methods: both must give the same model, spans included,
and reject the same texts with the same diagnostics.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token
from lark.exceptions import UnexpectedInput

from strategies import rulesets
from xzjd.errors import ParseError, Span
from xzjd.language import builder as _builder
from xzjd.language import grammar as _grammar
from xzjd.language import parser as _parser
from xzjd.language import reductions as _reductions
from xzjd.language import syntax_errors as _syntax
from xzjd.language.printer import to_text
from xzjd.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in ROOT.glob("**/*.xzjd") if not {".git", ".venv"} & set(p.parts))
YUNNAN = ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd"
F = "f.xzjd"


def _dump(value: Any) -> Any:
    """Every field of a model value, those left out of equality (spans) included."""
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            tuple((f.name, _dump(getattr(value, f.name))) for f in attrs.fields(type(value))),
        )
    if isinstance(value, list | tuple):
        return tuple(_dump(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _dump(v)) for k, v in value.items()))
    return (type(value).__name__, repr(value))


# --------------------------------------------------------------------------- the reference

_TREE_PARSER: list[lark.Lark] = []


def _tree_parser() -> lark.Lark:
    """The same grammar and post-lexer, building Lark's tree with positions."""
    if not _TREE_PARSER:
        _TREE_PARSER.append(
            lark.Lark(
                _grammar.grammar_text(),
                parser="lalr",
                lexer="contextual",
                postlex=_grammar.Indenter(),
                propagate_positions=True,
                maybe_placeholders=False,
            )
        )
    return _TREE_PARSER[0]


class _FromTree(lark.Transformer[Token, Any]):
    """Walks Lark's tree and calls the builder with the positions Lark put in the tree."""

    def __init__(self, builder: _builder.Builder) -> None:
        super().__init__()
        self.builder = builder

    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        node = _reductions.Meta()
        if meta.empty:
            node.first = node.last = None
        else:
            node.first = Token("X", "", meta.start_pos, meta.line, meta.column)
            node.last = Token(
                "X", "", end_line=meta.end_line, end_column=meta.end_column, end_pos=meta.end_pos
            )
        return getattr(self.builder, str(data))(node, children)


def _reference(text: str) -> Any:
    """What Lark's tree and the builder give for *text*, or the diagnostics of its error."""
    problems = _parser._check_layout(text, F)
    if problems:
        return ("ParseError", _dump(problems))
    try:
        tree = _tree_parser().parse(text if text.endswith("\n") else text + "\n")
    except _grammar.BadIndentation:
        return ("ParseError", "syntax/bad-indentation")
    except UnexpectedInput as exc:
        return ("ParseError", _dump([_syntax.describe(exc, text, F)]))
    builder = _builder.Builder(text, F)
    return _dump((_FromTree(builder).transform(tree), builder.problems))


def _parsed(text: str) -> Any:
    """What the parser gives for *text*, in the form of :func:`_reference`."""
    try:
        return _dump(_builder.build_text(text, file=F))
    except ParseError as exc:
        if exc.diagnostics[0].code == "syntax/bad-indentation":
            return ("ParseError", "syntax/bad-indentation")
        return ("ParseError", _dump(exc.diagnostics))


def _same(text: str) -> None:
    text = _parser.prepare(text)
    assert _parsed(text) == _reference(text)


SNIPPETS = [
    "",
    "\n\n# only a comment\n",
    'ruleset "a"\neffective 2010-02-30\neffective 2010-03-01\n',
    'obligation a "t":\n  applies to every county government\n  by April 1, publish X\n',
    "obligation a_b:\n  publish X\n",
    "escalation e:\n  warn 3 days before the deadline\n  warn 2 days before the deadline\n"
    "  remind 1 working day after the deadline\n",
    "calendar x based on cn:\n  rest 2010-05-03 to 2010-05-01\n  work 2010-05-08\n",
    "义务 a：\n  自2011年起，每年4月1日前，向 yn-gov 报送 报告\n",
    "义务 a：\n  逢双月底，向同级监察机关报送 报告\n",
    "obligation a:\n  by the end of each month from 2011 until 2012, file X with yn-gov\n",
    "obligation a:\n    publish X\n  publish Y\n",
    'scenario "s":\n  on 2010-05-20\n  filings:\n    f1,a,b,2010-05-04\n'
    "  expect a b 2010-B2 overdue 3 days, step remind, due 2010-05-31\n",
    "obligation a:\n  by Apirl 1, publish X",
    "obligation a:\n  publish X\n    publish Y\n",
    "obligation a:\n",
]


class TestSameAsLarkTree:
    """The reductions give what Lark's tree with ``propagate_positions`` gives."""

    @pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_files(self, path: Path) -> None:
        """Every rules and test file of the repository builds the same, spans included."""
        _same(path.read_text(encoding="utf-8"))

    @pytest.mark.slow  # ~30 s: a hundred parses per file
    @pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_files_less_one_line(self, path: Path) -> None:
        """Each file less one of its lines builds the same or fails the same."""
        lines = path.read_text(encoding="utf-8").split("\n")
        for k in range(0, len(lines), max(1, len(lines) // 120)):
            _same("\n".join(lines[:k] + lines[k + 1 :]))

    @pytest.mark.parametrize("text", SNIPPETS)
    def test_snippets(self, text: str) -> None:
        """Building problems, syntax errors and odd layouts come out the same."""
        _same(text)

    @pytest.mark.slow  # hypothesis: ~3 s
    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_cut_texts(self, data: st.DataObject) -> None:
        """A rules file cut at any point and joined again parses the same either way."""
        text = _parser.prepare(YUNNAN.read_text(encoding="utf-8"))
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        _same(text[:start] + text[end:])


@pytest.mark.slow  # hypothesis, generated rulesets: ~12 s
class TestGeneratedTexts:
    """Generated rules, whole and damaged, parse the same either way."""

    @settings(max_examples=80, deadline=None)
    @given(rulesets(), st.sampled_from(["en", "zh"]))
    def test_printed_models(self, ruleset: Ruleset, lang: str) -> None:
        """The printed text of a generated model builds the same, spans included."""
        _same(to_text(ruleset, lang))

    @settings(max_examples=80, deadline=None)
    @given(rulesets(), st.sampled_from(["en", "zh"]), st.data())
    def test_damaged_texts(self, ruleset: Ruleset, lang: str, data: st.DataObject) -> None:
        """A printed text with a few characters inserted gives the same model or error."""
        text = list(to_text(ruleset, lang))
        for _ in range(data.draw(st.integers(1, 3))):
            at = data.draw(st.integers(0, max(len(text) - 1, 0)))
            text[at:at] = data.draw(st.sampled_from([" ", "\n", "  ", ":", "，", "x", "年", "#"]))
        _same("".join(text))


class TestReductions:
    """Every rule reaches a builder method; tokens and inlined rules are left to Lark."""

    def test_every_rule_has_a_builder_method(self) -> None:
        """A rule Lark reduces with a callback has a Builder method of its name; a ``?rule``
        without one only ever has a single child, which Lark passes up as it is."""
        checked = set()
        for rule in _grammar.parser().rules:
            name = str(rule.alias or rule.origin.name)
            if name.startswith("_"):
                continue
            if rule.options.expand1 and not rule.alias and not hasattr(_builder.Builder, name):
                assert len(rule.expansion) == 1, rule
                continue
            assert callable(getattr(_builder.Builder, name, None)), name
            checked.add(name)
        assert {"start", "obligation_decl", "once_ymd_zh", "expect_line"} <= checked

    def test_terminals_stay_tokens(self) -> None:
        """The parser's transformer has no callback for terminals or inlined rules."""
        reductions = _grammar.parser().options.transformer
        for name in ("DATE", "INT", "OBL_ID", "_NL", "_item", "__default__"):
            assert not hasattr(reductions, name)
        assert callable(reductions.obligation_decl)

    def test_only_named_terminals(self) -> None:
        """Punctuation and keywords are told apart by name (a leading '_'), which is exactly
        what Lark leaves out of a tree built without ``keep_all_tokens``."""
        terminals = {
            sym.name: sym.filter_out
            for rule in _tree_parser().rules
            for sym in rule.expansion
            if sym.is_term
        }
        assert {"_NL", "_INDENT", "_DEDENT", "DATE", "_COLON"} <= set(terminals)
        assert terminals == {name: name.startswith("_") for name in terminals}
        kept = {sym.name for r in _grammar.parser().rules for sym in r.expansion if sym.is_term}
        assert kept == set(terminals)

    def test_positions_take_punctuation_and_block_ends(self) -> None:
        """An obligation runs from its keyword to the end of its block, line end included;
        its schedule from the first to the last character of the schedule."""
        text = 'obligation a "t":\n  by the end of each month, publish X\n'
        ruleset, _ = _builder.build_text(text, file=F)
        ob = ruleset.obligations[0]
        assert ob.span is not None and ob.schedule is not None
        # Line 1 is 17 characters (offsets 0-16), its line end offset 17. Line 2 starts at
        # offset 18 and is 37 characters (2 spaces, 24 of schedule, a comma, " publish X"),
        # so its line end is offset 55, and the text ends at offset 56, line 3, column 1.
        # The block of the obligation ends at the end of the text: its end token borrows the
        # position of that last line end.
        assert ob.span == Span(1, 1, 3, 1, 0, 56)
        # "by the end of each month": columns 3-26 of line 2, offsets 20-43.
        assert ob.schedule.span == Span(2, 3, 2, 27, 20, 44)
        assert text[20:44] == "by the end of each month"

    def test_builder_state_is_per_call(self) -> None:
        """Problems of one text never leak into the next one."""
        bad = 'ruleset "a"\neffective 2010-02-30\n'
        _, problems = _builder.build_text(bad, file=F)
        assert [p.code for p in problems] == ["date/invalid"]
        _, problems = _builder.build_text('ruleset "b"\n', file=F)
        assert problems == []


def _tokens(*items: tuple[str, str]) -> Iterator[Token]:
    pos = 0
    for kind, value in items:
        yield Token(kind, value, pos, 1, pos + 1, 1, pos + 1 + len(value), pos + len(value))
        pos += len(value)


class TestIndenter:
    """The post-lexer keeps the levels of a parse in that parse."""

    def test_two_streams_interleaved(self) -> None:
        """Two token streams processed turn about give what each gives alone."""
        deep = [("NAME", "a"), ("_NL", "\n  "), ("NAME", "b"), ("_NL", "\n    "), ("NAME", "c")]
        flat = [("NAME", "x"), ("_NL", "\n"), ("NAME", "y")]
        indenter = _grammar.Indenter()
        alone = [
            [t.type for t in indenter.process(_tokens(*deep))],
            [t.type for t in indenter.process(_tokens(*flat))],
        ]
        # a _NL b: one block opens; a second _NL deeper: another; the end closes both
        assert alone == [
            ["NAME", "_NL", "_INDENT", "NAME", "_NL", "_INDENT", "NAME", "_DEDENT", "_DEDENT"],
            ["NAME", "_NL", "NAME"],
        ]
        one = indenter.process(_tokens(*deep))
        two = indenter.process(_tokens(*flat))
        mixed: list[list[str]] = [[], []]
        for _ in range(20):
            for i, stream in enumerate((one, two)):
                token = next(stream, None)
                if token is not None:
                    mixed[i].append(token.type)
        assert mixed == alone

    def test_bad_indentation_leaves_nothing_behind(self) -> None:
        """A parse that stops at a bad indentation does not disturb the next parse."""
        with pytest.raises(ParseError) as caught:
            _builder.build_text("obligation a:\n    publish X\n  publish Y\n", file=F)
        assert caught.value.diagnostics[0].code == "syntax/bad-indentation"
        ruleset, _ = _builder.build_text("obligation a:\n  publish X\n", file=F)
        assert [o.id for o in ruleset.obligations] == ["a"]


class TestThreads:
    """One parser serves many threads at once, without a lock around the parse."""

    def test_parallel_parses_agree_with_serial_ones(self) -> None:
        """Eight threads parse good and bad texts in turn; every result is the serial one."""
        texts = [
            YUNNAN.read_text(encoding="utf-8"),
            (ROOT / "examples" / "yunnan-2010" / "rules.en.xzjd").read_text(encoding="utf-8"),
            'ruleset "a"\neffective 2010-02-30\neffective 2010-03-01\n',
            "obligation a:\n    publish X\n  publish Y\n",
            "obligation a:\n  by Apirl 1, publish X\n",
        ]
        texts = [_parser.prepare(t) for t in texts]
        expected = [_parsed(t) for t in texts]
        barrier = threading.Barrier(8)
        failures: list[str] = []

        def work(offset: int) -> None:
            barrier.wait()
            for round_ in range(6):
                k = (offset + round_) % len(texts)
                try:
                    if _parsed(texts[k]) != expected[k]:
                        failures.append(f"thread {offset}, text {k}: another result")
                except Exception as exc:  # a failure in a thread is reported by the test
                    failures.append(f"thread {offset}, text {k}: {exc!r}")

        old = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows
        try:
            threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            sys.setswitchinterval(old)
        assert failures == []

    def test_first_use_from_many_threads_builds_one_parser(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Threads that all parse first share one parser."""
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        monkeypatch.setattr(_grammar, "_PARSER", [])
        barrier = threading.Barrier(4)
        seen: list[lark.Lark] = []

        def first() -> None:
            barrier.wait()
            seen.append(_grammar.parser())

        threads = [threading.Thread(target=first) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(seen) == 4 and all(p is seen[0] for p in seen)


# --------------------------------------------------------------------------- the cache


@pytest.fixture
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh XDG_CACHE_HOME and no parser built yet in this process."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(_grammar, "_PARSER", [])
    return home


def _outcomes() -> list[Any]:
    texts = [p.read_text(encoding="utf-8") for p in FILES] + SNIPPETS
    return [_parsed(_parser.prepare(t)) for t in texts]


class TestCache:
    def test_cache_in_xdg_cache_home(self, cache_home: Path) -> None:
        """The cache goes to $XDG_CACHE_HOME/xzjd, a directory only the user can enter."""
        path = _grammar.cache_path(_grammar.grammar_text())
        assert path is not None
        assert Path(path).parent == cache_home / "xzjd"
        assert stat.S_IMODE(os.stat(cache_home / "xzjd").st_mode) == 0o700
        _grammar.parser()
        assert Path(path).is_file()

    def test_home_cache_when_xdg_is_relative(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A relative XDG_CACHE_HOME is ignored, as the XDG specification says: ~/.cache."""
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
        monkeypatch.setenv("HOME", str(tmp_path))
        path = _grammar.cache_path("grammar")
        assert path is not None and Path(path).parent == tmp_path / ".cache" / "xzjd"

    def test_key_follows_the_grammar(self, cache_home: Path) -> None:
        """Another grammar text is another cache file."""
        assert _grammar.cache_path("a: b") != _grammar.cache_path("a: c")
        assert _grammar.cache_path("a: b") == _grammar.cache_path("a: b")

    def test_stale_file_is_not_used(
        self, cache_home: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A cache file written for another grammar is not loaded even under the same name:
        Lark's key on its first line does not match, and the tables are built again."""
        grammar = _grammar.grammar_text()
        path = _grammar.cache_path(grammar)
        assert path is not None
        _grammar.parser()  # writes the cache of the real grammar
        # 呈报 as a second word for 报送: a text only the changed grammar accepts.
        text = "义务 a：\n  每月底前，向 yn-gov 呈报 报告\n"
        with pytest.raises(ParseError):
            _builder.build_text(text, file=F)
        changed = grammar.replace("_SUBMIT_ZH.4: /报送/", "_SUBMIT_ZH.4: /报送|呈报/")
        assert changed != grammar
        monkeypatch.setattr(_grammar, "grammar_text", lambda: changed)
        monkeypatch.setattr(_grammar, "cache_path", lambda _grammar: path)
        monkeypatch.setattr(_grammar, "_PARSER", [])
        ruleset, _ = _builder.build_text(text, file=F)
        assert [o.id for o in ruleset.obligations] == ["a"]

    def test_loaded_parser_parses_the_same(
        self, cache_home: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Built without a cache, built and saved, loaded from the cache: the same models,
        spans and diagnostics on every file of the repository and the snippets above."""
        monkeypatch.setattr(_grammar, "cache_path", lambda _grammar: None)
        uncached = _outcomes()
        monkeypatch.undo()
        monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
        monkeypatch.setattr(_grammar, "_PARSER", [])
        saved = _outcomes()
        monkeypatch.setattr(_grammar, "_PARSER", [])
        old = lark.logger.level
        lark.logger.setLevel(logging.DEBUG)
        messages: list[str] = []
        handler = _ListHandler(messages)
        lark.logger.addHandler(handler)
        try:
            loaded = _outcomes()
        finally:
            lark.logger.removeHandler(handler)
            lark.logger.setLevel(old)
        assert any("Loading grammar from cache" in m for m in messages)
        assert loaded == saved == uncached

    def test_insecure_directory_is_not_used(self, cache_home: Path) -> None:
        """A cache directory others can write to, or a symbolic link, is passed over."""
        directory = cache_home / "xzjd"
        directory.mkdir(parents=True)
        directory.chmod(0o777)
        assert _grammar.cache_path("g") is None
        directory.chmod(0o700)
        assert _grammar.cache_path("g") is not None
        directory.rmdir()
        elsewhere = cache_home / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        directory.symlink_to(elsewhere)
        assert _grammar.cache_path("g") is None

    @pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs to give a file away"
    )
    def test_directory_of_another_user_is_not_used(self, cache_home: Path) -> None:
        """A cache directory owned by someone else is passed over."""
        directory = cache_home / "xzjd"
        directory.mkdir(parents=True, mode=0o700)
        os.chown(directory, 65534, 65534)
        assert _grammar.cache_path("g") is None

    def test_no_home_to_write_to(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """When the cache directory cannot be made, the parser is built without a cache."""
        blocker = tmp_path / "file"
        blocker.write_text("not a directory", encoding="utf-8")
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        monkeypatch.setenv("HOME", str(blocker / "home"))
        monkeypatch.setattr(_grammar, "_PARSER", [])
        assert _grammar.cache_path(_grammar.grammar_text()) is None
        ruleset, _ = _builder.build_text(_parser.prepare(YUNNAN.read_text("utf-8")), file=F)
        assert len(ruleset.obligations) == 25

    @pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere"
    )
    def test_read_only_home(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """A home the user cannot write to: no cache, the parse works."""
        home = tmp_path / "home"
        home.mkdir()
        home.chmod(0o500)
        try:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
            monkeypatch.setenv("HOME", str(home))
            monkeypatch.setattr(_grammar, "_PARSER", [])
            assert _grammar.cache_path(_grammar.grammar_text()) is None
            ruleset, _ = _builder.build_text('ruleset "a"\n', file=F)
            assert ruleset.title == "a"
        finally:
            home.chmod(0o700)

    def test_cache_file_that_cannot_be_written_or_read(
        self, cache_home: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A directory where the cache file should be: Lark can neither read nor write it,
        and the parser is built and works all the same."""
        path = _grammar.cache_path(_grammar.grammar_text())
        assert path is not None
        os.mkdir(path)
        ruleset, _ = _builder.build_text('ruleset "a"\n', file=F)
        assert ruleset.title == "a"
        assert Path(path).is_dir()


class _ListHandler(logging.Handler):
    """Keeps the messages Lark logs."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.slow  # two real xzjd processes
class TestProcesses:
    """``xzjd check`` as a user runs it, with and without a place for the cache."""

    @staticmethod
    def _command() -> list[str]:
        example = ROOT / "examples" / "yunnan-2010"
        return [
            sys.executable,
            "-m",
            "xzjd.cli",
            "check",
            str(example / "rules.zh.xzjd"),
            "--agencies",
            str(example / "agencies.csv"),
            "--filings",
            str(example / "filings.csv"),
            "--events",
            str(example / "events.csv"),
            "--on",
            "2010-11-15",
        ]

    def _check(
        self, env: dict[str, str], wrapper: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*wrapper, *self._command()],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    def test_unwritable_home_gives_the_same_output(self, tmp_path: Path) -> None:
        """With no cache directory to be made the check prints exactly what it prints with a
        cache, and leaves no file behind."""
        blocker = tmp_path / "file"
        blocker.write_text("not a directory", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
        cached = self._check({**env, "XDG_CACHE_HOME": str(tmp_path / "cache")})
        uncached = self._check({**env, "HOME": str(blocker / "home")})
        assert cached.returncode == uncached.returncode == 0
        assert (uncached.stdout, uncached.stderr) == (cached.stdout, cached.stderr)
        assert "overdue" in cached.stdout
        assert len(list((tmp_path / "cache" / "xzjd").iterdir())) == 1

    @pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("unshare") is None,
        reason="mounts a read-only home in a mount namespace of its own (root, unshare)",
    )
    def test_read_only_home_gives_the_same_output(self, tmp_path: Path) -> None:
        """HOME on a read-only file system (a bind mount, read-only, seen only by the check's
        process): the check prints what it prints with a cache and writes nothing there."""
        home = tmp_path / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
        cached = self._check({**env, "XDG_CACHE_HOME": str(tmp_path / "cache")})
        mount = (
            'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" '
            '&& ! touch "$0/probe" 2>/dev/null && exec "$@"'
        )
        wrapper = ("unshare", "-m", "sh", "-c", mount, str(home))
        probe = subprocess.run([*wrapper, "true"], capture_output=True, check=False)
        if probe.returncode != 0:
            pytest.skip("no read-only bind mount here: " + probe.stderr.decode()[-200:])
        read_only = self._check({**env, "HOME": str(home)}, wrapper)
        assert read_only.returncode == cached.returncode == 0, read_only.stderr
        assert (read_only.stdout, read_only.stderr) == (cached.stdout, cached.stderr)
        assert list(home.iterdir()) == []


class TestLayoutGate:
    """The quick test of the indentation agrees with the line-by-line check."""

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=[" ", "\t", "\u3000", "\u00a0", "\f", "#", "a", "\n"]))
    def test_same_problems(self, text: str) -> None:
        """Texts of spaces, odd spaces, comments and words get the same layout problems."""
        fast = _parser._check_layout(text, "f.xzjd")
        slow = _parser._check_layout_lines(text, "f.xzjd")
        assert _dump(fast) == _dump(slow)
