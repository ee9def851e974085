# SPDX-License-Identifier: MIT
"""The header words of the data files: each column's English name and its Chinese names.

A header cell names a column in English (``filed_on``) or in Chinese (``报送日期``); the words
are matched after stripping spaces, case-blind. One table for every file kind, so that the
readers, the docs (docs/evaluation.md, section 1) and the tests share it. A column named twice
in one header, by the same word or by two of its words, is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.messages import diagnostic

__all__ = ["HEADER_WORDS", "check_header", "column_of", "zh_names"]

#: For each file kind, each column's Chinese header words (the first is the one the docs and
#: hints show). The English name of the column is always accepted as well.
HEADER_WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "agencies": {
        "id": ("机关代码", "标识", "机关标识", "代码"),
        "name": ("名称", "机关名称"),
        "kind": ("类别", "机关类别", "类型"),
        "level": ("层级", "级别"),
        "region": ("区划", "行政区划", "地区"),
        "tags": ("标记", "标签"),
        "system": ("条线", "系统"),
    },
    "filings": {
        "id": ("编号", "报送编号"),
        "agency": ("机关", "报送机关"),
        "obligation": ("义务", "事项"),
        "filed_on": ("报送日期", "日期"),
        "period": ("期次", "期别"),
        "recipient": ("接收机关", "报送对象"),
        "status": ("状态",),
    },
    "events": {
        "id": ("编号", "事件编号"),
        "agency": ("机关",),
        "event": ("事件",),
        "date": ("日期", "发生日期"),
    },
    "cases": {
        "case": ("办件编号", "办件"),
        "agency": ("机关", "办理机关"),
        "obligation": ("义务", "事项"),
        "event": ("事件", "环节"),
        "date": ("日期",),
        "note": ("备注", "说明"),
    },
}


def _lookup() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for what, columns in HEADER_WORDS.items():
        words = table[what] = {}
        for column, names in columns.items():
            words[column] = column
            for word in names:
                words[word.lower()] = column
    return table


_LOOKUP = _lookup()


def column_of(what: str, word: str) -> str | None:
    """The column a header word names in a file of kind *what*, or ``None``."""
    key = "".join(word.split()).lower()
    words = _LOOKUP.get(what)
    if words is None:
        return key
    return words.get(key)


def zh_names(what: str, columns: Iterable[str]) -> str:
    """The columns, each with its first Chinese word: ``id(编号),agency(机关)``."""
    names = HEADER_WORDS.get(what, {})
    out = []
    for column in columns:
        words = names.get(column)
        out.append(f"{column}({words[0]})" if words else column)
    return ",".join(out)


def check_header(
    cells: Sequence[tuple[str, Span]],
    *,
    name: str,
    line_text: str,
    header_span: Span,
    required: Sequence[str],
    known: Sequence[str],
    what: str,
    places: Sequence[str | None] = (),
    header_place: str | None = None,
) -> list[str]:
    """The columns a header names, each by its English name (:mod:`xzjd.facts.headers`).

    Args:
        cells: the header's cells, each its text and its span in *line_text*.
        places: the workbook cell of each header cell (``Sheet1!C1``), if any.
        header_place: the workbook row of the header, if any.

    Raises:
        InputError: a header cell names no column, a column is named twice (by one word or
            two of its words), or a required column is missing.
    """
    columns: list[str] = []
    words: dict[str, str] = {}  # column -> the word that named it
    diags: list[Diagnostic] = []
    known_zh = zh_names(what, known)
    for at, (cell_text, span) in enumerate(cells):
        word = cell_text.strip()
        column = column_of(what, word)
        place = places[at] if at < len(places) else None
        if column is None or column not in known:
            diags.append(
                diagnostic(
                    "input/header#unknown-column",
                    file=name,
                    span=span,
                    line_text=line_text,
                    place=place,
                    value=word,
                    what=what,
                    known=",".join(known),
                    known_zh=known_zh,
                )
            )
            column = column or word.lower()
        elif column in words:
            first = words[column]
            diags.append(
                diagnostic(
                    "input/header#repeated-column"
                    if first.lower() == word.lower()
                    else "input/header#synonym-column",
                    file=name,
                    span=span,
                    line_text=line_text,
                    place=place,
                    column_value=column,
                    value=word,
                    first=first,
                )
            )
        else:
            words[column] = word
        columns.append(column)
    missing = [c for c in required if c not in columns]
    if missing:
        diags.append(
            diagnostic(
                "input/header#missing-column",
                file=name,
                span=header_span,
                line_text=line_text,
                place=header_place,
                what=what,
                missing=", ".join(missing),
                missing_zh=zh_names(what, missing),
                known=",".join(known),
                known_zh=known_zh,
            )
        )
    if diags:
        raise InputError(diags)
    return columns
