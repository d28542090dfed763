"""The demo project is built from text sources at run time and shows a living workbench."""

from __future__ import annotations

from sqlalchemy import func, select

from reiscoder.checks.check import check_project
from reiscoder.demo import build_demo
from reiscoder.model import Case, Coder, Coding, Document, Memo, SegmentationState, Speaker, Turn
from reiscoder.model.project import Project


def test_demo_has_three_etappes_with_speakers_codings_and_memos(tmp_path):
    path = build_demo(tmp_path / "demo.reis")
    build_demo(path)  # building again replaces the old demo
    with Project.open(path) as project:
        assert check_project(project).sound
        with project.reader() as session:
            names = list(session.scalars(select(Document.name).order_by(Document.position)))
            assert [n.split(" – ")[0] for n in names] == ["Etappe 1", "Etappe 2", "Etappe 3"]
            assert set(session.scalars(select(Document.segmentation))) == {SegmentationState.READY}
            assert session.scalar(select(func.count()).select_from(Coding)) >= 25
            assert session.scalar(select(func.count()).select_from(Coder)) == 2
            assert session.scalar(select(func.count()).select_from(Memo)) >= 3
            linked = session.scalars(select(Speaker.name).where(Speaker.case_id.is_not(None)))
            assert set(linked) == {"Fatima", "Henk", "Samira", "Marco"}
            assert session.scalar(select(func.count()).select_from(Case)) == 4
            stamped = session.scalar(
                select(func.count()).select_from(Turn).where(Turn.timestamp_ms.is_not(None))
            )
            assert stamped > 10
