"""The demo project, built at run time from the text sources in ``resources/demo``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.ingest.batch import FileStatus, ImportOptions, import_files
from reiscoder.model import Attribute, AttributeTarget, Code, Document, Speaker
from reiscoder.model.backups import backup_folder
from reiscoder.model.lock import lock_path
from reiscoder.model.project import Project
from reiscoder.ops.attributes import set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.paths import user_data_dir
from reiscoder.resources import resource_path
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template


def default_demo_path() -> Path:
    return user_data_dir() / "demo.reis"


def build_demo(path: Path) -> Path:
    """(Re)build the demo project at ``path``; an earlier demo there is replaced."""
    path = Path(path)
    spec = json.loads(resource_path("demo", "demo.json").read_text(encoding="utf-8"))
    _remove_old(path)
    with Project.create(path, spec["name"]) as project:
        with project.transaction() as session:
            for coder in spec["coders"]:
                coder_id_for(session, coder)
            apply_template(session, load_template(DEFAULT_TEMPLATE))
        files = [resource_path("demo", doc["file"]) for doc in spec["documents"]]
        reports = import_files(
            project, files, ImportOptions(coder=spec["coders"][0], workers=0, backup=False)
        )
        failed = [r for r in reports if r.status is not FileStatus.IMPORTED]
        if failed:
            raise RuntimeError(f"demo sources did not import: {failed}")
        with project.transaction() as session:
            _decorate(session, spec)
    return path


def _remove_old(path: Path) -> None:
    if path.exists():
        Project.open(path).close()  # refuses (with a clear message) while the demo is open
        path.unlink()
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm"), lock_path(path)):
        sidecar.unlink(missing_ok=True)
    folder = backup_folder(path)
    if folder.is_dir():
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()


def _decorate(session: Session, spec: dict[str, Any]) -> None:
    documents = {}
    for doc in spec["documents"]:
        document = session.scalars(
            select(Document).where(Document.source_filename == doc["file"])
        ).one()
        document.name = doc["name"]
        documents[doc["file"]] = document.id
        for name, value in doc["attributes"].items():
            set_value(
                session, _attribute(session, name, "document"), value, document_id=document.id
            )
    session.flush()
    for case in spec["cases"]:
        case_id = create_case(session, case["name"]).created_id
        set_value(session, _attribute(session, "Rol", "case"), case["role"], case_id=case_id)
        for file, label in case["speakers"]:
            speaker = session.scalars(
                select(Speaker.id).where(
                    Speaker.document_id == documents[file], Speaker.label == label
                )
            ).one()
            link_speaker(session, speaker, case_id)
    codings = {}
    for file, code, coder, quote in spec["codings"]:
        codings[(file, code, coder, quote)] = _code_quote(
            session, documents[file], code, coder, quote
        )
    for memo in spec["memos"]:
        _add_demo_memo(session, memo, codings)


def _code_quote(session: Session, document_id: int, code: str, coder: str, quote: str) -> int:
    text = session.scalars(select(Document.text).where(Document.id == document_id)).one()
    start = text.find(quote)
    if start < 0:
        raise RuntimeError(f"demo quote not found: {quote!r}")
    outcome = apply_coding(
        session,
        document_id,
        _code(session, code),
        coder_id_for(session, coder),
        start,
        start + len(quote),
    )
    assert outcome.created_id is not None
    return outcome.created_id


def _add_demo_memo(session: Session, memo: dict[str, Any], codings: dict[tuple, int]) -> None:
    target = MemoTarget()
    if "code" in memo:
        target = MemoTarget(code_id=_code(session, memo["code"]))
    elif "coding" in memo:
        target = MemoTarget(coding_id=codings[tuple(memo["coding"])])
    coder = coder_id_for(session, memo["coder"])
    add_memo(session, coder, memo["text"], title=memo.get("title", ""), target=target)


def _code(session: Session, number: str) -> int:
    return session.scalars(select(Code.id).where(Code.name.startswith(number + " "))).one()


def _attribute(session: Session, name: str, target: str) -> int:
    return session.scalars(
        select(Attribute.id).where(
            Attribute.name == name, Attribute.target == AttributeTarget(target)
        )
    ).one()
