"""Rule tests: scenario files loaded, run against the engine, and their coverage of the rules.

A scenario (grammar section 9) names facts (agencies, filings, events, cases: files relative
to the test file, or inline CSV rows), an evaluation date and expectations about single
periods and single cases (办件)::

    规则 "rules.zh.xzjd"
    机关 "agencies.csv"

    场景 "昭通市未按时报送表二"：
      评估日 2010-04-06
      预期 zt-gov key-posts-filing once 逾期5日，督促

Scenarios live in ``*.test.xzjd`` files, which name the rules they test with a ``rules`` /
``规则`` line, or in a rules file itself, where they test that file's ruleset.

The modules, in the order a run goes through them:

- :mod:`~xzjd.scenarios.discovery`: which files are scenario files (:func:`discover`).
- :mod:`~xzjd.scenarios.loading`: a scenario file loaded with its rules (:func:`load_test_file`),
  reading its data blocks (:mod:`~xzjd.scenarios.data_blocks`) and refusing bad tests
  (:mod:`~xzjd.scenarios.bad_tests`), with diagnostics pointing into the file
  (:mod:`~xzjd.scenarios.diagnostics`).
- :mod:`~xzjd.scenarios.running`: each scenario evaluated on its date and every expectation
  compared with the reported period (:func:`run_scenario`, :func:`run_file`).
- :mod:`~xzjd.scenarios.results`: what a run found, and its text (:func:`render_result`).
- :mod:`~xzjd.scenarios.rule_coverage`: which obligations, schedule branches and bearers the
  expectations exercised (:func:`coverage`).

The ``xzjd test`` command is :mod:`xzjd.cli.scenario_command`; the pytest plugin is
:mod:`xzjd.pytest_plugin`.
"""

from xzjd.scenarios.data_blocks import Facts, Loader
from xzjd.scenarios.discovery import discover, iter_results
from xzjd.scenarios.loading import TestFile, load_test_file
from xzjd.scenarios.results import (
    CaseExpectationResult,
    ExpectationResult,
    ScenarioResult,
    render_result,
    render_scenario_error,
)
from xzjd.scenarios.rule_coverage import Coverage, CoverageArea, coverage
from xzjd.scenarios.running import run_file, run_scenario

__all__ = [
    "CaseExpectationResult",
    "Coverage",
    "CoverageArea",
    "ExpectationResult",
    "Facts",
    "Loader",
    "ScenarioResult",
    "TestFile",
    "coverage",
    "discover",
    "iter_results",
    "load_test_file",
    "render_result",
    "render_scenario_error",
    "run_file",
    "run_scenario",
]
