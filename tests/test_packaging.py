# SPDX-License-Identifier: MIT
"""The package as users get it: a wheel that carries the grammar and parses a file.

The grammar has one source, the top-level ``grammar/xzjd.lark``. The build maps it into the
wheel as ``xzjd/grammar/xzjd.lark``; an editable install ships no copy and the package, imported
from ``src/``, reads the top-level file. Both installs are made here into fresh virtual
environments and run on the Yunnan example.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import xzjd
from xzjd.language import grammar as _grammar

ROOT = Path(__file__).resolve().parent.parent
GRAMMAR = ROOT / "grammar" / "xzjd.lark"
YUNNAN = ROOT / "examples" / "yunnan-2010"
# The README's first command, after `xzjd`: the Yunnan example evaluated on 15 November 2010.
README_CHECK = (
    "check",
    "examples/yunnan-2010/rules.zh.xzjd",
    "--agencies",
    "examples/yunnan-2010/agencies.csv",
    "--filings",
    "examples/yunnan-2010/filings.csv",
    "--events",
    "examples/yunnan-2010/events.csv",
    "--on",
    "2010-11-15",
)
# rules.zh.xzjd declares 25 obligations: its lines starting with `义务` (counted with
# `grep -c '^义务' examples/yunnan-2010/rules.zh.xzjd`).
YUNNAN_OBLIGATIONS = 25
# What a Python probe prints in an installed environment: where xzjd and its grammar are.
PROBE = "import xzjd, xzjd.language.grammar as g; print(xzjd.__file__); print(g.grammar_path())"

RULES = """规则集 "packaging"
义务 bimonthly-report 双月报告：
  适用于 各级行政机关
  逢双月底前，向同级行政监察机关报送 推进情况
"""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command; fail the test with its output if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    if proc.returncode != 0:
        pytest.fail(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def fresh_venv(where: Path) -> tuple[Path, Path]:
    """A new virtual environment (its bin directory and site-packages) without xzjd.

    Dependencies (lark, attrs, python-dateutil, and hatchling for an editable build) come from
    the current environment, appended after the venv's own site-packages so that what is
    installed into the venv comes first. The venv has no pip of its own: the current pip
    installs into it with ``--python`` (no network: ``--no-index``).
    """
    run(sys.executable, "-m", "venv", "--without-pip", where)
    bindir = where / ("Scripts" if os.name == "nt" else "bin")
    purelib = Path(
        run(
            bindir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    deps = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (purelib / "_xzjd_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    return bindir, purelib


def pip_install(bindir: Path, *args: str | Path) -> None:
    """Install into the venv of *bindir* with the current pip, offline, without dependencies."""
    python = bindir / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        *args,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist and the wheel built from it, as ``python -m build`` makes a release.

    No network: the build backend is installed here (``--no-isolation``).
    """
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT)
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    """The wheel built from the sdist."""
    (built,) = dist.glob("xzjd-*.whl")
    return built


@pytest.fixture(scope="module")
def source_check_output() -> str:
    """The README's check of the Yunnan example as printed by the xzjd under test."""
    command = "import sys; from xzjd.cli import main; sys.exit(main())"
    proc = subprocess.run(
        [sys.executable, "-c", command, *README_CHECK],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow  # builds an sdist and a wheel, installs the wheel: ~10 s
class TestWheel:
    def test_wheel_carries_the_grammar_and_marker(self, wheel: Path) -> None:
        """The wheel holds the grammar file and the py.typed marker inside the package."""
        names = zipfile.ZipFile(wheel).namelist()
        assert "xzjd/grammar/xzjd.lark" in names
        assert "xzjd/py.typed" in names
        assert "xzjd/data/cn-festivals.csv" in names  # read by xzjd.calendar.holiday_law
        assert not [n for n in names if n.startswith("grammar/")]  # the folder maps into xzjd/

    def test_wheel_grammar_is_the_top_level_file(self, wheel: Path) -> None:
        """The grammar in the wheel is grammar/xzjd.lark, byte for byte."""
        shipped = zipfile.ZipFile(wheel).read("xzjd/grammar/xzjd.lark")
        assert shipped == GRAMMAR.read_bytes()

    def test_sdist_carries_the_grammar_once(self, dist: Path) -> None:
        """The sdist has grammar/xzjd.lark and its README, and no copy inside src/."""
        (sdist,) = dist.glob("xzjd-*.tar.gz")
        with tarfile.open(sdist) as tar:
            names = [n.split("/", 1)[1] for n in tar.getnames() if "/" in n]
        assert "grammar/xzjd.lark" in names
        assert "grammar/README.md" in names
        assert [n for n in names if n.endswith(".lark")] == ["grammar/xzjd.lark"]

    def test_installed_wheel_parses_the_yunnan_example(
        self, wheel: Path, tmp_path: Path, source_check_output: str
    ) -> None:
        """In a fresh venv the installed wheel (not the source tree) reads its own grammar,
        parses the Yunnan example and evaluates it as the source tree does."""
        venv = tmp_path / "venv"
        bindir, purelib = fresh_venv(venv)
        pip_install(bindir, wheel)
        where, grammar = run(bindir / "python", "-c", PROBE, cwd=tmp_path).stdout.splitlines()
        assert Path(where).is_relative_to(venv)
        assert Path(grammar) == purelib / "xzjd" / "grammar" / "xzjd.lark"
        rules = YUNNAN / "rules.zh.xzjd"
        out = run(bindir / "xzjd", "check", rules, cwd=tmp_path).stdout
        assert out.strip() == f"{rules}: ok, {YUNNAN_OBLIGATIONS} obligations"
        evaluated = run(bindir / "xzjd", *README_CHECK, cwd=ROOT).stdout
        assert evaluated == source_check_output
        assert "overdue" in evaluated  # a real table, not an empty run


@pytest.mark.slow  # an editable install into a fresh venv: ~5 s
class TestEditableInstall:
    def test_editable_install_reads_the_top_level_grammar(self, tmp_path: Path) -> None:
        """``pip install -e`` ships no copy of the grammar: the package, imported from src/,
        reads grammar/xzjd.lark from the source tree and parses the Yunnan example."""
        bindir, purelib = fresh_venv(tmp_path / "venv")
        pip_install(bindir, "--no-build-isolation", "-e", ROOT)
        assert not (purelib / "xzjd").exists()  # no snapshot of the grammar to go stale
        where, grammar = run(bindir / "python", "-c", PROBE, cwd=tmp_path).stdout.splitlines()
        assert Path(where) == ROOT / "src" / "xzjd" / "__init__.py"
        assert Path(grammar) == GRAMMAR
        rules = YUNNAN / "rules.zh.xzjd"
        out = run(bindir / "xzjd", "check", rules, cwd=tmp_path).stdout
        assert out.strip() == f"{rules}: ok, {YUNNAN_OBLIGATIONS} obligations"


class TestSourceInstall:
    def test_grammar_found_by_this_install(self) -> None:
        """The installed package (editable here) finds its grammar and parses a file."""
        assert _grammar.grammar_path().is_file()
        assert xzjd.loads(RULES).obligations[0].id == "bimonthly-report"

    def test_console_script_is_declared(self) -> None:
        """pyproject declares the xzjd console script at xzjd.cli:main."""
        assert 'xzjd = "xzjd.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
