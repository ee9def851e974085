# SPDX-License-Identifier: MIT
"""A standing fuzz harness for the ``xzjd`` command line and API.

``python -m tools.fuzz --minutes N [--processes P] [--seed S] [--out DIR]`` runs mutated
and generated inputs through ``xzjd.cli.main`` (in the process, stdout and stderr captured)
and through the API, and flags:

* an internal error: exit status 3, or any exception that is not an ``XzjdError``;
* a slow input: more than 5 CPU seconds for an input of at most 1 MB;
* a diagnostic with no ``file:line:col`` and no reason for having none (a file-level code
  after the file name, an argument code naming the option, or missing calendar data), an
  error without a hint, and stderr text that is not a diagnostic at all.

Inputs come from two sources: a byte-level mutator over the repository's examples (rules files
in English and Chinese, the agencies, filings and events files as CSV and as JSON, the
scenario files, command-line arguments), and structured generation of valid rulesets from
``tests/strategies.py`` (hypothesis), printed in either language, mutated or not. Each
finding's input is written to the output folder with a one-line summary; the run ends with
its figures (inputs tried, per kind, CPU-minutes, the slowest input, the findings).

The modules: :mod:`.corpus` (the seeds), :mod:`.mutate` (the mutator), :mod:`.cases` (what
an input is run as), :mod:`.oracle` (what is flagged), :mod:`.engine` (running, timing,
collecting, reporting). docs/reliability.md describes the harness and the figures of runs.
"""

from __future__ import annotations

from tools.fuzz.engine import Config, Report, run

__all__ = ["Config", "Report", "run"]
