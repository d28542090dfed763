"""Real project files and REFI-QDA packages for the exchange tests, plus comparisons."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import (
    Attribute,
    AttributeKind,
    AttributeTarget,
    AttributeValue,
    Case,
    Code,
    Coder,
    Coding,
    Document,
    Memo,
    Meta,
    Speaker,
    Turn,
)
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import PROJECT, MemoTarget, add_memo
from tests.factories import add_document, code_id, new_project

SHARED = Path(__file__).resolve().parents[3] / "shared" / "refi-qda"  # beside the checkout
SAMPLES = SHARED / "samples"

SECOND_TEXT = (
    "Interviewer: Wat betekent de buurt voor u?\n\n"
    "Bram: „Thuis is waar de koffie klaarstaat…” zei mijn moeder altijd 🙂☕.\n\n"
    "Interviewer: En nu?\n\n"
    "Bram: Nu ken ik niemand meer op de galerij. 𝒩𝑜𝓌 𝑒𝓃 𝓉𝑜𝑒𝓃.\n"
)


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / name)))


def assert_valid(xml: bytes, name: str) -> None:
    checker = schema(name)
    assert checker.validate(etree.fromstring(xml)), checker.error_log


def find(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return start, start + len(fragment)


def rich_project(path: Path) -> Project:
    """Two documents (emoji, „…”), nested codes with criteria, two coders, every memo kind,
    cases linked to speakers, and attributes of every kind on documents and cases."""
    project = new_project(path)
    with project.transaction() as session:
        anna = coder_id_for(session, "Anna de Vries")
        bram = coder_id_for(session, "Bram")
        first = add_document(session, "Interview Fatima")
        second = add_document(session, "Interview Bram", SECOND_TEXT)
        _codings(session, first, second, anna, bram)
        _memos(session, first, anna, bram)
        _cases_and_attributes(session, first, second)
    return project


def _codings(session: Session, first: int, second: int, anna: int, bram: int) -> None:
    text = session.get(Document, first).text
    other = session.get(Document, second).text
    home, meeting = code_id(session, "1.1"), code_id(session, "1.2")
    pressure = code_id(session, "1.4")
    span = find(text, "Dat is hier thuis… Echt waar! 😊")
    apply_coding(session, first, home, anna, *span)
    apply_coding(session, first, home, bram, *span)  # same range, other coder
    apply_coding(session, first, meeting, anna, *span)  # same range, other code
    apply_coding(session, first, pressure, bram, *find(text, "Dat ging dicht."))
    apply_coding(session, second, home, anna, *find(other, "„Thuis is waar de koffie klaarstaat…”"))
    apply_coding(session, second, pressure, bram, *find(other, "𝒩𝑜𝓌 𝑒𝓃 𝓉𝑜𝑒𝓃."))


def _memos(session: Session, first: int, anna: int, bram: int) -> None:
    coding = session.scalar(select(Coding.id).order_by(Coding.id))
    add_memo(session, anna, "Wat valt op: veel zorg.\nTweede regel.", title="Eerste indruk")
    add_memo(session, bram, "Fatima kent de buurt 🏘️ goed.", target=MemoTarget(document_id=first))
    add_memo(
        session, anna, "Let op grens met 1.2", target=MemoTarget(code_id=code_id(session, "1.1"))
    )
    add_memo(
        session, bram, "Mooi citaat „thuis”.", title="Citaat", target=MemoTarget(coding_id=coding)
    )
    add_memo(session, bram, "", title="Lege memo", target=PROJECT)


def _cases_and_attributes(session: Session, first: int, second: int) -> None:
    fatima = create_case(session, "Fatima", "Bewoonster, 20 jaar in de wijk").created_id
    bram = create_case(session, "Bram").created_id
    for document_id, label, case_id in ((first, "Fatima", fatima), (second, "Bram", bram)):
        speaker = session.scalar(
            select(Speaker.id).where(Speaker.document_id == document_id, Speaker.label == label)
        )
        link_speaker(session, speaker, case_id)
    attributes = {a.name: a.id for a in session.scalars(select(Attribute))}
    set_value(session, attributes["Etappe"], "1 Sociale samenhang", document_id=first)
    set_value(session, attributes["Etappe"], "2 Sociale innovatie", document_id=second)
    set_value(session, attributes["Wijk"], "Afrikaanderwijk", document_id=first)
    set_value(session, attributes["Datum"], "24-11-2026", document_id=first)
    set_value(session, attributes["Rol"], "bewoner", case_id=fatima)
    age = create_attribute(session, "Leeftijd", AttributeKind.NUMBER, AttributeTarget.CASE)
    set_value(session, age.created_id, "34", case_id=fatima)
    hours = create_attribute(session, "Duur (uur)", AttributeKind.NUMBER, AttributeTarget.DOCUMENT)
    set_value(session, hours.created_id, "1,5", document_id=second)


# -- comparing projects ------------------------------------------------------------------------


def _t(moment: datetime | None, whole_seconds: bool) -> str | None:
    if moment is None:
        return None
    return (moment.replace(microsecond=0) if whole_seconds else moment).isoformat()


def snapshot(session: Session, *, standard_only: bool = False) -> dict[str, object]:
    """Everything a researcher sees, by uuid, so that two projects can be compared.

    ``standard_only``: what REFI-QDA itself carries (whole-second times; no turns, speakers,
    source file names or coder creation times).
    """
    sec = standard_only
    uuid = _uuids(session)
    coders = sorted(
        (c.uuid, c.name, None if sec else _t(c.created, sec)) for c in _all(session, Coder)
    )
    codes = sorted(
        (
            c.uuid,
            uuid["codes"].get(c.parent_id),
            _rank(session, c),
            c.name,
            c.color,
            c.definition,
            c.inclusion,
            c.exclusion,
            c.example,
        )
        for c in _all(session, Code)
    )
    documents = [
        (
            d.uuid,
            d.name,
            d.text,
            d.word_count,
            _t(d.imported_at, sec),
            uuid["coders"].get(d.imported_by_id),
            *(() if sec else (d.source_filename, d.source_format, d.checksum)),
        )
        for d in session.scalars(select(Document).order_by(Document.position, Document.id))
    ]
    codings = sorted(
        (
            c.uuid,
            uuid["documents"][c.document_id],
            uuid["codes"][c.code_id],
            uuid["coders"][c.coder_id],
            c.start,
            c.end,
            c.quote,
            _t(c.created, sec),
        )
        for c in _all(session, Coding)
    )
    memos = sorted(
        (
            m.uuid,
            m.title,
            m.text,
            uuid["coders"][m.coder_id],
            _t(m.created, sec),
            _t(m.modified, sec),
            uuid["documents"].get(m.document_id),
            uuid["codes"].get(m.code_id),
            uuid["codings"].get(m.coding_id),
        )
        for m in _all(session, Memo)
    )
    result = {
        "name": session.scalar(select(Meta.value).where(Meta.key == "name")),
        "coders": coders,
        "codes": codes,
        "documents": documents,
        "codings": codings,
        "memos": memos,
        "cases": sorted((c.uuid, c.name, c.description) for c in _all(session, Case)),
        "attributes": [
            (a.uuid, a.name, a.kind, a.target, a.choices)
            for a in session.scalars(select(Attribute).order_by(Attribute.position, Attribute.id))
        ],
        "values": sorted(
            (
                uuid["attributes"][v.attribute_id],
                uuid["documents"].get(v.document_id),
                uuid["cases"].get(v.case_id),
                v.value,
            )
            for v in _all(session, AttributeValue)
        ),
    }
    if not standard_only:
        result["speakers"] = sorted(
            (
                uuid["documents"][s.document_id],
                s.uuid,
                s.label,
                s.name,
                uuid["cases"].get(s.case_id),
            )
            for s in _all(session, Speaker)
        )
        result["turns"] = sorted(
            (uuid["documents"][t.document_id], t.start, t.content_start, t.end, t.timestamp_ms)
            for t in _all(session, Turn)
        )
    return result


def _all(session: Session, model: type) -> list:
    return list(session.scalars(select(model)))


def _uuids(session: Session) -> dict[str, dict[int | None, str]]:
    tables = {
        "coders": Coder,
        "codes": Code,
        "documents": Document,
        "codings": Coding,
        "cases": Case,
        "attributes": Attribute,
    }
    return {name: {row.id: row.uuid for row in _all(session, m)} for name, m in tables.items()}


def _rank(session: Session, code: Code) -> int:
    siblings = session.scalars(
        select(Code.id)
        .where(
            Code.parent_id.is_(None) if code.parent_id is None else Code.parent_id == code.parent_id
        )
        .order_by(Code.position, Code.id)
    ).all()
    return list(siblings).index(code.id)


# -- REFI-QDA packages -------------------------------------------------------------------------


def zip_folder(folder: Path, target: Path, *, extra: dict[str, bytes] | None = None) -> Path:
    """Zip a fixture folder (``project.qde`` + sources) into a ``.qdpx``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def make_qdpx(
    target: Path, qde: str | bytes, files: dict[str, bytes | str], *, qde_name: str = "project.qde"
) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde_name, qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in files.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return target


def without_member(source: Path, target: Path, name: str) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != name:
                new.writestr(info, old.read(info))
    return target


def new_empty(path: Path) -> Project:
    return Project.create(path, path.stem)
