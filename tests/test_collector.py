"""The cyclic garbage collector is process-wide state: the library never touches it, the
command line pauses it for the time of one command (docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.language import checked

E = Path(__file__).resolve().parents[1] / "examples" / "yunnan-2010"


@pytest.fixture
def collector_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every call of gc.disable, gc.enable and gc.freeze, by name."""
    calls: list[str] = []
    for name in ("disable", "enable", "freeze"):
        original = getattr(gc, name)

        def spy(_name: str = name, _original: object = original) -> None:
            calls.append(_name)
            _original()  # type: ignore[operator]

        monkeypatch.setattr(gc, name, spy)
    yield calls


def test_library_leaves_the_collector_alone(collector_calls: list[str]) -> None:
    """Reading, loading and evaluating (whole and streamed) never pause the collector."""
    rules = xzjd.load(E / "rules.en.xzjd")
    agencies = xzjd.read_agencies(E / "agencies.csv")
    filings = xzjd.read_filings(E / "filings.csv")
    events = xzjd.read_events(E / "events.csv")
    on = dt.date(2010, 11, 15)
    statuses = xzjd.evaluate(rules, agencies, filings, on=on, events=events)
    streamed = list(xzjd.iter_evaluate(rules, agencies, filings, on=on, events=events))
    assert streamed == list(statuses) and len(statuses) > 0
    assert collector_calls == []
    assert gc.isenabled()


def test_command_pauses_the_collector_while_it_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`xzjd check` runs with the collector paused and turns it back on, also after an error;
    it checks the rules once."""
    seen: list[bool] = []
    diagnostics = checked.diagnostics

    def spy(ruleset: xzjd.Ruleset) -> list[xzjd.Diagnostic]:
        seen.append(gc.isenabled())
        return diagnostics(ruleset)

    monkeypatch.setattr(checked, "diagnostics", spy)
    assert main(["check", str(E / "rules.en.xzjd")]) == 0
    assert seen == [False] and gc.isenabled()
    bad = E.parent / "does-not-exist.xzjd"
    assert main(["check", str(bad)]) == 2
    assert gc.isenabled()
    capsys.readouterr()


def test_command_leaves_a_disabled_collector_disabled(capsys: pytest.CaptureFixture[str]) -> None:
    """A caller that turned the collector off (an embedding program) finds it still off."""
    gc.disable()
    try:
        assert main(["check", str(E / "rules.en.xzjd")]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()
