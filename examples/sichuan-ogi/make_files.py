# SPDX-License-Identifier: MIT
"""Write the office formats of this example from its UTF-8 files.

``agencies.gbk.csv`` is ``agencies.csv`` encoded in GBK; ``filings.xlsx`` is ``filings.csv`` as an
Excel workbook (sheet 报送, dates as real Excel dates). Run from the repository root:
``python examples/sichuan-ogi/make_files.py`` (needs openpyxl: ``pip install 'xzjd[xlsx]'``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def _date(text: str) -> dt.date:
    y, m, d = (int(p) for p in re.findall(r"\d+", text))
    return dt.date(y, m, d)


def main() -> None:
    text = (HERE / "agencies.csv").read_text(encoding="utf-8")
    (HERE / "agencies.gbk.csv").write_bytes(text.encode("gbk"))
    with (HERE / "filings.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "报送"
    sheet.append(rows[0])
    when = rows[0].index("报送日期")
    for row in rows[1:]:
        cells: list[object] = list(row)
        cells[when] = _date(row[when])
        sheet.append(cells)
    for cell in sheet["D"][1:]:
        cell.number_format = "yyyy-mm-dd"
    # Fixed workbook properties, so the file is the same each time it is made.
    book.properties.created = book.properties.modified = dt.datetime(2025, 4, 15)
    book.save(HERE / "filings.xlsx")


if __name__ == "__main__":
    main()
