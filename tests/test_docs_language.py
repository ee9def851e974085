# SPDX-License-Identifier: MIT
"""Every example of docs/language.md parses; each en/zh pair gives equal models.

Convention: a fenced block opened with ```xzjd en or ```xzjd zh is an example; an ``en``
block directly followed by a ``zh`` block in the same section (heading) is a pair.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import attrs
import pytest

import xzjd

DOC = Path(__file__).resolve().parent.parent / "docs" / "language.md"


@attrs.frozen
class Example:
    section: str
    lang: str
    text: str
    line: int


def examples() -> list[Example]:
    """The xzjd blocks of the document, with their section and starting line."""
    found: list[Example] = []
    section = ""
    lines = DOC.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        match = re.fullmatch(r"```xzjd (en|zh)", line.strip())
        if match:
            end = lines.index("```", i + 1)
            body = "\n".join(lines[i + 1 : end]) + "\n"
            found.append(Example(section, match.group(1), body, i + 1))
            i = end
        i += 1
    return found


def pairs() -> list[tuple[Example, Example]]:
    """Each en block followed directly by a zh block of the same section."""
    exs = examples()
    return [
        (a, b)
        for a, b in itertools.pairwise(exs)
        if a.lang == "en" and b.lang == "zh" and a.section == b.section
    ]


ALL = examples()
PAIRS = pairs()


class TestLanguageDoc:
    def test_there_are_examples_in_every_section(self) -> None:
        """Each numbered section with examples has an English and a Chinese one."""
        sections = {e.section for e in ALL}
        for section in sections:
            langs = {e.lang for e in ALL if e.section == section}
            assert langs == {"en", "zh"}, section
        assert len(PAIRS) >= 20

    @pytest.mark.parametrize("example", ALL, ids=[f"line{e.line}-{e.lang}" for e in ALL])
    def test_example_parses(self, example: Example) -> None:
        """The example is a valid rules file."""
        xzjd.loads(example.text, file=f"language.md:{example.line}")

    @pytest.mark.parametrize("pair", PAIRS, ids=[f"line{p[0].line}" for p in PAIRS])
    def test_pair_gives_equal_models(self, pair: tuple[Example, Example]) -> None:
        """The English and the Chinese example of a pair mean the same thing."""
        en, zh = pair
        assert xzjd.loads(en.text) == xzjd.loads(zh.text)
