# SPDX-License-Identifier: MIT
"""Filings and events files: CSV and JSON, and precise errors for bad rows."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import IO

import pytest

from xzjd.errors import Diagnostic, InputError
from xzjd.facts.tables import FilingStatus, read_events, read_filings, text_source

HEADER = "id,agency,obligation,filed_on,period,recipient,status\n"


def _filing_error(text: str, name: str = "filings.csv") -> InputError:
    with pytest.raises(InputError) as info:
        read_filings(text_source(text, name))
    return info.value


def _at(d: Diagnostic) -> tuple[str, int, int]:
    assert d.span is not None
    return d.file, d.span.line, d.span.column


class TestFilings:
    def test_defaults(self) -> None:
        """Empty period, recipient and status mean: earliest period, every recipient, accepted."""
        (f,) = read_filings(text_source(HEADER + "f1,km-gov,bimonthly-report,2010-04-28,,,\n"))
        assert f.filed_on == dt.date(2010, 4, 28)
        assert (f.period, f.recipient, f.status) == (None, None, FilingStatus.ACCEPTED)

    def test_optional_columns_may_be_left_out(self) -> None:
        """A header with only the four required columns is fine."""
        text = "id,agency,obligation,filed_on\nf1,a,o,2010-01-02\n"
        assert read_filings(text_source(text))[0].status is FilingStatus.ACCEPTED

    def test_statuses_in_both_languages(self) -> None:
        """accepted/returned/waived and their Chinese spellings."""
        text = HEADER + "f1,a,o,2010-01-02,,,退回\nf2,a,o,2010-01-03,,,waived\n"
        assert [f.status for f in read_filings(text_source(text))] == [
            FilingStatus.RETURNED,
            FilingStatus.WAIVED,
        ]

    def test_quoted_cells(self) -> None:
        """A quoted cell may hold a comma and a doubled quote."""
        text = HEADER + 'f1,a,o,2010-01-02,"2010-B1",,"accepted"\n'
        assert read_filings(text_source(text))[0].period == "2010-B1"

    def test_json(self) -> None:
        """A JSON array of objects with the same keys; null means empty."""
        text = '[{"id": "f1", "agency": "a", "obligation": "o", "filed_on": "2010-01-02",'
        text += ' "period": null, "status": "returned"}]'
        (f,) = read_filings(text_source(text, "filings.json"))
        assert (f.period, f.status) == (None, FilingStatus.RETURNED)

    def test_path(self, tmp_path: Path) -> None:
        """A path to a CSV file reads like text; the path is the file name in errors."""
        path = tmp_path / "filings.csv"
        path.write_text(HEADER + "f1,a,o,2010-13-01,,,\n", encoding="utf-8")
        with pytest.raises(InputError) as info:
            read_filings(path)
        assert info.value.diagnostics[0].file == str(path)


class TestFilingErrors:
    def test_bad_date(self) -> None:
        """A bad date names file, line and column of the cell, with a hint."""
        d = _filing_error(HEADER + "f1,km-gov,o,2010-02-30,,,\n").diagnostics[0]
        assert d.code == "input/bad-date"
        # "f1,km-gov,o," is 12 characters: the date starts in column 13.
        assert _at(d) == ("filings.csv", 2, 13)
        assert d.hint and "YYYY-MM-DD" in d.hint

    def test_date_in_another_format(self) -> None:
        """A day-first date is refused (30/04/2010 reads two ways); year-first spellings
        other than ISO are read (tests/test_input_formats.py)."""
        assert _filing_error(HEADER + "f1,a,o,30/04/2010,,,\n").code == "input/bad-date"

    def test_bad_status(self) -> None:
        """An unknown status is an error at its cell."""
        d = _filing_error(HEADER + "f1,a,o,2010-04-30,,,done\n").diagnostics[0]
        assert d.code == "input/bad-status"
        assert _at(d)[1:] == (2, len("f1,a,o,2010-04-30,,,") + 1)

    def test_duplicate_id(self) -> None:
        """A repeated filing id is an error on the second line."""
        d = _filing_error(HEADER + "f1,a,o,2010-04-30,,,\nf1,a,o,2010-05-30,,,\n").diagnostics[0]
        assert d.code == "input/duplicate-id"
        assert _at(d)[1:] == (3, 1)

    def test_wrong_header(self) -> None:
        """A misspelt column is an error on line 1."""
        d = _filing_error("id,agency,obligation,filed\n").diagnostics[0]
        assert d.code == "input/header"
        assert _at(d)[1] == 1

    def test_wrong_number_of_cells(self) -> None:
        """A row with too few cells says how many were expected."""
        d = _filing_error(HEADER + "f1,a,o\n").diagnostics[0]
        assert d.code == "input/csv"
        assert "expected 7 cells, found 3" in d.message

    def test_unterminated_quote(self) -> None:
        """A quote that is not closed on its line is an error, not a silent merge of lines."""
        assert _filing_error(HEADER + 'f1,a,"o,2010-04-30,,,\n').code == "input/csv"

    def test_empty_required_cell(self) -> None:
        """An empty agency is an error at its cell."""
        d = _filing_error(HEADER + "f1,,o,2010-04-30,,,\n").diagnostics[0]
        assert d.code == "input/missing"
        assert _at(d)[1:] == (2, 4)

    def test_json_syntax_error(self) -> None:
        """Broken JSON names the line and column where parsing stopped."""
        text = '[\n  {"id": "f1", "agency": "a" "obligation": "o"}\n]'
        d = _filing_error(text, "filings.json").diagnostics[0]
        assert d.code == "input/json"
        assert _at(d)[1] == 2

    def test_json_non_string_date(self) -> None:
        """A number where a date is expected is refused with a hint to quote it."""
        text = '[{"id": "f1", "agency": "a", "obligation": "o", "filed_on": 20100430}]'
        d = _filing_error(text, "filings.json").diagnostics[0]
        assert d.code == "input/json"
        assert "filed_on" in d.message

    def test_json_missing_key(self) -> None:
        """An object without filed_on is refused."""
        text = '[{"id": "f1", "agency": "a", "obligation": "o"}]'
        assert _filing_error(text, "filings.json").code == "input/header"

    def test_not_utf8(self) -> None:
        """A Latin-1 file is an encoding error."""
        with pytest.raises(InputError) as info:
            read_filings(text_source_bytes((HEADER + "f1,a,é,2010-04-30,,,\n").encode("latin-1")))
        assert info.value.code == "input/encoding"

    def test_empty_file(self) -> None:
        """An empty file is an error, not an empty list."""
        assert _filing_error("").code == "input/empty"


class _NamedBytes(io.BytesIO):
    name = "filings.csv"


def text_source_bytes(data: bytes) -> IO[bytes]:
    """An open binary file named filings.csv."""
    return _NamedBytes(data)


class TestEvents:
    def test_read(self) -> None:
        """Events have an id, agency, event name (Chinese allowed) and date."""
        text = "id,agency,event,date\nev1,ws-gov,发现问题,2010-05-20\n"
        (e,) = read_events(text_source(text, "events.csv"))
        assert (e.id, e.agency, e.event, e.date) == (
            "ev1",
            "ws-gov",
            "发现问题",
            dt.date(2010, 5, 20),
        )

    def test_bad_date(self) -> None:
        """A bad event date is an error at its cell."""
        with pytest.raises(InputError) as info:
            read_events(text_source("id,agency,event,date\nev1,a,finding,May 20\n", "events.csv"))
        d = info.value.diagnostics[0]
        assert d.code == "input/bad-date"
        assert _at(d) == ("events.csv", 2, len("ev1,a,finding,") + 1)
