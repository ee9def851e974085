# SPDX-License-Identifier: MIT
"""Issue 12, unsafe or invalid output.

* CSV cells beginning with ``= + - @`` (from ``source`` clauses or ids) were written raw: a
  spreadsheet runs them as formulas. They now get OWASP's leading ``'``; plain numbers
  (``-5``) stay numbers; ``--raw-csv`` writes the cells as they are.
* The table printed ESC, CR, NUL and U+202E from names raw; diagnostics quoted input lines
  raw. Both now show such characters as escapes (``\\x1b``, ``\\u202e``).
* iCalendar wrote ``DTSTAMP:9990601T000000Z`` for years before 1000 and raw control
  characters in ``X-WR-CALNAME``. Dates now always have four digits, control characters are
  spelt out, and lines are still folded at 75 octets. Every calendar is parsed with the
  ``icalendar`` package (tests/icalcheck.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icalcheck import parse_ics
from xzjd.cli import main
from xzjd.errors import Diagnostic, Span, render_diagnostic
from xzjd.text.escape import csv_row, escape_controls, neutralise_cell
from xzjd.views.agenda import AgendaItem
from xzjd.views.ics import render_ics

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "tutorial"
D = dt.date

# The tutorial files, made hostile: the source clause is a formula; an agency whose id starts
# with '-' has a formula for a name; km-gov's name holds ESC, CR, NUL and U+202E; a filing id
# starts with '-' and another is the number -2. The agencies are JSON: in a CSV file a lone CR
# ends the line (docs/evaluation.md), so a name holding one comes from a JSON string.
AGENCIES = json.dumps(
    [
        {"id": i, "name": n, "kind": k, "level": lv, "region": r}
        for i, n, k, lv, r in [
            ("yn-gov", "云南省人民政府", "人民政府", "省", "云南省"),
            ("km-gov", "昆明\x1b[31m市\r人民\x00政府\u202e", "人民政府", "州(市)", "云南省/昆明市"),
            ("-xx", '=HYPERLINK("http://example.invalid")', "人民政府", "州(市)", "云南省/昆明市"),
            ("km-jc", "昆明市监察局", "行政监察机关", "州(市)", "云南省/昆明市"),
        ]
    ],
    ensure_ascii=False,
    indent=1,
)
FILINGS = (
    "id,agency,obligation,filed_on,period,recipient,status\n"
    "-f1,km-gov,bimonthly-report,2010-02-26,2010-B1,km-jc,\n"
    "-2,km-gov,bimonthly-report,2010-04-29,2010-B2,km-jc,returned\n"
)
SOURCE = '=HYPERLINK("http://example.invalid")'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    shutil.copy(TUTORIAL / "rules.xzjd", tmp_path / "rules.xzjd")
    rules = (tmp_path / "rules.xzjd").read_text("utf-8")
    rules = rules.replace('source "Measures, art. 17"', 'source "=HYPERLINK(“x”)"')
    (tmp_path / "rules.xzjd").write_text(rules, "utf-8")
    (tmp_path / "agencies.json").write_text(AGENCIES, "utf-8")
    (tmp_path / "filings.csv").write_text(FILINGS, "utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], work: Path, *args: str) -> tuple[int, str, str]:
    code = main(
        [
            "check",
            str(work / "rules.xzjd"),
            "--agencies",
            str(next(work.glob("agencies.*"))),
            "--filings",
            str(work / "filings.csv"),
            "--on",
            "2010-05-03",
            *args,
        ]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- CSV


class TestNeutralise:
    @pytest.mark.parametrize(
        ("cell", "written"),
        [
            ("=1+1", "'=1+1"),
            ("+1+1", "'+1+1"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-xx", "'-xx"),
            # Plain numbers are read as numbers, not run: they keep their value and type.
            ("-5", "-5"),
            ("+5", "+5"),
            ("-2.5", "-2.5"),
            ("63", "63"),
            # ISO dates and period labels start with a digit.
            ("2010-03-01", "2010-03-01"),
            ("2010-B1", "2010-B1"),
            ("", ""),
            ("km-gov", "km-gov"),
            (" =1", " =1"),
        ],
    )
    def test_cells(self, cell: str, written: str) -> None:
        assert neutralise_cell(cell) == written

    def test_row_quotes_a_formula_after_a_semicolon(self) -> None:
        """Lists are joined by ';': a spreadsheet splitting at semicolons would make
        '=cmd' a cell of its own, so the field is quoted (and kept whole)."""
        assert csv_row(["f1;=cmd()", "a;b", "x"]) == '"f1;=cmd()",a;b,x\n'
        assert csv_row(["f1;=cmd()"], raw=True) == "f1;=cmd()\n"

    def test_cr_alone_is_quoted(self) -> None:
        """A CR inside a field is quoted, so that readers do not take it for a line end."""
        assert csv_row(["a\rb", "c"]) == '"a\rb",c\n'

    @given(st.lists(st.text(alphabet='ab,"\n =+-@;云\t'), min_size=1, max_size=5))
    def test_raw_rows_are_those_of_the_csv_module(self, cells: list[str]) -> None:
        """Without a CR, a raw row is what csv.writer (minimal quoting, LF) writes."""
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(cells)
        assert csv_row(cells, raw=True) == out.getvalue()

    @given(st.lists(st.text(alphabet='ab,"\n\r =+-@;云\t0123456789.'), min_size=1, max_size=5))
    def test_neutralised_rows_read_back_as_the_cells(self, cells: list[str]) -> None:
        """Read back with the csv module, a neutralised row gives each cell, with a ' in
        front exactly when it starts like a formula and is not a number."""
        (row,) = list(csv.reader(io.StringIO(csv_row(cells), newline="")))
        assert row == [neutralise_cell(c) for c in cells]
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) or re.fullmatch(
                r"[+-]?[0-9]+(\.[0-9]+)?", cell
            )


class TestCsvReport:
    def test_formulas_are_neutralised(
        self, capsys: pytest.CaptureFixture[str], hostile: Path
    ) -> None:
        code, out, _ = check(capsys, hostile, "--format", "csv")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["source"] for r in rows} == {"'=HYPERLINK(“x”)"}
        assert {r["agency"] for r in rows} == {"'-xx", "km-gov", "yn-gov"}
        km = {r["period"]: r for r in rows if r["agency"] == "km-gov"}
        assert km["2010-B1"]["filings"] == "'-f1"
        # The filing id -2 is a plain number: left as it is. B2 (due Friday 2010-04-30, May
        # Day rest 5-01..5-03) is 3 days overdue on 5-03: the number stays a number.
        assert km["2010-B2"]["filings"] == "-2"
        assert km["2010-B2"]["days_overdue"] == "3"
        for row in rows:
            for cell in row.values():
                assert not cell.startswith(("=", "+", "@", "\t", "\r"))
                assert not cell.startswith("-") or cell == "-2"

    def test_raw_csv_opts_out(self, capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
        code, out, _ = check(capsys, hostile, "--format", "csv", "--raw-csv")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["source"] for r in rows} == {"=HYPERLINK(“x”)"}
        assert {r["agency"] for r in rows} == {"-xx", "km-gov", "yn-gov"}


# --------------------------------------------------------------------------- table


_RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


class TestTable:
    def test_names_are_escaped(self, capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
        """ESC, CR, NUL and U+202E from a name are shown as escapes; no control character
        but the line ends reaches the terminal; the columns stay aligned."""
        code, out, _ = check(capsys, hostile)
        assert code == 0
        assert _RAW_CONTROLS.search(out) is None
        assert "km-gov  昆明\\x1b[31m市\\r人民\\x00政府\\u202e  (" in out
        # In the summary the name is a cell: the next column starts at the same place on
        # every row (the header's 'obligation').
        lines = out.splitlines()
        start = lines.index("overdue:")
        header = lines[start + 1]
        column = header.index("obligation")
        from xzjd.errors import display_width

        for line in lines[start + 2 :]:
            before = line[: line.index("bimonthly-report")]
            assert display_width(before) == column

    def test_agenda_table_escapes(self, capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
        code = main(
            [
                "agenda",
                str(hostile / "rules.xzjd"),
                "--agencies",
                str(hostile / "agencies.json"),
                "--agency",
                "km-gov",
                "--from",
                "2010-05-01",
                "--to",
                "2010-08-31",
            ]
        )
        out = capsys.readouterr().out
        assert code == 0
        assert _RAW_CONTROLS.search(out) is None

    def test_escape_controls(self) -> None:
        assert escape_controls("a\x1b[2Jb\r\n\t\x00\x7f\x85\u202e\u2066\u200f\u061c\u2028") == (
            "a\\x1b[2Jb\\r\\n\\t\\x00\\x7f\\x85\\u202e\\u2066\\u200f\\u061c\\u2028"
        )
        assert escape_controls("line one\nline two\x1b", keep="\n") == "line one\nline two\\x1b"
        assert escape_controls("昆明市人民政府 km-gov") == "昆明市人民政府 km-gov"


# --------------------------------------------------------------------------- diagnostics


class TestDiagnostics:
    def test_quoted_line_is_escaped_and_the_caret_follows(self) -> None:
        """The caret sits under the word as shown: after ``\\x1b`` (4 cells) and 云 (2)."""
        diag = Diagnostic(
            code="syntax/unexpected-word",
            message="unexpected word 'evn\u202e'",
            file="rules\x1b.xzjd",
            span=Span(3, 4, 3, 7, 0, 0),
            line_text="\x1b云 evn\u202e\r",
            hint="did you mean 'even'?",
        )
        text = render_diagnostic(diag)
        assert _RAW_CONTROLS.search(text) is None
        lines = text.splitlines()
        assert lines[0] == (
            "rules\\x1b.xzjd:3:4: error[syntax/unexpected-word]: unexpected word 'evn\\u202e'"
        )
        assert lines[1] == "    3 | \\x1b云 evn\\u202e"
        # Columns 1..3 are ESC, 云, space: shown as 4 + 2 + 1 = 7 cells before the caret.
        assert lines[2] == "      | " + " " * 7 + "^^^"

    def test_bad_input_file_is_escaped(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A bad filings row with ESC and U+202E: the diagnostic quotes it escaped."""
        shutil.copy(TUTORIAL / "rules.xzjd", tmp_path / "rules.xzjd")
        shutil.copy(TUTORIAL / "agencies.csv", tmp_path / "agencies.csv")
        (tmp_path / "filings.csv").write_text(
            "id,agency,obligation,filed_on,period,recipient,status\n"
            "f1,km-gov\x1b[2J\u202e,bimonthly-report,2010-02-26,,,\n",
            "utf-8",
        )
        code, out, err = check(capsys, tmp_path)
        assert code == 2
        assert out == ""
        assert _RAW_CONTROLS.search(err.replace("\n", "")) is None
        assert "km-gov\\x1b[2J\\u202e" in err


