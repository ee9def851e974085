"""The byte path of read_filings and read_events (facts/byte_columns.py): blocks of a file
read as bytes give the filings, positions and diagnostics of the row-by-row reader.

A file is read 64 KB at a time and its first block always as text; here the blocks are made
a few hundred bytes so that small files go through the byte path many times over, and the
number of blocks it took is counted, so that no test passes by leaving it unused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from bench import generate

import xzjd
from test_filing_table import HEADER, problems, row_by_row, same_filings
from xzjd.facts import column_reading, files
from xzjd.facts.byte_columns import ByteCodes, grid
from xzjd.facts.tables import FilingStatus, read_events

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Small blocks; the list of the line counts of the blocks the byte path read."""
    monkeypatch.setattr(files, "_CHUNK", 300)
    monkeypatch.setattr(column_reading, "_GROUP", 900)
    read = column_reading._Reading.read_bytes
    counts: list[int] = []

    def counted(self: column_reading._Reading, raw: bytes, count: int, *args: object) -> bool:
        took = read(self, raw, count, *args)  # type: ignore[arg-type]
        if took:
            counts.append(count)
        return took

    monkeypatch.setattr(column_reading._Reading, "read_bytes", counted)
    yield counts


def _rows(n: int, start: int = 0) -> list[str]:
    return [
        f"F{i:05d},ag-{i % 37},report-{i % 3},2010-{1 + i % 12:02d}-{1 + i % 28:02d},"
        f"{'' if i % 4 else '2010-Q1'},{'' if i % 5 else f'ag-{i % 11}'},"
        f"{('', 'accepted', 'returned', 'waived')[i % 4]}\n"
        for i in range(start, start + n)
    ]


def _write(path: Path, lines: list[str], *, encoding: str = "utf-8") -> Path:
    path.write_bytes((HEADER + "".join(lines)).encode(encoding))
    return path


def test_good_file_through_the_byte_path(tmp_path: Path, taken: list[int]) -> None:
    table = same_filings(_write(tmp_path / "filings.csv", _rows(2000)))
    assert sum(taken) > 1800  # all but the first block of ~300 bytes
    f = table[1999]
    # row 1999: ag-(1999 % 37 = 1), report-(1999 % 3 = 1), month 1 + 1999 % 12 = 8,
    # day 1 + 1999 % 28 = 12, 1999 % 4 = 3: no period and status waived; 1999 % 5 = 4: no
    # recipient; line 2001 (the header is line 1)
    assert (f.id, f.agency, f.obligation, f.filed_on, f.period, f.recipient, f.status) == (
        "F01999",
        "ag-1",
        "report-1",
        dt.date(2010, 8, 12),
        None,
        None,
        FilingStatus.WAIVED,
    )
    assert f.line == 2001
    assert table.columns.line[-1] == 2001


def test_last_line_without_line_break(tmp_path: Path, taken: list[int]) -> None:
    lines = _rows(500)
    lines[-1] = lines[-1].rstrip("\n")
    table = same_filings(_write(tmp_path / "filings.csv", lines))
    assert len(table) == 500 and taken


def test_odd_cells_between_good_blocks(tmp_path: Path, taken: list[int]) -> None:
    """Each odd line makes its block go back to text; the others stay on the byte path."""
    odd = [
        '"F90001",ag-1,report-1,2010-03-01,"2010-Q1",,accepted\n',
        "\n",
        " F90002 , ag-2 ,report-1, 2010-03-02 ,,, 退回 \n",
        "F90003,ag-3,report-2,2010/3/3,,ag-4,WAIVED\n",
        "F90004,ag-3,report-2,2010年3月4日,,,\n",
        "F90005,机关-甲,report-2,2010-03-05,第一季度,,\n",
        "F90006,ag-3,report-2,2010-03-06,," + "r" * 70 + ",\n",
        "F90007,ag-3,report-2,2010-03-07,\x00,,\n",
        "F90008, ag-3\u3000,report-2,2010-03-08,,,\n",
    ]
    lines = _rows(600)
    for at, text in enumerate(odd):
        lines.insert(60 + 60 * at, text)
    table = same_filings(_write(tmp_path / "filings.csv", lines))
    assert len(table) == 608 and sum(taken) > 200  # 600 good rows, 8 odd ones, a blank line
    assert {f.agency for f in table if f.id.startswith("F9")} == {"ag-1", "ag-2", "ag-3", "机关-甲"}


