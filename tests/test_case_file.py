# SPDX-License-Identifier: MIT
"""Case events files (case,agency,obligation,event,date[,note]): CSV and JSON, the checks of
a case's rows, positioned errors, and streaming."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import random
import tracemalloc
from pathlib import Path

import pytest

import xzjd
import xzjd.facts
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.cases import Case, CaseRow, check_cases, iter_cases, read_cases
from xzjd.facts.tables import text_source

HEADER = "case,agency,obligation,event,date,note\n"
AGENCY = "昆明市政务服务局"
LICENCE = "行政许可决定"

# A licence case as the issue tells it: accepted Friday 2025-04-25, an expert review from
# Tuesday 2025-05-06 to Friday 2025-05-09, ten more working days approved, decided.
LICENCE_ROWS = (
    f"XK-2025-001,{AGENCY},{LICENCE},收到申请,2025-04-25,\n"
    f"XK-2025-001,{AGENCY},{LICENCE},暂停,2025-05-06,专家评审\n"
    f"XK-2025-001,{AGENCY},{LICENCE},恢复,2025-05-10,\n"
    f"XK-2025-001,{AGENCY},{LICENCE},延长,2025-05-20,局长批准\n"
    f"XK-2025-001,{AGENCY},{LICENCE},办结,2025-06-03,\n"
    "XK-2025-002,km-gov,信息公开答复,收到申请,2025-05-06,\n"
    "XK-2025-002,km-gov,信息公开答复,办结,2025-05-06,\n"
)


def _error(text: str, name: str = "cases.csv") -> InputError:
    with pytest.raises(InputError) as info:
        read_cases(text_source(text, name))
    return info.value


def _at(d: Diagnostic) -> tuple[str, int, int]:
    assert d.span is not None
    return d.file, d.span.line, d.span.column


def _row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every CSV block go through the row checks, not the fast path."""
    monkeypatch.setattr(
        "xzjd.facts.case_reading._Reading._fast_block", lambda self, lines, first: False
    )


class TestGoodFiles:
    def test_csv_with_bom_and_notes(self) -> None:
        """Cases in file order, rows in file order; an empty note is None; a BOM is dropped."""
        cases = read_cases(text_source("\ufeff" + HEADER + LICENCE_ROWS, "cases.csv"))
        assert [(c.id, c.agency, c.obligation, len(c.rows)) for c in cases] == [
            ("XK-2025-001", AGENCY, LICENCE, 5),
            ("XK-2025-002", "km-gov", "信息公开答复", 2),
        ]
        first = cases[0]
        assert [r.event for r in first.rows] == ["收到申请", "暂停", "恢复", "延长", "办结"]
        assert [r.note for r in first.rows] == [None, "专家评审", None, "局长批准", None]
        assert first.rows[0].date == dt.date(2025, 4, 25)
        assert [r.line for r in first.rows] == [2, 3, 4, 5, 6]
        assert first.rows[0] == CaseRow(
            case="XK-2025-001",
            agency=AGENCY,
            obligation=LICENCE,
            event="收到申请",
            date=dt.date(2025, 4, 25),
        )

    def test_note_column_left_out(self) -> None:
        """Without a note column every note is None; the columns may come in any order."""
        text = "date,event,case,obligation,agency\n2025-04-25,收到申请,C1,许可,县政府\n"
        ((row,),) = (c.rows for c in read_cases(text_source(text)))
        assert (row.case, row.agency, row.obligation, row.event, row.note) == (
            "C1",
            "县政府",
            "许可",
            "收到申请",
            None,
        )

    def test_quoted_note_and_spaces(self) -> None:
        """A quoted note may hold a comma; spaces around a cell are not part of it."""
        text = HEADER + 'C1, a ,o,暂停,2025-05-06,"专家评审, 第一轮"\nC1,a,o,恢复 ,2025-05-09,\n'
        (case,) = read_cases(text_source(text))
        assert case.agency == "a"
        assert [(r.event, r.note) for r in case.rows] == [
            ("暂停", "专家评审, 第一轮"),
            ("恢复", None),
        ]

    def test_json(self) -> None:
        """A JSON array of objects with the same keys reads as the CSV does; null is empty."""
        objects = [
            dict(zip(HEADER.strip().split(","), line.split(","), strict=True))
            for line in LICENCE_ROWS.splitlines()
        ]
        for obj in objects:
            obj["note"] = obj["note"] or None  # type: ignore[assignment]
        text = json.dumps(objects, ensure_ascii=False, indent=1)
        from_json = read_cases(text_source(text, "cases.json"))
        assert from_json == read_cases(text_source(HEADER + LICENCE_ROWS, "cases.csv"))
        assert from_json[0].rows[1].span_of("note") is not None

    def test_path_iter_and_check(self, tmp_path: Path) -> None:
        """From a path: iter_cases gives what read_cases gives; check_cases counts the cases."""
        path = tmp_path / "cases.csv"
        path.write_text(HEADER + LICENCE_ROWS, encoding="utf-8")
        assert tuple(iter_cases(path)) == read_cases(path) == read_cases(str(path))
        assert check_cases(path) == 2
        row = read_cases(path)[0].rows[3]
        assert (row.file, row.line_text) == (str(path), LICENCE_ROWS.splitlines()[3])

    def test_one_day_many_rows(self) -> None:
        """Rows of one day keep their file order (a date equal to the one before is fine)."""
        text = HEADER + "C1,a,o,收到申请,2025-05-06,\nC1,a,o,办结,2025-05-06,\n"
        assert [r.event for r in read_cases(text_source(text))[0].rows] == ["收到申请", "办结"]

    def test_exported(self) -> None:
        """The reader and the types are exported from xzjd.facts and from xzjd."""
        for module in (xzjd, xzjd.facts):
            assert module.read_cases is read_cases
            assert module.iter_cases is iter_cases
            assert module.Case is Case
            assert module.CaseRow is CaseRow
            assert {"Case", "CaseRow", "iter_cases", "read_cases"} <= set(module.__all__)


