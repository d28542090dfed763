"""Pseudonymised copies of a project: a project file to share, and the copy exports read.

Every row is copied with the name list applied to each of its text fields (see
``TEXT_COLUMNS``); document texts are pseudonymised with a position map, through which the
ranges of codings, turns and sentences move, so that every coding still covers its words
(a coding that covered part of a name covers the whole pseudonym). Each coding's quote is
taken from the new text. Left out: the name list itself, the history of corrections
(which holds the original wording), and the recordings with their sync points (voices are
not pseudonymised). Source file names lose their folders. Where names made two rows equal
that must differ (two documents, two codes under one parent), a number is added; two codings
that became the same range of one code and coder become one.

The copy is built from rows that are already pseudonymised: the originals are never written
to it, so no free page of the new file holds them; all the same, its search index is rebuilt
and the file vacuumed before it gets its name. A project file copy is written under a
temporary name and renamed when complete, and it is never opened as a project while it is
made, so no backup of it is made on the way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PureWindowsPath

from sqlalchemy import Connection, Engine, Table, create_engine, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from reiscoder.i18n import _
from reiscoder.model import Base
from reiscoder.model.base import new_uuid
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.model.text import SegmentationState
from reiscoder.privacy.names import load_pseudonymiser
from reiscoder.text.name_matching import Pseudonymiser
from reiscoder.text.position_map import PositionMap

# The text fields the name list is applied to, per table. Every other text column is
# structural (ids, kinds, colours) or handled on its own (document text, quotes, lemmas).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("value",),
    "coders": ("name",),
    "cases": ("name", "description"),
    "attributes": ("name", "choices"),
    "codes": ("name", "definition", "inclusion", "exclusion", "example"),
    "documents": ("name", "source_filename"),
    "attribute_values": ("value",),
    "codings": (),
    "speakers": ("label", "name"),
    "memos": ("title", "text"),
    "turns": (),
    "sentences": (),
    "groups": ("name", "description"),
    "group_members": (),
    "code_relations": ("memo",),
    "networks": ("name",),
    "network_nodes": (),
}
HANDLED_COLUMNS = {"documents.text", "documents.checksum", "codings.quote", "sentences.lemmas"}
STRUCTURAL_COLUMNS = {
    "uuid", "key", "kind", "target", "color", "source_format", "pipeline", "segmentation",
}  # fmt: skip
# Recordings are left out too: voices are not pseudonymised, and file names often hold names.
LEFT_OUT = ("pseudonyms", "document_edits", "recordings", "document_recordings", "sync_points")
# Columns whose values must stay distinct (the last one is the text a number is added to).
UNIQUE = {
    "coders": ("name",),
    "cases": ("name",),
    "documents": ("name",),
    "attributes": ("target", "name"),
    "codes": ("parent_id", "name"),
    "speakers": ("document_id", "label"),
    "groups": ("kind", "name"),
    "networks": ("name",),
}
META_KEPT = {"schema_version", "project_uuid", "created_with"}
PSEUDONYMISED_KEY = "pseudonymised"
_CHUNK = 1000

Progress = Callable[[int, int], None]


class CopyCancelled(Exception):
    """The user stopped making the copy; nothing was written."""


@dataclass
class CopyReport:
    path: Path | None
    names: int = 0  # entries of the name list applied
    documents: int = 0
    replaced: int = 0  # names replaced in the transcripts
    merged_codings: int = 0
    renamed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            _("Names in the list: {count}").format(count=self.names),
            _("Documents: {count}").format(count=self.documents),
            _("Names replaced in the transcripts: {count}").format(count=self.replaced),
        ]
        if self.merged_codings:
            lines.append(
                _("Codings that became the same after pseudonymising, kept once: {count}").format(
                    count=self.merged_codings
                )
            )
        if self.renamed:
            lines.append(
                _("Given a number to keep them apart: {names}").format(
                    names=", ".join(self.renamed)
                )
            )
        lines.append(_("The name list and the correction history were left out."))
        return lines


# -- the project file copy -------------------------------------------------------------------


def make_pseudonymised_copy(
    project: Project,
    target: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CopyReport:
    """Write a pseudonymised copy of ``project`` to ``target`` (which must not exist)."""
    from reiscoder.model import database

    target = Path(target)
    if target.exists():
        raise OperationError(_("The file {path} already exists.").format(path=target))
    if target.resolve() == Path(project.file).resolve():
        raise OperationError(_("Choose another file than the project itself."))
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    engine = database.make_engine(partial, wal=False)
    try:
        Base.metadata.create_all(engine)
        database.mark_as_project(engine)
        with project.reader() as source, engine.begin() as connection:
            copier = _Copier(source, connection, load_pseudonymiser(source), segment=True)
            report = copier.run(progress, cancelled)
            copier.finish_file_copy()
        _compact(engine)
        engine.dispose()
        os.replace(partial, target)
    except BaseException:
        engine.dispose()
        partial.unlink(missing_ok=True)
        raise
    report.path = target
    return report


# -- the copy an export reads ----------------------------------------------------------------


@contextmanager
def pseudonymised_session(source: Project | Session) -> Iterator[tuple[Session, Pseudonymiser]]:
    """A session on an in-memory pseudonymised copy of the project, with the same row ids,
    and the pseudonymiser that made it (for turning the export's filter values along)."""
    engine, pseudonymiser = pseudonymised_engine(source)
    try:
        with Session(engine) as session:
            yield session, pseudonymiser
    finally:
        engine.dispose()


def pseudonymised_engine(source: Project | Session) -> tuple[Engine, Pseudonymiser]:
    """An in-memory pseudonymised copy to read from as long as the caller keeps it (the
    caller disposes of it); the analysis window reads one while pseudonyms are shown."""
    engine = _memory_engine()
    try:
        with _reading(source) as reader, engine.begin() as connection:
            pseudonymiser = load_pseudonymiser(reader)
            _Copier(reader, connection, pseudonymiser, segment=False).run(None, None)
    except BaseException:
        engine.dispose()
        raise
    return engine, pseudonymiser


def _memory_engine() -> Engine:
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    Base.metadata.create_all(engine)
    return engine


@contextmanager
def _reading(source: Project | Session) -> Iterator[Session]:
    if isinstance(source, Session):
        yield source
        return
    with source.reader() as session:
        yield session


# -- copying rows ----------------------------------------------------------------------------


class _Copier:
    def __init__(
        self, source: Session, target: Connection, pseudonymiser: Pseudonymiser, *, segment: bool
    ) -> None:
        self.source = source
        self.target = target
        self.p = pseudonymiser
        self.segment = segment
        self.maps: dict[int, tuple[str, PositionMap]] = {}
        self.kept_codings: dict[int, int] = {}
        self.used: dict[str, set[tuple]] = {}
        self.report = CopyReport(None, names=len(pseudonymiser.rules))

    def run(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> CopyReport:
        self.target.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        tables = [t for t in Base.metadata.sorted_tables if t.name in TEXT_COLUMNS]
        for number, table in enumerate(tables):
            if cancelled is not None and cancelled():
                raise CopyCancelled
            handler = getattr(self, f"_{table.name}", None)
            rows = handler(table) if handler is not None else self._rows(table)
            self._insert(table, rows)
            if progress is not None:
                progress(number + 1, len(tables))
        return self.report

    def _rows(self, table: Table) -> Iterator[dict]:
        key = _order(table)
        for row in self.source.execute(select(table).order_by(*key)).mappings():
            values = dict(row)
            for column in TEXT_COLUMNS[table.name]:
                values[column] = self._text(table.name, column, values[column])
            yield self._distinct(table.name, values)

    def _text(self, table: str, column: str, value: str | None) -> str | None:
        if not value:
            return value
        if (table, column) == ("attributes", "choices"):
            lines = [self.p.apply(line) for line in value.split("\n")]
            return "\n".join(dict.fromkeys(lines))
        if (table, column) == ("documents", "source_filename"):
            value = PureWindowsPath(value).name  # folders of the researcher's computer go
        return self.p.apply(value)

    def _distinct(self, table: str, values: dict) -> dict:
        columns = UNIQUE.get(table)
        if columns is None:
            return values
        used = self.used.setdefault(table, set())
        *context, column = columns
        base = values[column]
        number = 1
        while (*[values[c] for c in context], values[column]) in used:
            number += 1
            values[column] = f"{base} ({number})"
        if number > 1:
            self.report.renamed.append(values[column])
        used.add((*[values[c] for c in context], values[column]))
        return values

    def _insert(self, table: Table, rows: Iterator[dict]) -> None:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= _CHUNK:
                self.target.execute(insert(table), chunk)
                chunk = []
        if chunk:
            self.target.execute(insert(table), chunk)

    # -- tables with positions -----------------------------------------------------------

    def _meta(self, table: Table) -> Iterator[dict]:
        for row in self.source.execute(select(table)).mappings():
            key, value = row["key"], row["value"]
            if key == "project_uuid" and self.segment:
                value = new_uuid()  # a file copy is a project of its own
            elif key not in META_KEPT:
                value = self.p.apply(value)
            yield {"key": key, "value": value}

    def _documents(self, table: Table) -> Iterator[dict]:
        ids = self.source.scalars(select(table.c.id).order_by(table.c.id)).all()
        for document_id in ids:
            row = self.source.execute(select(table).where(table.c.id == document_id))
            values = dict(row.mappings().one())
            text, positions = self.p.apply_mapped(values["text"])
            self.maps[document_id] = (text, positions)
            self.report.documents += 1
            self.report.replaced += len(positions.blocks)
            for column in TEXT_COLUMNS["documents"]:
                values[column] = self._text("documents", column, values[column])
            values.update(
                text=text,
                text_length=len(text),
                word_count=len(text.split()),
                checksum="",
            )
            if self.segment:
                values.update(segmentation=SegmentationState.SEGMENTING, pipeline=None)
            yield self._distinct("documents", values)

    def _turns(self, table: Table) -> Iterator[dict]:
        for row in self.source.execute(select(table).order_by(table.c.id)).mappings():
            positions = self.maps[row["document_id"]][1]
            yield {
                **row,
                "start": positions.start(row["start"]),
                "content_start": positions.start(row["content_start"]),
                "end": positions.end(row["end"]),
            }

    def _sentences(self, table: Table) -> Iterator[dict]:
        if self.segment:
            return  # a file copy finds its sentences again, in the new text
        for row in self.source.execute(select(table).order_by(table.c.id)).mappings():
            positions = self.maps[row["document_id"]][1]
            start, end = positions.range(row["start"], row["end"])
            yield {**row, "start": start, "end": end, "lemmas": ""}

    def _codings(self, table: Table) -> Iterator[dict]:
        seen: dict[tuple, int] = {}
        for row in self.source.execute(select(table).order_by(table.c.id)).mappings():
            text, positions = self.maps[row["document_id"]]
            start, end = positions.range(row["start"], row["end"])
            key = (row["document_id"], row["code_id"], row["coder_id"], start, end)
            if key in seen:
                self.kept_codings[row["id"]] = seen[key]
                self.report.merged_codings += 1
                continue
            seen[key] = self.kept_codings[row["id"]] = row["id"]
            yield {**row, "start": start, "end": end, "quote": text[start:end]}

    def _memos(self, table: Table) -> Iterator[dict]:
        for values in self._rows(table):
            if values["coding_id"] is not None:
                values["coding_id"] = self.kept_codings[values["coding_id"]]
            yield values

    # -- finishing a file copy -------------------------------------------------------------

    def finish_file_copy(self) -> None:
        """Find the sentences of the new texts and record that this copy is pseudonymised."""
        from reiscoder.ingest.compute import SegmentationJob, compute_sentences
        from reiscoder.ingest.segmentation import INSERT_SENTENCES
        from reiscoder.model import Document, Meta, Turn
        from reiscoder.model.fulltext import index_sentences

        for document_id, (text, _positions) in self.maps.items():
            turns = self.target.execute(
                select(Turn.id, Turn.content_start, Turn.end)
                .where(Turn.document_id == document_id)
                .order_by(Turn.start)
            ).all()
            result = compute_sentences(
                SegmentationJob(document_id, text, [tuple(t) for t in turns])
            )
            rows = [(document_id, *sentence) for sentence in result.sentences]
            if rows:
                self.target.exec_driver_sql(INSERT_SENTENCES, rows)
            self.target.execute(
                update(Document)
                .where(Document.id == document_id)
                .values(segmentation=SegmentationState.READY, pipeline=result.pipeline)
            )
        index_sentences(Session(bind=self.target))
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        self.target.execute(insert(Meta).values(key=PSEUDONYMISED_KEY, value=stamp))


def _compact(engine: Engine) -> None:
    """Rebuild the search index from the copy's own sentences and vacuum the file, so that no
    free page or index segment can hold text from before (the copy never held originals, but
    a file to share is checked, not trusted)."""
    raw = engine.raw_connection()  # outside SQLAlchemy's transactions: VACUUM needs that
    try:
        sqlite = raw.driver_connection
        assert sqlite is not None
        sqlite.execute("INSERT INTO sentence_index(sentence_index) VALUES('rebuild')")
        sqlite.execute("INSERT INTO sentence_index(sentence_index) VALUES('optimize')")
        sqlite.execute("VACUUM")
    finally:
        raw.close()


def _order(table: Table) -> list:
    return list(table.primary_key.columns)
