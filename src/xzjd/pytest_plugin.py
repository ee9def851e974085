# SPDX-License-Identifier: MIT
"""A pytest plugin: every ``*.test.xzjd`` file is collected, one test item per scenario.

Registered as the ``pytest11`` entry point ``xzjd``, so installing xzjd is enough::

    $ pytest examples/
    examples/yunnan-2010/yunnan.test.xzjd::迪庆州实施方案逾期 PASSED

A failing scenario is reported as ``xzjd test`` reports it: each expectation that failed,
the expected and the actual values, and the evaluation's explanation. A file that is bad input
(a syntax error, an unknown agency, an impossible expectation) is a collection error showing
the diagnostics with their carets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from xzjd.errors import SourceError, XzjdError, message_language
from xzjd.scenarios import (
    ScenarioResult,
    TestFile,
    load_test_file,
    render_result,
    run_scenario,
)

__all__ = ["ScenarioFailed", "ScenarioItem", "XzjdFile", "pytest_collect_file"]


class ScenarioFailed(Exception):
    """A scenario whose expectations do not all hold."""

    def __init__(self, result: ScenarioResult) -> None:
        super().__init__(result.scenario.title)
        self.result = result


def pytest_collect_file(file_path: Any, parent: pytest.Collector) -> XzjdFile | None:
    """Collect ``*.test.xzjd`` files."""
    if file_path.name.endswith(".test.xzjd"):
        collected: XzjdFile = XzjdFile.from_parent(parent, path=file_path)
        return collected
    return None


class XzjdFile(pytest.File):
    """A scenario file; its items are its scenarios."""

    def collect(self) -> Iterator[ScenarioItem]:
        """One item per scenario, named by the scenario's title."""
        try:
            test = load_test_file(str(self.path))
        except SourceError as exc:
            raise self.CollectError(exc.render(lang=message_language())) from None
        except XzjdError as exc:
            raise self.CollectError(f"{self.path}: error: {exc}") from None
        seen: dict[str, int] = {}
        for index, scenario in enumerate(test.scenarios):
            name = scenario.title
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{name} [{seen[name]}]"
            item: ScenarioItem = ScenarioItem.from_parent(self, name=name, test=test, index=index)
            yield item


class ScenarioItem(pytest.Item):
    """One scenario of a scenario file."""

    def __init__(self, *, test: TestFile, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test
        self.index = index

    def runtest(self) -> None:
        """Run the scenario; raise :class:`ScenarioFailed` if an expectation fails."""
        result = run_scenario(self.test, self.index, lang=message_language())
        if not result.passed:
            raise ScenarioFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """The failed expectations, expected versus actual, and the explanation."""
        if isinstance(excinfo.value, ScenarioFailed):
            return render_result(excinfo.value.result, lang=message_language())
        if isinstance(excinfo.value, SourceError):
            return excinfo.value.render(lang=message_language())
        if isinstance(excinfo.value, XzjdError):
            return f"{self.test.path}: error: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        """File, 0-based line and a title for reports."""
        span = self.test.scenarios[self.index].span
        line = span.line - 1 if span is not None else None
        return self.path, line, f"scenario: {self.name}"
