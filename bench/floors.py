# SPDX-License-Identifier: MIT
"""The floors: the least an evaluation can do, timed on the same states as ``xzjd.evaluate``.

Both floors make the one decision every period needs once its filings are known: was the
period satisfied, on or before its deadline, and if not, is the deadline past. They produce
one state code per state:

* **the dict-lookup floor** (:func:`dict_floor`): the least any per-state Python loop can do.
  For each state ``(agency, obligation, period, deadline)`` it looks up the day the period was
  satisfied under the key ``(agency, obligation, period)`` in a dict and compares it with the
  deadline (or, when nothing satisfied it, the deadline with the evaluation date);
* **the numpy floor** (:func:`numpy_floor`): the same decision vectorised, the least a
  columnar core can do: an array of the satisfying days aligned with the array of the
  deadlines, compared in a few whole-array operations.

Their inputs are prepared outside the timed region (:func:`prepare`, from the records of one
evaluation: the states, and for each done or late period the day it was satisfied), so the
floors measure the decision alone, not finding which filing counts for which period, nor
reading, nor building records. An evaluator within a small factor of the dict floor does
about as little per state as Python allows; the numpy floor bounds what a columnar core can
reach.

The floors do not know about waivers or warning windows: :func:`agreement` checks that their
codes equal the evaluator's states everywhere except on waived periods (which the floors
count as unsatisfied) and on warnings (which they count as pending).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CODES",
    "DONE",
    "LATE",
    "MISSING",
    "OVERDUE",
    "PENDING",
    "Inputs",
    "agreement",
    "dict_floor",
    "numpy_floor",
    "prepare",
]

#: State codes of the floors.
DONE, LATE, PENDING, OVERDUE = 0, 1, 2, 3
CODES = ("done", "late", "pending", "overdue")
#: The satisfying day of a period nothing satisfied, in the numpy floor's array.
MISSING = int(np.iinfo(np.int32).max)

#: The code the floors should give for each of the evaluator's states (None: undecided).
_EXPECTED = {
    "done": DONE,
    "late": LATE,
    "pending": PENDING,
    "warning": PENDING,
    "overdue": OVERDUE,
    "waived": None,
}


@attrs.frozen(eq=False)
class Inputs:
    """What the floors start from, prepared from one evaluation's records."""

    on: int
    #: ``(agency, obligation, period, deadline ordinal)`` of every state, in result order.
    states: list[tuple[str, str, str, int]]
    #: ``(agency, obligation, period)`` -> ordinal of the day a done or late period was
    #: satisfied.
    satisfied: dict[tuple[str, str, str], int]
    #: The deadlines' ordinals, in the order of ``states``.
    due: NDArray[np.int32]
    #: The satisfying days' ordinals aligned with ``due`` (:data:`MISSING`: none).
    filed: NDArray[np.int32]
    #: The evaluator's state of each state, as a word.
    states_seen: list[str]

    def __len__(self) -> int:
        return len(self.states)


def _word(state: Any) -> str:
    return str(getattr(state, "value", state))


def prepare(records: Iterable[Any], on: Any) -> Inputs:
    """The floors' inputs from the records of one evaluation on date *on* (untimed)."""
    states: list[tuple[str, str, str, int]] = []
    satisfied: dict[tuple[str, str, str], int] = {}
    words: list[str] = []
    for r in records:
        key = (r.agency, r.obligation, r.period)
        states.append((*key, r.due.toordinal()))
        if r.satisfied_on is not None:
            satisfied[key] = r.satisfied_on.toordinal()
        words.append(_word(r.state))
    due = np.fromiter((s[3] for s in states), dtype=np.int32, count=len(states))
    get = satisfied.get
    filed = np.fromiter((get(s[:3], MISSING) for s in states), dtype=np.int32, count=len(states))
    return Inputs(on.toordinal(), states, satisfied, due, filed, words)


def dict_floor(inputs: Inputs) -> list[int]:
    """The state code of every state, one dict lookup and one comparison each."""
    get = inputs.satisfied.get
    on = inputs.on
    out: list[int] = []
    append = out.append
    for agency, obligation, period, due in inputs.states:
        day = get((agency, obligation, period))
        if day is None:
            append(OVERDUE if on > due else PENDING)
        elif day <= due:
            append(DONE)
        else:
            append(LATE)
    return out


def numpy_floor(inputs: Inputs) -> NDArray[np.int8]:
    """The state code of every state, in whole-array operations."""
    due, filed = inputs.due, inputs.filed
    unsatisfied = np.where(due < inputs.on, np.int8(OVERDUE), np.int8(PENDING))
    return np.where(filed == MISSING, unsatisfied, (filed > due).astype(np.int8))


def agreement(
    inputs: Inputs, dict_codes: Sequence[int], numpy_codes: NDArray[Any]
) -> dict[str, Any]:
    """Whether the two floors give the same codes, and whether they give the evaluator's
    states wherever the floors decide (every state but waived ones, warnings as pending)."""
    floors_equal = len(dict_codes) == len(numpy_codes) and bool(
        np.array_equal(np.asarray(dict_codes, dtype=np.int8), numpy_codes)
    )
    undecided = 0
    wrong: list[dict[str, Any]] = []
    n_wrong = 0
    for state, code, word in zip(inputs.states, dict_codes, inputs.states_seen, strict=True):
        expected = _EXPECTED.get(word)
        if expected is None:
            undecided += 1
        elif expected != code:
            n_wrong += 1
            if len(wrong) < 10:
                wrong.append({"state": list(state), "evaluator": word, "floor": CODES[code]})
    return {
        "floors_equal": floors_equal,
        "states": len(inputs),
        "undecided": undecided,
        "disagree": n_wrong,
        "first": wrong,
        "equal": floors_equal and n_wrong == 0,
    }
