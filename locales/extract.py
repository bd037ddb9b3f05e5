"""Re-extract every ``_()`` message of the product and merge it into the English catalog.

    python -m locales.extract            # update locales/en/LC_MESSAGES/dondoc.po
    python -m locales.extract --check    # change nothing; exit 1 if a msgid lacks an English text

New msgids are added untranslated (an empty ``msgstr`` to fill in); existing translations are kept;
msgids no longer in the code are kept at the end of the file as obsolete (``#~``) entries, so a
translation can be copied back by hand when a text was only reworded (``--drop-obsolete`` removes
them). ``--fuzzy`` instead pre-fills a new msgid with the translation of the closest old one,
flagged ``fuzzy``: a fuzzy text is not used by the bot until someone checks it and removes the flag.
Nothing is written when the catalog would not change, so the file only moves with the messages.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from locales import DOMAIN, HERE

ROOT = HERE.parent
PACKAGES = ("bot", "handlers", "services", "scheduler", "storage", "plans", "render", "channels")
#: ``_("…")`` translates; ``N_("…")`` only marks a text that is translated later, through a variable.
KEYWORDS: dict[str, None] = {"_": None, "N_": None}
#: Comments just above a message starting with this reach the translator (``# Translators: …``).
COMMENT_TAGS = ("Translators:",)
EN_PO = HERE / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
HEADER = """\
# English texts of the dondoc bot. Each msgid is the Vietnamese source text, as written in the code.
# Update with `python -m locales.extract`, then fill in every empty msgstr: keep the {fields},
# the <b>…</b> tags, the emoji and the /commands exactly as they are in the msgid."""

#: Texts that reach ``_()`` through a variable (``_(ROLE_LABELS[role])``), so that no literal
#: ``_("…")`` shows them to the extractor: the module-level tables that hold them, by file.
#: Every string of such a table that reads as prose (has a space or a non-ASCII letter) is a
#: msgid; keys such as ``"ask_percent"`` are not. A table that disappears is an error, so this
#: list cannot silently go stale; once a table marks its texts with ``N_()``, drop it from here.
INDIRECT: dict[str, tuple[str, ...]] = {
    "render/profile.py": ("ROLE_LABELS",),
}


def _is_prose(text: str) -> bool:
    return bool(text.strip()) and (" " in text or not text.isascii())


def indirect_messages(root: Path = ROOT) -> Iterator[tuple[str, int, str]]:
    """``(path, line, text)`` for every prose string of the :data:`INDIRECT` tables."""
    for relpath, names in INDIRECT.items():
        tree = ast.parse((root / relpath).read_text(encoding="utf-8"), relpath)
        found: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name) and target.id in names:
                    found.add(target.id)
                    for leaf in ast.walk(value):
                        if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str) and _is_prose(leaf.value):
                            yield relpath, leaf.lineno, leaf.value
        missing = sorted(set(names) - found)
        if missing:
            raise LookupError(
                f"{relpath} no longer defines {', '.join(missing)} at module level: "
                "update INDIRECT in locales/extract.py"
            )


@dataclass(frozen=True)
class Call:
    """One ``_(…)`` (or ``N_(…)``) call in the product's source."""

    path: str  # relative to the project, with forward slashes
    line: int
    text: str | None  # the msgid when the first argument is a plain string literal, else None
    source: str  # the call's first line, stripped


