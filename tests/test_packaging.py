# SPDX-License-Identifier: MIT
"""The package as users get it: a wheel that carries the grammar and parses a file."""

from __future__ import annotations

import importlib.resources
import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import xzjd

ROOT = Path(__file__).resolve().parent.parent

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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the source tree (no network: the build backend is installed)."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT)
    (built,) = out.glob("xzjd-*.whl")
    return built


class TestWheel:
    def test_wheel_carries_the_grammar_and_marker(self, wheel: Path) -> None:
        """The wheel holds the grammar file and the py.typed marker inside the package."""
        names = zipfile.ZipFile(wheel).namelist()
        assert "xzjd/grammar/xzjd.lark" in names
        assert "xzjd/py.typed" in names
        assert "xzjd/data/cn-festivals.csv" in names  # read by xzjd.holiday_law

    def test_installed_wheel_parses_a_file(self, wheel: Path, tmp_path: Path) -> None:
        """In a fresh venv the installed wheel (not the source tree) parses a rules file."""
        venv = tmp_path / "venv"
        run(sys.executable, "-m", "venv", venv)
        bindir = venv / ("Scripts" if os.name == "nt" else "bin")
        python = bindir / "python"
        # Dependencies (lark, attrs, python-dateutil) come from the current environment,
        # appended after the venv's own site-packages so the wheel's xzjd comes first.
        purelib = run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
        deps = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
        Path(purelib, "_xzjd_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
        run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel)
        rules = tmp_path / "rules.xzjd"
        rules.write_text(RULES, encoding="utf-8")
        probe = (
            "import sys, xzjd; r = xzjd.load(sys.argv[1]); "
            "print(xzjd.__file__); print(r.obligations[0].id)"
        )
        where, ob_id = run(python, "-c", probe, rules, cwd=tmp_path).stdout.split()
        assert Path(where).is_relative_to(venv)
        assert ob_id == "bimonthly-report"
        out = run(bindir / "xzjd", "check", rules, cwd=tmp_path).stdout
        assert out.strip() == f"{rules}: ok, 1 obligation"


class TestSourceInstall:
    def test_grammar_resource_from_this_install(self) -> None:
        """The installed package (editable here) finds its grammar through importlib.resources."""
        resource = importlib.resources.files("xzjd").joinpath("grammar", "xzjd.lark")
        assert resource.is_file()
        assert xzjd.loads(RULES).obligations[0].id == "bimonthly-report"

    def test_console_script_is_declared(self) -> None:
        """pyproject declares the xzjd console script at xzjd.cli:main."""
        assert 'xzjd = "xzjd.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
