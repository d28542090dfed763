"""Every text of a project a name can hide in: transcripts and all other text fields.

The fields are those a pseudonymised copy pseudonymises (``copy.TEXT_COLUMNS``): document
and file names, memos, code names and definitions, cases, speakers, attribute values, the
project name. Suggestions and the checklist look in all of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Document, Sentence, Turn
from reiscoder.privacy.candidates import TextSource
from reiscoder.privacy.copy import META_KEPT, TEXT_COLUMNS


def field_label(table: str, column: str) -> str:
    labels = {
        ("documents", "name"): _("Document name"),
        ("documents", "source_filename"): _("File name"),
        ("memos", "title"): _("Memo"),
        ("memos", "text"): _("Memo"),
        ("codes", "name"): _("Code name"),
        ("cases", "name"): _("Case"),
        ("cases", "description"): _("Case"),
        ("speakers", "label"): _("Speaker"),
        ("speakers", "name"): _("Speaker"),
        ("attribute_values", "value"): _("Attribute value"),
        ("attributes", "name"): _("Attribute"),
        ("attributes", "choices"): _("Attribute value"),
        ("coders", "name"): _("Coder"),
        ("meta", "value"): _("Project"),
    }
    return labels.get((table, column), _("Code"))


def transcripts(session: Session) -> list[TextSource]:
    sources = []
    rows = session.execute(select(Document.id, Document.name).order_by(Document.position))
    for document_id, name in rows.all():
        body = session.scalar(select(Document.text).where(Document.id == document_id)) or ""
        starts = set(
            session.scalars(select(Sentence.start).where(Sentence.document_id == document_id))
        )
        starts.update(
            session.scalars(select(Turn.content_start).where(Turn.document_id == document_id))
        )
        sources.append(TextSource(document_id, name, body, frozenset(starts)))
    return sources


def other_fields(session: Session) -> Iterator[TextSource]:
    """Each distinct value of every other text field, with what field it is."""
    seen: set[tuple[str, str]] = set()
    for table, columns in TEXT_COLUMNS.items():
        for column in columns:
            query = f'SELECT DISTINCT "{column}" FROM "{table}"'
            if table == "meta":
                kept = ", ".join(f"'{key}'" for key in sorted(META_KEPT))
                query += f" WHERE key NOT IN ({kept})"
            where = field_label(table, column)
            for (value,) in session.execute(text(query)):
                if not value or (where, value) in seen:
                    continue
                seen.add((where, value))
                # as a transcript is: composed (NFC), so that marks do not split words
                yield TextSource(None, where, unicodedata.normalize("NFC", value), frozenset({0}))


def project_texts(session: Session) -> list[TextSource]:
    return [*transcripts(session), *other_fields(session)]
