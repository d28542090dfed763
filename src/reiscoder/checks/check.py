"""Checks that a project is sound, in plain words: the file, the links, and every coding's text.

A document whose sentences are still being computed is reported as such, never as damage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model import commits, database
from reiscoder.model.lock import lock_path, read_holder
from reiscoder.model.project import Project


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class QuoteMismatch:
    coding_id: int
    document: str
    start: int
    end: int
    quote: str
    text_now: str


def quote_mismatches(session: Session) -> list[QuoteMismatch]:
    """Codings whose stored quote is no longer the text at their position (drift)."""
    rows = session.execute(
        text(
            """
            SELECT c.id, d.name, c.start, c."end", c.quote,
                   substr(d.text, c.start + 1, c."end" - c.start)
            FROM codings c JOIN documents d ON d.id = c.document_id
            WHERE substr(d.text, c.start + 1, c."end" - c.start) != c.quote
            """
        )
    )
    return [QuoteMismatch(*row) for row in rows]


def check_project(project: Project, *, interrupted: bool = False) -> CheckReport:
    """What is wrong with ``project``. With ``interrupted``, documents still "segmenting"
    are not noted as work in progress (the caller knows nothing is segmenting them)."""
    report = CheckReport()
    integrity: list[str] = ["ok"]
    foreign: Sequence[object] = []
    if project.server is None:  # a server checks its files and links itself
        # On a fresh connection: a pooled one may report a sound file as damaged.
        integrity = database.integrity_check(project.file) or ["ok"]
        with project.engine.connect() as connection:
            foreign = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if integrity != ["ok"]:
        report.problems.append(
            _("The database file is damaged: {detail}").format(detail="; ".join(integrity[:5]))
        )
    if foreign:
        report.problems.append(
            ngettext(
                "{count} record refers to something that no longer exists.",
                "{count} records refer to something that no longer exists.",
                len(foreign),
            ).format(count=len(foreign))
        )
    missing = missing_changes(project)
    if missing:
        report.problems.append(missing)
    with project.reader() as session:
        _check_codings(session, report)
        _check_structure(session, report, interrupted=interrupted)
    from reiscoder.checks.recordings import check_notes

    report.notes.extend(check_notes(project))
    return report


def _check_codings(session: Session, report: CheckReport) -> None:
    for mismatch in quote_mismatches(session):
        report.problems.append(
            _(
                "Coding {id} in “{document}” ({start}–{end}) was made on “{quote}” but the text "
                "there is now “{now}”."
            ).format(
                id=mismatch.coding_id,
                document=mismatch.document,
                start=mismatch.start,
                end=mismatch.end,
                quote=_short(mismatch.quote),
                now=_short(mismatch.text_now),
            )
        )


def missing_changes(project: Project) -> str | None:
    """Committed changes that are not in the file (see ``model/commits.py``): found when the
    project was opened, or counted now in the lock file a crashed program left behind."""
    if project.path is None:
        return None
    with project.engine.connect() as connection:
        notice = commits.missing_notice(connection)
        if notice is not None or not project.read_only:
            return notice
        holder = read_holder(lock_path(project.path))
        if holder is None or not holder.is_stale():
            return None
        lost = commits.lost_commits(holder, commits.stored_commits(connection))
    if not lost:
        return None
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    return commits.missing_message(lost, holder.since, now)


def _check_structure(session: Session, report: CheckReport, *, interrupted: bool) -> None:
    overlapping = session.execute(
        text(
            """
            SELECT d.name, COUNT(*) FROM turns a
            JOIN turns b ON a.document_id = b.document_id AND a.id < b.id
                AND a.start < b."end" AND b.start < a."end"
            JOIN documents d ON d.id = a.document_id GROUP BY d.name
            """
        )
    ).all()
    for name, count in overlapping:
        report.problems.append(
            _("“{document}” has {count} overlapping speaker turns.").format(
                document=name, count=count
            )
        )
    outside = session.execute(
        text(
            """
            SELECT d.name, COUNT(*) FROM sentences s JOIN turns t ON t.id = s.turn_id
            JOIN documents d ON d.id = s.document_id
            WHERE s.start < t.start OR s."end" > t."end" GROUP BY d.name
            """
        )
    ).all()
    for name, count in outside:
        report.problems.append(
            _("“{document}” has {count} sentences outside their turn.").format(
                document=name, count=count
            )
        )
    if interrupted:
        return
    segmenting = session.execute(
        text("SELECT name FROM documents WHERE segmentation = 'segmenting' ORDER BY position")
    ).scalars()
    for name in segmenting:
        report.notes.append(
            _("“{document}”: sentences are still being determined (not damage).").format(
                document=name
            )
        )


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
