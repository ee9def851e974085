# SPDX-License-Identifier: MIT
"""Agencies: reading the file, matching bearers, resolving recipients."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from xzjd.errors import InputError
from xzjd.facts.agencies import Agency, Registry, bearer_matches
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import text_source
from xzjd.model import (
    AgencyBearer,
    AgencyRecipient,
    Kind,
    KindBearer,
    Level,
    Relation,
    RelativeRecipient,
)

HEADER = "id,name,kind,level,region,tags\n"

YUNNAN = (
    HEADER
    + "yn-gov,云南省人民政府,人民政府,省,云南省,\n"
    + "yn-jc,云南省监察厅,行政监察机关,省,云南省,\n"
    + "km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,\n"
    + "km-jc,昆明市监察局,监察机关,州(市),云南省/昆明市,\n"
    + "km-sj,昆明市审计局,audit organ,市,云南省/昆明市,\n"
    + "km-fgw,昆明市发改委,部门,市,云南省/昆明市,approval;public-resources\n"
    + "km-jt,昆明市交通局,department,prefecture,云南省/昆明市,\n"
    + "wh-gov,五华区人民政府,government,county,云南省/昆明市/五华区,approval\n"
)

SAME_JC = RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.SUPERVISORY_ORGAN)
UPPER_JC = RelativeRecipient(relation=Relation.UPPER_LEVEL, kind=Kind.SUPERVISORY_ORGAN)
SAME_GOV = RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.GOVERNMENT)
SAME_DEPT = RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.DEPARTMENT)


@pytest.fixture
def registry() -> Registry:
    return read_agencies(text_source(YUNNAN, "agencies.csv"))


def _error(text: str, name: str = "agencies.csv") -> InputError:
    with pytest.raises(InputError) as info:
        read_agencies(text_source(text, name))
    return info.value


class TestReading:
    def test_english_and_chinese_spellings(self, registry: Registry) -> None:
        """Kinds and levels read the same in English and in Chinese."""
        assert registry["yn-jc"].kind is Kind.SUPERVISORY_ORGAN
        assert registry["km-jc"].kind is Kind.SUPERVISORY_ORGAN
        assert registry["km-jc"].level is Level.PREFECTURE
        assert registry["km-sj"].level is Level.PREFECTURE
        assert registry["yn-gov"].level is Level.PROVINCIAL
        assert registry["km-fgw"].kind is Kind.DEPARTMENT

    def test_region_and_tags(self, registry: Registry) -> None:
        """A region is a / path and tags are ;-separated."""
        assert registry["wh-gov"].region == ("云南省", "昆明市", "五华区")
        assert registry["km-fgw"].tags == frozenset({"approval", "public-resources"})

    def test_byte_order_mark_is_allowed(self, tmp_path: Path) -> None:
        """A UTF-8 file that starts with a BOM reads like one without."""
        path = tmp_path / "agencies.csv"
        path.write_bytes(b"\xef\xbb\xbf" + YUNNAN.encode("utf-8"))
        assert [a.id for a in read_agencies(path)][:2] == ["yn-gov", "yn-jc"]

    def test_json_array(self) -> None:
        """A JSON array of objects with the same keys works, tags as a list."""
        text = (
            '[{"id": "km-gov", "name": "昆明市人民政府", "kind": "人民政府", "level": "市",'
            ' "region": "云南省/昆明市", "tags": ["a", "b"]}]'
        )
        registry = read_agencies(text_source(text, "agencies.json"))
        assert registry["km-gov"].tags == frozenset({"a", "b"})
        assert registry["km-gov"].region == ("云南省", "昆明市")

    def test_binary_file_object(self) -> None:
        """An open binary file works and is decoded as UTF-8."""
        handle = io.BytesIO(YUNNAN.encode("utf-8"))
        assert len(read_agencies(handle)) == 8

    def test_empty_level_is_allowed(self) -> None:
        """An empty level reads as None and never matches a level filter."""
        registry = read_agencies(text_source(HEADER + "x,X,department,,云南省,\n"))
        assert registry["x"].level is None
        bearer = KindBearer(kind=Kind.DEPARTMENT, level=Level.PROVINCIAL)
        assert not bearer_matches(registry["x"], bearer)


class TestBadInput:
    def test_unknown_kind(self) -> None:
        """An unknown kind names line and column and lists the kinds."""
        error = _error(HEADER + "km-gov,x,ministry,市,云南省/昆明市,\n")
        d = error.diagnostics[0]
        assert d.code == "input/unknown-kind"
        assert d.span is not None and (d.span.line, d.span.column) == (2, 10)
        assert d.hint and "supervisory organ" in d.hint

    def test_administrative_organ_is_not_a_kind_of_its_own(self) -> None:
        """'administrative organ' is refused as an agency's kind, with a hint why."""
        error = _error(HEADER + "km-gov,x,行政机关,市,云南省/昆明市,\n")
        assert error.code == "input/unknown-kind"
        assert error.diagnostics[0].hint and "every agency" in error.diagnostics[0].hint

    def test_unknown_level(self) -> None:
        """An unknown level is an error at its cell."""
        error = _error(HEADER + "km-gov,x,government,national,云南省,\n")
        d = error.diagnostics[0]
        assert d.code == "input/unknown-level"
        assert d.span is not None and d.span.column == len("km-gov,x,government,") + 1

    def test_duplicate_id(self) -> None:
        """A duplicate id names the line of the first one."""
        error = _error(HEADER + "a,A,department,省,云南省,\na,B,department,省,云南省,\n")
        d = error.diagnostics[0]
        assert d.code == "input/duplicate-id"
        assert d.span is not None and d.span.line == 3
        assert "line 2" in d.message

    def test_wrong_header(self) -> None:
        """A header with an unknown column is refused before any row is read."""
        error = _error("id,name,type,level,region\n")
        codes = {d.code for d in error.diagnostics}
        assert codes == {"input/header"}
        assert any("'type'" in d.message for d in error.diagnostics)
        assert any("no column kind" in d.message for d in error.diagnostics)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A Latin-1 file (neither UTF-8 nor GB18030 Chinese text) is an encoding error at
        the first bad byte, with a hint naming --encoding. (GBK files are read:
        tests/test_input_formats.py.)"""
        path = tmp_path / "agencies.csv"
        path.write_bytes(
            (HEADER + "km-gov,Société,government,市,云南省,\n").encode("latin-1", "replace")
        )
        error = _error_path(path)
        d = error.diagnostics[0]
        assert d.code == "input/encoding"
        # "km-gov,Soci" is 11 characters: é is the 12th.
        assert d.span is not None and (d.span.line, d.span.column) == (2, 12)
        assert d.hint and "UTF-8" in d.hint and "--encoding" in d.hint

    def test_all_problems_reported_at_once(self) -> None:
        """Every bad row is reported, not only the first."""
        error = _error(HEADER + "a,A,foo,省,云南省,\nb,B,department,bar,云南省,\n")
        assert [d.code for d in error.diagnostics] == [
            "input/unknown-kind",
            "input/unknown-level",
        ]

    def test_chinese_messages(self) -> None:
        """Diagnostics carry a Chinese message and hint."""
        d = _error(HEADER + "a,A,foo,省,云南省,\n").diagnostics[0]
        assert d.message_zh and "未知" in d.message_zh
        assert "提示" in d.render(lang="zh")


def _error_path(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_agencies(path)
    return info.value


class TestBearers:
    def test_administrative_organ_matches_every_agency(self, registry: Registry) -> None:
        """'every administrative organ' picks every agency."""
        picked = registry.bearers([KindBearer(kind=Kind.ADMINISTRATIVE_ORGAN)])
        assert len(picked) == len(registry)

    def test_level_filter(self, registry: Registry) -> None:
        """'every prefecture government' picks only prefecture governments."""
        bearer = KindBearer(kind=Kind.GOVERNMENT, level=Level.PREFECTURE)
        assert [a.id for a in registry.bearers([bearer])] == ["km-gov"]

    def test_tag_filter(self, registry: Registry) -> None:
        """A tag filter picks agencies of that kind with the tag."""
        bearer = KindBearer(kind=Kind.ADMINISTRATIVE_ORGAN, tag="approval")
        assert [a.id for a in registry.bearers([bearer])] == ["km-fgw", "wh-gov"]

    def test_agency_bearer(self, registry: Registry) -> None:
        """An agency id picks that agency only."""
        assert [a.id for a in registry.bearers([AgencyBearer(agency="km-jt")])] == ["km-jt"]


class TestRecipients:
    def test_same_level(self, registry: Registry) -> None:
        """The same-level supervisory organ is the one in the same region."""
        assert registry.recipients(registry["km-gov"], [SAME_JC]) == (("km-jc",), ())

    def test_upper_level(self, registry: Registry) -> None:
        """The upper-level supervisory organ is the one in the parent region."""
        assert registry.recipients(registry["km-jc"], [UPPER_JC]) == (("yn-jc",), ())

    def test_missing_upper_level(self, registry: Registry) -> None:
        """A province has no upper level: the recipient is reported missing."""
        found, missing = registry.recipients(registry["yn-jc"], [SAME_GOV, UPPER_JC])
        assert found == ("yn-gov",)
        assert missing == (UPPER_JC,)

    def test_self_is_never_a_recipient(self, registry: Registry) -> None:
        """A supervisory organ is not its own same-level supervisory organ; not missing either."""
        assert registry.recipients(registry["km-jc"], [SAME_JC]) == ((), ())

    def test_several_matches_all_receive(self, registry: Registry) -> None:
        """When several agencies of the kind share the region, each one is a recipient."""
        found, _ = registry.recipients(registry["km-gov"], [SAME_DEPT])
        assert found == ("km-fgw", "km-jt")

    def test_agency_recipient(self, registry: Registry) -> None:
        """An agency id recipient exists or is missing."""
        assert registry.recipients(registry["km-gov"], [AgencyRecipient(agency="yn-gov")]) == (
            ("yn-gov",),
            (),
        )
        nobody = AgencyRecipient(agency="nobody")
        assert registry.recipients(registry["km-gov"], [nobody]) == ((), (nobody,))

    def test_registry_from_agencies(self) -> None:
        """A Registry can be built from Agency objects directly."""
        registry = Registry(
            [Agency(id="a", name="A", kind=Kind.GOVERNMENT, region=("x",))],
        )
        assert "a" in registry and registry.get("b") is None


class TestRegionRecipients:
    def test_region_keeps_every_agency(self, registry: Registry) -> None:
        """Resolved for a region, the same-level supervisory organ is km-jc, whoever asks."""
        assert registry.region_recipients(("云南省", "昆明市"), [SAME_JC]) == (("km-jc",), ())

    def test_asking_agency_left_out_afterwards(self, registry: Registry) -> None:
        """km-jc asking first does not drop km-jc from what km-gov gets next."""
        assert registry.recipients(registry["km-jc"], [SAME_JC]) == ((), ())
        assert registry.recipients(registry["km-gov"], [SAME_JC]) == (("km-jc",), ())

    def test_upper_level_of_the_top_region(self, registry: Registry) -> None:
        """The province's region has no parent: the upper-level organ is missing."""
        assert registry.region_recipients(("云南省",), [UPPER_JC]) == ((), (UPPER_JC,))

    def test_regions_recipients_is_region_recipients_for_each(self, registry: Registry) -> None:
        """Asked for several regions at once, each region gets what it gets alone."""
        regions = [("云南省",), ("云南省", "昆明市"), ("云南省", "昆明市", "五华区"), ("云南省",)]
        wanted = [SAME_JC, UPPER_JC]
        expected = [
            # The province's organ is yn-jc (no agency left out here); nothing above it.
            (("yn-jc",), (UPPER_JC,)),
            (("km-jc", "yn-jc"), ()),
            # 五华区 has no supervisory organ; 昆明市's is the one above.
            (("km-jc",), (SAME_JC,)),
            (("yn-jc",), (UPPER_JC,)),
        ]
        assert registry.regions_recipients(regions, wanted) == expected
        assert [registry.region_recipients(r, wanted) for r in regions] == expected
        assert registry.regions_recipients(regions[1:2], wanted) == [(("km-jc", "yn-jc"), ())]


