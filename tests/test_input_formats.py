# SPDX-License-Identifier: MIT
"""Real offices' input files: GBK/GB18030 CSV, Chinese header names, year-first date
spellings and Excel workbooks (docs/evaluation.md, section 1).

The GBK files and the workbooks are made here from the UTF-8 example files with the standard
library's csv module and openpyxl (not with xzjd's readers), their headers put in Chinese;
reading them must give the same agencies, filings, events and cases as the UTF-8 files, and
``xzjd check`` / ``xzjd cases`` the same output.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

from xzjd.cli import main
from xzjd.errors import InputError
from xzjd.facts import read_agencies, read_cases, read_events, read_filings
from xzjd.facts.cells import iso_date
from xzjd.facts.files import looks_chinese
from xzjd.facts.headers import HEADER_WORDS

ROOT = Path(__file__).resolve().parents[1]
YUNNAN = ROOT / "examples" / "yunnan-2010"
LICENSING = ROOT / "examples" / "licensing"

#: The date columns of each file kind.
DATE_COLUMNS = {"filings": "filed_on", "events": "date", "cases": "date"}


def _table(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row]


def _chinese_header(what: str, header: Sequence[str]) -> list[str]:
    """The header with each column's first Chinese word."""
    return [HEADER_WORDS[what][column][0] for column in header]


def write_gbk(source: Path, target: Path, what: str) -> Path:
    """*source* (UTF-8 CSV) written as GBK with a Chinese header."""
    rows = _table(source)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # as a spreadsheet saves it
    writer.writerow(_chinese_header(what, rows[0]))
    writer.writerows(rows[1:])
    target.write_bytes(buffer.getvalue().encode("gbk"))
    return target


def write_xlsx(source: Path, target: Path, what: str, *, sheet: str = "Sheet1") -> Path:
    """*source* (UTF-8 CSV) as a workbook with a Chinese header; dates as Excel dates,
    empty cells empty."""
    rows = _table(source)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    header = rows[0]
    ws.append(_chinese_header(what, header))
    at_date = header.index(DATE_COLUMNS[what]) if what in DATE_COLUMNS else -1
    for row in rows[1:]:
        cells: list[object] = [cell or None for cell in row]
        if at_date >= 0:
            cells[at_date] = dt.datetime.fromisoformat(row[at_date])
        ws.append(cells)
    book.save(target)
    return target


# --------------------------------------------------------------------------- same records


@pytest.mark.parametrize("form", ["gbk", "xlsx"])
def test_yunnan_files_read_the_same(tmp_path: Path, form: str) -> None:
    """The Yunnan agencies, filings and events as GBK CSV or as a workbook, with Chinese
    headers, are the records of the UTF-8 files."""
    write = write_gbk if form == "gbk" else write_xlsx
    suffix = ".csv" if form == "gbk" else ".xlsx"
    made = {
        what: write(YUNNAN / f"{what}.csv", tmp_path / f"{what}{suffix}", what)
        for what in ("agencies", "filings", "events")
    }
    if form == "gbk":  # the file is GBK indeed, not UTF-8
        with pytest.raises(UnicodeDecodeError):
            made["agencies"].read_bytes().decode("utf-8")
    assert tuple(read_agencies(made["agencies"])) == tuple(read_agencies(YUNNAN / "agencies.csv"))
    assert read_filings(made["filings"]) == read_filings(YUNNAN / "filings.csv")
    assert read_events(made["events"]) == read_events(YUNNAN / "events.csv")


@pytest.mark.parametrize("form", ["gbk", "xlsx"])
def test_licensing_cases_read_the_same(tmp_path: Path, form: str) -> None:
    """The licensing example's cases as GBK CSV or as a workbook are the UTF-8 file's."""
    source = LICENSING / "cases.csv"
    if form == "gbk":
        made = write_gbk(source, tmp_path / "cases.csv", "cases")
    else:
        made = write_xlsx(source, tmp_path / "cases.xlsx", "cases")
    assert read_cases(made) == read_cases(source)


