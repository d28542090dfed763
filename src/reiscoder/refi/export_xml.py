"""Build ``project.qde`` (and the codebook of a ``.qdc``) from a project.

GUIDs are our stored uuids, written lower-case, so exporting twice gives the same GUIDs; a
selection (which we do not store: it is the range that codings share) gets a GUID derived from
its document's uuid and range. Elements are written in the order the schema's sequences
demand, and an empty wrapper is never written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder import __version__
from reiscoder.model import Case, Coder, Coding, Document, Memo
from reiscoder.read.code_tree import CodeNode, load_code_tree
from reiscoder.refi.descriptions import CodeText, fold
from reiscoder.refi.export_attributes import AttributeWriter
from reiscoder.refi.export_groups import GroupWriter
from reiscoder.refi.extras import (
    CodeExtra,
    CodingExtra,
    DocumentExtra,
    Extras,
    MemoExtra,
    SpeakerExtra,
    TurnExtra,
    text_digest,
    timestamp,
)
from reiscoder.refi.guids import derived_guid, export_guid
from reiscoder.refi.positions import FilePositions
from reiscoder.refi.report import ExportReport
from reiscoder.refi.xmlutil import CODEBOOK_NS, PROJECT_NS, XSI_NS, Builder, format_datetime

ORIGIN = f"reiscoder {__version__}"
PREVIEW_LENGTH = 100
PositionsFor = Callable[[str], FilePositions]


def source_file_name(document: Document) -> str:
    return f"{export_guid(document.uuid)}.txt"


def code_text(code: CodeNode) -> CodeText:
    return CodeText(code.definition, code.inclusion, code.exclusion, code.example)


def build_codebook(session: Session, report: ExportReport) -> etree._Element:
    """The root of a ``.qdc`` file (the caller makes sure there is at least one code), with
    the code groups as sets."""
    builder = Builder(CODEBOOK_NS)
    root = builder.root("CodeBook", origin=ORIGIN)

    def add_codes(parent: etree._Element, codes: list[CodeNode]) -> None:
        for code in codes:
            add_codes(_code_element(builder, parent, code), code.children)

    add_codes(builder.add(root, "Codes"), load_code_tree(session, details=True).roots)
    groups = GroupWriter(session, builder, report, Extras())
    if groups.has_sets(codebook=True):
        groups.sets(builder.add(root, "Sets"), codebook=True)
    return root


def _code_element(builder: Builder, parent: etree._Element, code: CodeNode) -> etree._Element:
    element = builder.add(
        parent,
        "Code",
        guid=export_guid(code.uuid),
        name=code.name,
        isCodable="true",
        color=code.color.upper(),
    )
    description = fold(code_text(code))
    if description:
        builder.add(element, "Description", description)
    return element


class ProjectWriter:
    """Writes one project's ``project.qde`` tree, the texts of its sources and the extras."""

    def __init__(
        self,
        session: Session,
        positions: PositionsFor,
        report: ExportReport,
        *,
        codebook_only: bool = False,
    ) -> None:
        self.session = session
        self.codebook_only = codebook_only
        self.positions = positions
        self.report = report
        self.b = Builder(PROJECT_NS)
        self.extras = Extras()
        self.texts: dict[str, bytes] = {}  # file name in sources/ -> bytes
        self.coders = {c.id: c for c in session.scalars(select(Coder).order_by(Coder.id))}
        self.case_uuids = {row[0]: row[1] for row in session.execute(select(Case.id, Case.uuid))}
        self.memos: dict[tuple[str, int | None], list[Memo]] = defaultdict(list)
        for memo in session.scalars(select(Memo).order_by(Memo.id)):
            self.memos[_memo_key(memo)].append(memo)
        self.attributes = AttributeWriter(session, self.b, report, self.extras)
        self.groups = GroupWriter(session, self.b, report, self.extras)
        database = (
            (session.get_bind().engine.url.database or "").removeprefix("file:").split("?")[0]
        )
        self.project_path = Path(database) if database and database != ":memory:" else None

    def build(self, project_name: str) -> etree._Element:
        first = next(iter(self.coders.values()), None)
        root = self.b.root(
            "Project",
            name=project_name,
            origin=ORIGIN,
            creatingUserGUID=export_guid(first.uuid) if first else None,
        )
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{PROJECT_NS} Project.xsd")
        if self.codebook_only:
            return self._build_codebook_only(root)
        self._users(root)
        self._codebook(root)
        self.attributes.variables(root)
        self.attributes.cases(root)
        self._sources(root)
        self._notes(root)
        self.groups.links(root)
        self._sets(root)
        self.groups.graphs(root)
        self._note_refs(root, "project", None)
        return root

    def _build_codebook_only(self, root: etree._Element) -> etree._Element:
        """A real project file holding only the codebook: codes, code groups, relations."""
        root.attrib.pop("creatingUserGUID", None)
        self._codebook(root)
        if self.groups.has_notes:
            self.groups.notes(self.b.add(root, "Notes"), None)
        self.groups.links(root)
        if self.groups.has_sets(codebook=True):
            self.groups.sets(self.b.add(root, "Sets"), codes_only=True)
        return root

    def _sets(self, root: etree._Element) -> None:
        if not self.groups.has_sets() and not self.attributes.has_sets():
            return
        wrapper = self.b.add(root, "Sets")
        self.groups.sets(wrapper)
        self.attributes.sets(wrapper)

    # -- people and codes ------------------------------------------------------------------

    def _users(self, root: etree._Element) -> None:
        if not self.coders:
            return
        users = self.b.add(root, "Users")
        for coder in self.coders.values():
            self.b.add(users, "User", guid=export_guid(coder.uuid), name=coder.name)
            self.extras.coders[coder.uuid] = timestamp(coder.created) or ""
        self.report.add("coders", len(self.coders))

    def _codebook(self, root: etree._Element) -> None:
        roots = load_code_tree(self.session, details=True).roots
        if not roots:
            return
        codes = self.b.add(self.b.add(root, "CodeBook"), "Codes")

        def add(parent: etree._Element, children: list[CodeNode]) -> None:
            for code in children:
                element = _code_element(self.b, parent, code)
                self._note_refs(element, "code", code.id)
                self.extras.codes[code.uuid] = CodeExtra(**vars(code_text(code)))
                self.report.add("codes")
                add(element, code.children)

        add(codes, roots)

    # -- sources, selections, codings ------------------------------------------------------

    def _sources(self, root: etree._Element) -> None:
        documents = list(
            self.session.scalars(select(Document).order_by(Document.position, Document.id))
        )
        if not documents:
            return
        from reiscoder.refi.export_media import recordings_of_documents, write_media_source

        wrapper = self.b.add(root, "Sources")
        recordings = recordings_of_documents(self)
        transcripts: dict[int, list[Document]] = {}
        for document in documents:
            if document.id in recordings:
                transcripts.setdefault(recordings[document.id].id, []).append(document)
        for document in documents:
            recording = recordings.get(document.id)
            if recording is None:
                self._source(wrapper, document)
            elif transcripts[recording.id][0] is document:  # where its first transcript is
                write_media_source(self, wrapper, recording, transcripts[recording.id])
        self.report.add("documents", len(documents))

    def text_file(self, document: Document) -> str:
        """The name of the document's text in ``sources/``; its bytes are kept for the zip."""
        file_name = source_file_name(document)
        self.texts[file_name] = self.positions(document.text).file_text.encode("utf-8")
        return file_name

    def coding_element(self, selection: etree._Element, coding: Coding) -> None:
        self._coding(selection, coding)

    def note_refs(self, element: etree._Element, kind: str, owner_id: int | None) -> None:
        self._note_refs(element, kind, owner_id)

    def document_done(self, document: Document) -> None:
        self.extras.documents[document.uuid] = document_extra(document, self.case_uuids)

    def attributes_of(self, document_id: int) -> bool:
        from reiscoder.model import AttributeValue

        query = select(AttributeValue.id).where(AttributeValue.document_id == document_id)
        return self.session.scalar(query.limit(1)) is not None

    def _source(self, wrapper: etree._Element, document: Document) -> None:
        imported_by = self.coders.get(document.imported_by_id or -1)
        file_name = source_file_name(document)
        element = self.b.add(
            wrapper,
            "TextSource",
            guid=export_guid(document.uuid),
            name=document.name,
            plainTextPath=f"internal://{file_name}",
            creatingUser=export_guid(imported_by.uuid) if imported_by else None,
            creationDateTime=format_datetime(document.imported_at),
        )
        positions = self.positions(document.text)
        self.texts[file_name] = positions.file_text.encode("utf-8")
        self._selections(element, document, positions)
        self._note_refs(element, "document", document.id)
        self.attributes.value_elements(element, "document", document.id)
        self.extras.documents[document.uuid] = document_extra(document, self.case_uuids)

    def _selections(
        self, element: etree._Element, document: Document, positions: FilePositions
    ) -> None:
        codings = self.session.scalars(
            select(Coding)
            .where(Coding.document_id == document.id)
            .order_by(Coding.start, Coding.end, Coding.id)
        )
        groups: dict[tuple[int, int], list[Coding]] = defaultdict(list)
        for coding in codings:
            groups[(coding.start, coding.end)].append(coding)
        for (start, end), members in groups.items():
            first = min(members, key=lambda c: (c.created, c.id))
            selection = self.b.add(
                element,
                "PlainTextSelection",
                guid=export_guid(derived_guid("selection", document.uuid, start, end)),
                name=_preview(first.quote),
                startPosition=str(positions(start)),
                endPosition=str(positions(end)),
                creatingUser=export_guid(self.coders[first.coder_id].uuid),
                creationDateTime=format_datetime(first.created),
            )
            for coding in members:
                self._coding(selection, coding)
            self.report.add("selections")

    def _coding(self, selection: etree._Element, coding: Coding) -> None:
        element = self.b.add(
            selection,
            "Coding",
            guid=export_guid(coding.uuid),
            creatingUser=export_guid(self.coders[coding.coder_id].uuid),
            creationDateTime=format_datetime(coding.created),
        )
        self.b.add(element, "CodeRef", targetGUID=export_guid(coding.code.uuid))
        self._note_refs(element, "coding", coding.id)
        self.extras.codings[coding.uuid] = CodingExtra(coding.quote, timestamp(coding.created))
        self.report.add("codings")

    # -- memos -----------------------------------------------------------------------------

    def _notes(self, root: etree._Element) -> None:
        memos = [memo for group in self.memos.values() for memo in group]
        if not memos and not self.groups.has_notes:
            return
        wrapper = self.b.add(root, "Notes")
        first = next(iter(self.coders.values()), None)
        self.groups.notes(wrapper, export_guid(first.uuid) if first else None)
        if not memos:
            return
        for memo in sorted(memos, key=lambda m: m.id):
            coder = export_guid(self.coders[memo.coder_id].uuid)
            note = self.b.add(
                wrapper,
                "Note",
                guid=export_guid(memo.uuid),
                name=memo.title or None,
                creatingUser=coder,
                creationDateTime=format_datetime(memo.created),
                modifyingUser=coder,
                modifiedDateTime=format_datetime(memo.modified),
            )
            self.b.add(note, "PlainTextContent", memo.text)
            self.extras.memos[memo.uuid] = MemoExtra(
                timestamp(memo.created), timestamp(memo.modified)
            )
        self.report.add("memos", len(memos))

    def _note_refs(self, element: etree._Element, kind: str, owner_id: int | None) -> None:
        for memo in self.memos.get((kind, owner_id), []):
            self.b.add(element, "NoteRef", targetGUID=export_guid(memo.uuid))


def document_extra(document: Document, case_uuids: dict[int, str]) -> DocumentExtra:
    speakers = {s.id: s for s in document.speakers}
    return DocumentExtra(
        sha256=text_digest(document.text),
        source_filename=document.source_filename,
        source_format=document.source_format,
        checksum=document.checksum,
        imported_at=timestamp(document.imported_at),
        speakers=[
            SpeakerExtra(s.uuid, s.label, s.name, case_uuids.get(s.case_id or -1))
            for s in sorted(speakers.values(), key=lambda s: s.id)
        ],
        turns=[
            TurnExtra(
                t.start,
                t.content_start,
                t.end,
                speakers[t.speaker_id].uuid if t.speaker_id in speakers else None,
                t.timestamp_ms,
            )
            for t in document.turns
        ],
    )


def _memo_key(memo: Memo) -> tuple[str, int | None]:
    if memo.document_id is not None:
        return ("document", memo.document_id)
    if memo.code_id is not None:
        return ("code", memo.code_id)
    if memo.coding_id is not None:
        return ("coding", memo.coding_id)
    return ("project", None)


def _preview(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= PREVIEW_LENGTH else flat[: PREVIEW_LENGTH - 1] + "…"