def calls(root: Path = ROOT) -> Iterator[Call]:
    """Every call of a :data:`KEYWORDS` function in :data:`PACKAGES`, found with ``ast``.

    Unlike the token-based extractor this sees calls nested in f-strings (Python < 3.12) and
    knows a literal argument from an expression such as ``_(ROLE_LABELS[role])``.
    """
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            relpath = path.relative_to(root).as_posix()
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for node in ast.walk(ast.parse(source, relpath)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
                    first = node.args[0] if node.args else None
                    text = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                    yield Call(relpath, node.lineno, text, lines[node.lineno - 1].strip())


def extract(root: Path = ROOT) -> Catalog:
    """The template: every msgid of the product, with where it appears (the .po keeps only the files).

    Babel's extractor reads the ``_("…")`` calls (and ``# Translators:`` comments); the ``ast``
    scan of :func:`calls` then vets it both ways: a string Babel took from a non-literal call
    (``_(TABLE["ext"])`` yields ``"ext"``) is dropped, and a literal call Babel cannot see
    (inside an f-string) is added. The texts of the :data:`INDIRECT` tables come last.
    """
    literal: dict[str, dict[str, int]] = {}
    for call in calls(root):
        if call.text:
            literal.setdefault(call.path, {}).setdefault(call.text, call.line)
    template = Catalog(domain=DOMAIN, project="dondoc", fuzzy=False)
    seen: set[tuple[str, str]] = set()
    for package in PACKAGES:
        found = extract_from_dir(
            root / package,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            where = f"{package}/{Path(filename).as_posix()}"
            if isinstance(message, str) and message in literal.get(where, ()):
                template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
                seen.add((where, message))
    for where, texts in sorted(literal.items()):
        for text, line in sorted(texts.items(), key=lambda item: item[1]):
            if (where, text) not in seen:
                template.add(text, None, [(where, line)])
    for where, line, text in indirect_messages(root):
        template.add(text, None, [(where, line)], auto_comments=["looked up through a variable"])
    return template


def load(path: Path = EN_PO) -> Catalog:
    """The English catalog as it is on disk (an empty one if there is no file yet)."""
    if not path.exists():
        return Catalog(
            locale="en",
            domain=DOMAIN,
            header_comment=HEADER,
            project="dondoc",
            version="0.1.0",
            copyright_holder="dondoc",
            msgid_bugs_address="dondoc maintainers",
            last_translator="dondoc developers",
            language_team="English",
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale="en", domain=DOMAIN)


def translated(message: Message) -> bool:
    return bool(message.string) and not message.fuzzy


@dataclass
class Summary:
    total: int = 0
    translated: int = 0
    new: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    changed: bool = False

    def lines(self) -> list[str]:
        out = [
            f"{self.total} msgids: {self.translated} translated, {len(self.new)} new, "
            f"{len(self.untranslated)} untranslated, {len(self.fuzzy)} fuzzy, {len(self.obsolete)} obsolete"
        ]
        out += [f"  untranslated: {msgid!r}" for msgid in self.untranslated]
        out += [f"  fuzzy (check, then remove the flag): {msgid!r}" for msgid in self.fuzzy]
        return out


def _signature(catalog: Catalog) -> list[object]:
    live = [
        (m.id, m.string, m.context, sorted(m.flags), sorted({w for w, _ in m.locations}), m.auto_comments, m.user_comments)
        for m in catalog
        if m.id
    ]
    return [live, [(m.id, m.string) for m in catalog.obsolete.values()]]


def merge(
    template: Catalog, catalog: Catalog, *, fuzzy: bool = False, drop_obsolete: bool = False
) -> Summary:
    """Bring ``catalog`` in line with ``template`` (in place) and say what that did."""
    before = _signature(catalog)
    known = {m.id for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=not fuzzy, update_creation_date=False)
    if drop_obsolete:
        catalog.obsolete.clear()
    live = [m for m in catalog if m.id]
    summary = Summary(
        total=len(live),
        translated=sum(translated(m) for m in live),
        new=[str(m.id) for m in live if m.id not in known],
        untranslated=[str(m.id) for m in live if not m.string],
        fuzzy=[str(m.id) for m in live if m.string and m.fuzzy],
        obsolete=[str(m.id) for m in catalog.obsolete.values()],
    )
    summary.changed = _signature(catalog) != before
    return summary


def save(catalog: Catalog, path: Path = EN_PO) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.revision_date = datetime.now(UTC)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, include_lineno=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m locales.extract", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a msgid has no English text")
    parser.add_argument("--fuzzy", action="store_true", help="pre-fill new msgids from the closest old one")
    parser.add_argument("--drop-obsolete", action="store_true", help="forget translations no longer used")
    args = parser.parse_args(argv)

    catalog = load()
    summary = merge(extract(), catalog, fuzzy=args.fuzzy, drop_obsolete=args.drop_obsolete)
    where = EN_PO.relative_to(ROOT)
    print(f"{where}: " + "\n".join(summary.lines()))
    complete = summary.translated == summary.total
    if args.check:
        if not complete:
            print(f"{where} lacks English texts: run `python -m locales.extract` and translate.", file=sys.stderr)
            return 1
        if summary.changed:
            print(f"{where} is complete, but its file references are stale (nothing is written with --check).")
        return 0
    if summary.changed:
        save(catalog)
        print(f"{where} written.")
    else:
        print(f"{where} unchanged.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
