"""Universal Dependencies treebanks (CoNLL-U) as running Dutch text with known sentences and
lemmas, and the two measures of issue 18: sentence boundaries after punctuation inside
paragraphs, and lemma accuracy per word.

Used by ``bench/dutch.py`` (on the development split in ``../shared/nlp/ud-dutch-dev/``) and
by the tests (on a small sample vendored in ``tests/data/ud-dutch/``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEV_DIR = Path(__file__).resolve().parents[2] / "shared" / "nlp" / "ud-dutch-dev"
DEV_FILES = ("nl_alpino-ud-dev.conllu", "nl_lassysmall-ud-dev.conllu")
# Left out of the lemma measure: punctuation, numbers and proper names.
UNSCORED_POS = frozenset({"PUNCT", "NUM", "PROPN"})
_SENT_ID = re.compile(r"^(?P<doc>.*)\.p\.(?P<par>\d+)\.s\.(?P<sent>\d+)$")


@dataclass(frozen=True)
class Word:
    form: str
    lemma: str
    pos: str
    space_after: bool


@dataclass
class Sentence:
    sent_id: str
    text: str
    words: list[Word]
    lines: list[str] = field(default_factory=list)  # the CoNLL-U block, for writing back

    @property
    def paragraph(self) -> str:
        match = _SENT_ID.match(self.sent_id.replace("\\", "/"))
        return f"{match['doc']}.p.{match['par']}" if match else self.sent_id

    @property
    def document(self) -> str:
        match = _SENT_ID.match(self.sent_id.replace("\\", "/"))
        return match["doc"] if match else self.sent_id


@dataclass
class Paragraph:
    """Consecutive sentences of one paragraph joined by a space into running text."""

    text: str
    sentences: list[tuple[int, int]]  # half-open character ranges of the gold sentences
    document: str


def read_conllu(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    block: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            block.append(line)
        elif block:
            sentences.append(_sentence(block))
            block = []
    if block:
        sentences.append(_sentence(block))
    return sentences


def _sentence(lines: list[str]) -> Sentence:
    meta = dict(
        line[2:].split(" = ", 1) for line in lines if line.startswith("# ") and " = " in line
    )
    words = []
    for line in lines:
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if "-" in columns[0] or "." in columns[0]:
            continue  # multiword token ranges and empty nodes
        space_after = "SpaceAfter=No" not in columns[9]
        words.append(Word(columns[1], columns[2], columns[3], space_after))
    return Sentence(meta.get("sent_id", ""), meta.get("text", ""), words, lines)


def dev_sentences(directory: Path = DEV_DIR) -> list[Sentence]:
    return [s for name in DEV_FILES for s in read_conllu(directory / name)]


def paragraphs(sentences: Iterable[Sentence]) -> list[Paragraph]:
    result: list[Paragraph] = []
    current: list[Sentence] = []
    for sentence in sentences:
        if current and sentence.paragraph != current[-1].paragraph:
            result.append(_join(current))
            current = []
        current.append(sentence)
    if current:
        result.append(_join(current))
    return result


def _join(sentences: list[Sentence]) -> Paragraph:
    parts, ranges, position = [], [], 0
    for sentence in sentences:
        if parts:
            parts.append(" ")
            position += 1
        parts.append(sentence.text)
        ranges.append((position, position + len(sentence.text)))
        position += len(sentence.text)
    return Paragraph("".join(parts), ranges, sentences[0].document)


def held_out(document: str, share: float = 0.3) -> bool:
    """A fixed share of documents, chosen by a hash of their name, kept out of tuning."""
    return zlib.crc32(document.encode("utf-8")) % 1000 < share * 1000


# -- sentence boundaries -------------------------------------------------------------------


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, other: Counts) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def after_punctuation(text: str, start: int) -> bool:
    """Whether the last non-blank character before ``start`` is punctuation."""
    before = text[:start].rstrip()
    return bool(before) and not before[-1].isalnum()


def boundaries(text: str, starts: Iterable[int]) -> set[int]:
    """Sentence starts inside ``text`` (not its first) that follow punctuation."""
    result = set()
    for start in starts:
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text) and after_punctuation(text, start):
            result.add(start)
    return result


def score_boundaries(paragraph: Paragraph, predicted_starts: Iterable[int]) -> Counts:
    gold = boundaries(paragraph.text, (start for start, _ in paragraph.sentences))
    found = boundaries(paragraph.text, predicted_starts)
    return Counts(len(gold & found), len(found - gold), len(gold - found))


def sentence_errors(
    paragraph: Paragraph, predicted_starts: Iterable[int], context: int = 30
) -> Iterator[str]:
    """Missed (-) and invented (+) boundaries, with a little text around them."""
    gold = boundaries(paragraph.text, (start for start, _ in paragraph.sentences))
    found = boundaries(paragraph.text, predicted_starts)
    text = paragraph.text
    for sign, positions in (("-", gold - found), ("+", found - gold)):
        for position in sorted(positions):
            before = text[max(0, position - context) : position]
            yield f"{sign} {before}|{text[position : position + context]}"


# -- lemmas --------------------------------------------------------------------------------


def normalise_lemma(lemma: str) -> str:
    """How lemmas are compared: lower case, without the compound joints of Lassy."""
    return lemma.lower().replace("_", "")


def scored_words(sentences: Iterable[Sentence]) -> Iterator[Word]:
    for sentence in sentences:
        for word in sentence.words:
            if word.pos not in UNSCORED_POS:
                yield word


def lemma_accuracy(words: list[Word], lemma_of: Callable[[str], str]) -> float:
    right = sum(normalise_lemma(lemma_of(w.form)) == normalise_lemma(w.lemma) for w in words)
    return right / len(words) if words else 0.0