def _run(capsys: pytest.CaptureFixture[str], argv: Sequence[str]) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("form", ["gbk", "xlsx"])
def test_check_output_is_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
) -> None:
    """``xzjd check`` on the Yunnan example (README's command) prints the same statuses and
    the same warnings from GBK CSV files or workbooks as from the UTF-8 files."""
    write = write_gbk if form == "gbk" else write_xlsx
    suffix = ".csv" if form == "gbk" else ".xlsx"
    files = {
        what: str(write(YUNNAN / f"{what}.csv", tmp_path / f"{what}{suffix}", what))
        for what in ("agencies", "filings", "events")
    }
    rules = str(YUNNAN / "rules.zh.xzjd")

    def argv(agencies: str, filings: str, events: str) -> list[str]:
        return [
            "check",
            rules,
            "--agencies",
            agencies,
            "--filings",
            filings,
            "--events",
            events,
            "--on",
            "2010-11-15",
        ]

    original = [str(YUNNAN / f"{what}.csv") for what in ("agencies", "filings", "events")]
    code, out, err = _run(capsys, argv(*original))
    code2, out2, err2 = _run(capsys, argv(files["agencies"], files["filings"], files["events"]))
    assert code == code2 == 0
    assert "overdue" in out and out2 == out
    # The warnings name the files: the same warnings, each at its own file.
    assert err.count("warning[") == err2.count("warning[") > 0
    codes = sorted(line.split("[")[1].split("]")[0] for line in err.splitlines() if "[" in line)
    codes2 = sorted(line.split("[")[1].split("]")[0] for line in err2.splitlines() if "[" in line)
    assert codes == codes2
    # A missing recipient is placed at the agency's row: line N of the CSV file, row N of the
    # sheet (the header is row 1 in both and there is no empty row), columns A to F.
    missing = [line for line in err.splitlines() if "warning[recipient/missing]" in line]
    assert missing
    for line in missing:
        row = line.split("agencies.csv:")[1].split(":")[0]
        if form == "gbk":
            assert line.replace(original[0], files["agencies"]) in err2
        else:
            rest = line.split(": warning")[1]
            assert f"{files['agencies']}:Sheet1!A{row}:F{row}: warning{rest}" in err2


def test_cases_command_reads_a_workbook_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``xzjd cases --sheet`` reads the named sheet; the output is the UTF-8 file's."""
    made = write_xlsx(LICENSING / "cases.csv", tmp_path / "cases.xlsx", "cases", sheet="办件")
    book = openpyxl.load_workbook(made)
    book.create_sheet("说明", 0)  # a first sheet that is not the cases
    book["说明"].append(["本工作簿的第二张表为办件"])
    book.save(made)
    base = ["cases", str(LICENSING / "licensing.zh.xzjd"), "--on", "2025-06-20"]
    base += ["--agencies", str(LICENSING / "agencies.csv"), "--format", "csv"]
    code, out, _ = _run(capsys, [*base, "--cases", str(LICENSING / "cases.csv")])
    code2, out2, _ = _run(capsys, [*base, "--cases", str(made), "--sheet", "办件"])
    assert code == code2 and out2 == out and out.count("\n") > 5
    # Without --sheet the first sheet is read: its one cell names no column.
    code3, _, err3 = _run(capsys, [*base, "--cases", str(made)])
    assert code3 == 2
    assert f"{made}:说明!A1: error[input/header]" in err3
    code4, _, err4 = _run(capsys, [*base, "--cases", str(made), "--sheet", "Sheet9"])
    assert code4 == 2 and "error[input/workbook]" in err4 and "办件" in err4


# --------------------------------------------------------------------------- encodings


