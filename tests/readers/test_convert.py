"""Old and open word-processor files: read through LibreOffice where it is installed, else one sentence."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from engines import libreoffice
from plans.documents import DocumentError, Problem, read_document
from plans.documents.reading import ReadOptions
from tests import docbuild
from tests.plans.conftest import TABLE_PLAN, fixture_text
from tests.readers.conftest import kept, read


def _as_doc(docx: bytes) -> bytes:
    soffice = libreoffice.command()
    assert soffice is not None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ke-hoach.docx"
        source.write_bytes(docx)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={(Path(tmp) / 'p').as_uri()}",
                        "--convert-to", "doc", "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=180)
        return (Path(tmp) / "ke-hoach.doc").read_bytes()


@pytest.mark.skipif(libreoffice.command() is None, reason="apt-get install libreoffice-writer-nogui")
def test_a_doc_file_is_read_like_the_docx() -> None:
    """The .doc is made from the .docx by LibreOffice itself (nothing binary in the repository)."""
    docx = docbuild.build_docx(fixture_text(TABLE_PLAN))
    want = read_document(docx, "ke-hoach.docx").tasks
    got = read(_as_doc(docx), "ke-hoach.doc").tasks
    assert len(kept(want, got, similarity=1.0)) >= 0.9 * len(want), "Word 97 loses a few merges, no tasks' text"


def test_without_libreoffice_one_sentence_says_how_to_save_as_docx() -> None:
    for data, name, words in [
        (docbuild.fake_cfb("WordDocument", "1Table"), "ke-hoach.doc", "Tệp Word định dạng cũ (.doc)"),
        (docbuild.fake_cfb("WordDocument"), "ke-hoach.docx", "Tệp Word định dạng cũ (.doc)"),
        (b"{\\rtf1\\ansi hello}", "ke-hoach.rtf", "Tệp .rtf"),
    ]:
        with pytest.raises(DocumentError) as info:
            read(data, name, ReadOptions(convert=None))
        assert info.value.problem is Problem.CONVERTER_UNAVAILABLE
        assert info.value.message.startswith(words) and "«Lưu thành» định dạng .docx" in info.value.message
    with pytest.raises(DocumentError) as bad:
        read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "ke-hoach.pdf")
    assert bad.value.problem is Problem.CORRUPT
