"""Which reader a file needs, by its extension and by its first bytes."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from plans.documents.errors import MAX_BYTES, DocumentError, Problem

Format = Literal["docx", "xlsx", "text", "csv", "pdf", "image", "convert"]
"""``convert``: an old or open word-processor file (.doc, .rtf, .odt) that LibreOffice turns into .docx."""

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

OFFICE_EXTS = {".docx", ".docm", ".xlsx", ".xlsm"}
TEXT_EXTS = {".txt", ".md", ".markdown", ".text", ".tsv", ""}
_UNSUPPORTED_EXTS = {
    ".doc",
    ".xls",
    ".pdf",
    ".rtf",
    ".odt",
    ".ods",
    ".ppt",
    ".pptx",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".webp",
    ".heic",
    ".zip",
    ".rar",
    ".7z",
    ".html",
    ".htm",
    ".json",
    ".xml",
    ".exe",
}
_IMAGE_EXTS = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def extension(filename: str) -> str:
    name = filename.strip().lower().replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in name:
        return ""
    return "." + name.rsplit(".", 1)[-1]


def _readable_image(data: bytes) -> bool:
    """A page photo or scan Pillow opens: JPEG, PNG, TIFF, BMP or WebP (not GIF/HEIC)."""
    return (
        data.startswith(b"\x89PNG\r\n\x1a\n")
        or data.startswith(b"\xff\xd8\xff")
        or data.startswith((b"II*\x00", b"MM\x00*"))
        or (data.startswith(b"RIFF") and data[8:12] == b"WEBP")
        or (data.startswith(b"BM") and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00")
    )


def _is_image(data: bytes) -> bool:
    return (
        _readable_image(data)
        or data.startswith((b"GIF87a", b"GIF89a"))
        or (data[4:8] == b"ftyp" and data[8:12] in {b"heic", b"heix", b"mif1", b"avif"})
    )


def sniff(data: bytes, filename: str) -> Format:
    """The format to read ``data`` as, or a :class:`DocumentError` saying why not."""
    ext = extension(filename)
    if not data or not data.strip():
        raise DocumentError(Problem.EMPTY, ext=ext)
    if len(data) > MAX_BYTES:
        raise DocumentError(Problem.TOO_LARGE, ext=ext)

    if data.startswith(CFB_MAGIC):
        if _ENCRYPTION_INFO in data or _ENCRYPTED_PACKAGE in data:
            raise DocumentError(Problem.ENCRYPTED, ext=ext if ext in OFFICE_EXTS else ".docx")
        # an old binary Office file (.doc/.xls), perhaps renamed
        if ext in {".xls", ".xlsx", ".xlsm"}:
            raise DocumentError(Problem.UNSUPPORTED_TYPE, ext=".xls", detail="cfb")
        return "convert"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _readable_image(data):
        return "image"
    if _is_image(data):
        raise DocumentError(Problem.UNSUPPORTED_TYPE, ext="image", detail="image magic")
    if data.startswith(b"{\\rtf"):
        return "convert"

    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise DocumentError(Problem.CORRUPT, ext=ext, detail=repr(exc)) from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if ext in OFFICE_EXTS:
            raise DocumentError(Problem.CORRUPT, ext=ext, detail="zip without an Office document part")
        if "mimetype" in names and "content.xml" in names and _ODT_MIME in data[:200]:
            return "convert"
        if "mimetype" in names or any(n.startswith("ppt/") for n in names):
            raise DocumentError(Problem.UNSUPPORTED_TYPE, ext=ext or ".zip", detail="other zip package")
        raise DocumentError(Problem.UNSUPPORTED_TYPE, ext=ext or ".zip", detail="zip archive")

    if ext in OFFICE_EXTS:
        raise DocumentError(Problem.CORRUPT, ext=ext, detail="not a zip package")
    if ext in _UNSUPPORTED_EXTS:
        raise DocumentError(Problem.UNSUPPORTED_TYPE, ext="image" if ext in _IMAGE_EXTS else ext)
    if ext in TEXT_EXTS:
        return "text"
    if ext == ".csv":
        return "csv"
    raise DocumentError(Problem.UNSUPPORTED_TYPE, ext=ext)
