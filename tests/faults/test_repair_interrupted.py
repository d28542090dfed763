"""An import killed after a document was stored but before its sentences were written leaves
it "segmenting"; ``reiscoder check --repair`` finishes it."""

from __future__ import annotations

import textwrap

from sqlalchemy import func, select

from reiscoder.cli import main
from reiscoder.model import Document, SegmentationState, Sentence
from reiscoder.model.project import Project
from tests.factories import new_project
from tests.faults.children import run_until

IMPORTER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reiscoder.ingest.batch import ImportListener, ImportOptions, import_files
    from reiscoder.model.project import Project

    def stored(report, done, total):
        print("stored", flush=True)
        time.sleep(600)

    project = Project.open(sys.argv[1])
    options = ImportOptions(coder="Anna", workers=0)
    import_files(project, [Path(sys.argv[2])], options, ImportListener(stored=stored))
    """
)


def state(path) -> tuple[str, int]:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        document = session.scalars(select(Document)).one()
        sentences = session.scalar(select(func.count()).select_from(Sentence))
        return document.segmentation, sentences


def test_check_repair_finishes_an_interrupted_segmentation(tmp_path, capsys):
    path = tmp_path / "p.reis"
    new_project(path).close()
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(
        "Interviewer: Hoe gaat het? Vertel eens.\n\nFatima: Goed. Het gaat prima.\n",
        encoding="utf-8",
    )
    run_until(IMPORTER, str(path), str(transcript), point="stored")
    assert state(path) == (SegmentationState.SEGMENTING, 0)

    assert main(["check", str(path)]) == 0
    assert "zinnen worden nog bepaald" in capsys.readouterr().out

    assert main(["check", str(path), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "het bepalen van de zinnen is onderbroken" in out
    assert "De zinnen van 1 document zijn opnieuw bepaald." in out
    segmentation, sentences = state(path)
    assert segmentation == SegmentationState.READY and sentences >= 4
    assert main(["check", str(path)]) == 0
    assert "Het project is in orde." in capsys.readouterr().out
