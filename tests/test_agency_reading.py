"""read_agencies' fast path for CSV lines (facts/agency_reading.py, _Reading.lines): the agencies,
positions and diagnostics of checking every line as a row (_Reading.row, the reader's loop
as it was)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import generate

import xzjd
from xzjd.errors import Diagnostic, InputError
from xzjd.facts import agencies, agency_reading
from xzjd.model import KindDecl

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id,name,kind,level,region,tags,system\n"


def _as_rows(self: agency_reading._Reading, lines: list[str], first: int) -> None:
    for line, text in enumerate(lines, first):
        self._slow(line, text)


def both(path: Path, kinds: tuple[KindDecl, ...] = ()) -> agencies.Registry:
    """read_agencies(path), checked against reading every line as a row."""
    fast = agency_reading.read_agencies(path, kinds=kinds)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(agency_reading._Reading, "lines", _as_rows)
        slow = agency_reading.read_agencies(path, kinds=kinds)
    assert fast.agencies == slow.agencies
    for a, b in zip(fast, slow, strict=True):
        assert (a.file, a.line, a.line_text, a.span, a.place) == (
            b.file,
            b.line,
            b.line_text,
            b.span,
            b.place,
        )
    return fast


def problems(path: Path) -> list[Diagnostic]:
    found = []
    for fast in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not fast:
                patch.setattr(agency_reading._Reading, "lines", _as_rows)
            with pytest.raises(InputError) as caught:
                agency_reading.read_agencies(path)
            found.append(list(caught.value.diagnostics))
    assert found[0] == found[1]
    return found[0]


def test_bench_registry(tmp_path: Path) -> None:
    rules = xzjd.load(ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd")
    info = generate.generate(rules, tmp_path, agencies=400, seed=2)
    assert len(both(Path(info["agencies"]))) == 400


def test_odd_lines(tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text(
        HEADER
        + "yn-gov,云南省人民政府,government,provincial,云南省,,\n"
        + '"yn-jc","云南省监察厅, 纪委",supervisory organ,provincial,云南省,a;b,\n'
        + "\n"
        + " yn-tj , 统计局 , 部门 ,省级, 云南省 / 昆明市 , x；y ,统计\n"
        + "yn-ogi,,ogi office,,云南省,,\n"
        + "yn-x,X,Department,PROVINCIAL,云南省,,\n",
        encoding="utf-8",
    )
    registry = both(path, (KindDecl(name="ogi-office", title="ogi office"),))
    # line 1 the header, a blank line 4
    assert [a.line for a in registry] == [2, 3, 5, 6, 7]
    tj = registry["yn-tj"]
    assert (tj.name, tj.region, tj.tags, tj.system) == (
        "统计局",
        ("云南省", "昆明市"),
        frozenset({"x", "y"}),
        "统计",
    )
    assert registry["yn-ogi"].name == "yn-ogi"  # no name: the id


def test_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text(
        HEADER
        + "a1,A,government,provincial,云南省,,\n"
        + "a2,A,no such kind,provincial,云南省,,\n"
        + "a3,A,government,no such level,云南省,,\n"
        + "a 4,A,government,provincial,云南省,,\n"
        + ",A,government,provincial,云南省,,\n"
        + "a1,A,government,provincial,云南省,,\n"
        + "a7,A,,provincial,云南省,,\n"
        + "a8,A,government,provincial\n",
        encoding="utf-8",
    )
    found = problems(path)
    assert [(d.code, d.span.line if d.span else 0) for d in found] == [
        ("input/unknown-kind", 3),
        ("input/unknown-level", 4),
        ("input/bad-id", 5),
        ("input/missing", 6),
        ("input/duplicate-id", 7),
        ("input/missing", 8),
        ("input/csv", 9),
    ]
