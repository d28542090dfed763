"""A REFI-QDA file with thousands of codes (flat, as some tools write a codebook) comes in
whole: every code once, names that occur twice told apart, colours and positions as for a
few codes, every coding on its code; merging the same file again doubles nothing."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reiscoder.model import Code, Coding, Document
from reiscoder.ops.palette import PALETTE
from reiscoder.refi import ImportCancelled, ImportOptions, import_as_new_project, import_qdpx
from tests.factories import dump, new_project
from tests.refi.builders import SAMPLES

CODES = 3_000


def _guid(number: int) -> str:
    return str(uuid.UUID(int=number + 1, version=4))


def _write(path: Path) -> str:
    words = [f"woord{n} " for n in range(CODES)]
    text = "".join(words)
    codes = [
        f'<Code guid="{_guid(n)}" name="{"Dubbel" if n in (7, 8) else f"Code {n}"}" '
        'isCodable="true"/>'
        for n in range(CODES)
    ]
    selections, start = [], 0
    for n, word in enumerate(words):
        end = start + len(word) - 1
        selections.append(
            f'<PlainTextSelection guid="{_guid(10_000 + n)}" startPosition="{start}" '
            f'endPosition="{end}"><Coding guid="{_guid(20_000 + n)}">'
            f'<CodeRef targetGUID="{_guid(n)}"/></Coding></PlainTextSelection>'
        )
        start += len(word)
    source = _guid(99_999)
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Veel codes">'
        f"<CodeBook><Codes>{''.join(codes)}</Codes></CodeBook><Sources>"
        f'<TextSource guid="{source}" name="Tekst" plainTextPath="internal://{source}.txt">'
        f"{''.join(selections)}</TextSource></Sources></Project>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("project.qde", xml)
        package.writestr(f"sources/{source}.txt", text)
    return text


def test_thousands_of_codes_import_whole_and_merge_again_without_doubles(tmp_path):
    refi = tmp_path / "veel.qdpx"
    text = _write(refi)
    project, report = import_as_new_project(refi, tmp_path / "p.reis")
    try:
        assert report.counts["codes"] == CODES and report.counts["codings"] == CODES
        with project.reader() as session:
            codes = session.execute(
                select(Code.name, Code.color, Code.position).order_by(Code.position)
            ).all()
            assert [c.position for c in codes] == list(range(CODES))
            names = [c.name for c in codes]
            assert len(set(names)) == CODES and names[7:9] == ["Dubbel", "Dubbel (2)"]
            # the palette first, then round again, as when codes are made one by one
            assert [c.color for c in codes[: len(PALETTE)]] == list(PALETTE)
            assert {c.color for c in codes} == set(PALETTE)
            coded = session.execute(
                select(Code.name, Coding.quote).join(Coding, Coding.code_id == Code.id)
            ).all()
            assert len(coded) == CODES
            quotes = dict(coded)
            assert quotes["Code 123"] == "woord123" and quotes["Dubbel (2)"] == "woord8"
            assert session.scalar(select(Document.text)) == text
        merged = import_qdpx(project, refi, merge=True)
        assert merged.counts.get("codes", 0) == 0
        assert merged.counts["matched_codes"] == CODES
        with project.reader() as session:
            assert session.scalar(select(func.count()).select_from(Code)) == CODES
            assert session.scalar(select(func.count()).select_from(Coding)) == CODES
    finally:
        project.close()


def test_thousands_of_codes_of_one_name_are_told_apart_and_summed_up_in_the_report(tmp_path):
    """Each code of a name taken at its level gets the next free number; the report names a
    few and counts the rest instead of listing thousands."""
    count = 2_000
    codes = "".join(
        f'<Code guid="{_guid(n)}" name="Zelfde" isCodable="true"/>' for n in range(count)
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        f'<Codes>{codes}<Code guid="{_guid(count)}" name="Zelfde (3)" isCodable="true"/>'
        "</Codes></CodeBook>"
    )
    refi = tmp_path / "zelfde.qdc"
    refi.write_text(xml, encoding="utf-8")
    project, report = import_as_new_project(refi, tmp_path / "p.reis", codebook_only=True)
    with project, project.reader() as session:
        names = list(session.scalars(select(Code.name).order_by(Code.position)))
    assert names[:3] == ["Zelfde", "Zelfde (2)", "Zelfde (3)"]
    assert len(set(names)) == count + 1
    assert names[-1] == "Zelfde (3) (2)"  # its own name was taken by then
    told = [line for line in report.converted if "komt twee keer voor" in line]
    assert len(told) == 25
    assert any("nog 1975 op dezelfde manier hernoemd" in line for line in report.converted)


class _CancelAfter:
    """Says "cancel" from the ``calls``-th question on: deterministic, mid-way."""

    def __init__(self, calls: int) -> None:
        self.calls, self.asked = calls, 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.calls


def test_a_cancelled_merge_leaves_the_project_as_it_was(tmp_path):
    refi = tmp_path / "veel.qdpx"
    _write(refi)
    with new_project(tmp_path / "p.reis") as project:
        with project.reader() as session:
            before = dump(session)
        cancel = _CancelAfter(3)  # before the file is read, then every 500 rows written
        with pytest.raises(ImportCancelled, match="geannuleerd; er is niets veranderd"):
            import_qdpx(project, refi, merge=True, options=ImportOptions(cancelled=cancel))
        assert cancel.asked == 3
        with project.reader() as session:
            assert dump(session) == before


def test_a_cancelled_import_as_new_project_leaves_no_file(tmp_path):
    refi = tmp_path / "veel.qdpx"
    _write(refi)
    target = tmp_path / "nieuw.reis"
    with pytest.raises(ImportCancelled):
        import_as_new_project(refi, target, ImportOptions(cancelled=_CancelAfter(2)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["veel.qdpx"]


TRICKY = b"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="P">
  <CodeBook>
    <Code guid="%(d)s" name="Direct"/>
    <Codes>
      <Code guid="%(a)s" name="A" color="#ff0000"><Description>Over A</Description>
        <Code guid="%(b)s" name="B" isCodable="false"><NoteRef targetGUID="%(n)s"/>
          <Codes><Code guid="%(x)s" name="Not a code of B"/></Codes>
          <Code guid="%(c)s" name="C"/>
        </Code>
      </Code>
    </Codes>
  </CodeBook>
  <Sets><Set guid="%(s)s" name="S"><Code guid="%(y)s" name="Not in the codebook"/></Set></Sets>
</Project>"""


