"""A .qdpx holding one name twice is refused: zip tools disagree on which copy counts."""

from __future__ import annotations

import hashlib
import warnings
import zipfile

import pytest

from reiscoder.parsing import ImportFailure, read_transcript
from reiscoder.refi import ImportOptions, RefiRefused, import_as_new_project, import_qdpx
from tests.factories import dump
from tests.refi.builders import make_qdpx, rich_project
from tests.refi.test_safety import SOURCE, project, source

MESSAGE = (
    "“{file}” bevat het onderdeel “{member}” meer dan eens. Programma's verschillen in welke "
    "kopie telt, dus het bestand wordt geweigerd; sla het opnieuw op in het programma dat het "
    "maakte."
)


def _with_a_second_copy(path, name: str, data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(name, data)
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("member", ["project.qde", f"sources/{SOURCE}.txt"])
def test_a_member_twice_is_refused_and_nothing_changes(tmp_path, member):
    good = project(source(0, 5))
    path = make_qdpx(tmp_path / "dubbel.qdpx", good, {f"sources/{SOURCE}.txt": "Hallo wereld"})
    second = project(source(0, 3)).encode() if member.endswith(".qde") else b"Andere tekst"
    _with_a_second_copy(path, member, second)
    before = _digest(path)
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            state = dump(session)
        with pytest.raises(RefiRefused) as refused:
            import_qdpx(ours, path, merge=True, options=ImportOptions(segment=False))
        assert refused.value.message == MESSAGE.format(file="dubbel.qdpx", member=member)
        with ours.reader() as session:
            assert dump(session) == state
    assert _digest(path) == before
    target = tmp_path / "nieuw.reis"
    with pytest.raises(RefiRefused):
        import_as_new_project(path, target, ImportOptions(segment=False))
    assert not target.exists()


def test_a_docx_with_its_text_twice_is_refused(tmp_path):
    import docx

    path = tmp_path / "dubbel.docx"
    document = docx.Document()
    document.add_paragraph("Interviewer: Wat ziet u?")
    document.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    _with_a_second_copy(path, "word/document.xml", xml.replace(b"Wat ziet u?", b"Iets anders"))
    with pytest.raises(ImportFailure) as refused:
        read_transcript(path)
    assert refused.value.message == MESSAGE.format(file="dubbel.docx", member="word/document.xml")
