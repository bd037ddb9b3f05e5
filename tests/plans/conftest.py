"""Fixtures for the plan-reading tests: the sample documents and their hand-made labels (from
tests/fixtures only), and the same documents built into real .docx/.xlsx/tab-separated files."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plans.agencies import Registry, default_registry  # noqa: E402
from tests import docbuild  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TABLE_PLAN = "ke-hoach-thi-xa-2024-bang.md"
LABELLED_PLAN = "ke-hoach-tinh-2023-dang-muc.txt"
NOTICE = "thong-bao-ket-luan-quy1-2024.txt"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def expected_labels(name: str) -> dict[str, Any]:
    stem = name.rsplit(".", 1)[0]
    data: dict[str, Any] = json.loads((FIXTURES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def agency_registry() -> Registry:
    return default_registry()


# Each variant: (label file name, how to build the bytes, file name given to the reader).
_BUILDERS: dict[str, tuple[str, Callable[[str], bytes], str]] = {
    "table.md": (TABLE_PLAN, lambda s: s.encode("utf-8"), "ke-hoach.md"),
    "table.docx": (TABLE_PLAN, docbuild.build_docx, "ke-hoach.docx"),
    "table.docx-one-table": (
        TABLE_PLAN,
        lambda s: docbuild.build_docx(s, pages_in_first_table=20),
        "ke-hoach.docx",
    ),
    "table.xlsx": (TABLE_PLAN, docbuild.build_xlsx, "phu-luc.xlsx"),
    "table.tsv": (TABLE_PLAN, lambda s: docbuild.build_tsv(s).encode("utf-8"), "dan-vao.txt"),
    "labelled.txt": (LABELLED_PLAN, lambda s: s.encode("utf-8"), "ke-hoach.txt"),
    "labelled.docx": (LABELLED_PLAN, docbuild.build_docx, "ke-hoach.docx"),
    "labelled.docx-lists": (
        LABELLED_PLAN,
        lambda s: docbuild.build_docx(s, word_lists=True),
        "ke-hoach.docx",
    ),
    "notice.txt": (NOTICE, lambda s: s.encode("utf-8"), "thong-bao.txt"),
    "notice.docx": (NOTICE, docbuild.build_docx, "thong-bao.docx"),
    "notice.docx-lists": (NOTICE, lambda s: docbuild.build_docx(s, word_lists=True), "thong-bao.docx"),
}

TABLE_VARIANTS = [k for k in _BUILDERS if k.startswith("table.")]
LABELLED_VARIANTS = [k for k in _BUILDERS if k.startswith("labelled.")]
NOTICE_VARIANTS = [k for k in _BUILDERS if k.startswith("notice.")]


@pytest.fixture(scope="session")
def built_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Every variant written to a temporary directory: name → (path, file name for the reader)."""
    folder = tmp_path_factory.mktemp("plans")
    out: dict[str, tuple[Path, str]] = {}
    for variant, (source, build, filename) in _BUILDERS.items():
        path = folder / f"{variant}-{filename}"
        path.write_bytes(build(fixture_text(source)))
        out[variant] = (path, filename)
    return out
