"""Every Word export opens in LibreOffice and prints as expected (text and number of pages).

One LibreOffice run with its own profile converts all four documents, comments included.
In CI LibreOffice is installed (scripts/system-deps.sh test), so there the test never skips.
"""

from __future__ import annotations

import os

import pytest

from reiscoder.reports.exports import default_options, run_export
from reiscoder.reports.options import ExportKind, TranscriptOptions
from tests.reports.readback import libreoffice, pdf_pages, pdf_text, to_pdf

if libreoffice() is None and not os.environ.get("CI"):
    pytest.skip(
        "LibreOffice is not installed (scripts/system-deps.sh test)", allow_module_level=True
    )

EXPECTED = {
    ExportKind.CODEBOOK: (
        [
            "Codeboek",
            "Inhoud",
            "1.1 Thuis voelen, gehoord en gezien worden",
            "Citaten uit de data",
            "Dat mensen je naam weten.",
            "Aantallen per code",
            "5.3 Polarisatie",
        ],
        (8, 16),
    ),
    ExportKind.FRAGMENTS: (
        [
            "Gecodeerde fragmenten",
            "2.5 Belemmeringen",
            "gecodeerd door Bram Jansen",
            "Rol: sociaal werker",
            "Memo: Mooi voorbeeld",
        ],
        (4, 9),
    ),
    ExportKind.TRANSCRIPT: (
        [
            "Etappe 1 – Afrikaanderwijk, Fatima",
            "Interviewer:",
            "Fatima:",
            "1 Sociale samenhang › 1.1 Thuis voelen",
            "Dat mensen je naam weten.",
        ],
        (2, 4),
    ),
    ExportKind.MEMOS: (["Memo's", "Projectmemo's", "Busreis, eerste indruk", "Regeldruk"], (1, 3)),
}


@pytest.mark.slow
def test_word_exports_render_in_libreoffice(demo, tmp_path):
    assert libreoffice(), "LibreOffice is needed here: scripts/system-deps.sh test installs it"
    files = []
    for kind in EXPECTED:
        options = (
            TranscriptOptions(document_ids=(1,))
            if kind is ExportKind.TRANSCRIPT
            else default_options(kind)
        )
        path = tmp_path / f"{kind.value}.docx"
        run_export(demo, kind, options, path)
        files.append(path)
    pdfs = to_pdf(files, tmp_path)
    for kind, pdf in zip(EXPECTED, pdfs, strict=True):
        phrases, (low, high) = EXPECTED[kind]
        text = " ".join(pdf_text(pdf).split())
        for phrase in phrases:
            assert phrase in text, (kind, phrase)
        assert low <= pdf_pages(pdf) <= high, (kind, pdf_pages(pdf))