def test_gb18030_and_gbk_given(tmp_path: Path) -> None:
    """--encoding gbk and gb18030 read a GBK file; --encoding utf-8 refuses it at the first
    byte that is not UTF-8, column in characters."""
    path = write_gbk(YUNNAN / "agencies.csv", tmp_path / "agencies.csv", "agencies")
    expected = tuple(read_agencies(YUNNAN / "agencies.csv"))
    for encoding in ("gbk", "gb18030"):
        assert tuple(read_agencies(path, encoding=encoding)) == expected
    with pytest.raises(InputError) as info:
        read_agencies(path, encoding="utf-8")
    (d,) = info.value.diagnostics
    # The Chinese header "机关代码,..." is not UTF-8 from its first byte on.
    assert d.code == "input/encoding" and d.span is not None
    assert (d.span.line, d.span.column) == (1, 1)
    assert "not utf-8" in d.message and d.hint is not None and "--encoding" in d.hint


def test_a_byte_that_is_not_gbk(tmp_path: Path) -> None:
    """With --encoding gbk, a byte GBK has no character for is an error at its column."""
    path = tmp_path / "events.csv"
    path.write_bytes(
        "编号,机关,事件,日期\n".encode("gbk")
        + b"e1,"
        + "昆明".encode("gbk")
        + b",\xff,2010-01-04\n"
    )
    with pytest.raises(InputError) as info:
        read_events(path, encoding="gbk")
    (d,) = info.value.diagnostics
    # "e1,昆明," is 6 characters: the bad byte is the 7th.
    assert d.span is not None and (d.span.line, d.span.column) == (2, 7)
    assert "gbk" in d.message


def test_latin1_is_not_taken_for_gb18030(tmp_path: Path) -> None:
    """A Latin-1 file whose bytes happen to decode as GB18030 is still refused: the text
    they give is not Chinese text (rare characters outside GB2312)."""
    text = "id,name,kind,level,region,tags\nmuc,Müller Bürgerbüro,department,,Bayern,\n"
    raw = text.encode("latin-1")
    mis = raw.decode("gb18030")  # decodes without error ...
    assert not looks_chinese(mis)  # ... but is not Chinese text
    path = tmp_path / "agencies.csv"
    path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_agencies(path)
    (d,) = info.value.diagnostics
    # "muc,M" is 5 characters: ü is the 6th.
    assert d.code == "input/encoding" and d.span is not None
    assert (d.span.line, d.span.column) == (2, 6)
    assert d.hint is not None and "--encoding" in d.hint


def test_binary_is_not_taken_for_gb18030() -> None:
    """Random bytes are never read as text, however many times."""
    rng = random.Random(15)
    for _ in range(200):
        raw = b"id,agency,event,date\n" + bytes(rng.randrange(256) for _ in range(300))
        with pytest.raises(InputError) as info:
            read_events(io.BytesIO(raw))
        assert info.value.code in {"input/encoding", "input/csv", "input/header"}
        if info.value.code != "input/encoding":  # decoded: then as UTF-8, never as GB18030
            raw.decode("utf-8")


def test_gbk_after_a_long_ascii_start(tmp_path: Path) -> None:
    """A GBK file whose first 64 KB block is ASCII is still found to be GBK; a UTF-8 file
    with a GBK line far down is an error at that line."""
    rows = [f"f{n:05},km-gov,report,2010-04-30,,," for n in range(3000)]  # about 100 KB
    chinese = "f99999,昆明市人民政府,report,2010-04-30,,,"
    header = "编号,机关,义务,报送日期,期次,接收机关,状态"
    gbk = tmp_path / "filings-gbk.csv"
    english = "id,agency,obligation,filed_on,period,recipient,status"
    gbk.write_bytes(("\n".join([english, *rows, chinese]) + "\n").encode("gbk"))
    filings = read_filings(gbk)
    assert len(filings) == 3001 and filings[-1].agency == "昆明市人民政府"
    mixed = tmp_path / "filings-mixed.csv"
    mixed.write_bytes(
        (header + "\n").encode("utf-8")
        + ("\n".join(rows) + "\n").encode("ascii")
        + (chinese + "\n").encode("gbk")
    )
    with pytest.raises(InputError) as info:
        read_filings(mixed)
    (d,) = info.value.diagnostics
    # Header line 1, 3000 rows on lines 2-3001, the GBK row on line 3002 after "f99999,".
    assert d.code == "input/encoding" and d.span is not None
    assert (d.span.line, d.span.column) == (3002, 8)


