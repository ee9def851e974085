# SPDX-License-Identifier: MIT
"""Reading and diagnostics take time linear in the input: no per-item rescan of the file.

No clock here (timings belong to ``python -m bench.scaling``). Each test counts the work
instead: the source text is wrapped in :class:`Tally`, a ``str`` that adds up how many
characters its Python-level methods (``split``, ``count``, ``find``, slicing, ...) look at,
and the test bounds that count by a small multiple of the text's length. The quadratic
paths this guards against looked at the whole text (or the rest of it) once per obligation,
per diagnostic or per JSON key. Measured on the code before the fix, the same inputs gave
1,005 to 52,455 times the text's length (each test names its figure); now at most 2.2.

Rendering is bounded by output size: at most ``MAX_SHOWN`` errors of a file are rendered,
and a long line is shown as a window around the caret.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, SupportsIndex

import attrs
import pytest

import xzjd
import xzjd.language.loader
import xzjd.model
from xzjd.cli import commands as cli
from xzjd.errors import (
    MAX_LINE_WIDTH,
    MAX_MESSAGE,
    MAX_SHOWN,
    Diagnostic,
    InputError,
    Severity,
    SourceError,
    Span,
    display_width,
    render_diagnostics,
)
from xzjd.language import builder as _builder
from xzjd.language import checked


class Tally(str):
    """A ``str`` that counts the characters its Python-level methods look at."""

    touched = 0

    def _range(self, start: SupportsIndex | None, end: SupportsIndex | None) -> int:
        return len(range(*slice(start, end).indices(len(self))))

    def __getitem__(self, key: Any) -> str:
        found = super().__getitem__(key)
        Tally.touched += len(found)
        return found

    def split(self, *args: Any, **kw: Any) -> list[str]:  # type: ignore[override]
        Tally.touched += len(self)
        return super().split(*args, **kw)

    def rsplit(self, *args: Any, **kw: Any) -> list[str]:  # type: ignore[override]
        Tally.touched += len(self)
        return super().rsplit(*args, **kw)

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        Tally.touched += len(self)
        return super().splitlines(keepends)

    def replace(self, *args: Any, **kw: Any) -> str:  # type: ignore[override]
        Tally.touched += len(self)
        return super().replace(*args, **kw)

    def count(  # type: ignore[override]
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> int:
        Tally.touched += self._range(start, end)
        return super().count(sub, start, end)

    def find(  # type: ignore[override]
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> int:
        found = super().find(sub, start, end)
        first, last, _ = slice(start, end).indices(len(self))
        # A search looks at the characters up to the match, or the whole range.
        Tally.touched += max(last - first, 0) if found < 0 else found + len(sub) - first
        return found

    def rfind(  # type: ignore[override]
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> int:
        found = super().rfind(sub, start, end)
        first, last, _ = slice(start, end).indices(len(self))
        Tally.touched += max(last - first, 0) if found < 0 else last - found
        return found


@pytest.fixture
def tally() -> type[Tally]:
    Tally.touched = 0
    return Tally


HEADER = 'ruleset "t"\neffective 2010-01-22\n\n'


def obligations(n: int, schedule: str, extra: str = "") -> str:
    """*n* obligation blocks with ids r1..rn and the given schedule sentence."""
    return "".join(
        f'obligation r{i} "R{i}":\n'
        "  applies to every administrative organ\n"
        f"  {schedule}, file report with the same-level supervisory organ\n"
        f"{extra}\n"
        for i in range(1, n + 1)
    )


def build(text: str) -> tuple[xzjd.Ruleset, list[Diagnostic]]:
    """Parse and build *text* as :func:`xzjd.loads` does, keeping the ``Tally`` wrapper."""
    ruleset, problems = _builder.build_text(text, file="t.xzjd")
    return ruleset, problems


class TestRulesFile:
    def test_obligation_ids_do_not_copy_the_rest_of_the_file(self, tally: type[Tally]) -> None:
        """Checking what follows each obligation id looks at a few characters, not the rest.

        Before the fix each of the 2,000 ids copied the rest of the source: 1,005 times the
        text's length in all (a valid 23 MB file took 228 s to load).
        """
        text = tally(HEADER + obligations(2000, "by April 1 each year"))
        ruleset, problems = build(text)
        assert len(ruleset.obligations) == 2000 and problems == []
        assert tally.touched <= 2 * len(text)

    def test_builder_problems_index_lines_once(self, tally: type[Tally]) -> None:
        """2,000 repeated header lines give 2,000 diagnostics, each quoting its own line.

        Before the fix every diagnostic split the whole text: 2,000 times its length.
        """
        text = tally('ruleset "t"\n' + "effective 2010-01-22\n" * 2001)
        _, problems = build(text)
        assert [d.code for d in problems] == ["dup/line"] * 2000
        # Line 1 is the ruleset line, line 2 the first effective line: the last repeat is
        # on line 2002.
        last = problems[-1]
        assert last.span is not None and last.span.line == 2002
        assert last.line_text == "effective 2010-01-22"
        assert tally.touched <= 3 * len(text)

    def test_check_diagnostics_index_lines_once(self, tally: type[Tally]) -> None:
        """2,000 unknown ladders: each diagnostic is narrowed to the name without a rescan.

        Before the fix each narrowed position counted the line breaks from the start of the
        text: 2,002 times its length in all.
        """
        text = tally(HEADER + obligations(2000, "by April 1 each year", "  escalation nope\n"))
        ruleset, problems = build(text)
        assert problems == []
        found = checked.diagnostics(ruleset)
        assert [d.code for d in found] == ["ref/unknown-escalation"] * 2000
        # Block k: the header is 3 lines, each block 5 (4 lines and a blank one); the
        # escalation line is the block's 4th, so line 3 + 5 (k - 1) + 4; "nope" is at column
        # 14 of "  escalation nope".
        last = found[-1]
        assert last.span is not None
        assert (last.span.line, last.span.column) == (3 + 5 * 1999 + 4, 14)
        assert last.line_text == "  escalation nope"
        assert tally.touched <= 3 * len(text)


class Id(str):
    """An obligation id that counts the comparisons made with it."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Id.compared += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        Id.compared += 1
        return str.__ne__(self, other)

    __hash__ = str.__hash__


