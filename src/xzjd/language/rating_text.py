# SPDX-License-Identifier: MIT
"""The canonical text of a rating (评级), English or Chinese: one line."""

from __future__ import annotations

from decimal import Decimal

from xzjd.model import Rating

__all__ = ["rating_lines"]

_RATING_EVERY = {
    "month": ("monthly", "每月"),
    "quarter": ("quarterly", "每季度"),
    "year": ("yearly", "每年"),
}


def rating_lines(r: Rating, lang: str) -> list[str]:
    """One line: ``rating quarterly: 优秀 at least 98% on time; ...; otherwise 不合格``."""
    if not r.grades:
        raise ValueError("a rating has no grades")
    en, zh_word = _RATING_EVERY[r.every]
    if lang == "zh":
        parts = [f"不低于{_percent(g.at_least)}为{g.name}" for g in r.grades]
        parts[0] = "准时率" + parts[0]
        return [f"评级 {zh_word}：" + "；".join([*parts, f"其余为{r.otherwise}"])]
    parts = [f"{g.name} at least {_percent(g.at_least)}" for g in r.grades]
    parts[0] += " on time"
    return [f"rating {en}: " + "; ".join([*parts, f"otherwise {r.otherwise}"])]


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f") + "%"
