"""Hand-written RTF and a real PDF with a text layer."""

from __future__ import annotations

import pytest

from reiscoder.parsing import ImportFailure, read_transcript

from .filemakers import make_pdf

RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}"
    "\r\n"
    r"{\*\generator Riched20 10.0.19041}\viewkind4\uc1"
    "\r\n"
    r"\pard\f0\fs22\b Interviewer:\b0  Hoe is het caf\'e9? Idee\'ebn, \'84ja\'94\'85 \'80 5.\par"
    "\r\n"
    r"\b Fatima:\b0  Ge\u239?nterviewde zegt \u8222?mooi\u8221? \u-10179?\u-8704? en IJs.\par"
    "\r\n"
    r"Tweede\line regel\tab met tab.\par"
    "\r\n"
    r"{\uc2 R: twee\u8230\'85\'85 overgeslagen}\par"
    "\r\n}"
)


def test_rtf_escapes_come_out_exactly(tmp_path):
    path = tmp_path / "interview.rtf"
    path.write_bytes(RTF.encode("ascii"))
    result = read_transcript(path)
    assert result.source_format == "rtf"
    expected = (
        "Interviewer: Hoe is het café? Ideeën, „ja”… € 5.\n"
        "Fatima: Geïnterviewde zegt „mooi” 😀 en IJs.\n"
        "Tweede\nregel\tmet tab.\n"
        "R: twee… overgeslagen\n"
    )
    assert list(result.text) == list(expected)
    assert [t.speaker for t in result.turns] == ["Interviewer", "Fatima", "R"]
    assert result.warnings == []


def test_rtf_raw_bytes_follow_the_code_page(tmp_path):
    path = tmp_path / "ruw.rtf"
    path.write_bytes("{\\rtf1\\ansi\\ansicpg1252 I: \u201ecaf\u00e9\u201d\\par}".encode("cp1252"))
    assert read_transcript(path).text == "I: „café”\n"


def test_not_an_rtf_file(tmp_path):
    path = tmp_path / "nep.rtf"
    path.write_text("Gewone tekst, geen RTF.", "utf-8")
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == "Het bestand is geen geldig RTF-document."


def test_pdf_text_layer(tmp_path):
    path = make_pdf(
        tmp_path / "interview.pdf",
        [
            ["Interviewer: Hoe gaat het met het café?", "Respondent: Goed, „dank je”… ëën."],
            ["R: Tweede pagina (met haakjes)."],
        ],
    )
    result = read_transcript(path)
    assert result.source_format == "pdf"
    assert result.text == (
        "Interviewer: Hoe gaat het met het café?\n"
        "Respondent: Goed, „dank je”… ëën.\n"
        "R: Tweede pagina (met haakjes)."
    )
    assert [t.speaker for t in result.turns] == ["Interviewer", "Respondent", "R"]
    assert result.warnings == []


def test_pdf_with_some_empty_pages_warns(tmp_path):
    path = make_pdf(tmp_path / "deels.pdf", [["I: Hallo."], [], [], ["R: Dag."]])
    result = read_transcript(path)
    assert result.warnings == ["2 pagina's zonder tekst"]
    assert [t.speaker for t in result.turns] == ["I", "R"]


def test_scanned_pdf_is_refused_with_advice(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert "scan" in failure.value.message and "OCR" in failure.value.message


def test_damaged_pdf_is_refused(tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage" + bytes(range(256)))
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == (
        "Het PDF-bestand is beschadigd of onvolledig en kan niet worden gelezen."
    )


def test_truncated_pdf_is_refused(tmp_path):
    data = make_pdf(tmp_path / "heel.pdf", [["I: Hallo."]]).read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert "beschadigd" in failure.value.message
