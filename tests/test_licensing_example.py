# SPDX-License-Identifier: MIT
"""examples/licensing on 2025-06-20: every case as examples/licensing/README.md counts it by
hand on the 2025 calendar (Labour Day rest 05-01..05-05, Sunday 04-27 working; Dragon Boat
rest 05-31..06-02)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import xzjd
from xzjd.model import State, Step

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "licensing"
D = dt.date.fromisoformat
ON = D("2025-06-20")

# case: (due, state, days_overdue, step, yellow_on, red_on)
EXPECTED = {
    "XK-001": ("2025-05-27", State.DONE, None, None, "2025-05-26", None),
    "XK-002": ("2025-06-17", State.DONE, None, None, "2025-06-16", None),
    "XK-003": ("2025-05-27", State.OVERDUE, 24, Step.NOTIFY, "2025-05-26", "2025-05-28"),
    "XK-004": ("2025-06-04", State.DONE, None, None, "2025-06-03", None),
    "XK-005": ("2025-06-18", State.OVERDUE, 2, Step.URGE, "2025-06-17", "2025-06-19"),
    "XK-006": ("2025-06-10", State.WITHDRAWN, None, None, None, None),
    "XK-007": ("2025-07-14", State.PENDING, None, None, None, None),
    "XK-008": ("2025-06-17", State.LATE, None, None, "2025-06-16", "2025-06-18"),
    "GK-001": ("2025-06-16", State.DONE, None, None, None, None),
    "GK-002": ("2025-07-01", State.PENDING, None, None, None, None),
    "XF-001": ("2025-06-03", State.OVERDUE, 17, Step.NOTIFY, "2025-05-30", "2025-06-04"),
}


def _opt(day: str | None) -> dt.date | None:
    return None if day is None else D(day)


@pytest.fixture(scope="module", params=["licensing.zh.xzjd", "licensing.en.xzjd"])
def statuses(request: pytest.FixtureRequest) -> xzjd.CaseStatuses:
    rules = xzjd.load(EXAMPLE / request.param)
    registry = xzjd.read_agencies(EXAMPLE / "agencies.csv")
    cases = xzjd.read_cases(EXAMPLE / "cases.csv")
    return xzjd.evaluate_cases(rules, cases, on=ON, agencies=registry)


def test_the_two_languages_say_the_same() -> None:
    zh = xzjd.load(EXAMPLE / "licensing.zh.xzjd")
    en = xzjd.load(EXAMPLE / "licensing.en.xzjd")
    assert zh.obligations == en.obligations
    assert zh.escalations == en.escalations


def test_every_case_as_counted_by_hand(statuses: xzjd.CaseStatuses) -> None:
    got = {
        s.case: (
            s.due.isoformat(),
            s.state,
            s.days_overdue,
            s.step,
            None if s.yellow_on is None else s.yellow_on.isoformat(),
            None if s.red_on is None else s.red_on.isoformat(),
        )
        for s in statuses
    }
    assert got == EXPECTED


def test_pause_extension_restart_and_stages(statuses: xzjd.CaseStatuses) -> None:
    by_id = {s.case: s for s in statuses}
    assert (by_id["XK-002"].paused_days, by_id["XK-002"].extended_days) == (4, 10)
    assert by_id["GK-001"].started == D("2025-05-16")
    assert (by_id["XK-007"].used, by_id["XK-007"].left) == (4, 16)
    assert (by_id["GK-002"].used, by_id["GK-002"].left) == (13, 7)
    overruns = [(s.case, x.name, x.due, x.overrun_on) for s in statuses for x in s.stage_overruns]
    assert overruns == [("XK-004", "受理", D("2025-05-13"), D("2025-05-14"))]
    assert by_id["XK-005"].violations == ("extension-beyond-limit",)
    assert by_id["XK-008"].violations == ("pause-reason",)


def test_the_warnings_name_the_cases(statuses: xzjd.CaseStatuses) -> None:
    got = sorted((w.code, w.message.split("'")[1]) for w in statuses.warnings)
    assert got == [
        ("case/extension-beyond-limit", "XK-005"),
        ("case/pause-reason", "XK-008"),
        ("case/resume-without-pause", "XK-008"),
    ]