def test_bad_cell_in_a_gbk_file_is_placed_in_characters(tmp_path: Path) -> None:
    """A bad date in a GBK file is placed by characters, not bytes."""
    path = tmp_path / "filings.csv"
    path.write_bytes("编号,机关,义务,报送日期\nf1,昆明市人民政府,年报,2010-02-30\n".encode("gbk"))
    with pytest.raises(InputError) as info:
        read_filings(path)
    (d,) = info.value.diagnostics
    # "f1,昆明市人民政府,年报," is 3 + 8 + 3 = 14 characters: the date starts in column 15.
    assert d.code == "input/bad-date" and d.span is not None
    assert (d.span.line, d.span.column) == (2, 15)
    assert d.line_text == "f1,昆明市人民政府,年报,2010-02-30"


# --------------------------------------------------------------------------- headers


def test_mixed_headers_and_synonyms() -> None:
    """English and Chinese header words mix; any of a column's words names it."""
    text = "报送编号,agency,事项,日期,status\nf1,km-gov,年报,2010-04-30,退回\n"
    (filing,) = read_filings(io.StringIO(text))
    assert (filing.id, filing.agency, filing.obligation) == ("f1", "km-gov", "年报")
    assert filing.filed_on == dt.date(2010, 4, 30)


def test_a_column_named_twice_by_synonyms() -> None:
    """filed_on and 报送日期 name one column: the second is an error at its header cell."""
    text = "id,agency,obligation,filed_on,报送日期\nf1,a,o,2010-04-30,2010-04-30\n"
    with pytest.raises(InputError) as info:
        read_filings(io.StringIO(text))
    (d,) = info.value.diagnostics
    # "id,agency,obligation,filed_on," is 30 characters: 报送日期 starts in column 31.
    assert d.code == "input/header" and d.span is not None
    assert (d.span.line, d.span.column) == (1, 31)
    assert "'报送日期'" in d.message and "'filed_on'" in d.message


def test_unknown_header_word_lists_the_chinese_words() -> None:
    """An unknown header word's Chinese hint lists the Chinese words of the columns."""
    with pytest.raises(InputError) as info:
        read_events(io.StringIO("编号,机关,事情,日期\n"))
    d, missing = info.value.diagnostics
    assert d.code == "input/header" and "'事情'" in d.message
    assert d.hint_zh is not None and "event(事件)" in d.hint_zh
    assert missing.message_zh is not None and "event(事件)" in missing.message_zh


