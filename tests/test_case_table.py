# SPDX-License-Identifier: MIT
"""Case events files read into columns (xzjd.facts.case_table.CaseList): the same cases, rows,
positions and errors as the row-by-row reading, and columns equal to the encoded cases."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from xzjd.errors import InputError
from xzjd.facts.case_columns import case_columns_of
from xzjd.facts.case_records import Case
from xzjd.facts.case_table import CaseList
from xzjd.facts.cases import iter_cases, read_cases

HEADER = "case,agency,obligation,event,date,note\n"
GOOD = (
    "A1,km-gov,许可,收到申请,2025-04-25,\n"
    "A1,km-gov,许可,暂停,2025-05-06,专家评审\n"
    "A1,km-gov,许可,办结,2025-05-20,\n"
    "B2,昆明市政务服务局,公开,收到申请,2025-05-06,\n"
    "B2,昆明市政务服务局,公开,办结,2025-05-06,局长批准\n"
    "C3,km-gov,公开,收到申请,2025-05-07,\n"
)


def _rows(cases: object) -> list[tuple[object, ...]]:
    """Every row with its position: what equality of records leaves out."""
    assert isinstance(cases, (tuple, CaseList))
    return [
        (*row[:7], row.json_spans, row.file, row.line_text) for case in cases for row in case.rows
    ]


def _same(path: Path, encoding: str | None = None) -> CaseList:
    """Read *path* both ways; assert the same cases, rows, lines and columns."""
    columnar = read_cases(path, encoding=encoding)
    rows = tuple(iter_cases(path, encoding=encoding))
    assert isinstance(columnar, CaseList)
    assert columnar == rows and rows == columnar
    assert list(columnar) == list(rows)
    assert _rows(columnar) == _rows(rows)
    some = [*range(len(rows) - 1, -1, -2), 0]  # backwards, every other, one twice
    taken = tuple(columnar.taken(some))
    assert taken == tuple(rows[i] for i in some)
    assert _rows(taken) == _rows(tuple(rows[i] for i in some))
    assert [columnar[i] for i in some] == list(taken)
    made, encoded = columnar.columns, case_columns_of(rows)
    for name in ("agency", "obligation", "offsets", "event", "date"):
        assert np.array_equal(getattr(made, name), getattr(encoded, name)), name
    for name in ("agencies", "obligations", "events"):
        assert getattr(made, name) == getattr(encoded, name), name
    return columnar


def _errors(path: Path, encoding: str | None = None) -> list[tuple[object, ...]]:
    with pytest.raises(InputError) as info:
        read_cases(path, encoding=encoding)
    with pytest.raises(InputError) as again:
        tuple(iter_cases(path, encoding=encoding))
    found = [
        (d.code, d.file, d.span, d.message, d.message_zh, d.hint) for d in info.value.diagnostics
    ]
    assert found == [
        (d.code, d.file, d.span, d.message, d.message_zh, d.hint) for d in again.value.diagnostics
    ]
    return found


@pytest.fixture(params=[1, 2, 4, 512])
def piece(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Blocks of every size: cases begin, end and run across the blocks."""
    size: int = request.param
    monkeypatch.setattr("xzjd.facts.case_reading._PIECE", size)
    return size


def test_good_file(tmp_path: Path, piece: int) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    cases = _same(path)
    assert len(cases) == 3
    # Written above: A1 has 3 rows from line 2, B2 two from line 5, C3 one on line 7.
    assert [(c.id, len(c.rows), c.rows[0].line) for c in cases] == [
        ("A1", 3, 2),
        ("B2", 2, 5),
        ("C3", 1, 7),
    ]
    assert cases[1].rows[1].note == "局长批准" and cases[0].rows[0].note is None
    assert cases[0].rows[1].date == dt.date(2025, 5, 6)
    assert cases[-1] == cases[2] and cases[1:] == (cases[1], cases[2])
    assert cases.head(1) == ("B2", "昆明市政务服务局", "公开")
    with pytest.raises(IndexError):
        cases[3]