def test_chained_references_are_looked_up_not_scanned() -> None:
    """2,000 chained obligations: each reference is one dictionary look-up.

    Before the fix each reference was searched for in the list of all ids: 4,010,000
    comparisons here (10,000 now), and a 50 MB rules file of 86,475 obligations took 73 s
    to load.
    """
    n = 2000
    # The obligation they all follow comes last: a search of the list of ids goes through
    # all the others before it finds it.
    text = HEADER + "".join(
        f'obligation c{i} "C{i}":\n  applies to every administrative organ\n'
        f"  by the 5th of the following month after each deadline of r1, complete x\n\n"
        for i in range(n)
    )
    text += obligations(1, "by April 1 each year")
    ruleset = xzjd.language.loader.parse_unchecked(text)[0]
    renamed = []
    for ob in ruleset.obligations:
        schedule = ob.schedule
        if isinstance(schedule, xzjd.model.Chained):
            schedule = attrs.evolve(schedule, after=tuple(Id(a) for a in schedule.after))
        renamed.append(attrs.evolve(ob, id=Id(ob.id), schedule=schedule))
    ruleset = attrs.evolve(ruleset, obligations=tuple(renamed))
    Id.compared = 0
    assert checked.diagnostics(ruleset) == []
    assert Id.compared <= 10 * n


def test_strict_mode_errors_quote_lines_from_one_index(tally: type[Tally]) -> None:
    """2,000 no-notice errors (one per withheld period in strict mode) quote their obligation
    line from one line index kept with the ruleset, not from a split of the rules text each
    (which looked at 2,000 times the text's length).
    """
    from xzjd.engine import no_notice_error

    text = HEADER + obligations(2000, "by April 1 each year")
    ruleset = attrs.evolve(xzjd.loads(text), text=tally(text))
    tally.touched = 0
    errors = [no_notice_error(ruleset, "a", f"r{i}", "2031", [2031]) for i in range(1, 2001)]
    # Obligation k starts on line 4 + 4 (k - 1).
    assert [e.span.line for e in errors[:3] if e.span] == [4, 8, 12]
    assert errors[-1].line_text == 'obligation r2000 "R2000":'
    assert tally.touched <= 2 * len(text)


def test_escaped_characters_in_a_long_line() -> None:
    """Control characters in a long line are shown escaped, and the caret is placed by the
    width of the escaped text: ESC shown as \\x1b takes four cells."""
    line = "y" * 1000 + "\x1b" * 5 + "BAD" + "\x00" * 1000
    col = line.index("BAD") + 1
    d = Diagnostic(code="input/x", message="m", span=Span(1, col, 1, col + 3), line_text=line)
    shown, indent, width = caret_column(d.render())
    assert "\x1b" not in shown and "\x00" not in shown
    assert "\\x1b\\x1b\\x1b\\x1b\\x1bBAD\\x00" in shown
    assert shown[indent : indent + 3] == "BAD" and width == 3
    assert display_width(shown) <= MAX_LINE_WIDTH + 2
    line = "x" * 1000 + "\x1b[31mBAD"
    col = line.index("BAD") + 1
    d = Diagnostic(code="input/x", message="m", span=Span(1, col, 1, col + 3), line_text=line)
    shown, indent, width = caret_column(d.render())
    assert shown.endswith("\\x1b[31mBAD")
    assert shown[indent : indent + 3] == "BAD" and display_width(shown) <= MAX_LINE_WIDTH + 2