# --------------------------------------------------------------------------- iCalendar


def item(**changes: object) -> AgendaItem:
    values: dict[str, object] = {
        "agency": "km-gov",
        "obligation": "bimonthly-report",
        "title": "双月报告",
        "period": "2010-B2",
        "opens": D(2010, 3, 1),
        "nominal_due": D(2010, 4, 30),
        "due": D(2010, 4, 30),
        "warn_from": D(2010, 4, 23),
        "recipients": ("km-jc",),
        "deliverable": "推进情况",
        "source": "实施办法第十七条",
    }
    values.update(changes)
    return AgendaItem(**values)  # type: ignore[arg-type]


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


class TestIcs:
    def test_years_before_1000_have_four_digits(self) -> None:
        """999-06-01 is 09990601, in DTSTAMP, DTSTART, DUE and the alarm."""
        early = item(
            opens=D(999, 5, 1),
            nominal_due=D(999, 6, 1),
            due=D(999, 6, 1),
            warn_from=D(999, 5, 25),
        )
        text = render_ics([early], stamp=D(999, 6, 1))
        lines = unfold(text)
        assert "DTSTAMP:09990601T000000Z" in lines
        assert "DTSTART;VALUE=DATE:09990501" in lines
        assert "DUE;VALUE=DATE:09990601" in lines
        assert "TRIGGER;VALUE=DATE-TIME:09990525T010000Z" in lines
        todo = parse_ics(text).walk("VTODO")[0]
        assert todo.decoded("DUE") == D(999, 6, 1)
        assert todo.decoded("DTSTAMP").year == 999
        # Year 1: 00010101.
        first = render_ics([item(opens=D(1, 1, 1), due=D(1, 1, 2))], stamp=D(1, 1, 1))
        assert "DUE;VALUE=DATE:00010102" in unfold(first)
        parse_ics(first)

    def test_event_on_the_last_day_there_is(self) -> None:
        """An all-day event on 9999-12-31 has no DTEND (there is no next day): without it a
        DATE event lasts one day (RFC 5545 section 3.6.1)."""
        last = item(opens=D(9999, 12, 1), nominal_due=D(9999, 12, 31), due=D(9999, 12, 31))
        text = render_ics([last], stamp=D(9999, 12, 1), event=True)
        lines = unfold(text)
        assert "DTSTART;VALUE=DATE:99991231" in lines
        assert not any(line.startswith("DTEND") for line in lines)
        parse_ics(text)

    def test_control_characters_in_every_text_property(self) -> None:
        """ESC, CR, NUL, DEL, NEL and U+202E from the input are spelt out in the calendar
        name, the UID, the summary and the description; the TEXT escaping still applies."""
        name = "昆明\x1b[31m市\r人民\x00政府\u202e"
        hostile = item(
            title="双月\x7f报告\x85",
            deliverable="推进\n情况",
            source="第十七条, \u2066x\u2069",
            recipients=("km-jc", "km\x1b"),
        )
        text = render_ics([hostile], stamp=D(2010, 4, 1), name=name)
        calendar = parse_ics(text)
        lines = unfold(text)
        # The escapes' backslashes are TEXT-escaped in turn: read back, the name is the
        # escaped text, as the table shows it. (icalendar keeps X- values as written.)
        assert "X-WR-CALNAME:昆明\\\\x1b[31m市\\\\r人民\\\\x00政府\\\\u202e" in lines
        assert escape_controls(name) == "昆明\\x1b[31m市\\r人民\\x00政府\\u202e"
        todo = calendar.walk("VTODO")[0]
        assert str(todo["SUMMARY"]) == "双月\\x7f报告\\x85 (2010-B2)"
        description = str(todo["DESCRIPTION"]).split("\n")
        # The description's own lines stay lines; a newline inside a value does not.
        assert "deliverable: 推进\\n情况" in description
        assert "to: km-jc, km\\x1b" in description
        assert "source: 第十七条, \\u2066x\\u2069" in description

    def test_folding_counts_octets_after_escaping(self) -> None:
        """A long Chinese title with escapes folds at 75 octets, never inside a character."""
        title = "关于报送行政行为监督制度推进情况的通知\x1b" * 6
        text = render_ics([item(title=title)], stamp=D(2010, 4, 1))
        for line in text.split("\r\n"):
            assert len(line.encode("utf-8")) <= 75
        summary = next(x for x in unfold(text) if x.startswith("SUMMARY:"))
        assert summary == "SUMMARY:" + escape_controls(title).replace("\\", "\\\\") + " (2010-B2)"
        parse_ics(text)

    def test_command_line_calendar_name(
        self, capsys: pytest.CaptureFixture[str], hostile: Path
    ) -> None:
        """xzjd agenda --format ics with the hostile km-gov name parses and has no raw
        control character; the events variant too."""
        for extra in ([], ["--ics-event"]):
            code = main(
                [
                    "agenda",
                    str(hostile / "rules.xzjd"),
                    "--agencies",
                    str(hostile / "agencies.json"),
                    "--agency",
                    "km-gov",
                    "--from",
                    "2010-05-01",
                    "--to",
                    "2010-08-31",
                    "--format",
                    "ics",
                    *extra,
                ]
            )
            out = capsys.readouterr().out
            assert code == 0
            parse_ics(out)
            assert "X-WR-CALNAME:昆明\\\\x1b[31m市\\\\r人民\\\\x00政府\\\\u202e" in unfold(out)
