# SPDX-License-Identifier: MIT
"""What the fuzz harness flags in the outcome of one input.

An outcome is the exit status of ``xzjd.cli.main``, what it wrote on stderr, the exception
that escaped it or the API call (with ``XZJD_DEBUG`` set, ``main`` re-raises what it would
report as ``internal error``), and the CPU time both took.

stderr must consist of diagnostics (``WHERE: error[code]: message``, the quoted line and its
caret row, ``hint: ...``) and, after an argument error, the command's usage text. A
diagnostic's WHERE is ``file:line:col``, or it says why there is none:

* ``file:`` alone, for the codes of :data:`FILE_LEVEL` (the problem is the whole file);
* nothing, for argument errors (``error[argument/...]``, the option or argument named in the
  message);
* anything, for :data:`RUN_LEVEL` codes (missing calendar data names the calendar and the
  year; ``xzjd test`` puts the test file in front).

Every error must carry a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Problems of a whole file, shown after the file name only.
FILE_LEVEL = frozenset(
    {
        "file/not-found",
        "file/unreadable",
        "file/unwritable",
        "input/unreadable",
        "input/empty",
        "test/none-collected",
        "fmt/cannot-print",
        "notice/unreadable-file",
        "notice/no-title",
    }
)
#: Problems of the whole run, whose message names what they are about.
RUN_LEVEL = frozenset({"calendar/no-data"})

#: CPU seconds above which an input of at most :data:`SLOW_SIZE` bytes is flagged.
SLOW_SECONDS = 5.0
SLOW_SIZE = 1_000_000

_HEADER = re.compile(r"^(?P<where>.*?)(?P<severity>error|warning)\[(?P<code>[^\]\s]+)\]: ")
_POSITIONED = re.compile(r"^.+:\d+:\d+: $")
_FILE_ONLY = re.compile(r"^.+: $")
_GUTTER = re.compile(r"^ *\d+ \| |^      \| ")
_HINT = re.compile(r"^(hint|提示): ")
# What ``xzjd fmt`` says besides diagnostics (the verdict of --check, the note of -i), the
# note after an error that stopped a report already begun, the count of diagnostics not shown.
_NOTES = re.compile(
    r"^(would reformat .+|.+：格式需调整|.+: comments are not kept in the canonical text"
    r"|.+：注释不保留在规范文本中|note: the error above cut the output short: .+"
    r"|注意：输出因上述错误中断.*"
    # Diagnostics past the cap of a file are counted in one line.
    r"|… and \d+ more (?:errors?|warnings?) in .+|…… .+ 中另有 \d+ 个(?:错误|警告)未列出)$"
)


@dataclass(frozen=True)
class Finding:
    """Something flagged: its category, a signature that groups like findings, a summary."""

    category: str
    signature: str
    summary: str


def check_stderr(text: str, *, truncated: bool = False) -> list[Finding]:
    """The findings in what one command wrote on stderr.

    With *truncated* (only the beginning of stderr was kept), the last diagnostic is not
    blamed for a hint that may have been cut off.
    """
    findings: list[Finding] = []
    in_usage = False
    block: tuple[str, str, bool] | None = None  # (code, severity, has a hint)

    def close() -> None:
        if block is not None and block[1] == "error" and not block[2]:
            findings.append(
                Finding("no-hint", f"no-hint:{block[0]}", f"error[{block[0]}] has no hint")
            )

    for line in text.split("\n"):
        if not line or (block is not None and _GUTTER.match(line)):
            continue  # the quoted line may hold anything, even "error[...]"
        header = _HEADER.match(line)
        if header:
            close()
            in_usage = False
            where, code, severity = header["where"], header["code"], header["severity"]
            block = (code, severity, False)
            if _POSITIONED.match(where):
                continue
            if _FILE_ONLY.match(where) and code in FILE_LEVEL:
                continue
            if code in RUN_LEVEL or (not where and code.startswith("argument/")):
                continue
            form = "file" if where else "none"
            findings.append(
                Finding(
                    "no-location",
                    f"no-location:{code}:{form}",
                    f"{severity}[{code}] without a position: {line[:160]}",
                )
            )
        elif block is not None and _HINT.match(line):
            block = (block[0], block[1], True)
        elif line.startswith("usage: "):
            close()
            block = None
            in_usage = True
        elif in_usage and line.startswith(" "):
            continue
        elif _NOTES.match(line):
            close()
            block = None
        else:
            close()
            block = None
            shape = re.sub(r"\d+", "N", line[:40])
            findings.append(
                Finding("unstructured", f"unstructured:{shape}", f"stderr line: {line[:160]}")
            )
    if not truncated:
        close()
    return findings
