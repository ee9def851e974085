# SPDX-License-Identifier: MIT
"""A GB18030 file whose later blocks are all ASCII reads.

A file read by path is decoded about 64 KB at a time; once a block had made it GB18030, a
later block with no byte beyond ASCII failed the "looks Chinese" test (there is no Chinese
character in it) and the reader stopped with an internal error ("unreachable: a chunk with
no byte beyond ASCII decodes") instead of reading it. ASCII reads the same in every encoding.
"""

from __future__ import annotations

from pathlib import Path

import xzjd


def test_chinese_rows_then_ascii_rows(tmp_path: Path) -> None:
    lines = ["id,agency,obligation,filed_on,period,recipient,status"]
    lines += [f"F{i:06d},机关{i % 5},report,2010-03-01,,," for i in range(3000)]  # ~110 KB
    lines += [f"G{i:06d},ag{i % 5},report,2010-03-02,,," for i in range(5000)]  # ~170 KB
    path = tmp_path / "filings.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))
    filings = xzjd.read_filings(path)
    assert len(filings) == 8000
    # the 3001st filing is the first G row, on line 3002 (line 1 is the header)
    assert (filings[0].agency, filings[3000].agency, filings[3000].line) == ("机关0", "ag0", 3002)
