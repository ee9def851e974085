# SPDX-License-Identifier: MIT
"""The checks of ratings (评级): one rating per interval, thresholds from 0 to 100%, each
lower than the one above it."""

from __future__ import annotations

from decimal import Decimal

from xzjd.language.check_collector import Collector

__all__ = ["check_ratings"]

_EVERY_EN = {"month": "monthly", "quarter": "quarterly", "year": "yearly"}
_EVERY_ZH = {"month": "每月", "quarter": "每季度", "year": "每年"}


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f") + "%"


def check_ratings(c: Collector) -> None:
    seen: dict[str, int | None] = {}
    for rating in c.ruleset.ratings:
        if rating.every in seen:
            first = seen[rating.every]
            c.add(
                "rating/duplicate",
                rating.span,
                every=_EVERY_EN[rating.every],
                every_zh=_EVERY_ZH[rating.every],
                where="" if first is None else f" (first at line {first})",
            )
        else:
            seen[rating.every] = None if rating.span is None else rating.span.line
        previous = None
        for grade in rating.grades:
            if not 0 <= grade.at_least <= 100:
                c.add(
                    "rating/out-of-range",
                    grade.span,
                    grade=grade.name,
                    percent=_percent(grade.at_least),
                )
            elif previous is not None and grade.at_least >= previous.at_least:
                c.add(
                    "rating/out-of-order",
                    grade.span,
                    grade=grade.name,
                    percent=_percent(grade.at_least),
                    previous=previous.name,
                    previous_percent=_percent(previous.at_least),
                )
            previous = grade