def agencies_json(n: int, indent: int | None) -> str:
    rows = [
        {"id": f"a{i}", "name": f"机关{i}", "kind": "department", "level": "county",
         "region": "云南省/昆明市", "tags": ["x"]}
        for i in range(n)
    ]  # fmt: skip
    return json.dumps(rows, ensure_ascii=False, indent=indent)


class TallySource(io.StringIO):
    """An open file whose ``read()`` gives a :class:`Tally`."""

    name = "agencies.json"

    def read(self, size: int | None = -1) -> str:
        return Tally(super().read(size))


class TestJson:
    @pytest.mark.parametrize("indent", [None, 1], ids=["one-line", "indented"])
    def test_registry_positions_without_rescanning(
        self, tally: type[Tally], indent: int | None
    ) -> None:
        """3,000 agencies: each key is positioned from one line index, not by counting lines.

        Before the fix every key counted the line breaks from offset 0 (and, on one line,
        copied the line): 52,455 times the text's length on one line, 10,465 indented
        (12,000 agencies took 55 s, 29,000 over 5 minutes).
        """
        registry = xzjd.read_agencies(TallySource(agencies_json(3000, indent)))
        assert len(registry) == 3000
        assert tally.touched <= 3 * len(agencies_json(3000, indent))

    def test_one_line_registry_positions_point_at_the_object(self) -> None:
        """On a one-line JSON array each agency's span starts at its own object."""
        text = agencies_json(3, None)
        registry = xzjd.read_agencies(io.StringIO(text))
        third = registry["a2"]
        assert third.span is not None
        # The third object starts at the third '{' of the text, on line 1.
        start = [i for i, ch in enumerate(text) if ch == "{"][2]
        assert (third.span.line, third.span.column) == (1, start + 1)
        # All records of the one line share one copy of it.
        assert registry["a0"].line_text is registry["a2"].line_text

    def test_key_inside_a_value_is_not_taken_for_the_key(self) -> None:
        """A value that reads like a key ("level") does not move the key's position."""
        text = (
            '[{"id": "a", "name": "\\"level\\": level", "kind": "department",\n'
            '  "level": "nowhere", "region": "云南省"}]'
        )
        with pytest.raises(InputError) as err:
            xzjd.read_agencies(io.StringIO(text))
        (d,) = err.value.diagnostics
        assert d.code == "input/unknown-level"
        # The key "level" is on line 2 after two spaces: column 3.
        assert d.span is not None and (d.span.line, d.span.column) == (2, 3)