class TestTypes:
    def test_equality_leaves_out_positions(self) -> None:
        """Rows equal whatever their line; their hash agrees; they are not ordered."""
        a = CaseRow(case="C1", agency="a", obligation="o", event="e", date=dt.date(2025, 1, 2))
        b = CaseRow(
            case="C1", agency="a", obligation="o", event="e", date=dt.date(2025, 1, 2), line=7
        )
        assert a == b and hash(a) == hash(b) and b.line == 7
        assert a != CaseRow(
            case="C1", agency="a", obligation="o", event="e", date=dt.date(2025, 1, 2), note="n"
        )
        assert a != ("C1", "a", "o", "e", dt.date(2025, 1, 2), None, 0, None, None)
        with pytest.raises(TypeError):
            _ = a < b  # type: ignore[operator]
        assert repr(a) == (
            "CaseRow(case='C1', agency='a', obligation='o', event='e', "
            "date=datetime.date(2025, 1, 2), note=None)"
        )

    def test_immutable_keywords_and_pickle(self) -> None:
        """Keywords only; no attribute can be set; a case takes any iterable of rows."""
        row = CaseRow(case="C1", agency="a", obligation="o", event="e", date=dt.date(2025, 1, 2))
        with pytest.raises(AttributeError):
            row.event = "x"  # type: ignore[misc]
        with pytest.raises(TypeError):
            CaseRow("C1", "a", "o", "e", dt.date(2025, 1, 2))  # type: ignore[misc]
        case = Case(id="C1", agency="a", obligation="o", rows=[row])
        assert case.rows == (row,)
        assert pickle.loads(pickle.dumps(case)) == case
        assert type(pickle.loads(pickle.dumps(row))) is CaseRow


