# SPDX-License-Identifier: MIT
"""A warning quotes a line of a data file without the file being held whole.

Evaluation's warnings (a filing that counts for nothing, ...) quote the filing's line. The
line used to be found by reading the whole file into memory and keeping it there: at 300,000
agencies a 286 MiB filings file was held for a handful of warnings. ``files.LineFinder``
reads the file once a block at a time, noting where each block begins, and reads a line again
from its block alone. The expected lines here are the file's own lines, split by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xzjd.facts.files import LineFinder
from xzjd.facts.rows import Origin


def _write(path: Path, lines: list[str], *, bom: bool, end: str, encoding: str) -> None:
    data = end.join(lines).encode(encoding) + end.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


LINES = [f"F{i:07d},km-gov,rollup,2010-0{1 + i % 9}-1{i % 10},,,备注{i}" for i in range(12_000)]


@pytest.mark.parametrize(
    ("bom", "end", "encoding"),
    [
        (False, "\n", "utf-8"),
        (True, "\r\n", "utf-8"),
        (False, "\r", "utf-8"),
        (False, "\n", "gb18030"),
    ],
)
def test_every_line_found_again_across_blocks(
    tmp_path: Path, bom: bool, end: str, encoding: str
) -> None:
    path = tmp_path / "filings.csv"
    lines = ["id,agency,obligation,filed_on,period,recipient,note", *LINES]
    _write(path, lines, bom=bom, end=end, encoding=encoding)
    assert path.stat().st_size > 3 * (1 << 16)  # several blocks
    finder = LineFinder(str(path), None)
    assert finder.count == len(lines)
    for n in (1, 2, 3, 4_000, 4_001, len(lines) - 1, len(lines), *range(1, len(lines), 997)):
        assert finder.line_text(n) == lines[n - 1]
    assert finder.line_text(0) is None
    assert finder.line_text(len(lines) + 1) is None


def test_origin_quotes_lines_without_holding_the_text(tmp_path: Path) -> None:
    path = tmp_path / "filings.csv"
    lines = ["id,agency,obligation,filed_on,period,recipient,note", *LINES]
    _write(path, lines, bom=False, end="\n", encoding="utf-8")
    origin = Origin(str(path), columns=lines[0].split(","), path=str(path))
    assert origin.line_text(5_000) == lines[4_999]
    assert origin.line_text(2) == lines[1]
    # The span of a cell is found from its line (column 3, "obligation", of line 10).
    span = origin.cell_span(10, "obligation")
    assert span is not None
    assert (span.line, span.column) == (10, len("F0000008,km-gov,") + 1)
    # No whole-file text was kept: at most the blocks of the lines asked for.
    assert origin._lines is None
    assert origin._finder is not None
    assert len(origin._finder._kept) <= LineFinder.KEPT


def test_a_file_gone_gives_no_line(tmp_path: Path) -> None:
    path = tmp_path / "filings.csv"
    path.write_text("id,agency\nF1,km-gov\n", encoding="utf-8")
    origin = Origin(str(path), columns=("id", "agency"), path=str(path))
    path.unlink()
    assert origin.line_text(2) is None
