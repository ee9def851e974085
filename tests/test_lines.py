# SPDX-License-Identifier: MIT
"""One definition of a line: ``\\n``, ``\\r\\n`` or ``\\r``, the same for every reader.

``str.splitlines`` also breaks at ``\\f``, ``\\v``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and
U+2029; the csv module and the rules parser do not. These characters in an earlier cell used
to shift the line quoted in later diagnostics, and a CSV with carriage returns only was read
one way from a path and another from an open file. Every test below reads the same bytes
from a path and from an open file and expects the same result.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import xzjd
from xzjd.calendar import Calendar
from xzjd.engine import evaluate
from xzjd.errors import Diagnostic, InputError, Span, XzjdError
from xzjd.facts import files
from xzjd.facts.tables import read_filings
from xzjd.text.lines import LineIndex, byte_lines, byte_position

# Characters str.splitlines breaks at but a line of a file does not end at.
NOT_LINE_ENDS = ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]

AGENCY_HEADER = "id,name,kind,level,region,tags"


class TestLineIndex:
    def test_positions_and_lines(self) -> None:
        """Offsets map to line and column across \\n, \\r\\n and \\r line ends."""
        text = "ab\r\ncd\ref\n\ngh"
        lines = LineIndex(text)
        # Lines start at offsets 0 ("ab"), 4 ("cd"), 7 ("ef"), 10 (""), 11 ("gh").
        assert list(lines.starts) == [0, 4, 7, 10, 11]
        assert [lines.line_text(n) for n in range(1, 6)] == ["ab", "cd", "ef", "", "gh"]
        assert lines.line_text(0) is None and lines.line_text(6) is None
        assert list(lines.lines()) == ["ab", "cd", "ef", "", "gh"]
        assert lines.position(0) == (1, 1)
        assert lines.position(3) == (1, 4)  # the "\n" of "\r\n" is on line 1
        assert lines.position(5) == (2, 2)
        assert lines.position(12) == (5, 2)
        assert lines.position(13) == (5, 3)  # just past the end

    @pytest.mark.parametrize("char", NOT_LINE_ENDS)
    def test_other_separators_are_characters(self, char: str) -> None:
        """What splitlines breaks at stays inside the line."""
        text = f"a{char}b\nc"
        lines = LineIndex(text)
        assert list(lines.lines()) == [f"a{char}b", "c"]
        assert lines.position(4) == (2, 1)

    def test_final_line_break(self) -> None:
        """A text ending in a line break has no extra line to iterate, but the position
        just past its end is on an empty last line (where end-of-file errors point)."""
        lines = LineIndex("x\r\ny\r\n")
        assert list(lines.lines()) == ["x", "y"]
        assert lines.position(6) == (3, 1) and lines.line_text(3) == ""
        assert list(LineIndex("").lines()) == []

    def test_one_line_shares_one_string(self) -> None:
        """Asking twice for the same line gives the same object, not a second copy."""
        lines = LineIndex("x" * 1000)
        assert lines.line_text(1) is lines.line_text(1)

    @pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 1 << 20])
    def test_byte_lines_across_block_boundaries(self, size: int) -> None:
        """A "\\r\\n" split between two blocks is still one line end."""
        data = b"ab\r\ncd\ref\n\ngh\r\r\nij\x1ckl\xe2\x80\xa8m\r"
        got = list(byte_lines(io.BytesIO(data), size))
        assert got == [b"ab", b"cd", b"ef", b"", b"gh", b"", b"ij\x1ckl\xe2\x80\xa8m"]

    def test_byte_position(self) -> None:
        """Byte offsets count \\n, \\r\\n and \\r as one line end each."""
        raw = b"a\r\nb\rc\nde"
        # a=0 \r=1 \n=2 b=3 \r=4 c=5 \n=6 d=7 e=8: "d" and "e" are on line 4, from 7.
        assert byte_position(raw, 7) == (4, 7)
        assert byte_position(raw, 8) == (4, 7)
        assert byte_position(raw, 5) == (3, 5)
        assert byte_position(raw, 0) == (1, 0)


def both_ways(tmp_path: Path, name: str, data: bytes, read: Callable[[Any], Any]) -> list[Any]:
    """Read *data* from a path and from an open binary and text file; the results."""
    path = tmp_path / name
    path.write_bytes(data)
    out = []
    for source in (
        path,
        str(path),
        _named(io.BytesIO(data), name),
        _named(io.StringIO(data.decode("utf-8"), newline=""), name),
    ):
        try:
            out.append(read(source))
        except XzjdError as exc:
            out.append(exc)
    return out


def _named(handle: Any, name: str) -> Any:
    handle.name = name
    return handle


def where(d: Diagnostic) -> tuple[str, int, int, str | None]:
    assert d.span is not None
    return d.code, d.span.line, d.span.column, d.line_text


class TestCsvLines:
    @pytest.mark.parametrize("char", NOT_LINE_ENDS)
    def test_separator_in_an_earlier_cell_does_not_shift_later_lines(
        self, tmp_path: Path, char: str
    ) -> None:
        """An unknown kind on line 4 is quoted from line 4, whatever line 2's name holds."""
        data = (
            f"{AGENCY_HEADER}\n"
            f"a1,名称{char}一,department,county,云南省,\n"
            "a2,二,department,county,云南省,\n"
            "a3,三,bureau,county,云南省,\n"
        ).encode()
        for result in both_ways(tmp_path, "agencies.csv", data, xzjd.read_agencies):
            assert isinstance(result, InputError)
            (d,) = result.diagnostics
            # "a3,三," is 5 characters: "bureau" starts at column 6.
            assert where(d) == ("input/unknown-kind", 4, 6, "a3,三,bureau,county,云南省,")

    @pytest.mark.parametrize("char", NOT_LINE_ENDS)
    def test_separator_is_part_of_the_cell(self, tmp_path: Path, char: str) -> None:
        """The character stays in the name, read either way."""
        data = f"{AGENCY_HEADER}\na1,名称{char}一,department,county,云南省,\n".encode()
        for registry in both_ways(tmp_path, "agencies.csv", data, xzjd.read_agencies):
            assert not isinstance(registry, Exception), registry
            assert registry["a1"].name == f"名称{char}一"

    @pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
    def test_every_line_end_reads_alike(self, tmp_path: Path, end: str) -> None:
        """LF, CRLF and CR-only files give the same agencies from a path and a stream."""
        rows = [
            AGENCY_HEADER,
            "a1,一,department,county,云南省,x",
            "a2,二,government,county,云南省,",
        ]
        data = end.join(rows).encode() + end.encode()
        for registry in both_ways(tmp_path, "agencies.csv", data, xzjd.read_agencies):
            assert not isinstance(registry, Exception), registry
            assert [(a.id, a.line, a.line_text) for a in registry] == [
                ("a1", 2, "a1,一,department,county,云南省,x"),
                ("a2", 3, "a2,二,government,county,云南省,"),
            ]

    def test_cr_only_errors_point_at_their_lines(self, tmp_path: Path) -> None:
        """A CR-only filings file with bad dates: one diagnostic per row, on its own line."""
        header = "id,agency,obligation,filed_on"
        data = "\r".join([header, "f1,a,o,2010-01-02", "f2,a,o,2010-13-01", "f3,a,o,x"]).encode()
        for result in both_ways(tmp_path, "filings.csv", data, read_filings):
            assert isinstance(result, InputError)
            # "f2,a,o," is 7 characters: the date starts at column 8.
            assert [where(d) for d in result.diagnostics] == [
                ("input/bad-date", 3, 8, "f2,a,o,2010-13-01"),
                ("input/bad-date", 4, 8, "f3,a,o,x"),
            ]

    def test_carriage_return_inside_quotes_ends_the_line(self, tmp_path: Path) -> None:
        """A lone CR ends the line even inside quotes, read either way: the quoted cell is
        left open on line 2 (a quoted cell may not span lines), and line 3 is read alone."""
        data = (
            f"{AGENCY_HEADER}\n"
            'a1,"名称\r一",department,county,云南省,\n'
            "a2,二,department,county,云南省,\n"
        ).encode()
        for result in both_ways(tmp_path, "agencies.csv", data, xzjd.read_agencies):
            assert isinstance(result, InputError)
            # The quote opens at column 4 of line 2 ('a1,' is 3 characters) and is not
            # closed there; line 3 holds '一",department,county,云南省,': five cells, not six.
            assert [(d.code, d.span.line) for d in result.diagnostics if d.span] == [
                ("input/csv", 2),
                ("input/csv", 3),
            ]
            assert result.diagnostics[0].span == Span.point(2, 4)

    def test_mixed_line_ends(self, tmp_path: Path) -> None:
        """LF, CR and CRLF in one file: each ends one line."""
        header = "id,agency,obligation,filed_on"
        data = (header + "\nf1,a,o,2010-01-02\rf2,a,o,2010-01-03\r\nf3,a,o,2010-01-04").encode()
        for filings in both_ways(tmp_path, "filings.csv", data, read_filings):
            assert not isinstance(filings, Exception), filings
            assert [(f.id, f.line) for f in filings] == [("f1", 2), ("f2", 3), ("f3", 4)]

    def test_encoding_error_line_counts_carriage_returns(self, tmp_path: Path) -> None:
        """A Latin-1 byte on the third line of a CR-only file is reported on line 3."""
        header = b"id,agency,obligation,filed_on"
        data = header + b"\rf1,a,o,2010-01-02\rf2,\xe9,o,2010-01-03\r"
        path = tmp_path / "filings.csv"
        path.write_bytes(data)
        for source in (path, _named(io.BytesIO(data), "filings.csv")):
            with pytest.raises(InputError) as err:
                read_filings(source)
            (d,) = err.value.diagnostics
            # "f2," is 3 characters: the bad byte is the 4th character of line 3.
            assert d.code == "input/encoding"
            assert d.span is not None and (d.span.line, d.span.column) == (3, 4)

    def test_evaluation_diagnostic_after_a_separator(self, tmp_path: Path) -> None:
        """An unknown agency found by evaluate (the line is read again from the file) is
        quoted from its own line, though an earlier period cell holds a U+2028."""
        rules = xzjd.load(Path(__file__).parent.parent / "examples/yunnan-2010/rules.en.xzjd")
        registry = xzjd.read_agencies(
            Path(__file__).parent.parent / "examples/yunnan-2010/agencies.csv"
        )
        header = "id,agency,obligation,filed_on,period"
        data = (
            f"{header}\nf1,km-gov,bimonthly-report,2010-04-20,x\u2028y\n"
            "f2,km-go,bimonthly-report,2010-04-20,\n"
        ).encode()
        for filings in both_ways(tmp_path, "filings.csv", data, read_filings):
            assert not isinstance(filings, Exception), filings
            with pytest.raises(InputError) as err:
                evaluate(rules, registry, filings, on=dt.date(2010, 5, 1))
            found = {where(d) for d in err.value.diagnostics if d.code == "input/unknown-agency"}
            # "f2," is 3 characters: the agency starts at column 4 of line 3.
            assert found == {
                ("input/unknown-agency", 3, 4, "f2,km-go,bimonthly-report,2010-04-20,")
            }


