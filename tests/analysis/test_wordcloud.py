"""Word clouds of lemmas for a code, a document or a speaker role, from the command line."""

from __future__ import annotations

from PIL import Image
from sqlalchemy import select

from reiscoder.analysis.wordcloud import word_cloud
from reiscoder.analysis.words import WordSource, stop_words
from reiscoder.cli import main
from reiscoder.demo import build_demo
from reiscoder.model import Code
from reiscoder.model.project import Project


def test_a_cloud_of_a_code_leaves_out_stop_words_and_is_the_same_each_time(tmp_path):
    demo = build_demo(tmp_path / "demo.reis")
    with Project.open(demo, read_only=True) as project, project.reader() as session:
        code = session.scalar(select(Code).where(Code.name.startswith("1.1")))
        source = WordSource(code_ids=frozenset({code.id}))
        cloud = word_cloud(session, source, color=code.color)
        again = word_cloud(session, source, color=code.color)
        everything = word_cloud(session, WordSource())
    assert cloud is not None and everything is not None and again is not None
    assert cloud.png == again.png  # a fixed seed: the same picture
    assert 0 < len(cloud.words) < len(everything.words)
    assert not set(cloud.words) & stop_words()
    image = Image.open(__import__("io").BytesIO(cloud.png))
    assert image.size == (1200, 700)
    assert "<svg" in cloud.svg and max(cloud.words, key=cloud.words.get) in cloud.svg


def test_clouds_from_the_command_line_for_a_code_a_document_and_a_role(tmp_path, capsys):
    demo = str(build_demo(tmp_path / "demo.reis"))
    for extra, name in (
        (["--code", "3.2"], "code.png"),
        (["--document", "Etappe 3 – Feijenoord, sociaal werker Marco"], "document.svg"),
        (["--role", "bewoner"], "rol.png"),
    ):
        out = tmp_path / name
        code = main(["analyse", demo, "words", "--cloud", str(out), *extra])
        assert code == 0, capsys.readouterr().err
        assert out.stat().st_size > 1000
        assert "Woordwolk van" in capsys.readouterr().out