class TestBadRows:
    def test_bad_date_under_chinese_text(self) -> None:
        """A bad date names file, line and column (in characters) and the caret lines up."""
        line = f"C1,{AGENCY},{LICENCE},收到申请,2025-02-30,"
        d = _error(HEADER + line + "\n").diagnostics[0]
        assert d.code == "input/bad-date"
        # "C1," is 3 characters, "昆明市政务服务局," 9 (12), "行政许可决定," 7 (19),
        # "收到申请," 5 (24): the date starts in column 25.
        assert _at(d) == ("cases.csv", 2, 25)
        assert d.hint and "YYYY-MM-DD" in d.hint
        assert d.message_zh == "'2025-02-30' 不是有效日期"
        # On screen a Chinese character takes two cells: "C1," 3, the agency 16 + 1 (20),
        # the obligation 12 + 1 (33), the event 8 + 1 (42): the caret after 42 cells.
        caret = d.render().splitlines()[2]
        assert caret == " " * 6 + "| " + " " * 42 + "^" * 10

    def test_bad_cells(self) -> None:
        """A bad case id, an empty event, an id with a space: each at its own cell."""
        text = (
            HEADER
            + "C/1,a,o,收到申请,2025-01-02,\nC2,a,o,,2025-01-02,\nC3,a,县 政府,e,2025-01-02,\n"
        )
        found = [(d.code, _at(d)[1:]) for d in _error(text).diagnostics]
        # Line 3: "C2,a,o," is 7 characters, the empty event is column 8.
        # Line 4: "C3,a," is 5 characters, the obligation starts in column 6.
        assert found == [
            ("input/bad-id", (2, 1)),
            ("input/missing", (3, 8)),
            ("input/bad-id", (4, 6)),
        ]

    def test_rows_of_a_case_not_together(self) -> None:
        """A case whose rows start again after another case's: at its case cell, naming the
        line where its earlier rows end."""
        text = HEADER + (
            "A-1,a,o,收到申请,2025-01-02,\n"
            "A-1,a,o,办结,2025-01-03,\n"
            "B-1,a,o,收到申请,2025-01-02,\n"
            "A-1,a,o,暂停,2025-01-04,\n"
        )
        (d,) = _error(text).diagnostics
        assert (d.code, _at(d)) == ("input/case-split", ("cases.csv", 5, 1))
        assert d.message == "rows of case 'A-1' are not together: its earlier rows end at line 3"
        assert d.message_zh == "办件 'A-1' 的各行不相连：其前面的行止于第 3 行"
        assert d.hint == "sort the file by case, then by date"
        assert d.hint_zh is not None

    def test_dates_go_back(self) -> None:
        """A row dated before the row above it, in its case: at its date cell."""
        text = HEADER + f"甲-1,{AGENCY},o,收到申请,2025-05-06,\n甲-1,{AGENCY},o,办结,2025-04-30,\n"
        (d,) = _error(text).diagnostics
        # "甲-1," is 4 characters, "昆明市政务服务局," 9 (13), "o," 2 (15), "办结," 3 (18).
        assert (d.code, _at(d)) == ("input/case-order", ("cases.csv", 3, 19))
        assert "2025-04-30 is before 2025-05-06 (line 2)" in d.message
        assert d.message_zh == "办件 '甲-1' 的日期倒退：2025-04-30 早于第 2 行的 2025-05-06"
        assert d.hint == "the rows of a case are in the order things happened"

    def test_agency_and_obligation_differ(self) -> None:
        """Each row names the agency and the obligation of its case's first row."""
        text = HEADER + (
            "C1,km-gov,许可,收到申请,2025-01-02,\n"
            "C1,县政府,许可,暂停,2025-01-03,\n"
            "C1,km-gov,答复,办结,2025-01-04,\n"
        )
        found = [(d.code, _at(d)[1:], d.message_zh) for d in _error(text).diagnostics]
        assert found == [
            (
                "input/case-mismatch",
                (3, 4),  # "C1," is 3 characters
                "办件 'C1' 此行的机关为 '县政府'，而其第一行（第 2 行）为 'km-gov'",
            ),
            (
                "input/case-mismatch",
                (4, 11),  # "C1,km-gov," is 10 characters
                "办件 'C1' 此行的义务为 '答复'，而其第一行（第 2 行）为 '许可'",
            ),
        ]

    def test_all_problems_at_once_and_header(self) -> None:
        """Every problem of a file in one error; a missing column is a header error."""
        text = HEADER + "A,a,o,e,2025-13-01,\nB,a,o,e,2025-01-02,\nA,a,o,e,2025-01-03,\nB,a,o\n"
        codes = [d.code for d in _error(text).diagnostics]
        assert codes == ["input/bad-date", "input/csv"]  # A's bad row is left out, so no split
        d = _error("case,agency,event,date\nC1,a,e,2025-01-02\n").diagnostics[0]
        assert (d.code, "obligation" in d.message) == ("input/header", True)

    def test_json_errors_point_into_the_json(self) -> None:
        """In JSON a diagnostic points at the key of the cell, as for filings."""
        text = (
            '[{"case": "C1", "agency": "a", "obligation": "o", "event": "e",'
            ' "date": "2025-01-02"},\n'
            ' {"case": "C1", "agency": "a", "obligation": "o", "event": "e",'
            ' "date": "2025-01-01"}]'
        )
        (d,) = _error(text, "cases.json").diagnostics
        assert d.code == "input/case-order"
        assert _at(d)[1] == 2
        assert d.line_text is not None
        assert d.line_text[_at(d)[2] - 1 :] == '"date": "2025-01-01"}]'