def test_crlf_file_reads_as_text(tmp_path: Path, taken: list[int]) -> None:
    path = tmp_path / "filings.csv"
    path.write_bytes((HEADER + "".join(_rows(400))).replace("\n", "\r\n").encode())
    assert len(same_filings(path)) == 400
    assert taken == []  # every block has a carriage return


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_chinese_cells(tmp_path: Path, taken: list[int], encoding: str) -> None:
    """Chinese agency ids, periods and statuses in UTF-8 and in GB18030: cells cut at the
    commas of the bytes are the cells of the text."""
    lines = [
        f"F{i:05d},云南省监察厅-{i % 9},report,2010-03-{1 + i % 28:02d},第{i % 4}季度,,"
        f"{('', '受理', '退回')[i % 3]}\n"
        for i in range(800)
    ]
    table = same_filings(_write(tmp_path / "filings.csv", lines, encoding=encoding))
    assert sum(taken) > 600
    # row 799: 799 % 9 = 7, 799 % 4 = 3, 799 % 3 = 1: 受理 (accepted)
    f = table[799]
    assert (f.agency, f.period, f.status) == ("云南省监察厅-7", "第3季度", FilingStatus.ACCEPTED)


def test_ids_out_of_order_and_repeated(tmp_path: Path, taken: list[int]) -> None:
    lines = _rows(900)
    lines[500], lines[100] = lines[100], lines[500]
    assert len(same_filings(_write(tmp_path / "a.csv", lines))) == 900
    lines[700] = lines[300]  # the id of line 302 again on line 702
    path = _write(tmp_path / "b.csv", lines)
    found = problems(path)
    assert found == problems(path, row_by_row)
    assert [(d.code, d.span.line if d.span else 0) for d in found] == [("input/duplicate-id", 702)]
    assert taken


def test_bad_cells_give_the_row_readers_diagnostics(tmp_path: Path, taken: list[int]) -> None:
    lines = _rows(1200)
    lines[200] = "F00200,ag-1,report-1,2010-02-30,,,\n"  # no 30 February
    lines[500] = "F00500,ag 1,report-1,2010-02-03,,,\n"  # a space inside an id
    lines[800] = "F00800,ag-1,,2010-02-03,,,\n"  # no obligation
    lines[1100] = "F01100,ag-1,report-1,2010-02-03,,,maybe\n"
    path = _write(tmp_path / "filings.csv", lines)
    found = problems(path)
    assert found == problems(path, row_by_row)
    # the filing of index i is on line i + 2
    assert [(d.code, d.span.line if d.span else 0) for d in found] == [
        ("input/bad-date", 202),
        ("input/bad-id", 502),
        ("input/missing", 802),
        ("input/bad-status", 1102),
    ]
    assert taken


