"""The agency registry: aliases, spelling-insensitive matching, longest-first splitting,
collective names, unknown names, and construction from stored data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.agencies import DEFAULT_AGENCIES, Agency, AgencyRef, Registry, alias_key, default_registry

REG = default_registry()


def names(refs: list[AgencyRef]) -> list[str]:
    return [r.name for r in refs]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở TTTT", "Sở Thông tin và Truyền thông"),
        ("Sở TT-TT", "Sở Thông tin và Truyền thông"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở Lao động, Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Văn hóa thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở GTVT", "Sở Giao thông vận tải"),
        ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
        ("Cty Điện lực tỉnh", "Công ty Điện lực tỉnh"),
        ("Văn phòng HĐND&UBND thị xã", "Văn phòng HĐND và UBND thị xã"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã", "Văn phòng HĐND và UBND thị xã"),
        ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ tỉnh"),
        ("Phòng Tài chính kế hoạch thị xã", "Phòng Tài chính - Kế hoạch"),
        ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
        ("phòng Văn hoá – Thông tin thị xã", "Phòng Văn hóa và Thông tin"),
        ("Phòng VH&TT", "Phòng Văn hóa và Thông tin"),
        ("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
        ("Phòng Cảnh sát QLHC về TTXH", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội"),
    ],
)
def test_aliases_and_abbreviations(written: str, canonical: str) -> None:
    agency = REG.resolve(written)
    assert agency is not None, written
    assert agency.name == canonical


@pytest.mark.parametrize(
    "spelling",
    [
        "Sở Thông tin và Truyền thông",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "so thong tin va truyen thong",
        "Sở  Thông tin   và Truyền thông.",
        "Sở Thông tin & Truyền thông",
        "  Sở Thông Tin Và Truyền Thông ",
    ],
)
def test_insensitive_to_diacritics_case_ampersand_and_spaces(spelling: str) -> None:
    agency = REG.resolve(spelling)
    assert agency is not None and agency.name == "Sở Thông tin và Truyền thông"


@pytest.mark.parametrize(
    "spelling",
    [
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động-Thương binh và Xã hội",
        "Sở Lao động – Thương binh và Xã hội",
        "Sở Lao động -Thương binh & Xã hội",
        "so lao dong thuong binh va xa hoi",
    ],
)
def test_hyphen_spacing(spelling: str) -> None:
    agency = REG.resolve(spelling)
    assert agency is not None and agency.name == "Sở Lao động - Thương binh và Xã hội"


def test_place_after_a_name_is_absorbed() -> None:
    assert names(REG.split("Phòng Tư pháp thị xã Bỉm Sơn; Sở Y tế tỉnh Quảng Nam")) == [
        "Phòng Tư pháp",
        "Sở Y tế",
    ]
    refs = REG.split("Công an tỉnh Quảng Ngãi, Sở Tư pháp")
    assert [r.written for r in refs] == ["Công an tỉnh Quảng Ngãi", "Sở Tư pháp"]


def test_split_longest_first_keeps_names_with_commas_and_va() -> None:
    refs = REG.split(
        "Sở Lao động - Thương binh và Xã hội, Sở Văn hóa, Thể thao và Du lịch và Văn phòng HĐND và UBND thị xã"
    )
    assert names(refs) == [
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Văn phòng HĐND và UBND thị xã",
    ]
    assert [r.written for r in refs] == [
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Văn phòng HĐND và UBND thị xã",
    ]
    assert all(r.known and not r.collective for r in refs)


def test_split_separators() -> None:
    assert names(REG.split("Công an tỉnh; Sở Y tế")) == ["Công an tỉnh", "Sở Y tế"]
    assert names(REG.split("Công an tỉnh, Sở Y tế và Sở Tư pháp.")) == [
        "Công an tỉnh",
        "Sở Y tế",
        "Sở Tư pháp",
    ]
    assert names(REG.split("Bộ Nội vụ; các sở, ban, ngành; UBND các huyện, thị xã, thành phố.")) == [
        "Bộ Nội vụ",
        "Các sở, ban, ngành",
        "UBND cấp huyện",
    ]


def test_collective_names_are_kept_whole() -> None:
    refs = REG.split(
        "Công an tỉnh, Văn phòng UBND tỉnh và các sở, ban, ngành, đoàn thể, UBND cấp huyện, UBND cấp xã"
    )
    assert [(r.written, r.collective) for r in refs] == [
        ("Công an tỉnh", False),
        ("Văn phòng UBND tỉnh", False),
        ("các sở, ban, ngành, đoàn thể", True),
        ("UBND cấp huyện", True),
        ("UBND cấp xã", True),
    ]
    for text in (
        "UBND các phường, xã",
        "các sở, ban, ngành",
        "các sở, ban, ngành, đoàn thể, địa phương liên quan",
        "các cơ quan, đơn vị liên quan",
        "Các phòng, ban, UBND thị xã",
        "Các cơ quan chuyên môn thuộc UBND tỉnh",
    ):
        refs = REG.split(text)
        assert len(refs) == 1 and refs[0].collective and refs[0].known, text
        assert refs[0].written == text


def test_spellings_of_one_collective() -> None:
    group = {
        REG.resolve(n)
        for n in ("UBND các phường, xã", "UBND các xã, phường", "UBND xã, phường", "UBND cấp xã")
    }
    assert len(group) == 1


def test_collective_expands_to_members_once_known() -> None:
    members = {a.name for a in REG.expand("Các cơ quan chuyên môn thuộc UBND tỉnh")}
    assert {"Sở Y tế", "Sở Tư pháp", "Văn phòng UBND tỉnh"} <= members
    assert all(not a.collective for a in REG.expand("các sở, ban, ngành"))
    assert REG.expand("UBND các phường, xã") == []  # communes are data, not known here
    assert [a.name for a in REG.expand("Sở TT&TT")] == ["Sở Thông tin và Truyền thông"]
    grown = REG.with_agencies(
        [
            Agency(
                "UBND cấp xã",
                aliases=("UBND các phường, xã",),
                collective=True,
                members=("UBND phường Bắc Sơn",),
            ),
            Agency("UBND phường Bắc Sơn"),
        ]
    )
    assert [a.name for a in grown.expand("UBND các phường, xã")] == ["UBND phường Bắc Sơn"]


def test_unknown_names_are_kept_and_flagged() -> None:
    refs = REG.split("Sở Y tế, Hợp tác xã Bình Minh; các trường học trên địa bàn và Bru điện thị xã")
    assert [(r.written, r.known, r.collective) for r in refs] == [
        ("Sở Y tế", True, False),
        ("Hợp tác xã Bình Minh", False, False),
        ("các trường học trên địa bàn", False, True),
        ("Bru điện thị xã", False, False),
    ]
    assert refs[1].name == "Hợp tác xã Bình Minh"


def test_a_longer_unknown_name_is_not_cut_to_a_known_prefix() -> None:
    refs = REG.split("Sở Y tế dự phòng, Công an tỉnh")
    assert [(r.written, r.known) for r in refs] == [("Sở Y tế dự phòng", False), ("Công an tỉnh", True)]


def test_parenthesis_stays_with_its_name() -> None:
    refs = REG.split("UBND cấp huyện (Phòng Tài chính - Kế hoạch), UBND cấp xã")
    assert [(r.written, r.name) for r in refs] == [
        ("UBND cấp huyện (Phòng Tài chính - Kế hoạch)", "UBND cấp huyện"),
        ("UBND cấp xã", "UBND cấp xã"),
    ]


def test_names_at_in_prose() -> None:
    refs, end = REG.names_at("Sở Lao động - Thương binh và Xã hội chủ trì cuộc họp")
    assert names(refs) == ["Sở Lao động - Thương binh và Xã hội"]
    assert end == len("Sở Lao động - Thương binh và Xã hội")
    refs, _ = REG.names_at("các đơn vị tổ chức các lớp bồi dưỡng")
    assert [r.written for r in refs] == ["các đơn vị"]
    assert REG.names_at("sửa đổi, bổ sung Quyết định") == ([], 0)


def test_registry_from_stored_records_round_trips() -> None:
    records: list[dict[str, Any]] = [
        {"name": "Phòng Văn hóa, Khoa học và Thông tin", "aliases": ["Phòng VH-KH&TT"], "level": "huyen"},
        {
            "name": "UBND các phường",
            "aliases": ["UBND phường Bắc Sơn, Ngọc Trạo"],
            "collective": True,
            "members": ["UBND phường Bắc Sơn"],
        },
        {"name": "UBND phường Bắc Sơn"},
    ]
    reg = Registry.from_records(records)
    assert reg.resolve("Phòng VH-KH & TT") is not None
    assert names(reg.split("Phòng VH-KH&TT; UBND phường Bắc Sơn, Ngọc Trạo")) == [
        "Phòng Văn hóa, Khoa học và Thông tin",
        "UBND các phường",
    ]
    data = json.loads(json.dumps(reg.to_json()))
    again = Registry.from_records(data)
    assert again == reg
    assert again.agencies[1].members == ("UBND phường Bắc Sơn",)


def test_stored_aliases_win_over_the_defaults() -> None:
    mine = REG.with_agencies(
        [Agency("Trung tâm Phục vụ hành chính công thị xã", aliases=("Bộ phận Một cửa",))]
    )
    agency = mine.resolve("Bộ phận một cửa")
    assert agency is not None and agency.name == "Trung tâm Phục vụ hành chính công thị xã"


def test_alias_key_is_spelling_free() -> None:
    assert alias_key("Sở TT&TT") == alias_key("so thong tin va truyen thong")
    assert alias_key("Văn phòng HĐND&UBND") == alias_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")


_PLAIN = sorted({a.name for a in DEFAULT_AGENCIES if not a.collective})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PLAIN), min_size=1, max_size=6),
    st.lists(st.sampled_from([", ", "; ", " và ", ",  ", " ; ", "\n"]), min_size=6, max_size=6),
)
def test_any_list_of_known_agencies_splits_back(chosen: list[str], seps: list[str]) -> None:
    text = chosen[0]
    for name, sep in zip(chosen[1:], seps, strict=False):
        text += sep + name
    assert names(REG.split(text)) == chosen
