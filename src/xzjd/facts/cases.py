# SPDX-License-Identifier: MIT
"""Cases (办件): the rows of a case events file, ``case,agency,obligation,event,date[,note]``.

A case is one application, request or petition that an agency handles under one event-based
obligation; its rows are what happened to it, in date order: the obligation's own event
starts the clock (``accepted``, ``收到申请``), then ``paused``/``resumed``, ``extended``, the
rule's restart event, a stage's name when that stage ends, ``completed`` or ``withdrawn``.
Reading checks what can be checked without the ruleset; :mod:`xzjd.engine.cases` reads the
rows against the rule (docs/cases.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from xzjd.errors import Span
from xzjd.facts.rows import Origin
from xzjd.facts.tables import Located

__all__ = ["Case", "CaseRow"]


@attrs.frozen(kw_only=True)
class CaseRow(Located):
    """One row of a case: on ``date``, ``event`` happened to case ``case``.

    ``note`` is the row's free text: the reason of a pause, who approved an extension.
    Positions (``line``, ``origin``) are left out of equality; ``file``, ``line_text`` and
    ``span_of(column)`` give them back for diagnostics.
    """

    case: str
    agency: str
    obligation: str
    event: str
    date: dt.date
    note: str | None = None
    line: int = attrs.field(default=0, eq=False, repr=False)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    json_spans: Mapping[str, Span] | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Case:
    """The rows of one case, in date order (rows of one day in file order)."""

    id: str
    agency: str
    obligation: str
    rows: tuple[CaseRow, ...] = attrs.field(converter=tuple)