class TestJsonLines:
    def test_positions_across_cr_and_u2028(self, tmp_path: Path) -> None:
        """CR line ends count, a U+2028 inside a string does not: the bad kind is on line 3."""
        data = (
            '[{"id": "a1", "name": "一\u2028二", "kind": "department", "level": "county",\r'
            '  "region": "云南省"},\r'
            ' {"id": "a2", "name": "二", "kind": "bureau", "level": "county", "region": "云南省"}]'
        ).encode()
        for result in both_ways(tmp_path, "agencies.json", data, xzjd.read_agencies):
            assert isinstance(result, InputError)
            (d,) = result.diagnostics
            # The key "kind" of the second object: ' {"id": "a2", "name": "二", ' is 27
            # characters, so the key's quote is at column 28 of line 3.
            assert d.code == "input/unknown-kind"
            assert d.span is not None and (d.span.line, d.span.column) == (3, 28)
            assert d.line_text is not None and d.line_text.startswith(' {"id": "a2"')


class TestOtherReaders:
    @pytest.mark.parametrize("char", ["\f", "\x1c", "\u2028"])
    def test_calendar_csv(self, tmp_path: Path, char: str) -> None:
        """A bad day type on line 3 is quoted from line 3 after a notice holding *char*."""
        path = tmp_path / "extra.csv"
        path.write_text(
            "date,type,holiday_zh,holiday_en,notice\n"
            f"2027-10-01,rest,国庆节,National Day,N{char}1\n"
            "2027-10-02,holiday,国庆节,National Day,N\n",
            encoding="utf-8",
        )
        with pytest.raises(InputError) as err:
            Calendar.from_file(path)
        (d,) = err.value.diagnostics
        # "2027-10-01," is 11 characters: the type starts at column 12.
        assert where(d) == (
            "calendar/bad-type",
            3,
            12,
            "2027-10-02,holiday,国庆节,National Day,N",
        )

    def test_calendar_csv_cr_only(self, tmp_path: Path) -> None:
        """A CR-only calendar file is read line by line like the others."""
        path = tmp_path / "extra.csv"
        path.write_bytes(
            b"date,type,holiday_zh,holiday_en,notice\r2027-10-01,rest,,,\r2027-10-02,holiday,,,\r"
        )
        with pytest.raises(InputError) as err:
            Calendar.from_file(path)
        assert where(err.value.diagnostics[0]) == (
            "calendar/bad-type",
            3,
            12,
            "2027-10-02,holiday,,,",
        )

    def test_calendar_csv_cell_too_long(self, tmp_path: Path) -> None:
        """A cell longer than the csv module takes is an error on its line, not a crash."""
        path = tmp_path / "extra.csv"
        path.write_text(
            "date,type,holiday_zh,holiday_en,notice\n2027-10-01,rest,,," + "n" * 200_000 + "\n",
            encoding="utf-8",
        )
        with pytest.raises(InputError) as err:
            Calendar.from_file(path)
        d = err.value.diagnostics[0]
        assert d.code == "calendar/bad-csv" and d.span is not None and d.span.line == 2

    @pytest.mark.parametrize("char", NOT_LINE_ENDS)
    def test_rules_file(self, tmp_path: Path, char: str) -> None:
        """A rules error on line 4 quotes line 4, with *char* in a comment on line 2; the same
        from a CR-only file."""
        text = (
            'ruleset "t"\n'
            f"# a comment with {char} in it\n"
            "effective 2010-01-22\n"
            "effective 2010-01-23\n"
        )
        for name, body in (("lf.xzjd", text), ("cr.xzjd", text.replace("\n", "\r"))):
            path = tmp_path / name
            path.write_bytes(body.encode())
            with pytest.raises(XzjdError) as err:
                xzjd.load(path)
            assert isinstance(err.value, InputError | xzjd.CheckError)
            (d,) = err.value.diagnostics
            assert where(d) == ("dup/line", 4, 1, "effective 2010-01-23")

    def test_rules_encoding_error_in_cr_only_file(self, tmp_path: Path) -> None:
        """A GBK byte on line 3 of a CR-only rules file is reported on line 3."""
        path = tmp_path / "r.xzjd"
        path.write_bytes(b'ruleset "t"\reffective 2010-01-22\r# \xb9\xfa\r')
        with pytest.raises(XzjdError) as err:
            xzjd.load(path)
        (d,) = err.value.diagnostics  # type: ignore[attr-defined]
        # "# " is 2 characters: the bad byte is the 3rd character of line 3.
        assert d.code == "file/encoding" and d.span is not None
        assert (d.span.line, d.span.column) == (3, 3)


