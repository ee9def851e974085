# SPDX-License-Identifier: MIT
"""The fuzz harness (tools/fuzz): a short fixed-seed smoke run, and what its oracle flags.

The long runs are ``python -m tools.fuzz --minutes N`` (docs/reliability.md); this file runs
50 inputs with a fixed seed, so that the same inputs are tried on every run, and checks that
none of them gives an internal error or a diagnostic without a place or a hint.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tools.fuzz import Config, run
from tools.fuzz.cases import WEIGHTS, Builder
from tools.fuzz.corpus import load
from tools.fuzz.mutate import Mutator
from tools.fuzz.oracle import check_stderr

SMOKE_INPUTS = 50
SMOKE_SEED = 12
SMOKE_KINDS = tuple(WEIGHTS)


@pytest.mark.fuzz_smoke
def test_smoke_run(tmp_path: Path) -> None:
    """50 inputs of every kind from seed 12: no internal error, every diagnostic placed.

    Slow inputs are not asserted on here (CPU time differs from machine to machine); the
    slowest input of this seed takes a small fraction of a second.
    """
    report = run(Config(seed=SMOKE_SEED, inputs=SMOKE_INPUTS, out=tmp_path, kinds=SMOKE_KINDS))
    assert report.inputs == SMOKE_INPUTS
    assert len(report.per_kind) >= 8  # most kinds are drawn
    flagged = {sig: n for sig, n in report.findings.items() if not sig.startswith("slow:")}
    assert flagged == {}, report.render()
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("inputs tried: 50")


@pytest.mark.fuzz_smoke
def test_same_seed_same_inputs() -> None:
    """A seed gives the same inputs: 40 cases built twice from seed 3 are the same."""

    def cases(seed: int) -> list[tuple[str, list[str], dict[str, bytes]]]:
        rng = random.Random(seed)
        corpus = load()
        builder = Builder(rng, corpus, Mutator(rng, ["by", "年"], corpus.all_seeds()))
        kinds = sorted(WEIGHTS)
        out = []
        for _ in range(40):
            case = builder.build(rng.choice(kinds))
            out.append((case.kind, case.argv, case.files))
        return out

    first, again, other = cases(3), cases(3), cases(4)
    assert first == again
    assert first != other


@pytest.mark.fuzz_smoke
def test_an_internal_error_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the checks of rules files broken on purpose, rules inputs are internal errors,
    and their inputs are written to the output folder with a summary."""

    def broken(ruleset: object) -> list[object]:
        raise RuntimeError("planted")

    monkeypatch.setattr("xzjd.language.checked.diagnostics", broken)
    report = run(Config(seed=1, inputs=4, out=tmp_path, kinds=("rules-en",)))
    assert report.categories["internal"] >= 1
    summaries = [p.read_text(encoding="utf-8") for p in tmp_path.glob("*/summary.txt")]
    assert any("RuntimeError" in s and "rules.xzjd" in s for s in summaries)
    assert any(p.name == "rules.xzjd" for p in tmp_path.glob("*/rules.xzjd"))


class TestOracle:
    """What counts as a placed, hinted diagnostic on stderr."""

    def test_positioned_with_hint(self) -> None:
        text = (
            "r.xzjd:3:5: error[date/no-such-day]: July 2010 has no day 32\n"
            "    3 |   by July 32, file report with x\n"
            "      |   ^^^^^^^^^^\n"
            "hint: July 2010 has 31 days\n"
        )
        assert check_stderr(text) == []

    def test_warnings_need_no_hint(self) -> None:
        assert check_stderr("a.csv:2:1: warning[recipient/missing]: no recipient\n") == []

    def test_error_without_hint(self) -> None:
        (finding,) = check_stderr("r.xzjd:3:5: error[date/no-such-day]: no day 32\n")
        assert (finding.category, finding.signature) == ("no-hint", "no-hint:date/no-such-day")

    def test_file_level_codes_only(self) -> None:
        """``x.csv: error[input/unreadable]`` is whole-file; ``input/bad-date`` is not."""
        ok = "x.csv: error[input/unreadable]: cannot read x.csv\nhint: check the path\n"
        assert check_stderr(ok) == []
        (finding,) = check_stderr("x.csv: error[input/bad-date]: bad\nhint: h\n")
        assert finding.signature == "no-location:input/bad-date:file"

    def test_argument_errors(self) -> None:
        """An argument error names its option; other errors without a place are flagged."""
        text = (
            "usage: xzjd check [-h] RULES\n"
            "                  [--on DATE]\n"
            "error[argument/bad-date]: --on: '2010-13-45' is not a date\n"
            "hint: write a date as YYYY-MM-DD\n"
        )
        assert check_stderr(text) == []
        (finding,) = check_stderr("error[evaluation/failed]: something\nhint: h\n")
        assert finding.signature == "no-location:evaluation/failed:none"

    def test_text_that_is_no_diagnostic(self) -> None:
        (finding,) = check_stderr("error: unknown agency 'x'\n")
        assert finding.category == "unstructured"

    def test_the_quoted_line_may_hold_anything(self) -> None:
        """A quoted line that looks like a diagnostic header is still the quoted line."""
        text = (
            "r.xzjd:1:1: error[syntax/unexpected-word]: unexpected word\n"
            "    1 | error[x]: y\n"
            "      | ^\n"
            "hint: h\n"
        )
        assert check_stderr(text) == []

    def test_cut_off_output(self) -> None:
        """When only the beginning was kept, the last diagnostic's hint may be missing."""
        text = "r.xzjd:3:5: error[date/no-such-day]: no day 32\n    3 | by July 32"
        assert check_stderr(text, truncated=True) == []

    def test_notes_that_are_no_diagnostics(self) -> None:
        """fmt's verdict, the cut-short note and the count of diagnostics left out."""
        text = (
            "would reformat r.xzjd\n"
            "note: the error above cut the output short: what was written is incomplete\n"
            "… and 4133 more errors in filings.csv\n"
            "…… filings.csv 中另有 614 个错误未列出\n"
        )
        assert check_stderr(text) == []
