# SPDX-License-Identifier: MIT
"""The JSON of ``xzjd check`` laid out without ``json.dumps`` (xzjd.views.jsontext, issue 14).

``iter_json`` writes each record from a template with the C string encoder, and ``iter_jsonl``
writes JSON Lines. Both must be byte for byte what ``json.dumps`` gives for the records of
``Status.to_json``: the expected text of every test here is ``json.dumps`` itself, never the
code's output. The records cover every kind of value a record holds: null and set optional
fields, every state and step, empty and long lists, ids, names and titles with non-ASCII
text, quotes, backslashes, control characters and U+2028, the provisional flag, with and
without a names mapping (and ids that mapping lacks), ASCII-only and not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from xzjd.cli import main
from xzjd.engine import Status
from xzjd.model import State, Step
from xzjd.text.escape import csv_row
from xzjd.views.agenda import AgendaItem
from xzjd.views.jsontext import json_array, json_value, string_encoder
from xzjd.views.records import (
    CSV_KEYS,
    iter_agenda_json,
    iter_csv,
    iter_json,
    iter_jsonl,
    render_json,
)

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "examples" / "tutorial"

ODD = '引号"\\反斜杠\t\x01\x1f\x7f\u2028 😀 é'
D = dt.date.fromisoformat


def _status(**fields: Any) -> Status:
    base: dict[str, Any] = {
        "agency": "km-gov",
        "obligation": "budget",
        "period": "2010",
        "opens": D("2010-01-01"),
        "nominal_due": D("2010-02-28"),
        "due": D("2010-03-01"),
        "state": State.PENDING,
        "days_overdue": None,
        "step": None,
        "recipients": ("yn-gov",),
        "filings": (),
        "source": None,
    }
    base.update(fields)
    return Status(**base)


STATUSES = [
    _status(),
    _status(
        agency=ODD,
        obligation="预算公开",
        period="2010-B2",
        state=State.OVERDUE,
        days_overdue=3,
        step=Step.URGE,
        recipients=("yn-gov", ODD, "unknown-to-names"),
        filings=("F1", "F-退回"),
        source="《条例》第十条",
        title=ODD,
        outstanding=("yn-gov",),
        provisional_years=(2027,),
        deliverable="报告",
    ),
    _status(
        state=State.LATE,
        step=Step.HOLD_ACCOUNTABLE,
        filings=("F2",),
        satisfied_on=D("2010-03-09"),
        days_late=8,
        deliverable=None,
        title="",
        source="",
    ),
    _status(state=State.DONE, recipients=(), satisfied_on=D("2010-02-27"), days_overdue=0),
    _status(
        state=State.WAIVED,
        days_overdue=12_345_678_901_234_567_890,
        days_late=-1,
        source="=1+1;@x",
        filings=("-F3", "F4;=x"),
    ),
    *(
        _status(state=state, step=step, provisional_years=(2026, 2027))
        for state in (State.WARNING, State.OVERDUE)
        for step in Step
    ),
]

NAMES = [None, {}, {"km-gov": "昆明市人民政府", "yn-gov": "云南省人民政府", ODD: ODD}]


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("names", NAMES)
def test_json_is_the_bytes_of_json_dumps(ensure_ascii: bool, names: dict[str, str] | None) -> None:
    records = [s.to_json(names) for s in STATUSES]
    assert any("provisional" in r for r in records)
    assert any(r["agency_name"] is not None for r in records) == bool(names)
    expected = json.dumps(records, indent=2, ensure_ascii=ensure_ascii) + "\n"
    pieces = list(iter_json(STATUSES, ensure_ascii=ensure_ascii, names=names))
    assert "".join(pieces) == expected
    # One piece per record (the brackets ride with the first and after the last).
    assert len(pieces) == len(STATUSES) + 1
    if ensure_ascii:
        assert expected.isascii()


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_one_record_and_none(ensure_ascii: bool) -> None:
    for statuses in ([], STATUSES[1:2]):
        expected = json.dumps([s.to_json() for s in statuses], indent=2, ensure_ascii=ensure_ascii)
        assert "".join(iter_json(statuses, ensure_ascii=ensure_ascii)) == expected + "\n"
    assert render_json([]) == "[]\n"


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("names", NAMES)
def test_jsonl_is_one_compact_dump_a_line(ensure_ascii: bool, names: dict[str, str] | None) -> None:
    lines = list(iter_jsonl(STATUSES, ensure_ascii=ensure_ascii, names=names))
    assert lines == [
        json.dumps(s.to_json(names), ensure_ascii=ensure_ascii, separators=(",", ":")) + "\n"
        for s in STATUSES
    ]
    # No raw newline inside a record (U+2028 is not a line break for JSON Lines readers that
    # split on \n, which is what the format asks for).
    assert all(line.count("\n") == 1 for line in lines)
    assert list(iter_jsonl([])) == []


def test_reading_is_lazy() -> None:
    """Each record is written as it comes: the second is not asked for before the first is
    written."""
    taken: list[int] = []

    def statuses() -> Any:
        for i, s in enumerate(STATUSES[:3]):
            taken.append(i)
            yield s

    pieces = iter_json(statuses())
    assert next(pieces).startswith("[\n  {")
    assert taken == [0]
    lines = iter_jsonl(statuses())
    next(lines)
    assert taken == [0, 0]


VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -7,
    2**70,
    "",
    ODD,
    [],
    {},
    (),
    [1, [2, [3, []]], {"a": None}],
    {"k": [ODD, {"inner": [True, False]}], ODD: {}},
    ("tuple", 1),
    1.5,
    {1: "int key"},
]


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("value", VALUES)
def test_json_value_nests_as_json_dumps(value: Any, ensure_ascii: bool) -> None:
    encode = string_encoder(ensure_ascii)
    for pad in ("", "  ", "      "):
        expected = json.dumps(value, indent=2, ensure_ascii=ensure_ascii).replace("\n", "\n" + pad)
        assert json_value(value, pad, encode) == expected
    assert encode(ODD) == json.dumps(ODD, ensure_ascii=ensure_ascii)


def test_json_array_layout() -> None:
    values = [{"a": 1}, [2], "three"]
    texts = (json_value(v, "  ", string_encoder(False)) for v in values)
    assert "".join(json_array(texts)) == json.dumps(values, indent=2) + "\n"
    assert "".join(json_array(iter(()))) == json.dumps([], indent=2) + "\n"


AGENDA = [
    AgendaItem(
        agency="km-gov",
        obligation="budget",
        title=None,
        period="2010",
        opens=D("2010-01-01"),
        nominal_due=D("2010-02-28"),
        due=D("2010-03-01"),
        warn_from=None,
        recipients=(),
        deliverable=None,
        source=None,
    ),
    AgendaItem(
        agency=ODD,
        obligation="report",
        title="双月报告 " + ODD,
        period="2010-B2",
        opens=D("2010-03-01"),
        nominal_due=D("2010-04-30"),
        due=D("2010-05-04"),
        warn_from=D("2010-04-28"),
        recipients=("yn-gov", ODD),
        deliverable="推进情况",
        source="辅导讲话（三）",
        provisional_years=(2027,),
    ),
]


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_agenda_json_is_the_bytes_of_json_dumps(ensure_ascii: bool) -> None:
    for items in ([], AGENDA[:1], AGENDA):
        expected = json.dumps([i.to_json() for i in items], indent=2, ensure_ascii=ensure_ascii)
        assert "".join(iter_agenda_json(items, ensure_ascii=ensure_ascii)) == expected + "\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in ("rules.xzjd", "agencies.csv", "filings.csv"):
        shutil.copy(TUTORIAL / name, tmp_path / name)
    return tmp_path


def _check(work: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> tuple[int, str]:
    code = main(
        [
            "check",
            str(work / "rules.xzjd"),
            "--agencies",
            str(work / "agencies.csv"),
            "--filings",
            str(work / "filings.csv"),
            "--on",
            "2010-05-03",
            "--format",
            fmt,
        ]
    )
    return code, capsys.readouterr().out


def test_cli_jsonl_holds_the_records_of_json(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--format jsonl``: one compact object a line, the records of ``--format json`` in the
    same order with the same keys in the same order."""
    code, out = _check(work, capsys, "json")
    assert code == 0
    records = json.loads(out)
    assert len(records) > 1
    code, out = _check(work, capsys, "jsonl")
    assert code == 0
    lines = out.splitlines(keepends=True)
    assert lines == [
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
    ]
    assert [list(json.loads(line)) for line in lines] == [list(r) for r in records]


