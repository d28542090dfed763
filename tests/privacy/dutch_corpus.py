"""Dutch transcripts with names in every position and spelling, and where to look for them.

Names open sentences (``Graag. Youssef, stel je jezelf voor?``) and subtitle cues (``Sevda, wat
zie je hier?``), are possessive (``Fatima's``, ``Ahmeds``), diminutive (``Fatimaatje``),
plural (``de Ahmeds``), written with and without hyphens and accents (``El-Amrani``,
``Bospolder Tussendijken``, ``Zoe`` / ``Zoë``, ``Celik`` / ``Çelik``, ``Yilmaz`` / ``Yılmaz``),
decomposed (NFD) in memos and code names, in file names (``interview_Fatima_El_Amrani.txt``,
``Ahmed2024.vtt``), attribute values, case names and descriptions, memos and code texts.
The project is built as a researcher would: ``reiscoder new`` and ``reiscoder import``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.model import Attribute, AttributeKind, AttributeTarget, Document
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.cases import create_case
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.text.name_text import fold

INTERVIEW = """Interviewer: Goedemiddag. Fatima, fijn dat je er bent. Hoe lang woon je al in \
Bospolder-Tussendijken?

Fatima: Al twintig jaar. Mijn man Youssef komt uit Nador, ik ben hier geboren. Fatima's \
moeder woonde op de Mathenesserlaan.

Interviewer: En je buren?

Fatima: Mevrouw Çelik van hiernaast, Zeynep Çelik, kookt elke vrijdag. Haar zoon Mehmet noemt \
mij Fatimaatje. De El-Amrani's, zo noemen ze ons.

Interviewer: Werk je ook ergens?

Fatima: Ja, bij Stichting Wijkpaleis, samen met Ingrid Verbeek. Ingrid is de coördinator. \
Verbeek regelt alles. In Bospolder Tussendijken kent iedereen haar.

Interviewer: Kom je weleens op Katendrecht?

Fatima: Soms, bij Sevda. Sevda Yılmaz woont daar. Ze is Turkse, haar man komt uit Polen.
"""
CUES = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>Sevda, wat zie je hier?

00:00:04.500 --> 00:00:09.000
<v Ahmed>Ik zie de Afrikaanderwijk. Ahmeds fiets staat daar.

00:00:09.500 --> 00:00:14.000
<v Interviewer>Graag. Youssef, stel je jezelf voor?

00:00:14.500 --> 00:00:20.000
<v Youssef>Ik ben Youssef El Amrani. Zoe de Graaf en Katarzyna Nowak zijn mijn collega's bij \
Woonstad.

00:00:20.500 --> 00:00:25.000
<v Youssef>Ravindra Ramdin van de moskee zegt: de Ahmeds zijn goede buren.
"""
NFD = unicodedata.normalize("NFD", "Gesprek met Sevda Yilmaz en Zoë over Çelik.")
# Names that must never appear (folded); short ones only as whole words.
ORIGINALS = (
    "fatima", "amrani", "youssef", "zeynep", "celik", "mehmet", "ingrid", "verbeek",
    "sevda", "yilmaz", "ahmed", "katarzyna", "nowak", "ravindra", "ramdin", "priscilla",
    "doorson", "bospolder", "tussendijken", "katendrecht", "wijkpaleis", "woonstad",
    "afrikaanderwijk", "mathenesserlaan", "nador", "zoe", "graaf", "polen",
)  # fmt: skip
WHOLE_WORDS = frozenset({"zoe", "graaf", "polen", "nador"})


def build_dutch_project(folder: Path) -> Path:
    """The project, built through the command line and the operations; no name list yet."""
    path = folder / "buurt.reis"
    sources = folder / "bronnen"
    sources.mkdir()
    (sources / "interview_Fatima_El_Amrani.txt").write_text(INTERVIEW, encoding="utf-8")
    (sources / "Ahmed2024.vtt").write_text(CUES, encoding="utf-8")
    assert main(["new", str(path), "--coder", "Onderzoeker"]) == 0
    files = [str(sources / "interview_Fatima_El_Amrani.txt"), str(sources / "Ahmed2024.vtt")]
    assert main(["import", str(path), *files, "--attr", "Wijk=Bospolder-Tussendijken"]) == 0
    with Project.open(path) as project, project.transaction() as session:
        documents = session.scalars(select(Document.id).order_by(Document.position)).all()
        coder = 1
        add_memo(session, coder, "Zoë de Graaf belt terug over Celik.", title="Terugbellen")
        add_memo(session, coder, NFD, title=unicodedata.normalize("NFD", "Çelik"))
        add_memo(
            session,
            coder,
            "Priscilla Doorson (buurvrouw van Fatima) wil meedoen.",
            target=MemoTarget(documents[0]),
        )
        code = create_code(session, "Verhaal van Mehmet").created_id
        update_code(session, code, definition="Zoals Ingrid over de buurt vertelt.")
        buren = create_code(session, unicodedata.normalize("NFD", "Buren Çelik")).created_id
        texts = [session.get(Document, d).text for d in documents]
        for document, words, code_id in (
            (0, "Fatima's moeder woonde", buren),
            (0, "elik, kookt elke vrijdag", buren),  # cuts into a name
            (0, "samen met Ingrid Verbeek", code),
            (1, "Sevda, wat zie je hier?", code),
        ):
            start = texts[document].index(words)
            apply_coding(session, documents[document], code_id, coder, start, start + len(words))
        case = create_case(session, "Fatima El Amrani", "Woont bij Youssef.").created_id
        buurt = create_attribute(
            session, "Buurt", AttributeKind.TEXT, AttributeTarget.CASE
        ).created_id
        set_value(session, buurt, "Katendrecht", case_id=case)
        werk = create_attribute(session, "Organisatie", AttributeKind.TEXT).created_id
        set_value(session, werk, "Stichting Wijkpaleis", document_id=documents[0])
        assert session.scalar(select(Attribute.id).where(Attribute.name == "Wijk"))
    return path


def originals_in(text: str) -> list[str]:
    """The originals in a text, however it is spelled (accents, case, NFD)."""
    folded = fold(unicodedata.normalize("NFC", text))
    found = []
    for name in ORIGINALS:
        if name in WHOLE_WORDS:
            if re.search(rf"(?<![^\W\d_]){name}(?![^\W\d_])", folded):
                found.append(name)
        elif name in folded:
            found.append(name)
    return found