class TestStreaming:
    def test_cases_before_a_problem_are_given(self, tmp_path: Path) -> None:
        """iter_cases gives each case as its rows end; from a problem on nothing more, and
        the error comes at the end with every problem."""
        path = tmp_path / "cases.csv"
        path.write_text(
            HEADER
            + "A,a,o,e,2025-01-02,\nB,a,o,e,2025-01-02,\nB,a,o,e,2025-01-01,\n"
            + "C,a,o,e,2025-01-02,\nC,a,o,e,x,\n",
            encoding="utf-8",
        )
        given: list[str] = []
        with pytest.raises(InputError) as info:
            for case in iter_cases(path):
                given.append(case.id)
        assert given == ["A"]
        assert [d.code for d in info.value.diagnostics] == ["input/case-order", "input/bad-date"]
        with pytest.raises(InputError):
            check_cases(path)

    def test_a_case_across_blocks(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Blocks of lines of any size give the same cases, a case running across blocks."""
        path = tmp_path / "cases.csv"
        path.write_text(HEADER + LICENCE_ROWS * 1, encoding="utf-8")
        whole = read_cases(path)
        for size in (1, 2, 3, 5):
            monkeypatch.setattr("xzjd.facts.case_reading._PIECE", size)
            monkeypatch.setattr("xzjd.facts.files._CHUNK", size * 7)
            assert read_cases(path) == whole
            assert [r.line for r in read_cases(path)[0].rows] == [2, 3, 4, 5, 6]


def _random_file(rnd: random.Random) -> str:
    """A small case events file, good or with a few problems of every kind."""
    lines = [HEADER.rstrip("\n")]
    day = dt.date(2025, 1, 2)
    for number in range(rnd.randrange(1, 30)):
        case = rnd.choice([f"C{number}", f"件-{number}", f"C{number // 2}"])
        agency, obligation = rnd.choice([("km-gov", "许可"), (AGENCY, LICENCE)])
        for _ in range(rnd.randrange(1, 5)):
            day += dt.timedelta(days=rnd.choice([0, 1, 3, -1]) if rnd.random() < 0.1 else 1)
            cells = [case, agency, obligation, rnd.choice(["收到申请", "暂停", "恢复"])]
            cells += [day.isoformat(), rnd.choice(["", "", "专家评审", '"a, b"'])]
            if rnd.random() < 0.03:
                cells[rnd.randrange(6)] = rnd.choice(["", " x ", "2025-02-30", "a b", "x,y"])
            if rnd.random() < 0.03:
                cells[1] = "other"
            lines.append(",".join(cells))
        if rnd.random() < 0.05:
            lines.append("")
    return "\n".join(lines) + "\n"


def _outcome(text: str) -> object:
    try:
        return read_cases(text_source(text, "cases.csv"))
    except InputError as exc:
        return [(d.code, d.span, d.message, d.message_zh, d.hint) for d in exc.diagnostics]


def test_fast_path_reads_as_row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """On good and bad files the fast path gives the cases, or the diagnostics, that the
    row-by-row reading gives."""
    rnd = random.Random(20251201)
    texts = [_random_file(rnd) for _ in range(300)]
    monkeypatch.setattr("xzjd.facts.case_reading._PIECE", 4)  # many blocks, cases across them
    fast = [_outcome(text) for text in texts]
    with monkeypatch.context() as m:
        _row_by_row(m)
        slow = [_outcome(text) for text in texts]
    assert fast == slow
    good = sum(not isinstance(x, list) for x in fast)  # cases, not a list of diagnostics
    assert 30 < good < 270  # both kinds were tried


def _sorted_file(path: Path, cases: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for number in range(cases):
            for event, day in (("收到申请", 2), ("暂停", 3), ("恢复", 6), ("办结", 9)):
                out.write(f"XK-{number:07d},{AGENCY},{LICENCE},{event},2025-05-0{day},\n")


def test_streaming_memory_does_not_grow_with_cases(tmp_path: Path) -> None:
    """Reading a file sorted by case keeps nothing of the cases that ended: the peak memory
    of iter_cases over 8 times as many cases is about the same."""
    peaks = []
    for cases in (1_000, 8_000):
        path = tmp_path / f"cases-{cases}.csv"
        _sorted_file(path, cases)
        tracemalloc.start()
        count = sum(1 for _ in iter_cases(path))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count == cases
    # Keeping the id and last line of every case would cost some 100 bytes a case, about
    # 700 KB more for the larger file; the peak may grow by far less than that.
    assert peaks[1] - peaks[0] < 250_000, peaks


def test_ids_out_of_order_across_blocks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Case ids out of ascending order are fine; a case split far from where the order
    first broke is found from a path (read again) as from text in memory."""
    rows = ["B,a,o,e,2025-01-02,", "A,a,o,e,2025-01-02,", "C,a,o,e,2025-01-02,"]
    rows += [f"D{n},a,o,e,2025-01-02," for n in range(20)] + ["A,a,o,e,2025-01-03,"]
    text = HEADER + "\n".join(rows) + "\n"
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("xzjd.facts.case_reading._PIECE", 3)
    monkeypatch.setattr("xzjd.facts.files._CHUNK", 40)
    for source in (path, text_source(text, str(path))):
        with pytest.raises(InputError) as info:
            read_cases(source)
        (d,) = info.value.diagnostics
        # A is on line 3 (after the header and B), again on line 2 + 3 + 20 = 25.
        assert (d.code, _at(d)) == ("input/case-split", (str(path), 25, 1))
        assert d.message.endswith("its earlier rows end at line 3")
    assert [c.id for c in read_cases(text_source(HEADER + "\n".join(rows[:-1])))][:3] == [
        "B",
        "A",
        "C",
    ]
