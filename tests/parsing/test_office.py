"""Word (.docx) and OpenDocument (.odt) files made with python-docx and odfpy."""

from __future__ import annotations

import zipfile

import docx
import pytest

from reiscoder.parsing import ImportFailure, read_transcript

from .filemakers import make_docx, make_odt


def _turns(result):
    text = result.text
    return [
        (t.speaker, t.timestamp_ms, text[t.start : t.content_start], text[t.content_start : t.end])
        for t in result.turns
    ]


BODY = [
    "Interview 7 – Tarwewijk",
    [("Interviewer:", True), (" Hoe lang woont u hier al?", False)],
    [("Fatima", True), (" Twintig jaar. Het café „De Hoek” is weg… jammer 😀", False)],
    {
        "table": [
            ["Tijd", "Spreker", "Tekst"],
            ["00:12:31", "Interviewer", "En de buren?"],
            ["00:12:40", "Fatima:", "Die ken ik goed.\nMijn buurvrouw helpt mij."],
            ["", "", "Echt waar."],
        ]
    },
    "Geïnterviewde: IJsbrand komt ook langs.",
]


@pytest.mark.parametrize("maker", [make_docx, make_odt], ids=["docx", "odt"])
def test_paragraphs_tables_and_bold_names_in_document_order(tmp_path, maker):
    suffix = ".docx" if maker is make_docx else ".odt"
    result = read_transcript(maker(tmp_path / f"interview{suffix}", BODY))
    assert result.source_format == suffix[1:]
    assert result.text == (
        "Interview 7 – Tarwewijk\n"
        "Interviewer: Hoe lang woont u hier al?\n"
        "Fatima Twintig jaar. Het café „De Hoek” is weg… jammer 😀\n"
        "Tijd\tSpreker\tTekst\n"
        "00:12:31 Interviewer: En de buren?\n"
        "00:12:40 Fatima: Die ken ik goed.\nMijn buurvrouw helpt mij.\n"
        "Echt waar.\n"
        "Geïnterviewde: IJsbrand komt ook langs."
    )
    assert _turns(result) == [
        (None, None, "", "Interview 7 – Tarwewijk"),
        ("Interviewer", None, "Interviewer: ", "Hoe lang woont u hier al?"),
        ("Fatima", None, "Fatima ", "Twintig jaar. Het café „De Hoek” is weg… jammer 😀"),
        (None, None, "", "Tijd\tSpreker\tTekst"),
        ("Interviewer", 751_000, "00:12:31 Interviewer: ", "En de buren?"),
        (
            "Fatima",
            760_000,
            "00:12:40 Fatima: ",
            "Die ken ik goed.\nMijn buurvrouw helpt mij.\nEcht waar.",
        ),
        ("Geïnterviewde", None, "Geïnterviewde: ", "IJsbrand komt ook langs."),
    ]


HEADED = [
    {"heading": "Interview met Fatima", "level": 1},
    [("Interviewer:", True), (" Hoe gaat het?", False)],
    [("Fatima:", True), (" Goed.", False)],
    {"heading": "Vraag 1: De buurt", "level": 2},
    "Een toelichting bij de vraag.",
    [("Interviewer:", True), (" Wat vindt u van de buurt?", False)],
    [("Fatima:", True), (" Mooi.", False)],
]


@pytest.mark.parametrize("maker", [make_docx, make_odt], ids=["docx", "odt"])
def test_a_heading_is_a_turn_of_its_own_and_never_a_speaker(tmp_path, maker):
    suffix = ".docx" if maker is make_docx else ".odt"
    result = read_transcript(maker(tmp_path / f"kopjes{suffix}", HEADED))
    assert _turns(result) == [
        (None, None, "", "Interview met Fatima"),
        ("Interviewer", None, "Interviewer: ", "Hoe gaat het?"),
        ("Fatima", None, "Fatima: ", "Goed."),
        # "Vraag" is a role word, but in a heading it names no speaker; the text of the
        # section is not given to Fatima either.
        (None, None, "", "Vraag 1: De buurt\nEen toelichting bij de vraag."),
        ("Interviewer", None, "Interviewer: ", "Wat vindt u van de buurt?"),
        ("Fatima", None, "Fatima: ", "Mooi."),
    ]


def test_a_style_based_on_a_heading_is_a_heading(tmp_path):
    path = make_docx(
        tmp_path / "eigen-stijl.docx",
        [
            "I: Welkom.",
            "R: Dank u.",
            {"text": "Respondent 2: thema wonen", "style": "Vraagkop"},
            "Dit deel gaat over wonen.",
            "R: Ik woon hier graag.",
        ],
    )
    assert [(t.speaker, t.content_start == t.start) for t in read_transcript(path).turns] == [
        ("I", False),
        ("R", False),
        (None, True),
        ("R", False),
    ]


