"""Agency names as tokens: folded words with their span in the written text, the usual
abbreviations expanded (``UBND``, ``HĐND``, ``LĐ-TB&XH``, ``VH,TT&DL`` …), so that every spelling of
a name gives the same words. Shared by the registry and the name grammar."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from plans.text import fold

# --------------------------------------------------------------------------------------------
# Tokens: words (folded, abbreviations expanded) with their span in the original text


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "w" word, or one of , ; ( ) \n
    norm: str  # folded word ("va" for &), or the punctuation itself
    low: str  # lower-cased original (diacritics kept)
    start: int
    end: int
    upper: bool  # the original word starts with a capital letter


_TOKEN_RE = re.compile(r"[^\W_]+|[&;,:()\[\]\n]")
_PUNCT = {"[": "(", "]": ")"}

# Multi-word abbreviations, applied to folded words (commas between them are skipped).
_RULES_SPEC = """
uy ban nhan dan => ubnd
hoi dong nhan dan => hdnd
hdnd ubnd => hdnd va ubnd
mat tran to quoc viet nam => mttq
mat tran to quoc => mttq
mttq viet nam => mttq
bhxh => bao hiem xa hoi
cty => cong ty
tp => thanh pho
tx => thi xa
vp => van phong
tw => trung uong
tt va tt => thong tin va truyen thong
tt tt => thong tin va truyen thong
tttt => thong tin va truyen thong
thong tin truyen thong => thong tin va truyen thong
ld tb va xh => lao dong thuong binh va xa hoi
ld tb xh => lao dong thuong binh va xa hoi
ldtb va xh => lao dong thuong binh va xa hoi
ld tbxh => lao dong thuong binh va xa hoi
ldtbxh => lao dong thuong binh va xa hoi
lao dong tb va xh => lao dong thuong binh va xa hoi
lao dong thuong binh xa hoi => lao dong thuong binh va xa hoi
vh tt va dl => van hoa the thao va du lich
vh tt dl => van hoa the thao va du lich
vhtt va dl => van hoa the thao va du lich
vhttdl => van hoa the thao va du lich
van hoa the thao du lich => van hoa the thao va du lich
tn va mt => tai nguyen va moi truong
tn mt => tai nguyen va moi truong
tnmt => tai nguyen va moi truong
tai nguyen moi truong => tai nguyen va moi truong
kh va dt => ke hoach va dau tu
khdt => ke hoach va dau tu
ke hoach dau tu => ke hoach va dau tu
gd va dt => giao duc va dao tao
gddt => giao duc va dao tao
giao duc dao tao => giao duc va dao tao
nn va ptnt => nong nghiep va phat trien nong thon
nnptnt => nong nghiep va phat trien nong thon
nong nghiep phat trien nong thon => nong nghiep va phat trien nong thon
kh va cn => khoa hoc va cong nghe
khcn => khoa hoc va cong nghe
khoa hoc cong nghe => khoa hoc va cong nghe
gtvt => giao thong van tai
tc kh => tai chinh ke hoach
tckh => tai chinh ke hoach
vh va tt => van hoa va thong tin
vhtt => van hoa va thong tin
van hoa thong tin => van hoa va thong tin
phat thanh truyen hinh => phat thanh va truyen hinh
pt th => phat thanh va truyen hinh
ptth => phat thanh va truyen hinh
ct xh => chinh tri xa hoi
qlhc => quan ly hanh chinh
ttxh => trat tu xa hoi
csdl => co so du lieu
tthc => thu tuc hanh chinh
kkt => khu kinh te
kcn => khu cong nghiep
dbqh => dai bieu quoc hoi
lhpn => lien hiep phu nu
"""


def _load_rules(spec: str) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    rules: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for line in spec.strip().splitlines():
        left, right = (part.split() for part in line.split("=>"))
        rules.setdefault(left[0], []).append((tuple(left), tuple(right)))
    for options in rules.values():
        options.sort(key=lambda rule: -len(rule[0]))
    return rules


_RULES = _load_rules(_RULES_SPEC)

def tokenize(text: str) -> list[Token]:
    toks: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        if raw == "&":
            toks.append(Token("w", "va", "và", m.start(), m.end(), False))
        elif len(raw) == 1 and not raw[0].isalnum():
            p = _PUNCT.get(raw, raw)
            toks.append(Token(p, p, p, m.start(), m.end(), False))
        else:
            toks.append(Token("w", fold(raw), raw.lower(), m.start(), m.end(), raw[0].isupper()))
    return _canonicalize(toks)


def _canonicalize(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        options = _RULES.get(t.norm) if t.kind == "w" else None
        done = False
        if options:
            for pattern, repl in options:
                j = i
                k = 0
                last = i
                while k < len(pattern) and j < n:
                    if toks[j].kind == "," and k > 0:
                        j += 1
                        continue
                    if toks[j].kind != "w" or toks[j].norm != pattern[k]:
                        break
                    last = j
                    k += 1
                    j += 1
                if k == len(pattern):
                    start, end = t.start, toks[last].end
                    for word in repl:
                        out.append(Token("w", word, word, start, end, t.upper))
                    i = last + 1
                    done = True
                    break
        if not done:
            out.append(t)
            i += 1
    return out


def alias_key(name: str) -> tuple[str, ...]:
    """The matching key of a name: folded words, abbreviations expanded, punctuation dropped."""
    return tuple(t.norm for t in tokenize(unicodedata.normalize("NFC", name)) if t.kind == "w")
