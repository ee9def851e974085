# SPDX-License-Identifier: MIT
"""Calendar data files and declarations: bad input is a positioned error with a hint.

Found by the fuzz harness (tools/fuzz) in ``Calendar.from_file``: a file not in UTF-8 raised
UnicodeDecodeError; TOML nested ~1000 deep raised RecursionError; ``years = [2147483648]``
raised OverflowError; a rest range from 2027 to 9999 took 34 s and 1 GB; several errors had
no hint; a walk past 9999-12-31 raised ValueError.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import xzjd
from xzjd.calendar import Calendar, builtin


def read(tmp_path: Path, name: str, data: bytes | str) -> xzjd.InputError:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    with pytest.raises(xzjd.InputError) as info:
        Calendar.from_file(path, base=builtin())
    for d in info.value.diagnostics:
        assert d.hint, d
    return info.value


def test_not_utf8(tmp_path: Path) -> None:
    """GBK bytes on line 2: an encoding error at that line."""
    text = "date,type,holiday_zh,holiday_en,notice\n2027-01-01,rest,元旦,New Year's Day,x\n"
    exc = read(tmp_path, "gbk.csv", text.encode("gbk"))
    assert exc.code == "input/encoding" and exc.span is not None and exc.span.line == 2


def test_deep_toml(tmp_path: Path) -> None:
    exc = read(tmp_path, "deep.toml", "x = " + "[" * 1000 + "]" * 1000 + "\n")
    assert exc.code == "calendar/bad-toml"


def test_toml_syntax_error_is_positioned(tmp_path: Path) -> None:
    exc = read(tmp_path, "bad.toml", 'name = "x"\nrest = [2027-10-01\n')
    assert exc.code == "calendar/bad-toml" and exc.span is not None and exc.span.line >= 2
    assert "(at line" not in exc.diagnostics[0].message


def test_huge_year(tmp_path: Path) -> None:
    exc = read(tmp_path, "years.toml", "years = [2147483648]\n")
    assert exc.code == "calendar/bad-value"


def test_range_of_thousands_of_years(tmp_path: Path) -> None:
    exc = read(tmp_path, "long.toml", "[[rest]]\nfrom = 2027-01-01\nto = 9999-12-31\n")
    assert exc.code == "calendar/bad-range" and "longer than 366 days" in str(exc)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("day,kind\n", "calendar/bad-header"),
        ("date,type\n2027-10-01,rest\n2027-10-01,rest\n", "calendar/duplicate-date"),
        ("bogus = 1\n", "calendar/unknown-key"),
        ("name = 1\n", "calendar/bad-value"),
    ],
)
def test_every_error_has_a_hint(tmp_path: Path, text: str, code: str) -> None:
    suffix = ".toml" if "=" in text else ".csv"
    assert read(tmp_path, "f" + suffix, text).code == code


def test_declared_range_too_long_is_a_check_error() -> None:
    text = 'ruleset "t"\ncalendar x based on cn:\n  rest 2027-01-01 to 9999-12-31\n'
    with pytest.raises(xzjd.SourceError) as info:
        xzjd.loads(text)
    (diag,) = info.value.diagnostics
    assert diag.code == "calendar/long-range" and diag.span is not None
    assert diag.span.line == 3 and diag.hint


def test_walk_past_9999() -> None:
    """A calendar covering 9999: the working day after 9999-12-31 does not exist."""
    cal = Calendar("end", [], years=[9999])
    # 9999-12-31 is a Friday; nothing comes after it.
    assert cal.is_working_day(dt.date(9999, 12, 31))
    with pytest.raises(xzjd.CalendarError):
        cal.next_working_day(dt.date(9999, 12, 31))
    with pytest.raises(xzjd.CalendarError):
        cal.add_working_days(dt.date(9999, 12, 30), 5)
    with pytest.raises(xzjd.CalendarError):
        cal.add_working_days(dt.date(9999, 1, 1), -5)
