# SPDX-License-Identifier: MIT
"""The command line when its reader goes away early."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real xzjd process: ~3 s

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yunnan-2010"


class TestBrokenPipe:
    def test_closing_the_pipe_early_is_quiet(self) -> None:
        """`xzjd check ... | head -1` prints no error and no traceback."""
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "xzjd.cli",
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
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
        assert first.strip() == b"["
        assert "internal error" not in err
        assert "Traceback" not in err
        assert "BrokenPipe" not in err
