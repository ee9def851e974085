# SPDX-License-Identifier: MIT
"""The README's set-up commands and Python example say what the project really does."""

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


class TestReadme:
    def test_starts_with_the_two_setup_commands(self) -> None:
        """The first two shell blocks set up a venv, then run the example and the tests."""
        blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
        assert len(blocks) >= 2
        example, tests = blocks[0].strip(), blocks[1].strip()
        assert example.startswith("python3 -m venv .venv && ")
        assert "xzjd check examples/yunnan-2010/rules.zh.xzjd" in example
        assert "--on 2010-11-15" in example
        assert tests.startswith("python3 -m venv .venv && ")
        assert tests.endswith("python -m pytest")

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the same test command as the README."""
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        assert ".venv/bin/python -m pytest" in ci

    def test_names_the_quick_loop_beside_the_full_suite(self) -> None:
        """Right after the set-up commands the README names the quick `-m "not slow"` loop,
        and pyproject registers the marker it selects on (--strict-markers is on)."""
        after_setup = README.split("```sh", 3)[2].split("```", 2)[1][:1500]
        assert '.venv/bin/python -m pytest -m "not slow"' in after_setup
        pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert re.search(r'^markers = \[\n  "slow: ', pyproject, re.M)

    def test_python_example_runs(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The Python example prints the overdue periods of the Yunnan example."""
        code = re.findall(r"```python\n(.*?)```", README, re.S)[0]
        monkeypatch.chdir(ROOT)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
        lines = out.getvalue().splitlines()
        # Zhaotong's fifth bi-monthly report: nominal due Sunday 2010-10-31, moved to Monday
        # 2010-11-01; on 2010-11-15 that is 14 calendar days and 10 working days late
        # (Nov 2-5, 8-12, 15), which reaches `notify` (10 working days) on the reporting ladder.
        assert "zt-gov bimonthly-report 2010-B5 14 notify" in lines
