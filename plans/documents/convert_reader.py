"""Old and open word-processor files (.doc, .rtf, .odt) → .docx by the converter, then read as .docx.

The converter (LibreOffice headless, in ``engines/``) is handed in through the reading options;
without it the sender is told in one sentence how to save the file as .docx.
"""

from __future__ import annotations

from plans.documents.docx_reader import read_docx
from plans.documents.errors import DocumentError, Problem
from plans.documents.model import Blocks
from plans.documents.reading import current
from plans.documents.sniff import CFB_MAGIC


def source_extension(data: bytes) -> str:
    """What the file really is, whatever its name says."""
    if data.startswith(CFB_MAGIC):
        return ".doc"
    if data.startswith(b"{\\rtf"):
        return ".rtf"
    return ".odt"


def read_converted(data: bytes) -> Blocks:
    ext = source_extension(data)
    convert = current().convert
    if convert is None:
        raise DocumentError(Problem.CONVERTER_UNAVAILABLE, ext=ext)
    return read_docx(convert(data, ext))