def test_bench_data_and_events(tmp_path: Path, taken: list[int]) -> None:
    rules = xzjd.load(ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd")
    info = generate.generate(rules, tmp_path, agencies=200, seed=3)
    same_filings(Path(info["filings"]))
    events = read_events(info["events"])
    assert events == tuple(read_events(open(info["events"], encoding="utf-8")))  # noqa: SIM115
    assert sum(taken) > 2000


def test_grid_refuses_blocks_of_another_kind() -> None:
    assert grid(b"a,b\nc,d\n", 2) is not None
    assert grid(b"a,b\nc,d,e\n", 2) is None  # five cells where four are wanted
    assert grid(b"a,b,c\nd\n", 2) is None  # four cells, but three on one line
    assert grid(b'a,"b"\n', 2) is None
    assert grid(b"a,b\r\n", 2) is None
    assert grid(b"a,\x00\n", 2) is None


def test_codes_are_exact_whatever_the_hash() -> None:
    """Cells of every length up to 64 bytes, many distinct, coded in several blocks: each
    code is the code of its text, as a dictionary gives it."""
    rng = np.random.default_rng(7)
    texts = ["x" * int(n) + str(i) for i, n in enumerate(rng.integers(0, 60, 3000))]
    seen: dict[str, int] = {}
    table = ByteCodes(lambda cells: [seen.setdefault(t, len(seen)) for t in cells])
    for _ in range(4):
        picked = [texts[int(i)] for i in rng.integers(0, len(texts), 5000)]
        g = grid("".join(f"{t},-\n" for t in picked).encode(), 2)
        assert g is not None
        codes = table.codes(g, 0, "utf-8")
        assert codes is not None
        assert codes.tolist() == [seen[t] for t in picked]


@pytest.mark.parametrize(
    "cells",
    [
        ["a", "b-1", "机关"],  # all good and new: coded in bulk
        ["a", " b", "c"],  # spaces around a cell: one at a time, " b" coded as "b"
        ["a", "", "c"],  # an empty cell: one at a time
        ["a", "b c", "d"],  # not an id
        ["x", "a", "y"],  # "a" known already
    ],
)
def test_texts_code_new_cells_in_bulk_as_one_at_a_time(cells: list[str]) -> None:
    from xzjd.facts.cells import ID
    from xzjd.facts.column_coders import Texts

    bulk, single = Texts(pattern=ID), Texts(pattern=ID)
    for coder in (bulk, single):
        coder.code("a")
        coder.code("b")
    assert bulk.raw_codes(cells) == [single.raw_code(cell) for cell in cells]
    assert bulk.texts == single.texts and bulk.codes == single.codes


def test_a_collision_of_hashes_never_gives_a_wrong_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a hash that sees only the first 8 bytes, "abcdefgh" and "abcdefghX" collide:
    a block is then refused (read as text), never coded as the other text."""
    from xzjd.facts import byte_columns

    monkeypatch.setattr(byte_columns, "_hash", lambda words: words[0] * np.uint64(3))
    seen: dict[str, int] = {}
    table = ByteCodes(lambda cells: [seen.setdefault(t, len(seen)) for t in cells])

    def codes(*cells: str) -> list[int] | None:
        g = grid("".join(f"{c},-\n" for c in cells).encode(), 2)
        assert g is not None
        found = table.codes(g, 0, "utf-8")
        return None if found is None else found.tolist()

    assert codes("abcdefghX", "abcdefghX") == [0, 0]
    assert codes("abcdefgh") is None  # a shorter key, the longer one's first word
    assert codes("abcdefghY") is None  # the same length, another second word
    assert codes("abcdefghX", "zz") == [0, 1]


@pytest.mark.parametrize("ordered", [False, True])
def test_ids_of_different_lengths(tmp_path: Path, taken: list[int], ordered: bool) -> None:
    """f0, f1, ... f999: "f10" sorts before "f2", so in number order they do not ascend; in
    text order they do (a prefix first: "f1" < "f10" < "f100")."""
    ids = [f"f{i}" for i in range(1000)]
    if ordered:
        ids.sort()
    lines = [f"{ident},ag-1,report,2010-03-01,,,\n" for ident in ids]
    table = same_filings(_write(tmp_path / "filings.csv", lines))
    assert list(table.ids) == ids and sum(taken) > 800
    lines[900] = lines[10]  # a repeated id: found whichever the order
    path = _write(tmp_path / "bad.csv", lines)
    assert [(d.code, d.span.line if d.span else 0) for d in problems(path)] == [
        ("input/duplicate-id", 902)
    ]