def test_every_kind_has_its_words() -> None:
    """The table of header words covers every column each reader knows (by reading a file
    whose header is all Chinese)."""
    headers = {
        "agencies": "机关代码,名称,类别,层级,区划,标记\n"
        "km,昆明市人民政府,人民政府,市,云南省/昆明市,a;b\n",
        "filings": "编号,机关,义务,报送日期,期次,接收机关,状态\n"
        "f1,km,o,2010-04-30,2010-Q1,yn,受理\n",
        "events": "编号,机关,事件,日期\ne1,km,发现问题,2010-04-30\n",
        "cases": "办件编号,机关,义务,事件,日期,备注\nc1,km,o,收到申请,2010-04-30,说明\n",
    }
    readers: dict[str, Callable[[io.StringIO], object]] = {
        "agencies": lambda s: tuple(read_agencies(s)),
        "filings": lambda s: tuple(read_filings(s)),
        "events": read_events,
        "cases": lambda s: tuple(read_cases(s)),
    }
    for what, text in headers.items():
        records = readers[what](io.StringIO(text))
        assert isinstance(records, tuple) and len(records) == 1, what


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-27", dt.date(2025, 10, 27)),
        ("2025/10/27", dt.date(2025, 10, 27)),
        ("2025年11月3日", dt.date(2025, 11, 3)),
        ("2025年 11月 3日", dt.date(2025, 11, 3)),
        ("2025-2-5", dt.date(2025, 2, 5)),
        ("2025.2.5", dt.date(2025, 2, 5)),
        ("2025/2/05", dt.date(2025, 2, 5)),
        ("2024-2-29", dt.date(2024, 2, 29)),  # 2024 is a leap year
    ],
)
def test_date_spellings(text: str, expected: dt.date) -> None:
    """Each year-first spelling means its calendar date, in a filings cell too."""
    assert iso_date(text) == expected
    (filing,) = read_filings(io.StringIO(f"id,agency,obligation,filed_on\nf1,a,o,{text}\n"))
    assert filing.filed_on == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30",  # February has no 30th
        "2025年2月29日",  # 2025 is not a leap year
        "2025/13/1",  # no 13th month
        "2025-2/5",  # two separators
        "27/10/2025",  # day first: refused, it reads two ways
        "20251027",  # compact: also a number
        "2025年11月3",  # no 日
        "２０２５-1-1",  # full-width digits
    ],
)
def test_bad_date_spellings_are_placed(text: str) -> None:
    """A spelling that is not a date, or names no day, is an error at its cell."""
    with pytest.raises(InputError) as info:
        read_filings(io.StringIO(f"id,agency,obligation,filed_on\nf1,a,o,{text}\n"))
    (d,) = info.value.diagnostics
    # "f1,a,o," is 7 characters: the date starts in column 8.
    assert d.code == "input/bad-date" and d.span is not None
    assert (d.span.line, d.span.column) == (2, 8)


def test_case_dates_in_other_spellings() -> None:
    """A case events file with 2025/4/25-style dates gives the cases of the ISO file."""
    iso = (LICENSING / "cases.csv").read_text(encoding="utf-8")
    lines = iso.splitlines()
    other = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        day = dt.date.fromisoformat(cells[4])
        cells[4] = (
            f"{day.year}/{day.month}/{day.day}"
            if day.day % 2
            else (f"{day.year}年{day.month}月{day.day}日")
        )
        other.append(",".join(cells))
    assert read_cases(io.StringIO("\n".join(other) + "\n")) == read_cases(io.StringIO(iso))


# --------------------------------------------------------------------------- workbooks