class TestCodes:
    """The registry's integer codes, each numbered in the order of first appearance."""

    @staticmethod
    def _registry() -> Registry:
        def agency(ident: str, kind: Kind, region: tuple[str, ...], system: str | None) -> Agency:
            # The tags are built anew for each agency: equal sets, distinct objects.
            return Agency(
                id=ident,
                name=ident,
                kind=kind,
                level=Level.COUNTY,
                region=region,
                tags=frozenset(["t"]),
                system=system,
            )

        return Registry(
            [
                agency("a", Kind.GOVERNMENT, ("x",), None),
                agency("b", Kind.GOVERNMENT, ("x", "y"), None),
                agency("c", Kind.DEPARTMENT, ("x",), "统计"),
                agency("d", Kind.GOVERNMENT, ("x", "y"), "统计"),
            ]
        )

    def test_codes(self) -> None:
        """Regions x, x/y; systems none, 统计; profiles (government, county, {t}) of a, b and
        d, then (department, county, {t}) of c."""
        registry = self._registry()
        codes = registry.codes
        assert codes.ids == ("a", "b", "c", "d")
        assert dict(codes.position) == {"a": 0, "b": 1, "c": 2, "d": 3}
        assert codes.unique
        assert codes.regions == (("x",), ("x", "y"))
        assert codes.region.tolist() == [0, 1, 0, 1]
        assert codes.systems == (None, "统计")
        assert codes.system.tolist() == [0, 0, 1, 1]
        assert codes.profile.tolist() == [0, 0, 1, 0]
        assert codes.profiles == (registry["a"], registry["c"])

    def test_repeated_id(self) -> None:
        """An id given twice is not unique; its position is that of the last agency."""
        first = Agency(id="a", name="A", kind=Kind.GOVERNMENT, region=("x",))
        second = Agency(id="a", name="A2", kind=Kind.DEPARTMENT, region=("x",))
        codes = Registry([first, second]).codes
        assert not codes.unique
        assert dict(codes.position) == {"a": 1}
        assert codes.profile.tolist() == [0, 1]

    def test_empty(self) -> None:
        codes = Registry([]).codes
        assert codes.ids == () and codes.regions == () and codes.systems == (None,)
        assert len(codes.region) == len(codes.system) == len(codes.profile) == 0