def test_cli_json_to_an_ascii_stream(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """To a stream that cannot hold Chinese, JSON and JSON Lines keep to ASCII: the same
    values, as ``json.dumps(..., ensure_ascii=True)`` writes them."""
    outputs = {}
    for fmt in ("json", "jsonl"):
        stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
        monkeypatch.setattr("sys.stdout", stream)
        code = main(
            [
                "check",
                str(work / "rules.xzjd"),
                "--agencies",
                str(work / "agencies.csv"),
                "--filings",
                str(work / "filings.csv"),
                "--on",
                "2010-05-03",
                "--format",
                fmt,
            ]
        )
        assert code == 0
        stream.flush()
        outputs[fmt] = stream.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    records = json.loads(outputs["json"])
    assert any(not r["agency_name"].isascii() for r in records)
    assert outputs["json"] == json.dumps(records, indent=2) + "\n"
    assert outputs["jsonl"] == "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records)


def _csv_cell(value: object) -> str:
    """A CSV cell from a value of ``to_json``: null empty, a list ``;``-joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


@pytest.mark.parametrize("raw", [False, True])
@pytest.mark.parametrize("names", NAMES)
def test_csv_cells_are_those_of_to_json(raw: bool, names: dict[str, str] | None) -> None:
    """``iter_csv`` reads the fields itself: its rows are the cells of ``to_json`` in the
    order of CSV_KEYS (``provisional`` as ``true`` or empty), made safe by ``csv_row``."""
    expected = [csv_row(CSV_KEYS, raw=raw)]
    for s in STATUSES:
        record = s.to_json(names)
        record["provisional"] = "true" if record.get("provisional") else None
        expected.append(csv_row([_csv_cell(record[k]) for k in CSV_KEYS], raw=raw))
    assert list(iter_csv(STATUSES, raw=raw, names=names)) == expected
    rows = list(csv.reader(io.StringIO("".join(expected))))
    assert [len(r) for r in rows] == [len(CSV_KEYS)] * (len(STATUSES) + 1)