def test_a_bold_opening_word_that_is_not_a_name_stays_text(tmp_path):
    path = make_docx(
        tmp_path / "nadruk.docx",
        [
            "I: Wat is belangrijk?",
            "R: Samen dingen doen.",
            [("Belangrijk", True), (" is vooral dat het belangrijk blijft.", False)],
        ],
    )
    assert [t.speaker for t in read_transcript(path).turns] == ["I", "R"]


def test_bold_label_with_colon_in_bold(tmp_path):
    path = make_docx(
        tmp_path / "vet.docx",
        [[("Jan-Willem: ", True), ("Ik was er ook.", False)], "Interviewer: Fijn."],
    )
    assert _turns(read_transcript(path))[0] == (
        "Jan-Willem",
        None,
        "Jan-Willem: ",
        "Ik was er ook.",
    )


def test_docx_text_is_identical_to_python_docx(tmp_path):
    path = tmp_path / "vorm.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("R: regel een")
    run = paragraph.add_run()
    run.add_break()
    run.add_text("regel twee\tmet tab")
    document.add_paragraph("")
    document.add_paragraph("I: spaties   blijven   staan  ")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Kees: in een tabel van één kolom"
    document.add_paragraph("Kees: slot")
    document.save(path)
    expected = "\n".join(
        [p.text for p in document.paragraphs[:3]]
        + [table.cell(0, 0).text]
        + [document.paragraphs[3].text]
    )
    assert read_transcript(path).text == expected


def test_odt_white_space_rules(tmp_path):
    path = make_odt(tmp_path / "spaties.odt", ["I: twee  spaties,\ttab en\nregel", "R: ja"])
    result = read_transcript(path)
    assert result.text == "I: twee  spaties,\ttab en\nregel\nR: ja"
    assert [t.speaker for t in result.turns] == ["I", "R"]


def test_generic_table_rows_become_tab_separated_lines(tmp_path):
    path = make_docx(
        tmp_path / "gegevens.docx",
        [
            {"table": [["Datum", "12 maart"], ["Wijk", "Bloemhof"], ["Duur", "45 minuten"]]},
            "I: Welkom.",
        ],
    )
    result = read_transcript(path)
    assert result.text == "Datum\t12 maart\nWijk\tBloemhof\nDuur\t45 minuten\nI: Welkom."
    assert [t.speaker for t in result.turns] == [None, "I"]


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_truncated_container_is_refused(tmp_path, suffix):
    good = tmp_path / f"goed{suffix}"
    (make_docx if suffix == ".docx" else make_odt)(good, ["I: hallo"] * 50)
    data = good.read_bytes()
    broken = tmp_path / f"kapot{suffix}"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFailure) as failure:
        read_transcript(broken)
    assert "beschadigd" in failure.value.message


def test_zip_without_document_is_refused(tmp_path):
    path = tmp_path / "leeg.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("iets.txt", "niets")
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == (
        "Het Word-document is beschadigd of onvolledig en kan niet worden gelezen."
    )


def test_corrupt_xml_is_refused(tmp_path):
    path = tmp_path / "rommel.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office:document-content><text:p>niet af")
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert "beschadigd" in failure.value.message


def test_old_word_format_gets_advice(tmp_path):
    path = tmp_path / "oud.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert ".docx" in failure.value.message and "oud Word-document" in failure.value.message


def test_bold_character_style_counts_as_bold(tmp_path):
    path = tmp_path / "stijl.docx"
    document = docx.Document()
    document.add_paragraph("I: Wie is er?")
    paragraph = document.add_paragraph()
    paragraph.add_run("Samira").style = "Strong"
    paragraph.add_run(" Ik ben er.")
    document.add_paragraph("R: Ik ook.")
    document.save(path)
    assert [t.speaker for t in read_transcript(path).turns] == ["I", "Samira", "R"]


def test_tracked_changes_read_as_accepted(tmp_path):
    path = make_docx(tmp_path / "wijzigingen.docx", ["I: PLACEHOLDER"])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    assert w.encode() in parts["word/document.xml"]
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:t>I: PLACEHOLDER</w:t></w:r>",
        b"<w:t>I: De buurt </w:t></w:r>"
        b'<w:del w:id="1" w:author="A"><w:r><w:delText>was </w:delText></w:r></w:del>'
        b'<w:ins w:id="2" w:author="A"><w:r><w:t>is </w:t></w:r></w:ins>'
        b'<w:hyperlink r:id="x"><w:r><w:t>mooi</w:t></w:r></w:hyperlink>'
        b"<w:r><w:t>.</w:t></w:r>",
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_transcript(path).text == "I: De buurt is mooi."
