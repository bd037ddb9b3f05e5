"""LibreOffice headless turns .doc, .rtf and .odt into .docx, which the .docx reader then reads.

Each conversion gets its own throw-away profile directory: two conversions at once (two people
sending files) would otherwise fight over the default profile's lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from plans.documents.errors import DocumentError, Problem

TIMEOUT = 120  # seconds; a long .doc converts in a few


def command() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, ext: str) -> bytes:
    soffice = command()
    if soffice is None:
        raise DocumentError(Problem.CONVERTER_UNAVAILABLE, ext=ext)
    with tempfile.TemporaryDirectory(prefix="dondoc-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"van-ban{ext}"
        source.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", "--norestore", "--nolockcheck",
                 f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                 "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)],
                check=True, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise DocumentError(Problem.CORRUPT, ext=ext, detail=repr(exc)) from exc
        result = folder / "out" / "van-ban.docx"
        if not result.exists():
            raise DocumentError(Problem.CORRUPT, ext=ext, detail="LibreOffice wrote no .docx")
        return result.read_bytes()
