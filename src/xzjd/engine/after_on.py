# SPDX-License-Identifier: MIT
"""The warning for filings and events dated after the evaluation date (``input/after-on``).

They are left out of the evaluation (a filing counts from its date on, an event opens its
period on its date); said once per file with the count and the first few, so that a typo
such as 9999-12-31 does not make a filing vanish without a word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from xzjd.engine.diagnostics import cell_diag
from xzjd.errors import Diagnostic
from xzjd.facts.tables import Event, Filing

__all__ = ["after_on_warnings"]

# How many of the records dated after the evaluation date a warning names.
_AFTER_ON_NAMED = 3


def after_on_warnings(
    filings: Sequence[Filing],
    events: Sequence[Event],
    on: dt.date,
    latest: Callable[[str], dt.date | None],
) -> list[Diagnostic]:
    """One warning per file for the filings, and one for the events, dated after *on*.

    *latest* gives the date of the latest filing (``"filings"``) or event (``"events"``):
    when it is not after *on*, the records are not looked at one by one.
    """
    found: list[Diagnostic] = []
    kinds: tuple[tuple[str, Sequence[Filing] | Sequence[Event], str], ...] = (
        ("filings", filings, "filed_on"),
        ("events", events, "date"),
    )
    for what, items, column in kinds:
        last = latest(what)
        if last is None or last <= on:
            continue
        by_file: dict[str, list[Filing | Event]] = {}
        for item in items:
            if getattr(item, column) > on:
                by_file.setdefault(item.file, []).append(item)
        found.extend(_after_on_diagnostic(group, what, column, on) for group in by_file.values())
    return found


def _after_on_diagnostic(
    group: Sequence[Filing | Event], what: str, column: str, on: dt.date
) -> Diagnostic:
    n = len(group)
    named = [f"{x.id} line {x.line}" if x.line else x.id for x in group[:_AFTER_ON_NAMED]]
    named_zh = [f"{x.id} 第 {x.line} 行" if x.line else x.id for x in group[:_AFTER_ON_NAMED]]
    more = n - len(named)
    if more:
        named.append(f"and {more} more")
        named_zh.append(f"另有 {more} 条")
    noun = what if n != 1 else what[:-1]
    verb = "are" if n != 1 else "is"
    what_zh = "报送" if what == "filings" else "事件"
    return cell_diag(
        group[0],
        column,
        "input/after-on",
        n=n,
        noun=noun,
        on=on,
        verb=verb,
        named=", ".join(named),
        noun_zh=what_zh,
        named_zh="、".join(named_zh),
        value="a filing" if what == "filings" else "an event",
    )
