# SPDX-License-Identifier: MIT
"""The progress bar of ``xzjd check``: only on a terminal, only after a second."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from xzjd.cli import main
from xzjd.cli.progress import ProgressBar, progress_bar
from yunnan_inputs import CHECK

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yunnan-2010"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgressBar:
    def test_none_for_a_pipe(self) -> None:
        """A stream that is not a terminal gets no bar at all."""
        assert progress_bar(io.StringIO()) is None

    def test_waits_a_second_then_draws_and_erases(self) -> None:
        """Nothing before one second; then the bar; close() erases it."""
        now = [100.0]
        stream = FakeTerminal()
        bar = progress_bar(stream, clock=lambda: now[0])
        assert isinstance(bar, ProgressBar)
        now[0] = 100.5
        bar(1, 4)
        assert stream.getvalue() == ""
        now[0] = 101.5
        bar(2, 4)
        # 2 of 4 agencies: 15 of the 30 cells filled.
        assert stream.getvalue() == "\r[" + "#" * 15 + "." * 15 + "] 2/4"
        drawn = len(stream.getvalue())
        bar.close()
        assert stream.getvalue()[drawn:] == "\r" + " " * drawn + "\r"

    def test_check_draws_on_a_slow_terminal(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """On a terminal, a run that takes seconds shows the bar and erases it at the end."""
        import itertools

        ticks = itertools.count(0.0, 0.5)  # every reading of the clock is half a second later
        monkeypatch.setattr("xzjd.cli.progress.time.monotonic", lambda: next(ticks))
        terminal = FakeTerminal()
        monkeypatch.setattr("sys.stderr", terminal)
        assert main([*CHECK, "--format", "json"]) == 0
        err = terminal.getvalue()
        # The Yunnan example has 57 agencies: the last drawing says 57/57, then it is erased
        # before the warnings are printed.
        last = "\r[" + "#" * 30 + "] 57/57"
        erased = last + "\r" + " " * len(last) + "\r"
        assert erased in err
        assert err.index(erased) < err.index("warning[")
        capsys.readouterr()

    def test_check_is_quiet_when_not_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        """xzjd check writes no progress to a stderr that is not a terminal."""
        status = main(
            [
                "check",
                str(EXAMPLE / "rules.zh.xzjd"),
                "--agencies",
                str(EXAMPLE / "agencies.csv"),
                "--filings",
                str(EXAMPLE / "filings.csv"),
                "--events",
                str(EXAMPLE / "events.csv"),
                "--on",
                "2010-11-15",
                "--format",
                "json",
            ]
        )
        assert status == 0
        err = capsys.readouterr().err
        assert "\r" not in err and "[#" not in err and "[." not in err
