"""A data file named twice for the same kind in one block of a test file.

Found by the fuzz harness (seed 2028): a 46 KB test file naming the Yunnan ``filings.csv``
2,000 times in its top block ran for 17 CPU seconds, evaluating 2,000 copies of every filing
for each of its scenarios (and every filing counted 2,000 times). Such a block is now refused,
at the repeated line, before any file is read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xzjd.cli import main

E = Path(__file__).resolve().parents[2] / "examples" / "yunnan-2010"


def _copy(tmp_path: Path) -> Path:
    for name in ("rules.zh.xzjd", "agencies.csv", "filings.csv", "events.csv"):
        shutil.copy(E / name, tmp_path / name)
    return tmp_path


def test_repeated_file_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = _copy(tmp_path)
    text = (E / "yunnan.en.test.xzjd").read_text(encoding="utf-8")
    first = text.index('filings "filings.csv"')
    line = text[:first].count("\n") + 1  # the line of the original filings line
    repeated = text[:first] + 'filings "filings.csv"\n' * 2000 + text[first:]
    (work / "r.test.xzjd").write_text(repeated, encoding="utf-8")
    assert main(["test", str(work / "r.test.xzjd")]) == 2
    err = capsys.readouterr().err
    assert f"r.test.xzjd:{line + 1}:1: error[scenario/repeated-data]" in err
    assert f"already named in this block (line {line})" in err
    assert "hint: name each data file once per block" in err
    assert "… and 1950 more errors in" in err  # 2,000 repeats, the first 50 shown


def test_two_different_files_of_a_kind_still_add_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several files of one kind remain allowed: their rows are read one after the other."""
    work = _copy(tmp_path)
    lines = (work / "filings.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    (work / "a.csv").write_text("".join(lines[:half]), encoding="utf-8")
    (work / "b.csv").write_text(lines[0] + "".join(lines[half:]), encoding="utf-8")
    text = (E / "yunnan.en.test.xzjd").read_text(encoding="utf-8")
    text = text.replace('filings "filings.csv"', 'filings "a.csv"\nfilings "b.csv"', 1)
    (work / "split.test.xzjd").write_text(text, encoding="utf-8")
    assert main(["test", str(work / "split.test.xzjd")]) == 0
    assert "3 passed, 0 failed" in capsys.readouterr().out
