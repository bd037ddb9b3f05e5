"""The agency registry: canonical names, aliases and collective groups.

Plans name the same agency many ways (`Sở TT&TT`, `Sở Thông tin và Truyền thông`, `Sở TTTT`)
and join lists with `,`, `;` and `và` although names themselves contain those
(`Sở Văn hóa, Thể thao và Du lịch`). The registry therefore matches **known** names first,
longest first, insensitive to diacritics, case, `&`/`và`, hyphens, commas and spacing, and
expands the usual abbreviations (`UBND`, `HĐND`, `LĐ-TB&XH`, `VH,TT&DL`, `TN&MT`, …).
What it does not know is kept as written and flagged unknown, never dropped.

The registry is plain data (:class:`Agency` records in a :class:`Registry`), so the database
can feed it: ``Registry.from_records([{"name": …, "aliases": […], "collective": …,
"members": […]}])``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from plans import agency_names as names
from plans.agency_tokens import Token, alias_key, tokenize
from plans.text import clean, fold

# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Agency:
    """One agency, or one collective name standing for many (``collective``).

    ``members`` are canonical names of the agencies a collective expands to, once known.
    ``level`` is free data (``"tinh"``, ``"huyen"``, ``"xa"``, ``"trung_uong"``): since 2025
    the hierarchy changes by decree, so nothing here depends on it.
    """

    name: str
    aliases: tuple[str, ...] = ()
    collective: bool = False
    members: tuple[str, ...] = ()
    level: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "collective": self.collective,
            "members": list(self.members),
            "level": self.level,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Agency:
        return cls(
            name=str(data["name"]),
            aliases=tuple(str(a) for a in data.get("aliases") or ()),
            collective=bool(data.get("collective", False)),
            members=tuple(str(m) for m in data.get("members") or ()),
            level=data.get("level"),
        )


@dataclass(frozen=True)
class AgencyRef:
    """An agency as named in a document.

    ``written`` is the text as written; ``name`` the canonical name when ``known``, else the
    written text. ``assumed`` marks a name the document did not write for this task (the
    issuing agency standing in for a missing lead).
    """

    written: str
    name: str
    known: bool
    collective: bool
    assumed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "name": self.name,
            "known": self.known,
            "collective": self.collective,
            "assumed": self.assumed,
        }



# Words after a name that only say where the agency sits ("Phòng Tư pháp thị xã").
_LEVELS: tuple[tuple[str, ...], ...] = (("thị", "xã"), ("thành", "phố"), ("tỉnh",), ("huyện",), ("quận",))
_LEVEL_LAST = {"tỉnh", "xã", "huyện", "phố", "quận"}
_NOT_PLACES = {
    "tai",
    "ve",
    "quy",
    "thang",
    "nam",
    "ngay",
    "giai",
    "theo",
    "cua",
    "trong",
    "tren",
    "nhiem",
    "ke",
}


# --------------------------------------------------------------------------------------------
# The registry

_END = ""


@dataclass(frozen=True)
class _Match:
    agency: Agency | None  # None: not known (a collective by grammar, or an unknown piece)
    first: int  # token indexes, inclusive
    last: int
    collective: bool


_CACHED = 4096  # agency lists remembered per registry


@dataclass(frozen=True)
class Registry:
    """Known agencies with their aliases; see the module docstring."""

    agencies: tuple[Agency, ...] = ()
    _trie: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)
    _by_name: dict[str, Agency] = field(init=False, repr=False, compare=False, default_factory=dict)
    _cache: dict[str, Agency | None] = field(init=False, repr=False, compare=False, default_factory=dict)
    _splits: dict[str, tuple[AgencyRef, ...]] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "agencies", tuple(self.agencies))
        for agency in self.agencies:
            self._by_name.setdefault(fold(agency.name), agency)
            for alias in (agency.name, *agency.aliases):
                key = alias_key(alias)
                if not key:
                    continue
                node = self._trie
                for word in key:
                    node = node.setdefault(word, {})
                node.setdefault(_END, agency)

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Registry:
        """Build from stored rows: each with ``name`` and optional ``aliases``, ``collective``,
        ``members``, ``level``."""
        return cls(tuple(Agency.from_json(r) for r in records))

    def to_json(self) -> list[dict[str, Any]]:
        return [a.to_json() for a in self.agencies]

    def with_agencies(self, extra: Iterable[Agency]) -> Registry:
        """A new registry with ``extra`` agencies added (their aliases win over older ones)."""
        return Registry((*tuple(extra), *self.agencies))

    # -- look-ups ----------------------------------------------------------------------------

    def get(self, name: str) -> Agency | None:
        """The agency whose canonical name is ``name`` (folded comparison)."""
        return self._by_name.get(fold(name))

    def resolve(self, name: str) -> Agency | None:
        """The known agency ``name`` designates (an alias, any spelling), or None."""
        if name in self._cache:
            return self._cache[name]
        text = unicodedata.normalize("NFC", name)
        toks = tokenize(text)
        while toks and toks[-1].kind in {",", ";", "\n"}:
            toks.pop()
        while toks and toks[0].kind in {",", ";", "\n"}:
            toks.pop(0)
        found: Agency | None = None
        if toks:
            m = self._known_at(toks, 0)
            if m is not None and m.last == len(toks) - 1:
                found = m.agency
        self._cache[name] = found
        return found

    def ref(self, name: str, *, assumed: bool = False) -> AgencyRef:
        """An :class:`AgencyRef` for a whole name (no splitting)."""
        written = _tidy(name)
        agency = self.resolve(written)
        if agency is not None:
            return AgencyRef(written, agency.name, True, agency.collective, assumed)
        return AgencyRef(written, written, False, _looks_collective(written), assumed)

    def expand(self, name: str | AgencyRef) -> list[Agency]:
        """The agencies a name stands for: a collective's known members (recursively), else
        the agency itself; empty when unknown."""
        agency = self.resolve(name.name if isinstance(name, AgencyRef) else name)
        if agency is None:
            return []
        out: list[Agency] = []
        seen: set[str] = set()

        def walk(a: Agency) -> None:
            if a.name in seen:
                return
            seen.add(a.name)
            if not a.collective:
                out.append(a)
                return
            for member in a.members:
                m = self.get(member) or self.resolve(member)
                if m is not None:
                    walk(m)

        walk(agency)
        return out

    # -- splitting ---------------------------------------------------------------------------

    def split(self, text: str) -> list[AgencyRef]:
        """Cut a list of agencies ("A, B và C", "A; B") into names. Known names win, longest
        first; other names follow the grammar of :mod:`plans.agency_names`, so a list splits
        before a head word, not at every "và", and role words ("chủ trì", "thực hiện …") are
        dropped. A piece that is no name at all is kept as written (flagged unknown)."""
        known = self._splits.get(text)
        if known is None:  # plans repeat the same cells hundreds of times
            if len(self._splits) >= _CACHED:
                self._splits.clear()  # a long-running bot keeps a bounded cache
            known = self._splits[text] = tuple(self._split(unicodedata.normalize("NFC", text)))
        return list(known)

    def _split(self, text: str) -> list[AgencyRef]:
        toks = tokenize(text)
        refs: list[AgencyRef] = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            if t.kind not in {"w", "("} or (t.kind == "w" and t.norm in {"va", "voi", "cung"}):
                i += 1
                continue
            span = names.name_at(toks, i, self._known_last)
            listed = names.listed_after(toks, span) if span is not None else None
            if listed is not None:  # "các Sở: Tư pháp, Nội vụ"
                unit, parts = listed
                refs.extend(self.ref(names.member_name(toks, text, unit, a, b)) for a, b in parts)
                i = parts[-1][1] + 1
                continue
            if span is not None:
                refs.append(self._span_ref(text, toks, span))
                i = span.last + 1
                if i < n and toks[i].kind == "(":  # "(… là cơ quan thường trực)": said of the name
                    close = names.paren_end(toks, i)
                    i = i if close is None else close + 1
                if i < n and toks[i].kind == "w" and toks[i].norm != "va":
                    i = _clause_end(toks, i, self._known_last)  # "… chủ trì hướng dẫn, tổng hợp"
                continue
            if names.stop_at(toks, i):
                i = _clause_end(toks, i, self._known_last)
                continue
            m = _unknown_at(toks, i)
            refs.append(self._make_ref(text, toks, m))
            i = m.last + 1
        return refs

    def names_at(self, text: str) -> tuple[list[AgencyRef], int]:
        """The list of agencies named at the very start of ``text`` (prose: "Sở Y tế chủ trì,
        …"), and the offset in ``text`` where it ends; ``([], 0)`` when no name starts there."""
        text_n = unicodedata.normalize("NFC", text)
        if len(text_n) != len(text):  # offsets must stay valid for the caller
            text_n = text
        toks = tokenize(text_n)
        spans = names.names_at(toks, 0, self._known_last)
        if not spans:
            return [], 0
        listed = names.listed_after(toks, spans[-1])
        if listed is not None:  # "Các Bộ, cơ quan: Tài chính, Xây dựng …" → Bộ Tài chính, Bộ Xây dựng
            unit, parts = listed
            refs = [self.ref(names.member_name(toks, text_n, unit, a, b)) for a, b in parts]
            return [self._span_ref(text_n, toks, s) for s in spans[:-1]] + refs, toks[parts[-1][1]].end
        return [self._span_ref(text_n, toks, s) for s in spans], toks[spans[-1].last].end

    def _known_last(self, toks: Sequence[Token], i: int) -> int | None:
        m = self._known_at(toks, i)
        return None if m is None else m.last

    def _span_ref(self, text: str, toks: Sequence[Token], span: names.Span) -> AgencyRef:
        written = _tidy(text[toks[span.first].start : toks[span.last].end])
        agency = self.resolve(written)
        if agency is None and span.agency_first is not None:  # "Bộ trưởng Bộ Nội vụ" → Bộ Nội vụ
            agency = self.resolve(text[toks[span.agency_first].start : toks[span.last].end])
        if agency is not None:
            return AgencyRef(written, agency.name, True, agency.collective)
        return AgencyRef(written, written, False, span.collective or _looks_collective(written))

    # -- internals ---------------------------------------------------------------------------

    def _known_at(self, toks: Sequence[Token], i: int) -> _Match | None:
        """Longest known name starting at token ``i``, with a trailing place and a
        parenthesis absorbed ("Phòng Tư pháp thị xã", "UBND cấp huyện (Phòng TC-KH)")."""
        node = self._trie
        best: tuple[Agency, int] | None = None
        j = i
        n = len(toks)
        while j < n:
            t = toks[j]
            if t.kind == ",":
                j += 1
                continue
            if t.kind != "w":
                break
            nxt = node.get(t.norm)
            if nxt is None:
                break
            node = nxt
            if _END in node:
                best = (node[_END], j)
            j += 1
        if best is None:
            return None
        agency, last = best
        last = _absorb_place(toks, last)
        last = _absorb_paren(toks, last)
        return _Match(agency, i, last, agency.collective)

    def _make_ref(self, text: str, toks: Sequence[Token], m: _Match) -> AgencyRef:
        written = _tidy(text[toks[m.first].start : toks[m.last].end])
        if m.agency is not None:
            return AgencyRef(written, m.agency.name, True, m.agency.collective)
        return AgencyRef(written, written, False, m.collective or _looks_collective(written))


def _clause_end(toks: Sequence[Token], j: int, known_last: names.KnownAt) -> int:
    """Past what is said of a name ("chủ trì hướng dẫn, tổng hợp"): up to the next separator
    followed by a name, or the next ";" / line."""
    n = len(toks)
    while j < n:
        t = toks[j]
        if t.kind in {";", "\n"}:
            return j + 1
        if (t.kind == "," or (t.kind == "w" and t.norm == "va")) and names.starts_name(toks, j + 1, known_last):
            return j + 1
        j += 1
    return j


def _absorb_place(toks: Sequence[Token], last: int) -> int:
    """After a name, take "thị xã", "tỉnh", "cấp huyện" … and a place name after them."""
    n = len(toks)
    j = last + 1
    ends_with_level = toks[last].low in _LEVEL_LAST
    if j < n and toks[j].kind == "w" and toks[j].low == "cấp":
        j += 1
    for level in _LEVELS:
        if j + len(level) <= n and all(
            toks[j + k].kind == "w" and toks[j + k].low == level[k] for k in range(len(level))
        ):
            last = j + len(level) - 1
            ends_with_level = True
            break
    if ends_with_level:
        k = last + 1
        taken = 0
        while k < n and taken < 4 and toks[k].kind == "w" and (toks[k].upper or toks[k].norm.isdigit()):
            if toks[k].norm in {"va", "ubnd", "hdnd"} or (taken == 0 and toks[k].norm in _NOT_PLACES):
                break
            last = k
            k += 1
            taken += 1
    return last


def _absorb_paren(toks: Sequence[Token], last: int) -> int:
    j = last + 1
    if j < len(toks) and toks[j].kind == "(":
        close = names.paren_end(toks, j)
        if close is not None:
            return close
    return last


def _unknown_at(toks: Sequence[Token], i: int) -> _Match:
    """An unknown name: everything up to the next separator, parentheses kept whole."""
    n = len(toks)
    last = i
    depth = 0
    k = i
    while k < n:
        t = toks[k]
        if t.kind == "(":
            depth += 1
        elif t.kind == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (t.kind in {",", ";", "\n", ":"} or (t.kind == "w" and t.norm == "va")):
            break
        last = k
        k += 1
    return _Match(None, i, last, False)


_TIDY_RE = re.compile(r"^[\s\-–—•+*.,;:]+|[\s\-–—•+*,;:.]+$")


def _tidy(name: str) -> str:
    text = clean(name)
    text = _TIDY_RE.sub("", text)
    if text.count("(") > text.count(")"):
        text += ")"
    return text


def _looks_collective(name: str) -> bool:
    words = fold(name).split()
    return bool(words) and (words[0] in names.COLLECTIVE_HINTS or "cac" in words[:4])


# --------------------------------------------------------------------------------------------
# The default registry: the usual province and district agencies


def _a(name: str, *aliases: str, level: str | None = None) -> Agency:
    return Agency(name=name, aliases=aliases, level=level)


def _g(name: str, *aliases: str, members: Sequence[str] = (), level: str | None = None) -> Agency:
    return Agency(name=name, aliases=aliases, collective=True, members=tuple(members), level=level)


_SO = (
    _a("Sở Nội vụ", level="tinh"),
    _a("Sở Tư pháp", level="tinh"),
    _a("Sở Kế hoạch và Đầu tư", level="tinh"),
    _a("Sở Tài chính", level="tinh"),
    _a("Sở Công Thương", level="tinh"),
    _a("Sở Nông nghiệp và Phát triển nông thôn", level="tinh"),
    _a("Sở Nông nghiệp và Môi trường", level="tinh"),
    _a("Sở Giao thông vận tải", level="tinh"),
    _a("Sở Xây dựng", level="tinh"),
    _a("Sở Tài nguyên và Môi trường", level="tinh"),
    _a("Sở Thông tin và Truyền thông", level="tinh"),
    _a("Sở Lao động - Thương binh và Xã hội", level="tinh"),
    _a("Sở Văn hóa, Thể thao và Du lịch", level="tinh"),
    _a("Sở Văn hóa và Thể thao", level="tinh"),
    _a("Sở Du lịch", level="tinh"),
    _a("Sở Khoa học và Công nghệ", level="tinh"),
    _a("Sở Giáo dục và Đào tạo", level="tinh"),
    _a("Sở Y tế", level="tinh"),
    _a("Sở Ngoại vụ", level="tinh"),
    _a("Sở Dân tộc và Tôn giáo", level="tinh"),
    _a("Thanh tra tỉnh", level="tinh"),
    _a("Ban Dân tộc tỉnh", "Ban Dân tộc", level="tinh"),
)

_PHONG = (
    _a("Phòng Nội vụ", level="huyen"),
    _a("Phòng Tư pháp", level="huyen"),
    _a("Phòng Tài chính - Kế hoạch", level="huyen"),
    _a("Phòng Tài nguyên và Môi trường", level="huyen"),
    _a("Phòng Lao động - Thương binh và Xã hội", level="huyen"),
    _a("Phòng Văn hóa và Thông tin", "Phòng Văn hóa - Thông tin", level="huyen"),
    _a("Phòng Văn hóa, Khoa học và Thông tin", level="huyen"),
    _a("Phòng Giáo dục và Đào tạo", level="huyen"),
    _a("Phòng Y tế", level="huyen"),
    _a("Phòng Kinh tế", level="huyen"),
    _a("Phòng Kinh tế - Hạ tầng", level="huyen"),
    _a("Phòng Kinh tế, Hạ tầng và Đô thị", level="huyen"),
    _a("Phòng Quản lý đô thị", level="huyen"),
    _a("Phòng Nông nghiệp và Phát triển nông thôn", level="huyen"),
    _a("Phòng Nông nghiệp và Môi trường", level="huyen"),
    _a("Phòng Dân tộc", level="huyen"),
    _a("Thanh tra thị xã", "Thanh tra huyện", "Thanh tra thành phố", level="huyen"),
)

_CENTRAL = (
    _a("Bộ Công an", level="trung_uong"),
    _a("Bộ Nội vụ", level="trung_uong"),
    _a("Bộ Tư pháp", level="trung_uong"),
    _a("Bộ Tài chính", level="trung_uong"),
    _a("Bộ Y tế", level="trung_uong"),
    _a("Bộ Thông tin và Truyền thông", level="trung_uong"),
    _a("Bộ Giáo dục và Đào tạo", level="trung_uong"),
    _a("Bộ Lao động - Thương binh và Xã hội", level="trung_uong"),
    _a("Bộ Giao thông vận tải", level="trung_uong"),
    _a("Bộ Tài nguyên và Môi trường", level="trung_uong"),
    _a("Bộ Khoa học và Công nghệ", level="trung_uong"),
    _a("Văn phòng Chính phủ", level="trung_uong"),
    _a("Ngân hàng Nhà nước Việt Nam", level="trung_uong"),
    _a("Bảo hiểm xã hội Việt Nam", level="trung_uong"),
    _a(
        "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "Cục Cảnh sát QLHC về TTXH",
        "Cục Cảnh sát QLHC về TTXH - Bộ Công an",
        "Cục C06",
        "C06",
        level="trung_uong",
    ),
    _a("Trung tâm Dữ liệu quốc gia về dân cư", "Trung tâm CSDLQG về dân cư", level="trung_uong"),
)

_PROVINCE = (
    _a("UBND tỉnh", level="tinh"),
    _a("HĐND tỉnh", level="tinh"),
    _a("Tỉnh ủy", level="tinh"),
    _a("Công an tỉnh", "CA tỉnh", level="tinh"),
    _a("Văn phòng UBND tỉnh", level="tinh"),
    _a("Văn phòng Tỉnh ủy", level="tinh"),
    _a("Văn phòng Đoàn ĐBQH và HĐND tỉnh", level="tinh"),
    _a("Tổ Công tác Đề án 06 tỉnh", "Tổ Công tác triển khai Đề án 06 tỉnh", level="tinh"),
    _a(
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        "Phòng Cảnh sát QLHC về TTXH",
        "PC06",
        level="tinh",
    ),
    _a("Trung tâm Phục vụ hành chính công tỉnh", "Trung tâm Phục vụ - Kiểm soát TTHC tỉnh", level="tinh"),
    _a("Bảo hiểm xã hội tỉnh", level="tinh"),
    _a("Cục Thuế tỉnh", level="tinh"),
    _a("Kho bạc Nhà nước tỉnh", level="tinh"),
    _a(
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "Ngân hàng Nhà nước tỉnh",
        "Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh",
        "Ngân hàng Nhà nước Việt Nam tỉnh",
        level="tinh",
    ),
    _a("Ngân hàng Chính sách xã hội tỉnh", level="tinh"),
    _a("Tỉnh Đoàn", "Tỉnh đoàn", "Đoàn Thanh niên tỉnh", level="tinh"),
    _a("Hội Liên hiệp Phụ nữ tỉnh", level="tinh"),
    _a("Hội Nông dân tỉnh", level="tinh"),
    _a("Hội Cựu chiến binh tỉnh", level="tinh"),
    _a("Liên đoàn Lao động tỉnh", level="tinh"),
    _a("Ủy ban MTTQ tỉnh", level="tinh"),
    _a(
        "Đài Phát thanh và Truyền hình tỉnh",
        "Đài Phát thanh - Truyền hình Quảng Nam",
        "Đài Phát thanh và Truyền hình Quảng Ngãi",
        level="tinh",
    ),
    _a("Báo Quảng Nam", level="tinh"),
    _a("Báo Quảng Ngãi", level="tinh"),
    _a("Bưu điện tỉnh", level="tinh"),
    _a("Viễn thông tỉnh", "VNPT tỉnh", "VNPT", level="tinh"),
    _a("Viettel tỉnh", "Viettel", level="tinh"),
    _a("Công ty Điện lực tỉnh", "Điện lực tỉnh", level="tinh"),
    _a(
        "Ban quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi",
        "Ban quản lý KKT Dung Quất và các KCN Quảng Ngãi",
        level="tinh",
    ),
)

_DISTRICT = (
    _a("UBND thị xã", "UBND huyện", level="huyen"),
    _a("HĐND thị xã", "HĐND huyện", level="huyen"),
    _a("Thị ủy", "Huyện ủy", level="huyen"),
    _a("Công an thị xã", "Công an huyện", "Công an quận", level="huyen"),
    _a(
        "Văn phòng HĐND và UBND thị xã",
        "Văn phòng HĐND và UBND",
        "Văn phòng HĐND và UBND huyện",
        level="huyen",
    ),
    _a(
        "Tổ Công tác Đề án 06 thị xã",
        "Tổ Công tác triển khai Đề án 06 thị xã",
        "Tổ Công tác Đề án 06 huyện",
        level="huyen",
    ),
    _a("Bộ phận Tiếp nhận và Trả kết quả", "Bộ phận Một cửa", level="huyen"),
    _a("Bảo hiểm xã hội thị xã", "Bảo hiểm xã hội huyện", level="huyen"),
    _a("Bưu điện thị xã", "Bưu điện huyện", level="huyen"),
    _a("Ủy ban MTTQ thị xã", "Ủy ban MTTQ huyện", level="huyen"),
    _a("Thị đoàn", "Huyện đoàn", level="huyen"),
    _a("Hội Liên hiệp Phụ nữ thị xã", "Hội Liên hiệp Phụ nữ huyện", level="huyen"),
    _a("Trung tâm Y tế thị xã", "Trung tâm Y tế huyện", level="huyen"),
    _a("Trung tâm Văn hóa - Thông tin và Thể thao thị xã", level="huyen"),
    _a("Chi cục Thuế", "Chi cục Thuế khu vực", level="huyen"),
)

_SO_NAMES = tuple(a.name for a in _SO if a.name.startswith("Sở "))
_PHONG_NAMES = tuple(a.name for a in _PHONG)
_MASS_ORGS = (
    "Ủy ban MTTQ tỉnh",
    "Tỉnh Đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
)

_GROUPS = (
    _g(
        "Các sở, ban, ngành",
        "các sở, ngành",
        "các sở, ban ngành",
        "các sở, ban, ngành tỉnh",
        members=_SO_NAMES,
        level="tinh",
    ),
    _g("Các sở, ban, ngành, đoàn thể", members=(*_SO_NAMES, *_MASS_ORGS), level="tinh"),
    _g(
        "Các sở, ban, ngành, đoàn thể, địa phương liên quan",
        "các sở, ban, ngành, địa phương liên quan",
        "các sở, ban, ngành, đoàn thể, địa phương",
        "các sở, ban, ngành, địa phương",
        "sở, ban, ngành, đoàn thể, địa phương",
        "các sở, ngành, địa phương liên quan",
        "các sở, ngành, địa phương",
        "các đơn vị, địa phương liên quan",
        "các cơ quan, đơn vị, địa phương liên quan",
        "các ngành, địa phương liên quan",
        level="tinh",
    ),
    _g(
        "Các cơ quan chuyên môn thuộc UBND tỉnh",
        "các cơ quan chuyên môn trực thuộc UBND tỉnh",
        "các cơ quan chuyên môn UBND tỉnh",
        members=(*_SO_NAMES, "Văn phòng UBND tỉnh", "Thanh tra tỉnh", "Ban Dân tộc tỉnh"),
        level="tinh",
    ),
    _g(
        "Các hội, đoàn thể",
        "các tổ chức hội, đoàn thể",
        "các hội, đoàn thể tỉnh",
        "hội, đoàn thể",
        members=_MASS_ORGS,
    ),
    _g("Các địa phương", "các địa phương liên quan", "các địa phương trên địa bàn"),
    _g("Các tổ chức chính trị - xã hội", "các đoàn thể chính trị - xã hội", "các tổ chức CT-XH"),
    _g("Các cơ quan báo chí", "các cơ quan báo chí đóng trên địa bàn", "các cơ quan báo chí trên địa bàn"),
    _g("Các cơ quan, đơn vị có CSDL chuyên ngành", "các cơ quan, đơn vị có cơ sở dữ liệu chuyên ngành"),
    _g(
        "Cơ quan chủ quản hệ thống thông tin, cơ sở dữ liệu chuyên ngành",
        "Cơ quan chủ quản hệ thống thông tin",
    ),
    _g("Các cơ quan trung ương đóng trên địa bàn tỉnh", "các cơ quan trung ương đóng trên địa bàn"),
    _g("Các doanh nghiệp viễn thông", "các nhà mạng", "các doanh nghiệp viễn thông trên địa bàn"),
    _g(
        "Các cơ quan, đơn vị liên quan",
        "các cơ quan, đơn vị có liên quan",
        "các đơn vị liên quan",
        "các đơn vị có liên quan",
        "các đơn vị",
        "các cơ quan, đơn vị",
        "các cơ quan liên quan",
        "các cơ quan, tổ chức liên quan",
        "các cơ quan, tổ chức có liên quan",
        "các phòng ban, cơ quan, đơn vị liên quan",
        "các phòng ban, đơn vị có liên quan",
        "các phòng ban, đơn vị liên quan",
        "các phòng, ban, đơn vị liên quan",
    ),
    _g(
        "Các phòng, ban UBND thị xã",
        "các phòng ban thuộc UBND thị xã",
        "các phòng, ban chuyên môn thuộc UBND thị xã",
        "các phòng, ban, đơn vị thuộc UBND thị xã",
        "các phòng, ban UBND huyện",
        "các phòng, ban chuyên môn",
        members=(*_PHONG_NAMES, "Văn phòng HĐND và UBND thị xã"),
        level="huyen",
    ),
    _g(
        "UBND cấp xã",
        "UBND các phường, xã",
        "UBND các xã, phường",
        "UBND xã, phường",
        "UBND cấp xã, phường",
        "UBND các xã, phường, thị trấn",
        "UBND các xã, thị trấn",
        "UBND xã, phường, thị trấn",
        "UBND các xã",
        "UBND các phường",
        "UBND xã, phường, đặc khu",
        "UBND phường, xã, đặc khu",
        "UBND các xã, phường, đặc khu",
        "UBND các phường, xã, đặc khu",
        level="xa",
    ),
    _g(
        "UBND cấp huyện",
        "UBND các huyện, thị xã, thành phố",
        "UBND huyện, thị xã, thành phố",
        "UBND các huyện, thành phố",
        "UBND các huyện",
        level="huyen",
    ),
    _g(
        "Công an cấp xã",
        "Công an các xã, phường, thị trấn",
        "Công an xã, phường",
        "Công an các xã, phường",
        level="xa",
    ),
)

DEFAULT_AGENCIES: tuple[Agency, ...] = (*_CENTRAL, *_PROVINCE, *_SO, *_DISTRICT, *_PHONG, *_GROUPS)

_DEFAULT: list[Registry] = []


def default_registry() -> Registry:
    """The registry seeded with the usual province and district agencies (shared instance)."""
    if not _DEFAULT:
        _DEFAULT.append(Registry(DEFAULT_AGENCIES))
    return _DEFAULT[0]
