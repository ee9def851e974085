# SPDX-License-Identifier: MIT
"""Hostile holiday notices (``xzjd calendar import``): found by the fuzz harness.

* ``共99…9天`` with 5001 digits: Python's ``int()`` refuses more than 4300 digits, a plain
  ValueError out of the notice reader (internal error). A count that long is now 10**9 days,
  which the item's dates then contradict.
* A notice that is not UTF-8 was ``notice/unreadable-file`` with no position; it is now
  ``notice/encoding`` at the first bad byte, as the other readers do.
* Several notice errors (``notice/bad-date``, ``notice/count``, ``notice/no-year``...) had no
  hint; every one now has one.

The text is the 2020 notice of tools/notices, first item: "一、元旦：2020年1月1日放假，共1天。"
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xzjd.calendar.notice import read_notice
from xzjd.cli import main
from xzjd.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
NOTICE_2020 = ROOT / "tools" / "notices" / "2020.txt"
NEW_YEAR = "一、元旦：2020年1月1日放假，共1天。"


@pytest.fixture
def text() -> str:
    if not NOTICE_2020.exists():  # pragma: no cover - an sdist without tools/
        pytest.skip("tools/notices not present")
    text = NOTICE_2020.read_text(encoding="utf-8")
    assert NEW_YEAR in text
    return text


def test_a_count_too_long_for_int(text: str, tmp_path: Path) -> None:
    """``共`` followed by 5001 nines: an input error, not a ValueError."""
    path = tmp_path / "n.txt"
    path.write_text(text.replace("共1天", "共" + "9" * 5001 + "天", 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_notice(path)
    assert all(d.hint for d in info.value.diagnostics)


def test_not_utf8(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A byte 0xff in the title (line 6 of the file, after 国务院办公厅关于2020年, which is
    13 characters): notice/encoding at 6:14, exit 2."""
    path = tmp_path / "n.txt"
    data = text.encode("utf-8").replace("2020年部分".encode(), "2020年".encode() + b"\xff", 1)
    path.write_bytes(data)
    assert main(["calendar", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:6:14: error[notice/encoding]: the notice is not UTF-8 (byte 0xff)" in err
    assert "hint: save the notice as UTF-8" in err


@pytest.mark.parametrize(
    "change",
    [
        ("2020年1月1日放假，共1天", "2020年1月32日放假，共1天"),  # no such day
        ("共1天", "共2天"),  # a count the dates contradict
        ("国务院办公厅关于2020年部分节假日安排的通知", "国务院办公厅关于部分节假日安排的通知"),
    ],
    ids=["bad-date", "count", "title"],
)
def test_every_notice_error_has_a_hint(text: str, tmp_path: Path, change: tuple[str, str]) -> None:
    """Notice errors that had no hint now say to compare with the published text."""
    path = tmp_path / "n.txt"
    path.write_text(text.replace(*change, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_notice(path)
    assert info.value.diagnostics
    assert all(d.hint and d.hint_zh for d in info.value.diagnostics)
