# SPDX-License-Identifier: MIT
"""Put the evaluator's records and the baseline's records in one comparable form."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

__all__ = ["FIELDS", "canonical", "canonical_one", "differences"]

#: The fields of a period's state, as in the CLI's JSON output (language.md section 6).
FIELDS = (
    "agency",
    "obligation",
    "period",
    "opens",
    "nominal_due",
    "due",
    "state",
    "days_overdue",
    "step",
    "recipients",
    "filings",
    "source",
)


def _norm(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | str):
        return v
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, tuple | list | frozenset | set):
        return tuple(_norm(x) for x in v)
    for attr in ("id", "value"):
        if hasattr(v, attr):
            return _norm(getattr(v, attr))
    return str(v)


_FIELDS_OF = attrgetter(*FIELDS)


def canonical_one(record: Any) -> tuple[Any, ...]:
    """One record as a tuple of :data:`FIELDS` in comparable form."""
    return tuple(map(_norm, _FIELDS_OF(record)))


def canonical(records: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Records as sorted tuples of :data:`FIELDS`; recipients and filings keep their order."""
    return sorted(map(canonical_one, records))


def differences(
    ours: Sequence[tuple[Any, ...]], theirs: Sequence[tuple[Any, ...]], limit: int = 20
) -> list[dict[str, Any]]:
    """Up to ``limit`` disagreements between two canonical lists, keyed by period."""
    key = slice(0, 3)
    a = {r[key]: r for r in ours}
    b = {r[key]: r for r in theirs}
    out: list[dict[str, Any]] = []
    for k in sorted(a.keys() | b.keys()):
        ra, rb = a.get(k), b.get(k)
        if ra == rb:
            continue
        entry: dict[str, Any] = {"period": list(k)}
        if ra is None or rb is None:
            entry["evaluator"] = None if ra is None else dict(zip(FIELDS, ra, strict=True))
            entry["baseline"] = None if rb is None else dict(zip(FIELDS, rb, strict=True))
        else:
            entry["fields"] = {
                f: {"evaluator": x, "baseline": y}
                for f, x, y in zip(FIELDS, ra, rb, strict=True)
                if x != y
            }
        out.append(entry)
        if len(out) >= limit:
            break
    return out