def diagnostic(n: int, file: str = "f.csv", severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(
        code="input/x",
        message=f"problem {n}",
        file=file,
        span=Span(n, 1, n, 2),
        line_text=f"row {n}",
        severity=severity,
    )


class TestCappedRendering:
    def test_at_most_max_shown_errors_per_file(self) -> None:
        """4,183 errors render as the first 50 and one line counting the other 4,133."""
        exc = InputError([diagnostic(i) for i in range(1, 4184)])
        out = exc.render()
        assert out.count("error[input/x]") == MAX_SHOWN == 50
        assert "problem 50\n" in out and "problem 51\n" not in out
        assert out.endswith("… and 4133 more errors in f.csv")
        assert exc.render(lang="zh").endswith("…… f.csv 中另有 4133 个错误未列出")
        assert len(exc.diagnostics) == 4183  # the API keeps them all
        assert exc.render(limit=None).count("error[input/x]") == 4183

    def test_limit_per_file_and_severity(self) -> None:
        """Each file and each severity has its own 50; one more is counted in the singular."""
        diags = [diagnostic(i, "a.csv") for i in range(51)]
        diags += [diagnostic(i, "b.csv") for i in range(3)]
        diags += [diagnostic(i, "a.csv", Severity.WARNING) for i in range(52)]
        out = list(render_diagnostics(diags))
        assert len(out) == 50 + 3 + 50 + 2
        assert out[-2:] == ["… and 1 more error in a.csv", "… and 2 more warnings in a.csv"]

    def test_few_errors_render_as_before(self) -> None:
        """Below the limit nothing is added."""
        exc = InputError([diagnostic(1), diagnostic(2)])
        assert exc.render() == diagnostic(1).render() + "\n\n" + diagnostic(2).render()


def caret_column(rendered: str) -> tuple[str, int, int]:
    """The shown source text, and the display column and width of the caret under it."""
    lines = rendered.splitlines()
    source, carets = lines[1], lines[2]
    shown = source[source.index("| ") + 2 :]
    marks = carets[carets.index("| ") + 2 :]
    return shown, display_width(marks[: marks.index("^")]), marks.count("^")


class TestLongLines:
    def test_a_megabyte_line_shows_a_window_around_the_caret(self) -> None:
        """A 1,000,000-character line renders in under 400 characters, caret on the spot."""
        line = "a," * 250_000 + "BAD" + ",b" * 250_000
        col = line.index("BAD") + 1
        d = Diagnostic(code="input/x", message="m", span=Span(7, col, 7, col + 3), line_text=line)
        out = d.render()
        assert len(out) < 400
        shown, indent, width = caret_column(out)
        assert shown.startswith("…") and shown.endswith("…")
        assert display_width(shown) <= MAX_LINE_WIDTH + 2
        # The caret is under the first character of BAD, three cells wide.
        assert shown[indent : indent + 3] == "BAD" and width == 3

    def test_window_counts_full_width_characters_as_two_cells(self) -> None:
        """In a long Chinese line the caret lands under the marked ideographs."""
        line = "报送" * 200 + "错字" + "公开" * 200
        col = line.index("错字") + 1
        d = Diagnostic(code="input/x", message="m", span=Span(1, col, 1, col + 2), line_text=line)
        shown, indent, width = caret_column(d.render())
        # Every character shown is two cells wide except the leading "…" (one cell).
        assert shown[0] == "…" and (indent - 1) % 2 == 0
        assert shown[1 + (indent - 1) // 2 :].startswith("错字")
        assert width == 4
        assert display_width(shown) <= MAX_LINE_WIDTH + 2

    def test_caret_near_the_start_cuts_only_the_end(self) -> None:
        """An error at column 3 of a long line shows the line's start, cut at the end."""
        line = "x,yz" + "," * 5000
        d = Diagnostic(code="input/x", message="m", span=Span(1, 3, 1, 5), line_text=line)
        shown, indent, width = caret_column(d.render())
        assert shown.startswith("x,yz") and shown.endswith("…")
        assert (indent, width) == (2, 2)

    def test_caret_past_the_end_of_a_long_line(self) -> None:
        """An end-of-line error on a long line shows the end, caret one past it."""
        line = "word " * 1000
        d = Diagnostic(code="syntax/x", message="m", span=Span(1, 5001, 1, 5002), line_text=line)
        shown, indent, width = caret_column(d.render())
        assert shown.startswith("…") and not shown.endswith("…")
        assert indent == display_width(shown) and width == 1

    def test_short_lines_render_unchanged(self) -> None:
        """A line within the width is shown whole, as before."""
        line = "  by the end of every evn month, file report"
        col = line.index("evn") + 1
        d = Diagnostic(code="x/y", message="m", span=Span(2, col, 2, col + 3), line_text=line)
        shown, indent, width = caret_column(d.render())
        assert (shown, indent, width) == (line, col - 1, 3)


class TestCommandLine:
    def test_megabyte_word_in_a_rules_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A 1,000,000-letter line is one short diagnostic, not a megabyte of stderr."""
        path = tmp_path / "r.xzjd"
        path.write_text('ruleset "t"\n' + "x" * 1_000_000 + "\n", encoding="utf-8")
        assert cli.main(["check", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{path}:2:1: error[syntax/unexpected-word]: unexpected '{'x' * 40}…'" in err
        assert len(err) < 1000

    def test_megabyte_cell_and_thousands_of_errors(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A 1 MB bad date and 3,000 more bad rows: 50 bounded diagnostics and a count."""
        path = tmp_path / "filings.csv"
        path.write_text(
            "id,agency,obligation,filed_on\n"
            + "f0,a,o,"
            + "9" * 1_000_000
            + "\n"
            + "".join(f"f{i},a,o,2010-13-01\n" for i in range(1, 3001)),
            encoding="utf-8",
        )
        rules = Path(__file__).parent.parent / "examples/yunnan-2010"
        argv = ["check", str(rules / "rules.en.xzjd"), "--agencies", str(rules / "agencies.csv")]
        assert cli.main([*argv, "--filings", str(path), "--on", "2010-11-15"]) == 2
        err = capsys.readouterr().err
        assert err.count("error[input/bad-date]") == 50
        assert err.rstrip("\n").endswith(f"… and 2951 more errors in {path}")
        # 50 diagnostics of 4 lines each: the head (file:line:col, code, a message of at
        # most MAX_MESSAGE characters), the line and the caret (a window of at most 102
        # cells after a gutter of 8), a hint.
        longest = len(f"{path}:2:8: error[input/bad-date]: ") + MAX_MESSAGE
        assert max(len(line) for line in err.splitlines()) <= longest
        assert len(err) < 50 * (longest + 3 * 120)


def test_source_error_str_is_capped() -> None:
    """``str(exc)`` (what an uncaught error shows) is capped like the CLI's output."""
    exc = SourceError([diagnostic(i) for i in range(1, 200)])
    assert str(exc).count("error[input/x]") == MAX_SHOWN