class TestPathLineBlocks:
    """path_lines decodes a block of lines at a time; the lines are those of byte_lines."""

    @pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 16])
    def test_same_lines_at_any_block_size(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
    ) -> None:
        monkeypatch.setattr(files, "_CHUNK", chunk)
        pieces = ["a", "\r", "\n", "\r\n", "中", ",", *NOT_LINE_ENDS]
        rnd = random.Random(chunk)
        for trial in range(150):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(40)))
            data = (b"\xef\xbb\xbf" if trial % 5 == 0 else b"") + text.encode("utf-8")
            path = tmp_path / "lines.csv"
            path.write_bytes(data)
            want = [line.decode("utf-8") for line in byte_lines(io.BytesIO(data))]
            if want and want[0].startswith("\ufeff"):
                want[0] = want[0][1:]  # the BOM is dropped, as path_lines always did
            assert list(files.path_lines(str(path))) == want, (data, chunk)

    def test_encoding_error_at_its_line_across_blocks(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(files, "_CHUNK", 4)
        path = tmp_path / "bad.csv"
        path.write_bytes(b"ab\ncd\r\nef\xffg\nh\n")
        with pytest.raises(InputError) as info:
            list(files.path_lines(str(path)))
        (d,) = info.value.diagnostics
        # Lines "ab", "cd", then "ef\xffg": the bad byte is line 3, column 3.
        assert d.span is not None and (d.span.line, d.span.column) == (3, 3)
