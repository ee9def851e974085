# SPDX-License-Identifier: MIT
"""Finding scenario files: ``*.test.xzjd`` files, and rules files with scenario blocks.

:func:`discover` lists the scenario files under files and directories; :func:`iter_results`
loads and runs every scenario in them (what :func:`xzjd.testing.run_scenarios` returns).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from xzjd.scenarios.data_blocks import Loader
from xzjd.scenarios.loading import load_test_file
from xzjd.scenarios.results import ScenarioResult
from xzjd.scenarios.running import run_file

__all__ = ["discover", "iter_results"]


_SCENARIO_LINE = re.compile(r"^(scenario|场景)(?![\w-])", re.MULTILINE)


def _has_scenarios(path: Path) -> bool:
    try:
        return bool(_SCENARIO_LINE.search(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The scenario files under *paths*: ``*.test.xzjd`` files, and rules files
    (``*.xzjd``) with scenario blocks. A file named explicitly is always taken."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*.xzjd")):
                if f.name.endswith(".test.xzjd") or _has_scenarios(f):
                    out.append(str(f))
        else:
            out.append(str(path))
    return list(dict.fromkeys(out))


def iter_results(paths: Iterable[str | os.PathLike[str]]) -> Iterator[ScenarioResult]:
    """Run every scenario under *paths* (see :func:`discover`)."""
    loader = Loader()
    for name in discover(paths):
        test = load_test_file(name, loader=loader)
        yield from run_file(test)
