"""Boundary precision, recall and F1 of the segmenter on the hand-written gold set."""

from __future__ import annotations

from reiscoder.nlp import segment_turns

from .gold import GoldText, gold_files, read_gold

MIN_F1 = 0.97


def _internal_starts(sentences: list[tuple[int, int]], gold: GoldText) -> set[int]:
    """Sentence starts that are not given by the input: not a turn start or after a break."""
    turn_starts = {start for start, _ in gold.turns}
    return {start for start, _ in sentences} - turn_starts - gold.line_starts


def _context(text: str, position: int) -> str:
    return f"{text[max(0, position - 40) : position]}⟦|⟧{text[position : position + 30]}"


def test_gold_boundaries(capsys) -> None:
    true_positives = predicted_total = gold_total = sentences_total = 0
    errors: list[str] = []
    for path in gold_files():
        gold = read_gold(path)
        spans = segment_turns(gold.text, gold.turns)
        predicted = _internal_starts([(s.start, s.end) for s in spans], gold)
        expected = _internal_starts(gold.sentences, gold)
        true_positives += len(predicted & expected)
        predicted_total += len(predicted)
        gold_total += len(expected)
        sentences_total += len(gold.sentences)
        errors += [f"missed   {path.name}: {_context(gold.text, p)}" for p in expected - predicted]
        errors += [f"spurious {path.name}: {_context(gold.text, p)}" for p in predicted - expected]
    precision = true_positives / predicted_total
    recall = true_positives / gold_total
    f1 = 2 * precision * recall / (precision + recall)
    with capsys.disabled():
        print(
            f"\ngold set: {sentences_total} sentences, {gold_total} boundaries to find; "
            f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}"
        )
        for error in sorted(errors):
            print("  " + error)
    assert sentences_total >= 150
    assert f1 >= MIN_F1


def test_gold_sentence_extents() -> None:
    """Where the boundaries agree, the trimmed sentence ranges agree too."""
    for path in gold_files():
        gold = read_gold(path)
        spans = {(s.start, s.end) for s in segment_turns(gold.text, gold.turns)}
        for start, end in gold.sentences:
            starts_here = [span for span in spans if span[0] == start]
            if starts_here and starts_here[0][1] == end:
                continue
            ends_here = [span for span in spans if span[1] == end]
            assert not (starts_here and ends_here and starts_here[0] == ends_here[0]), path
