# SPDX-License-Identifier: MIT
"""The builder's reductions of ratings (评级): ``rating quarterly: 优秀 at least 98% on time;
...; otherwise 不合格`` and ``评级 每季度：准时率不低于98%为优秀；...；其余为不合格``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lark import Token

from xzjd.language.build_base import BuilderBase, meta_span, seq, token_span
from xzjd.language.reductions import Meta
from xzjd.model import Grade, Rating

__all__ = ["RatingForms"]


class _Every(str):
    """The interval word of a rating: ``month``, ``quarter``, ``year``."""


def _names(children: list[Any]) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type == "NAME"]


def _percent(children: list[Any]) -> Decimal:
    token = next(c for c in children if isinstance(c, Token) and c.type == "PERCENT")
    return Decimal(str(token)[:-1])


class RatingForms(BuilderBase):
    """The reductions of ratings (part of :class:`~xzjd.language.builder.Builder`)."""

    def rating_decl(self, meta: Meta, children: list[Any]) -> Rating:
        every = next(c for c in children if isinstance(c, _Every))
        grades = [c for c in children if isinstance(c, Grade)]
        otherwise = _names(children)[-1]
        return Rating(
            every=str(every), grades=seq(grades), otherwise=str(otherwise), span=meta_span(meta)
        )

    def rating_monthly(self, meta: Meta, children: list[Any]) -> _Every:
        return _Every("month")

    def rating_quarterly(self, meta: Meta, children: list[Any]) -> _Every:
        return _Every("quarter")

    def rating_yearly(self, meta: Meta, children: list[Any]) -> _Every:
        return _Every("year")

    def rating_grade_en(self, meta: Meta, children: list[Any]) -> Grade:
        return self._grade(meta, children)

    def rating_grade_zh(self, meta: Meta, children: list[Any]) -> Grade:
        return self._grade(meta, children)

    def _grade(self, meta: Meta, children: list[Any]) -> Grade:
        name = _names(children)[0]
        span = meta_span(meta) or token_span(name)
        return Grade(name=str(name), at_least=_percent(children), span=span)
