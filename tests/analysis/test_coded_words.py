"""Words are counted once: no word for a blank line, none twice where codings overlap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.model import Coding, Document, SegmentationState
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from tests.factories import code_id, new_project


def add_document(session, name, text):
    """A plain document (no turns needed to code it)."""
    row = Document(
        name=name,
        text=text,
        text_length=len(text),
        word_count=len(text.split()),
        segmentation=SegmentationState.READY,
    )
    session.add(row)
    session.flush()
    return row.id


TEXT = "Interviewer: Hoe gaat het?\n\nFatima: Goed.\n\n\n\nWe   koken samen\top vrijdag.\n"


def _union_words(text, ranges):
    """Plainly: the ids of the words (runs of non-space) any range touches."""
    words, start = [], None
    for i, ch in enumerate(text + " "):
        if not ch.isspace() and start is None:
            start = i
        elif ch.isspace() and start is not None:
            words.append((start, i))
            start = None
    return {k for k, (a, b) in enumerate(words) for s, e in ranges if a < e and b > s}


def test_blank_lines_are_no_words_and_overlaps_count_once(tmp_path):
    path = tmp_path / "w.reis"
    with new_project(path) as project, project.transaction() as s:
        document = add_document(s, "Gesprek", TEXT)
        anna, bram = coder_id_for(s, "Anna"), coder_id_for(s, "Bram")
        thuis, kleine = code_id(s, "1.1"), code_id(s, "1.2")
        goed = TEXT.index("Goed.")
        end = TEXT.index("We") + 2
        apply_coding(s, document, thuis, anna, goed, end)  # "Goed." + 4 newlines + "We"
        apply_coding(s, document, thuis, bram, goed, end)  # the same again, by Bram
        apply_coding(s, document, kleine, anna, TEXT.index("koken"), TEXT.index("vrijdag"))
    with Project.open(path, read_only=True) as project, project.reader() as s:
        table = code_frequencies(s)
        row = table.row(code_id(s, "1.1"))
        assert row.own.words == 2  # "Goed." and "We": the blank lines are no words
        assert row.own_by_coder[coder_id_for(s, "Anna")].words == 2
        parent = table.row(code_id(s, "1 "))
        assert parent.subtree.words == 2 + 3  # with "koken samen op" of 1.2
        assert table.total.words == 5


@settings(deadline=None, max_examples=40)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30), st.booleans()), max_size=8))
def test_words_equal_a_plain_union(tmp_path_factory, spans):
    path = tmp_path_factory.mktemp("w") / "w.reis"
    body = "Interviewer: Eh.\n\nAnna: de  buurt\n\nis\tfijn en ja ... echt waar, zeker weten.\n"
    with new_project(path) as project, project.transaction() as s:
        document = add_document(s, "G", body)
        anna = coder_id_for(s, "Anna")
        codes = [code_id(s, "1.1"), code_id(s, "1.2")]
        for start, length, second in spans:
            end = min(len(body), start + length)
            if body[start:end].strip() and not s.scalar(
                select(Coding.id).where(
                    Coding.start == start, Coding.end == end, Coding.code_id == codes[second]
                )
            ):
                apply_coding(s, document, codes[second], anna, start, end)
    with Project.open(path, read_only=True) as project, project.reader() as s:
        text = s.scalar(select(Document.text))
        rows = s.execute(select(Coding.code_id, Coding.start, Coding.end)).all()
        table = code_frequencies(s)
        for code in codes:
            ranges = [(a, b) for c, a, b in rows if c == code]
            assert table.row(code).own.words == len(_union_words(text, ranges))
        assert table.total.words == len(_union_words(text, [(a, b) for _c, a, b in rows]))
