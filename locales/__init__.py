"""Message catalogs. Source strings are Vietnamese (the default); ``en`` translates them.

``_("…{name}…", name=x)`` looks the text up in the active catalog and fills its fields.
Catalogs are read from the ``.po`` files at start, so a fresh clone needs no compile step.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_datetime
from babel.messages.pofile import read_po

HERE = Path(__file__).parent
DOMAIN = "dondoc"
LOCALES = ("vi", "en")

_state = {"locale": "vi"}


@cache
def catalog(locale: str) -> dict[str, str]:
    """msgid → msgstr for ``locale``; empty for Vietnamese, whose text is the source."""
    path = HERE / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if locale == "vi" or not path.exists():
        return {}
    with path.open("rb") as handle:
        po = read_po(handle, locale=locale)
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def use(locale: str) -> None:
    """Make ``locale`` the language of every message from now on."""
    if locale not in LOCALES:
        raise ValueError(locale)
    _state["locale"] = locale


def active() -> str:
    return _state["locale"]


def _(msgid: str, **fields: object) -> str:
    text = catalog(_state["locale"]).get(msgid, msgid)
    return text.format(**fields) if fields else text


def day(value: date) -> str:
    """``Thứ Năm, 17/06/2024``: the weekday matters to people planning their week."""
    return format_date(value, "EEEE, dd/MM/yyyy", locale=_state["locale"])


def short_day(value: date) -> str:
    """``17/06/2024``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def moment(value: datetime) -> str:
    """``08:00, Thứ Hai 15/04/2024`` in the value's own time zone."""
    return format_datetime(value, "HH:mm, EEEE dd/MM/yyyy", tzinfo=value.tzinfo, locale=_state["locale"])