def test_tricky_but_good(tmp_path: Path, piece: int) -> None:
    """A BOM, CRLF line ends, quoted cells, spaces around a note, a blank line: the row
    path takes those lines, the columns the rest, and the cases are the same."""
    text = (
        "\ufeff"
        + HEADER.replace("\n", "\r\n")
        + GOOD.replace("\n", "\r\n", 2)
        + '"D4",km-gov,许可,收到申请,2025-06-02," a, b "\n'
        + "\n"
        + "D4,km-gov,许可,办结,2025-06-03,  \n"
        + "E5,km-gov,许可,收到申请,2025-06-04,专家评审\n"
    )
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8", newline="")
    cases = _same(path)
    assert [c.id for c in cases] == ["A1", "B2", "C3", "D4", "E5"]


def test_no_note_column(tmp_path: Path, piece: int) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "date,event,case,obligation,agency\n"
        "2025-01-02,收到申请,X,许可,km-gov\n"
        "2025-01-03,办结,X,许可,km-gov\n"
        "2025-01-03,收到申请,Y,许可,km-gov\n",
        encoding="utf-8",
    )
    cases = _same(path)
    assert [[r.note for r in c.rows] for c in cases] == [[None, None], [None]]


def test_gbk_file(tmp_path: Path, piece: int) -> None:
    """A GB18030 file is read as its decoded text, the same both ways."""
    path = tmp_path / "cases.csv"
    path.write_bytes((HEADER + GOOD).encode("gb18030"))
    cases = _same(path)
    assert cases[1].agency == "昆明市政务服务局"
    assert _same(path, encoding="gbk") == cases


@pytest.mark.parametrize(
    "rows",
    [
        # a bad date, an unknown-shaped id, a cell with spaces around an id
        "A1,km-gov,许可,收到申请,2025-02-30,\nB2,km gov,许可,收到申请,2025-03-01,\n",
        # a case split across the file (input/case-split), ids out of order
        "B1,km-gov,许可,收到申请,2025-01-02,\nA1,km-gov,许可,收到申请,2025-01-02,\n"
        "B1,km-gov,许可,办结,2025-01-03,\n",
        # dates going back (input/case-order), another agency (input/case-mismatch)
        "A1,km-gov,许可,收到申请,2025-01-05,\nA1,km-gov,许可,办结,2025-01-03,\n"
        "A1,other,许可,办结,2025-01-06,\nA1,km-gov,公开,办结,2025-01-07,\n",
        # too few cells, an unclosed quote
        'A1,km-gov,许可,收到申请\nA2,km-gov,许可,"收到申请,2025-01-02,\n',
    ],
)
def test_errors_as_row_by_row(tmp_path: Path, piece: int, rows: str) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(HEADER + GOOD + rows + GOOD.replace("A1", "Z9"), encoding="utf-8")
    assert _errors(path)


def test_random_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random good and bad files, in blocks of four lines: the same outcome both ways."""
    monkeypatch.setattr("xzjd.facts.case_reading._PIECE", 4)
    rnd = random.Random(20261201)
    good = 0
    for n in range(120):
        lines = [HEADER.rstrip("\n")]
        day = dt.date(2025, 1, 2)
        for number in range(rnd.randrange(1, 25)):
            case = rnd.choice([f"C{number:03}", f"件-{number}", f"C{number // 2:03}"])
            agency = rnd.choice(["km-gov", "昆明市政务服务局"])
            for _ in range(rnd.randrange(1, 5)):
                day += dt.timedelta(days=rnd.choice([0, 1, 2, -1]) if rnd.random() < 0.1 else 1)
                note = rnd.choice(["", "", "专家评审", '"a, b"', " x "])
                cells = [case, agency, "许可", rnd.choice(["收到申请", "暂停", "恢复"])]
                cells += [day.isoformat(), note]
                if rnd.random() < 0.02:
                    cells[rnd.randrange(6)] = rnd.choice(["", "2025-02-30", "a b", "x,y"])
                lines.append(",".join(cells))
        path = tmp_path / f"cases{n}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            tuple(iter_cases(path))
        except InputError:
            _errors(path)
        else:
            _same(path)
            good += 1
    assert 20 < good < 110  # both kinds were tried


def test_json_stays_a_tuple(tmp_path: Path) -> None:
    """A JSON file keeps the row reader (and the cells' spans)."""
    path = tmp_path / "cases.json"
    path.write_text(
        '[{"case": "A1", "agency": "km-gov", "obligation": "许可", "event": "收到申请",'
        ' "date": "2025-01-02"}]',
        encoding="utf-8",
    )
    cases = read_cases(path)
    assert isinstance(cases, tuple) and isinstance(cases[0], Case)
    assert cases[0].rows[0].json_spans is not None
