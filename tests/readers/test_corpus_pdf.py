"""Every corpus document as a text PDF (the signed file of the e-office systems) is read as well as
its text: the same number of hand-labelled tasks right (issue 13, on the corpus of issue 12)."""

from __future__ import annotations

import pytest

from tests.corpus_score import corpus_names, document_path, labels_of, read_tasks, score_document, score_tasks
from tests.pdfbuild import build_pdf, fonts_present, scan
from tests.readers.conftest import needs_ocr, read

pytestmark = pytest.mark.skipif(not fonts_present(), reason="the DejaVu fonts (fonts-dejavu-core) build the PDFs")


@pytest.mark.parametrize("name", corpus_names())
def test_a_corpus_document_as_a_text_pdf_scores_as_its_text(name: str) -> None:
    pdf = build_pdf(document_path(name).read_text(encoding="utf-8"))
    tasks, refused = read_tasks(pdf, f"{name}.pdf")
    assert not refused, refused
    from_pdf = score_tasks(name, labels_of(name), tasks)
    from_text = score_document(name)
    right, want = from_pdf.right, from_text.right
    assert right == want, from_pdf.report()


@needs_ocr
def test_a_scanned_corpus_dispatch_keeps_nine_right_tasks_in_ten() -> None:
    """The Prime Minister's dispatch (four pages) scanned: its labelled tasks stay right."""
    name = "08-cd-224-ttg-khanh-thanh-2025"
    pdf = build_pdf(document_path(name).read_text(encoding="utf-8"))
    tasks = [t.to_json() for t in read(scan(pdf), f"{name}-ban-quet.pdf").tasks]
    from_scan = score_tasks(name, labels_of(name), tasks)
    right, want = from_scan.right, score_document(name).right
    assert right >= 0.9 * want, from_scan.report()
