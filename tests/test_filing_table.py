"""read_filings as columns (facts/column_reading.py, facts/filing_table.py): the same filings,
positions and diagnostics as the row-by-row reader it replaced, and a FilingTable that behaves
as the tuple it used to return."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from bench import generate

import xzjd
from test_input_formats import write_gbk, write_xlsx
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.cells import ID, OBLIGATION_ID, check_unique, parse_date, require
from xzjd.facts.columns import NONE, STATUS_ORDER, columns_of
from xzjd.facts.files import Source
from xzjd.facts.rows import Row
from xzjd.facts.table_reader import read_rows
from xzjd.facts.tables import Filing, FilingStatus, FilingTable, read_events, read_filings
from xzjd.vocab import FILING_STATUS_SPELLINGS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
HEADER = "id,agency,obligation,filed_on,period,recipient,status\n"
DUPLICATE = "duplicate filing id '{ident}' (first on line {first})"


# --------------------------------------------------------------------------- the old reader


def row_by_row(source: Source) -> tuple[Filing, ...]:
    """The reader read_filings replaced, as it was: one Filing a row, checked a row at a time.

    Kept here as the reference the columnar reader must agree with, record for record and
    diagnostic for diagnostic."""
    diags: list[Diagnostic] = []
    origin, rows = read_rows(
        source,
        required=("id", "agency", "obligation", "filed_on"),
        optional=("period", "recipient", "status"),
        what="filings",
        diags=diags,
    )
    out: list[Filing] = []
    seen: dict[str, int] = {}
    for row in rows:
        before = len(diags)
        ident = require(row, "id", diags, ident=True)
        agency = _ident(row, "agency", diags)
        obligation = _ident(row, "obligation", diags, OBLIGATION_ID)
        filed_on = parse_date(row, "filed_on", diags)
        recipient = row.values.get("recipient")
        if recipient is not None:
            recipient = _ident(row, "recipient", diags)
        status = FilingStatus.ACCEPTED
        status_text = row.values.get("status")
        if status_text is not None:
            found = FILING_STATUS_SPELLINGS.get(status_text.lower())
            if found is None:
                diags.append(row.diagnostic("input/bad-status", "status", status_text=status_text))
            else:
                status = found
        if ident is not None:
            check_unique(seen, ident, row, "filing", diags)
        if len(diags) > before:
            continue
        assert ident and agency and obligation and filed_on
        out.append(
            Filing(
                id=ident,
                agency=agency,
                obligation=obligation,
                filed_on=filed_on,
                period=row.values.get("period"),
                recipient=recipient,
                status=status,
                line=row.line,
                origin=origin,
                json_spans=row.json_spans,
            )
        )
    if diags:
        raise InputError(diags)
    return tuple(out)


def _ident(
    row: Row, column: str, diags: list[Diagnostic], pattern: re.Pattern[str] = ID
) -> str | None:
    value = row.values.get(column)
    if value is not None and pattern.fullmatch(value):
        return value
    return require(row, column, diags, ident=True, pattern=pattern)


def same_filings(path: Path) -> FilingTable:
    """read_filings(path), checked against the old reader: equal, with equal positions."""
    table = read_filings(path)
    old = row_by_row(path)
    assert table == old and old == table
    assert len(table) == len(old)
    for new, was in zip(table, old, strict=True):
        assert (new.line, new.file, new.line_text) == (was.line, was.file, was.line_text)
        for column in ("id", "agency", "filed_on", "status"):
            assert new.span_of(column) == was.span_of(column)
            assert new.place_of(column) == was.place_of(column)
    return table


def problems(source: Source, reader: object = read_filings) -> list[Diagnostic]:
    with pytest.raises(InputError) as caught:
        reader(source)  # type: ignore[operator]
    return list(caught.value.diagnostics)


# --------------------------------------------------------------------------- same filings


@pytest.mark.parametrize(
    "path",
    sorted(EXAMPLES.glob("*/filings.*")),
    ids=lambda p: p.relative_to(EXAMPLES).as_posix(),
)
def test_every_example_reads_as_before(path: Path) -> None:
    assert len(same_filings(path)) > 0


@pytest.mark.parametrize("form", ["gbk", "xlsx", "json"])
def test_other_forms_read_as_before(form: str, tmp_path: Path) -> None:
    source = EXAMPLES / "yunnan-2010" / "filings.csv"
    if form == "gbk":
        made = write_gbk(source, tmp_path / "filings.csv", "filings")
        assert same_filings(made) == read_filings(source)
    elif form == "xlsx":
        made = write_xlsx(source, tmp_path / "filings.xlsx", "filings")
        assert same_filings(made) == read_filings(source)
    else:
        filings = read_filings(source)
        records = [
            {"id": f.id, "agency": f.agency, "obligation": f.obligation}
            | {"filed_on": f.filed_on.isoformat(), "status": f.status.value}
            | ({"period": f.period} if f.period else {})
            | ({"recipient": f.recipient} if f.recipient else {})
            for f in filings
        ]
        made = tmp_path / "filings.json"
        made.write_text(xzjd_json(records), encoding="utf-8")
        table = same_filings(made)
        assert table == filings
        assert table[3].span_of("agency") is not None  # a JSON key's span, kept per record
        (third,) = table.taken(np.array([3], np.int64))
        assert third.span_of("agency") == table[3].span_of("agency")


def xzjd_json(records: list[dict[str, str]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1)


@pytest.mark.slow  # generates a registry of 300 agencies: ~2 s
def test_bench_data_reads_as_before(tmp_path: Path) -> None:
    rules = xzjd.load(EXAMPLES / "yunnan-2010" / "rules.zh.xzjd")
    info = generate.generate(rules, tmp_path, agencies=300, seed=5)
    table = same_filings(Path(info["filings"]))
    assert len(table) > 4000  # several blocks of the fast path
    assert read_events(info["events"]) == tuple(read_events(info["events"]))


def test_cells_the_fast_path_does_not_take(tmp_path: Path) -> None:
    """Quoted cells, spaces around cells, blank lines, CRLF line ends, Chinese statuses and
    other date spellings read as the row reader reads them."""
    good = [f"f{i:05d},a{i % 7},o{i % 3},2010-0{1 + i % 9}-1{i % 10},,,\n" for i in range(9000)]
    odd = [
        '"f90001","a1",o1,2010-03-01,"2010-Q1",,accepted\n',
        "\n",
        " f90002 , a2 ,o1, 2010-03-02 ,,, 退回 \n",
        "f90003,a3,o2,2010/3/3,,b1,WAIVED\n",
        "f90004,a3,o2,2010年3月4日,,,\n",
    ]
    text = HEADER + "".join(good[:4000] + odd + good[4000:])
    path = tmp_path / "filings.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    table = same_filings(path)
    f = table[4001]
    assert (f.id, f.agency, f.filed_on, f.status) == (
        "f90002",
        "a2",
        dt.date(2010, 3, 2),
        FilingStatus.RETURNED,
    )
    # line 1 the header, 4000 good rows on lines 2-4001, then the odd rows from line 4002
    assert [g.line for g in table[4000:4004]] == [4002, 4004, 4005, 4006]


# --------------------------------------------------------------------------- same errors


def _big_file(tmp_path: Path, bad: dict[int, str]) -> Path:
    """20,000 good filings, line i + 2 the i-th, some lines replaced by *bad* (by line)."""
    lines = [HEADER]
    for i in range(20_000):
        lines.append(f"F{i:06d},ag-{i % 500},report,2010-{1 + i % 12:02d}-15,,,\n")
    for line, text in bad.items():
        lines[line - 1] = text
    path = tmp_path / "filings.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_bad_rows_in_the_middle_of_a_large_file(tmp_path: Path) -> None:
    path = _big_file(
        tmp_path,
        {
            # line 10,001: a month 13
            10_001: "F009999,ag-1,report,2010-13-15,,,\n",
            # line 12,002: the id of line 2 again (and nothing else wrong)
            12_002: "F000000,ag-3,report,2010-02-15,,,\n",
            # line 15,000: an unknown status, and the id of line 7 again
            15_000: "F000005,ag-3,report,2010-02-15,,,maybe\n",
            # line 17,500: one cell too few
            17_500: "F017498,ag-3,report,2010-02-15,,\n",
        },
    )
    found = problems(path)
    assert found == problems(path, row_by_row)
    shown = [(d.code, d.span.line, d.span.column) for d in found if d.span is not None]
    # Columns worked out by hand: "F009999,ag-1,report," is 20 characters, so the date starts
    # at column 21; an id starts at column 1; "F000005,ag-3,report,2010-02-15,,," is 33
    # characters, so the status starts at 34; a bad row's span starts at its first column.
    assert shown == [
        ("input/bad-date", 10_001, 21),
        ("input/duplicate-id", 12_002, 1),
        ("input/bad-status", 15_000, 34),
        ("input/duplicate-id", 15_000, 1),
        ("input/csv", 17_500, 1),
    ]
    assert found[1].message == DUPLICATE.format(ident="F000000", first=2)
    assert found[1].line_text == "F000000,ag-3,report,2010-02-15,,,"


def test_a_duplicate_alone_in_a_large_file(tmp_path: Path) -> None:
    """A good file but for one repeated id: found by the hashes, quoted from the file."""
    path = _big_file(tmp_path, {19_000: "F000100,ag-9,report,2010-05-15,,,\n"})
    found = problems(path)
    assert found == problems(path, row_by_row)
    (only,) = found
    assert only.code == "input/duplicate-id" and only.span is not None
    assert (only.span.line, only.span.column, only.span.end_column) == (19_000, 1, 8)
    # F000100 is the 101st filing, on line 102
    assert only.message == DUPLICATE.format(ident="F000100", first=102)


def test_unordered_ids_with_duplicates_in_memory() -> None:
    rows = ["b,a,o,2010-01-01", "a,a,o,2010-01-02", "c,a,o,2010-01-03", "a,a,o,2010-01-04"]
    text = "id,agency,obligation,filed_on\n" + "\n".join(rows) + "\n"
    found = problems(io.StringIO(text))
    assert found == problems(io.StringIO(text), row_by_row)
    assert [d.span.line for d in found if d.span] == [5]


# --------------------------------------------------------------------------- the table


@pytest.fixture(scope="module")
def yunnan() -> tuple[FilingTable, tuple[Filing, ...]]:
    path = EXAMPLES / "yunnan-2010" / "filings.csv"
    return read_filings(path), row_by_row(path)


def test_sequence_behaviour(yunnan: tuple[FilingTable, tuple[Filing, ...]]) -> None:
    table, old = yunnan
    n = len(old)
    assert table[0] == old[0] and table[-1] == old[-1] and table[n - 1] == old[n - 1]
    with pytest.raises(IndexError):
        table[n]
    with pytest.raises(IndexError):
        table[-n - 1]
    assert table[2:9] == old[2:9]
    assert table[::3] == old[::3] and table[::-1] == old[::-1]
    assert list(table[5:1]) == []
    assert list(reversed(table)) == list(reversed(old))
    assert table == list(old) and table != old[1:] and table != "text"
    assert hash(table) == hash(old)
    assert table.index(old[4]) == 4 and old[4] in table
    assert list(table.ids) == [f.id for f in old]
    assert table[::2].ids[1] == old[2].id


def test_columns_are_the_filings(yunnan: tuple[FilingTable, tuple[Filing, ...]]) -> None:
    table, old = yunnan
    c = columns_of(table)
    assert c is table.columns and len(c) == len(old)
    for i, f in enumerate(old):
        assert c.agencies[c.agency[i]] == f.agency
        assert c.obligations[c.obligation[i]] == f.obligation
        assert dt.date.fromordinal(int(c.filed_on[i])) == f.filed_on
        p, r = int(c.period[i]), int(c.recipient[i])
        assert (None if p == NONE else c.periods[p]) == f.period
        assert (None if r == NONE else c.recipients[r]) == f.recipient
        assert STATUS_ORDER[c.status[i]] is f.status
        assert c.line[i] == f.line
    part = table[10:20].columns
    assert list(part.line) == [f.line for f in old[10:20]]


def test_taken_are_the_filings(yunnan: tuple[FilingTable, tuple[Filing, ...]]) -> None:
    """FilingTable.taken (the filings of the blocks the evaluation walks) makes the filings
    at any positions, out of order and repeated, as the row-by-row reader read them."""
    table, old = yunnan
    positions = np.array([7, 0, len(old) - 1, 7, 3], np.int64)
    taken = table.taken(positions)
    assert taken == [old[p] for p in positions.tolist()]
    assert [(f.line, f.line_text) for f in taken] == [
        (old[p].line, old[p].line_text) for p in positions.tolist()
    ]
    assert taken[1].span_of("agency") == old[0].span_of("agency")
    every_other = table[::2]  # its ids are not one dense text
    assert every_other.taken(np.array([2, 1], np.int64)) == [old[4], old[2]]
    assert table.taken(np.zeros(0, np.int64)) == []


def test_memory_held_per_filing(tmp_path: Path) -> None:
    """The table holds columns, not objects: well under the ~220 bytes a filing the tuple of
    Filing objects held."""
    path = _big_file(tmp_path, {})
    tracemalloc.start()
    try:
        table = read_filings(path)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table) == 20_000
    assert held / len(table) < 80