def test_codes_read_while_parsing_are_the_codes_of_the_whole_tree():
    from reiscoder.refi.foreign import read_foreign, read_foreign_xml
    from reiscoder.refi.safety import parse_xml

    keys = ("a", "b", "c", "d", "n", "s", "x", "y")
    data = TRICKY % {key.encode(): _guid(n).encode() for n, key in enumerate(keys)}
    whole = read_foreign(parse_xml(data, "p.qde"), "p.qdpx")
    streamed = read_foreign_xml(data, "p.qdpx", "p.qde")
    assert streamed.codes == whole.codes
    assert [c.name for c in whole.codes] == ["A", "Direct"]
    assert [c.name for c in whole.codes[0].children[0].children] == ["C"]
    codebook = data.replace(b"<Project", b"<Wrapper").replace(b"</Project>", b"</Wrapper>")
    inner = codebook[codebook.index(b"<CodeBook>") : codebook.index(b"</CodeBook>") + 11]
    qdc = b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">' + inner[len(b"<CodeBook>") :]
    assert read_foreign_xml(qdc, "c.qdc", "c.qdc").codes == whole.codes


def test_text_selections_read_while_parsing_are_those_of_the_whole_tree():
    """The real exports (NVivo, QualCoder, ATLAS.ti) give the same texts, selections and
    codings whether their selections are read while parsing or from the whole tree."""
    from reiscoder.refi.foreign import read_foreign, read_foreign_xml
    from reiscoder.refi.safety import Package, parse_xml

    samples = sorted(SAMPLES.glob("*.qd*"))
    assert len(samples) >= 3
    for sample in samples:
        with Package(sample) as package:
            data, name = package.main_xml(), package.main_name
        whole = read_foreign(parse_xml(data, name), sample.name)
        streamed = read_foreign_xml(data, sample.name, name)
        assert streamed.texts == whole.texts, sample.name
        assert sum(len(text.selections) for text in whole.texts) > 0, sample.name