def _book(rows: Sequence[Sequence[object]], path: Path, sheet: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def test_every_bad_cell_of_a_workbook_is_placed(tmp_path: Path) -> None:
    """Each bad cell is a diagnostic naming the file, the sheet and the cell."""
    path = _book(
        [
            ["编号", "机关", "义务", "报送日期", "状态"],
            ["f1", "km-gov", "年报", dt.datetime(2010, 4, 30), None],
            ["f2", "km gov", "年报", "2010-02-30", None],  # B3 bad id, D3 bad date
            [None, None, None, None, None],  # an empty row is skipped
            ["f4", "km-gov", "年报", "2010/5/4", "完成"],  # E5 bad status
            ["f1", "km-gov", "年报", 40299, None],  # A6 duplicate, D6 a number, not a date
            ["f7", "km-gov", "年报", "2010-05-07", None, "多余"],  # F7 right of the header
        ],
        tmp_path / "filings.xlsx",
        sheet="报送",
    )
    with pytest.raises(InputError) as info:
        read_filings(path)
    found = [(d.code, d.place) for d in info.value.diagnostics]
    assert sorted(found) == sorted(
        [
            ("input/bad-id", "报送!B3"),
            ("input/bad-date", "报送!D3"),
            ("input/bad-status", "报送!E5"),
            ("input/duplicate-id", "报送!A6"),
            ("input/bad-date", "报送!D6"),
            ("input/workbook", "报送!F7"),
        ]
    )
    rendered = info.value.render()
    assert f"{path}:报送!D3: error[input/bad-date]: '2010-02-30' is not a date" in rendered
    # The row's cells joined by commas, the caret under the date (after "f2,km gov,年报,":
    # 3 + 7 + 3 = 13 characters, 年报 two cells wide each: 15 terminal cells).
    assert "    3 | f2,km gov,年报,2010-02-30\n      | " + " " * 15 + "^" * 10 in rendered
    # The duplicate names the first row.
    (dup,) = [d for d in info.value.diagnostics if d.code == "input/duplicate-id"]
    assert "line 2" in dup.message


def test_workbook_dates_and_numbers(tmp_path: Path) -> None:
    """Excel dates (with or without a time of day), date texts and whole numbers as ids."""
    path = _book(
        [
            ["id", "agency", "event", "date"],
            [1001, "km-gov", "发现问题", dt.datetime(2010, 5, 20, 0, 0)],
            [1002, "km-gov", "发现问题", dt.datetime(2010, 5, 21, 16, 30)],
            [1003, "km-gov", "发现问题", "2010年5月24日"],
            [1004, "km-gov", "发现问题", dt.date(2010, 5, 25)],
        ],
        tmp_path / "events.xlsx",
    )
    events = read_events(path)
    assert [(e.id, e.date) for e in events] == [
        ("1001", dt.date(2010, 5, 20)),
        ("1002", dt.date(2010, 5, 21)),
        ("1003", dt.date(2010, 5, 24)),
        ("1004", dt.date(2010, 5, 25)),
    ]


def test_workbook_found_by_content(tmp_path: Path) -> None:
    """A workbook with another extension, or as an open binary file, is still read."""
    rows = [["id", "agency", "event", "date"], ["e1", "km-gov", "发现问题", "2010-05-20"]]
    path = _book(rows, tmp_path / "events.xlsx")
    renamed = tmp_path / "events.dat"
    renamed.write_bytes(path.read_bytes())
    expected = read_events(path)
    assert read_events(renamed) == expected
    assert read_events(io.BytesIO(path.read_bytes())) == expected


def test_evaluation_diagnostics_name_the_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An unknown agency found by the evaluation (not the reader) names the workbook cell."""
    made = write_xlsx(YUNNAN / "filings.csv", tmp_path / "filings.xlsx", "filings")
    book = openpyxl.load_workbook(made)
    book.active["B5"] = "no-such-gov"
    book.save(made)
    argv = ["check", str(YUNNAN / "rules.zh.xzjd"), "--agencies", str(YUNNAN / "agencies.csv")]
    code, _, err = _run(capsys, [*argv, "--filings", str(made), "--on", "2010-11-15"])
    assert code == 2
    assert f"{made}:Sheet1!B5: error[input/unknown-agency]" in err


def test_a_damaged_workbook(tmp_path: Path) -> None:
    """A file named .xlsx that is not a workbook is one clear error."""
    path = tmp_path / "filings.xlsx"
    path.write_bytes(b"id,agency,obligation,filed_on\n")
    with pytest.raises(InputError) as info:
        read_filings(path)
    (d,) = info.value.diagnostics
    assert d.code == "input/workbook" and d.hint is not None and ".xlsx" in d.hint


def test_without_openpyxl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without openpyxl installed a workbook is an error saying how to install it."""
    path = _book([["id", "agency", "event", "date"]], tmp_path / "events.xlsx")
    real = importlib.import_module

    def no_openpyxl(name: str, package: str | None = None) -> object:
        if name == "openpyxl":
            raise ImportError("No module named 'openpyxl'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_openpyxl)
    with pytest.raises(InputError) as info:
        read_events(path)
    (d,) = info.value.diagnostics
    assert d.code == "input/workbook"
    assert d.hint is not None and "pip install 'xzjd[xlsx]'" in d.hint
