"""The write gateway: undo never takes a step the database can no longer take.

The two cases found by hand: a code created as an undo step that a merge then gave codings,
and a document deleted as an undo step whose name an import then used again.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reiscoder.model import Code, Coding, Document
from reiscoder.ops.bus import ChangeKind
from reiscoder.ops.changes import ChangeSet, StaleChange
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.documents import delete_document, rename_document
from reiscoder.ops.gateway import Gateway
from tests.factories import add_document, code_id, dump, first_coder_id, new_project


@pytest.fixture
def gateway(tmp_path):
    project = new_project(tmp_path / "p.reis")
    with project.transaction() as session:
        add_document(session, "Interview 1")
    yield Gateway(project)
    project.close()


def _snapshot(gateway):
    with gateway.project.reader() as session:
        return dump(session)


def _merge_coding_on(session, code_name):
    """What a REFI or assignment merge does: a coding written beside the undo history."""
    document = session.scalar(select(Document.id))
    code = session.scalar(select(Code.id).where(Code.name == code_name))
    apply_coding(session, document, code, first_coder_id(session), 0, 10)


def test_a_merge_makes_the_creation_of_its_code_no_longer_undoable(gateway):
    gateway.execute(lambda s: create_code(s, "Nieuw"))
    rename = gateway.execute(lambda s: rename_document(s, s.scalar(select(Document.id)), "Gesprek"))
    changes = []
    gateway.bus.subscribe(changes.append)

    gateway.write("Samenvoegen", lambda s: _merge_coding_on(s, "Nieuw"))

    assert [c.kind for c in changes] == [ChangeKind.BULK]
    assert [step.label for step in gateway.history.steps] == [rename.label]
    assert "Gesprek" in str(_snapshot(gateway)["documents"])
    gateway.undo()  # the rename is still there to undo
    after = _snapshot(gateway)
    assert "Interview 1" in str(after["documents"])
    assert gateway.history.undo_step is None
    assert gateway.undo() is None
    assert _snapshot(gateway) == after


def test_a_stale_step_is_refused_in_words_and_changes_nothing(gateway):
    gateway.execute(lambda s: create_code(s, "Nieuw"))
    with gateway.project.transaction() as session:  # written elsewhere, not announced
        _merge_coding_on(session, "Nieuw")
    before = _snapshot(gateway)

    with pytest.raises(StaleChange) as refused:
        gateway.undo()

    assert "kan niet meer ongedaan worden gemaakt" in refused.value.message
    assert _snapshot(gateway) == before
    assert len(gateway.history) == 0


def test_an_import_that_reuses_a_deleted_name_drops_the_delete_from_undo(gateway):
    with gateway.project.reader() as session:
        document = session.scalar(select(Document.id))
    gateway.execute(lambda s: delete_document(s, document))
    with gateway.project.transaction() as session:
        add_document(session, "Interview 1")

    dropped = gateway.announce("Importeren")

    assert dropped == 1
    assert gateway.undo() is None
    with gateway.project.reader() as session:
        assert session.scalar(select(func.count(Document.id))) == 1


def test_a_row_changed_since_is_named_in_the_message(gateway):
    with gateway.project.reader() as session:
        code = code_id(session, "1.1")
    gateway.execute(lambda s: update_code(s, code, name="Thuis"))
    with gateway.project.transaction() as session:
        ChangeSet().update(session, Code, code, name="Elders")

    with pytest.raises(StaleChange) as refused:
        gateway.undo()

    assert "Elders" in refused.value.message


def test_undo_and_redo_are_announced_with_their_rows(gateway):
    seen = []
    gateway.bus.subscribe(seen.append)
    with gateway.project.reader() as session:
        document = session.scalar(select(Document.id))
        code = code_id(session, "1.1")
        coder = first_coder_id(session)
    gateway.execute(lambda s: apply_coding(s, document, code, coder, 0, 12))
    gateway.undo()
    gateway.redo()

    assert [c.kind for c in seen] == [ChangeKind.DONE, ChangeKind.UNDONE, ChangeKind.REDONE]
    assert all(c.ids("codings", "document_id") == {document} for c in seen)
    with gateway.project.reader() as session:
        assert session.scalar(select(func.count(Coding.id))) == 1


def test_background_columns_do_not_make_a_step_stale(gateway):
    with gateway.project.reader() as session:
        document = session.scalar(select(Document.id))
    gateway.execute(lambda s: rename_document(s, document, "Gesprek"))
    with gateway.project.transaction() as session:  # segmentation finishing meanwhile
        ChangeSet().update(session, Document, document, pipeline="nl_core_news_sm 3.8")

    gateway.undo()

    with gateway.project.reader() as session:
        row = session.get(Document, document)
        assert (row.name, row.pipeline) == ("Interview 1", "nl_core_news_sm 3.8")
