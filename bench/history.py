# SPDX-License-Identifier: MIT
"""Does a long history cost anything? Part of ``python -m bench``.

The same registry and filings are evaluated on one date (``since`` one year back) under the
rules of ``bench/rules/representative.xzjd`` taking effect 10 and 50 years earlier; the two
are timed in turns (:func:`bench.measure.interleave`), CPU and wall time. With ``since``,
history before it is closed, so the target is that 50 years cost what 10 years cost (at most
1.1 times). The schedule lookups of :mod:`bench.schedule_years` (``containing``,
``between``) in 2026 against 2005 are timed as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xzjd
from bench import generate
from bench.measure import interleave, ratio

__all__ = ["HISTORY_RULES", "history_text", "measure", "schedule_years"]

ROOT = Path(__file__).resolve().parent.parent
HISTORY_RULES = ROOT / "bench" / "rules" / "representative.xzjd"


def history_text(text: str, effective: dt.date) -> str:
    """The rules text taking effect on ``effective``, on a calendar that covers the years.

    The built-in ``cn`` data starts in 2004; the years before it are declared (weekends plus
    New Year's Day) in a calendar based on ``cn``, as language.md section 3 allows.

    One-off duties of a fixed year (``by April 1, 2010``) are left out of every version: for
    a recent ``effective`` they would fall before it, which the checker rejects
    (``schedule/before-effective``), and every version must hold the same obligations.
    """
    lines = []
    skipping = False
    for line in text.splitlines():
        if line.startswith("obligation "):
            block = text[text.index(line) :].split("\n\n", 1)[0]
            skipping = any(_fixed_year(b) for b in block.splitlines()[1:])
        elif not line.strip():
            skipping = False
        if skipping:
            continue
        if line.startswith("effective "):
            line = f"effective {effective.isoformat()}"
        elif line.startswith("calendar cn"):
            line = "calendar history"
        lines.append(line)
    # New Year's Day 2026 is already a rest day in cn: it keeps the block non-empty.
    lines += ["", "calendar history based on cn:", "  rest 2026-01-01"]
    lines += [f"  rest {year}-01-01" for year in range(effective.year, 2004)]
    return "\n".join(lines) + "\n"


def _fixed_year(line: str) -> bool:
    """Whether a schedule line names a deadline year (``2010``), not a ``from`` year."""
    words = line.replace(",", " ").split()
    return any(
        w.isdigit() and len(w) == 4 and (i == 0 or words[i - 1] not in ("from", "until"))
        for i, w in enumerate(words)
    ) and not line.strip().startswith(("source", "applies"))


def measure(out: Path, agencies: int, runs: int, seed: int) -> dict[str, Any]:
    """Evaluate one date after 10 and after 50 years of rules, reporting the same last year.

    The filings are the same in both (a year of them, every one naming its period), so only
    the length of the history differs. Returns the two series, their ratio and the counts.
    """
    text = HISTORY_RULES.read_text(encoding="utf-8")
    on = dt.date(2026, 1, 20)
    since = dt.date(2025, 1, 20)
    recent = xzjd.loads(history_text(text, dt.date(2025, 1, 22)))
    data = generate.generate(recent, out / f"history-{agencies}", agencies, seed, on, named=1.0)
    registry = xzjd.read_agencies(data["agencies"])
    filings = xzjd.read_filings(data["filings"])
    events = xzjd.read_events(data["events"])
    rulesets = {
        years: xzjd.loads(history_text(text, dt.date(on.year - years, 1, 22))) for years in (10, 50)
    }
    counts: dict[str, int] = {}

    def run(years: int) -> Callable[[], Any]:
        r = rulesets[years]
        return lambda: xzjd.evaluate(r, registry, filings, on=on, events=events, since=since)

    def seen(name: str, k: int, result: Any) -> None:
        counts[name] = len(result)

    series = interleave(
        {"10 years": run(10), "50 years": run(50)},
        {"10 years": runs, "50 years": runs},
        seen,
    )
    return {
        "agencies": agencies,
        "series": {name: s.as_dict() for name, s in series.items()},
        "states": counts,
        "ratio": ratio(series["50 years"], series["10 years"]),
    }


def schedule_years(runs: int) -> dict[str, Any]:
    """The schedule lookups of bench/schedule_years.py: a lookup in 2026 against 2005, the
    worst ratio over the schedules and the two operations."""
    from bench import schedule_years as sy

    ratios = []
    for u in sy.unrollers().values():
        for op in ("containing", "between"):

            def make(year: int, u: Any = u, op: str = op) -> Callable[[], Any]:
                if op == "containing":
                    return lambda: u.containing(dt.date(year, 6, 15))
                return lambda: u.between(dt.date(year, 1, 1), dt.date(year, 12, 1))

            early = sy.median_us(make(2005), max(7, runs), 1000)
            late = sy.median_us(make(2026), max(7, runs), 1000)
            ratios.append(late / early)
    return {"worst": max(ratios), "ratios": ratios}
