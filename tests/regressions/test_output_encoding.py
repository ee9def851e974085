# SPDX-License-Identifier: MIT
"""Issue 12, finding C5: ``PYTHONIOENCODING=latin-1 xzjd check ...`` (as on a redirected
Windows console) ended in ``UnicodeEncodeError``.

The command line now writes what the console's encoding cannot hold as escapes
(``errors="backslashreplace"``, set only by ``xzjd.cli.main`` for the time of the command);
JSON is kept to ASCII there, so it stays valid JSON with the same values; iCalendar is UTF-8
bytes whatever the console (RFC 5545). Each case runs the real command in a subprocess,
buffered and unbuffered.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from icalcheck import parse_ics
from yunnan_inputs import CHECK

ROOT = Path(__file__).resolve().parents[2]
YUNNAN = ROOT / "examples" / "yunnan-2010"
AGENDA = [
    "agenda",
    str(YUNNAN / "rules.zh.xzjd"),
    "--agencies",
    str(YUNNAN / "agencies.csv"),
    "--agency",
    "km-gov",
    "--from",
    "2010-11-15",
    "--to",
    "2010-12-31",
]
ENCODINGS = ["latin-1", "ascii"]
MODES = [False, True]


def xzjd(
    args: list[str], encoding: str, *, unbuffered: bool = False, lang: str = "C.UTF-8"
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "LC_ALL")}
    env.update(PYTHONIOENCODING=encoding, LANG=lang)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "xzjd.cli", *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def utf8(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return xzjd(args, "utf-8")


@pytest.mark.parametrize("unbuffered", MODES, ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("encoding", ENCODINGS)
class TestNarrowConsole:
    def test_table(self, encoding: str, unbuffered: bool) -> None:
        """The table prints, the agency names as escapes: 昆明市人民政府 is U+6606 U+660E
        U+5E02 U+4EBA U+6C11 U+653F U+5E9C."""
        proc = xzjd(CHECK, encoding, unbuffered=unbuffered)
        assert proc.returncode == 0, proc.stderr
        out = proc.stdout.decode(encoding)  # every byte is in the console's encoding
        assert "km-gov  \\u6606\\u660e\\u5e02\\u4eba\\u6c11\\u653f\\u5e9c  (" in out
        assert b"Traceback" not in proc.stderr

    def test_json_is_ascii_and_means_the_same(self, encoding: str, unbuffered: bool) -> None:
        """JSON on a narrow console is ASCII with \\\\u escapes: the same values as UTF-8."""
        proc = xzjd([*CHECK, "--format", "json"], encoding, unbuffered=unbuffered)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.isascii()
        wide = utf8([*CHECK, "--format", "json"])
        assert json.loads(proc.stdout.decode("ascii")) == json.loads(wide.stdout.decode())

    def test_csv(self, encoding: str, unbuffered: bool) -> None:
        proc = xzjd([*CHECK, "--format", "csv"], encoding, unbuffered=unbuffered)
        assert proc.returncode == 0, proc.stderr
        first = proc.stdout.decode(encoding).splitlines()[1]
        # The first record is bn-gov's; its source clause starts 辅导讲话 (U+8F85 U+5BFC ...).
        assert first.startswith("bn-gov,bimonthly-report,")
        assert "\\u8f85\\u5bfc\\u8bb2\\u8bdd" in first

    def test_chinese_diagnostics_on_stderr(self, encoding: str, unbuffered: bool) -> None:
        """With LANG=zh_CN the warnings are Chinese: stderr escapes them too, status 0."""
        proc = xzjd(CHECK, encoding, unbuffered=unbuffered, lang="zh_CN.UTF-8")
        assert proc.returncode == 0
        err = proc.stderr.decode(encoding)
        # 提示 (U+63D0 U+793A) starts every hint line.
        assert "\\u63d0\\u793a: " in err
        assert "Traceback" not in err

    def test_bad_input_is_still_exit_2(
        self, encoding: str, unbuffered: bool, tmp_path: Path
    ) -> None:
        """A syntax error in a Chinese rules file: the positioned diagnostic, escaped."""
        rules = tmp_path / "rules.xzjd"
        text = '规则集 "测试"\n生效 2010-01-22\n义务 甲：\n  每年4月1日前 报送\n'
        rules.write_text(text, "utf-8")
        proc = xzjd(["check", str(rules)], encoding, unbuffered=unbuffered)
        assert proc.returncode == 2
        err = proc.stderr.decode(encoding)
        assert f"{rules}:" in err and "error[" in err
        assert "Traceback" not in err and "UnicodeEncodeError" not in err

    def test_help(self, encoding: str, unbuffered: bool) -> None:
        """The help text holds 行政监督."""
        proc = xzjd(["--help"], encoding, unbuffered=unbuffered)
        assert proc.returncode == 0
        assert "\\u884c\\u653f\\u76d1\\u7763" in proc.stdout.decode(encoding)

    def test_agenda_table_and_ics(self, encoding: str, unbuffered: bool) -> None:
        """The agenda table escapes; the iCalendar file is UTF-8 whatever the console."""
        table = xzjd(AGENDA, encoding, unbuffered=unbuffered)
        assert table.returncode == 0, table.stderr
        table.stdout.decode(encoding)
        ics = xzjd([*AGENDA, "--format", "ics"], encoding, unbuffered=unbuffered)
        assert ics.returncode == 0, ics.stderr
        assert ics.stdout == utf8([*AGENDA, "--format", "ics"]).stdout
        calendar = parse_ics(ics.stdout.decode("utf-8"))
        assert str(calendar["X-WR-CALNAME"]) == "昆明市人民政府"


def test_the_library_leaves_the_streams_alone() -> None:
    """main() puts the console's error handler back when it returns; importing and using
    the library changes nothing."""
    code = (
        "import io, sys\n"
        "sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding='latin-1', errors='strict')\n"
        "import xzjd, xzjd.views.records, xzjd.views.table\n"
        "assert sys.stdout.errors == 'strict'\n"
        "from xzjd.cli.commands import main\n"
        "status = main(['check', sys.argv[1]])\n"
        "assert status == 0, status\n"
        "assert sys.stdout.errors == 'strict', sys.stdout.errors\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(sys.stdout.buffer.getvalue().decode('latin-1'))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(YUNNAN / "rules.zh.xzjd")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "rules.zh.xzjd: ok," in proc.stderr
