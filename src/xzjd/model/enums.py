# SPDX-License-Identifier: MIT
"""The closed sets of the rules language: kinds, levels, relations, steps, states, units.

Each enum's value is its English spelling in the language; the Chinese words are in
:mod:`xzjd.vocab`.
"""

from __future__ import annotations

import enum

__all__ = [
    "MONTHS_EN",
    "CaseMark",
    "FilingStatus",
    "Kind",
    "Level",
    "Parity",
    "Relation",
    "RestDayPolicy",
    "State",
    "Step",
    "Unit",
    "Verb",
]

#: English month names, January first: ``MONTHS_EN[month - 1]``. Fixed, never localised.
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Kind(enum.Enum):
    """The built-in kinds of agency. ``ADMINISTRATIVE_ORGAN`` matches every agency.

    ``SUPERVISORY_ORGAN`` (行政监察机关) is kept for texts from before 2018, when the
    supervisory commissions (监察委员会) replaced it. A ruleset may declare kinds of its own
    (:class:`~xzjd.model.DeclaredKind`).
    """

    ADMINISTRATIVE_ORGAN = "administrative organ"
    SUPERVISORY_ORGAN = "supervisory organ"
    AUDIT_ORGAN = "audit organ"
    GOVERNMENT = "government"
    DEPARTMENT = "department"
    SUPERVISORY_COMMISSION = "supervisory commission"
    PARTY_COMMITTEE = "party committee"
    CONGRESS_STANDING_COMMITTEE = "people's congress standing committee"


class Level(enum.Enum):
    """Administrative levels, from the top."""

    PROVINCIAL = "provincial"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"


class Relation(enum.Enum):
    """How a recipient relates to the agency that owes the duty."""

    SAME_LEVEL = "same-level"
    UPPER_LEVEL = "upper-level"


class Step(enum.Enum):
    """Escalation steps, mildest first. The value is the English DSL spelling."""

    REMIND = "remind"
    URGE = "urge"
    CORRECT = "correct"
    NOTIFY = "notify"
    HOLD_ACCOUNTABLE = "hold accountable"
    DISCIPLINE = "discipline"

    def __str__(self) -> str:
        return self.value

    @property
    def severity(self) -> int:
        """0 for ``remind`` up to 5 for ``discipline``."""
        return _STEP_ORDER.index(self)


_STEP_ORDER = list(Step)


class State(enum.StrEnum):
    """The state of a period, or of a case, on the evaluation date.

    ``WITHDRAWN`` is a case's only: the applicant withdrew it before it was completed.
    """

    PENDING = "pending"
    WARNING = "warning"
    OVERDUE = "overdue"
    DONE = "done"
    LATE = "late"
    WAIVED = "waived"
    WITHDRAWN = "withdrawn"


class CaseMark(enum.Enum):
    """The words of a case events file's own rows (the ``event`` column).

    The other rows of a case name the rule's own words: its event (which starts the clock),
    its restart event, the name of a stage that ended.
    """

    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class FilingStatus(enum.Enum):
    """What became of a filing: accepted, returned (误报, must be filed again) or waived."""

    ACCEPTED = "accepted"
    RETURNED = "returned"
    WAIVED = "waived"


class Unit(enum.Enum):
    """Units of a relative time limit."""

    DAYS = "days"
    WORKING_DAYS = "working days"
    MONTHS = "months"


class Parity(enum.Enum):
    EVEN = "even"
    ODD = "odd"


class Verb(enum.Enum):
    """What an action asks the bearer to do."""

    FILE = "file"
    PUBLISH = "publish"
    HOLD = "hold"
    COMPLETE = "complete"


class RestDayPolicy(enum.Enum):
    """What happens to a deadline that falls on a rest day (Civil Code arts. 203-204)."""

    MOVE = "move"
    STAY = "stay"
