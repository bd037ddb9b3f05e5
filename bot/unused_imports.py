"""Optional imports of the libraries under dondoc that dondoc never uses, refused (a light process).

A library that tries ``import x`` and carries on without ``x`` loads it whenever ``x`` happens to
be installed, and the bot then holds it for nothing. Each one is refused only to the library that
tries it, so the rest of the process can still import it (pdfminer needs cryptography to open an
encrypted PDF). Installed by the ``bot`` package before anything imports these libraries.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType

# optional package -> the library refused it, and what it would cost the idle bot
REFUSED = {
    # python-telegram-bot: Telegram Passport decryption, which dondoc does not offer: 7.4 MB
    "cryptography": "telegram",
    # httpcore under trio; dondoc runs on asyncio (trio comes with selenium, a development tool): 3.7 MB
    "trio": "httpcore",
}
# httpx loads its command-line tool when click, rich and pygments are installed (development
# tools bring them); the bot never runs it: 8 MB
NEVER = ("httpx._main",)


class _RefuseToImporter(MetaPathFinder):
    """Answers "not installed" when a package of ``REFUSED`` is imported by the library named there."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        library = REFUSED.get(fullname.partition(".")[0])
        if library is not None and _importer().partition(".")[0] == library:
            raise ModuleNotFoundError(f"{fullname} is not used by dondoc", name=fullname)
        return None


def _importer() -> str:
    """The module whose code runs the import statement: the first frame outside the import system
    (not merely any caller: a handler that python-telegram-bot runs may well import pdfminer)."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        module: str = frame.f_globals.get("__name__", "")
        if module.partition(".")[0] != "importlib":
            return module
        frame = frame.f_back
    return ""


def refuse() -> None:
    """Install the refusals, once per process."""
    for name in NEVER:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    if not any(isinstance(finder, _RefuseToImporter) for finder in sys.meta_path):
        sys.meta_path.insert(0, _RefuseToImporter())
