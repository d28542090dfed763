"""The work done in segmentation worker processes: pure, picklable, and free of the database
layer, so that a worker starts with nothing but the Dutch pipeline loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentationJob:
    document_id: int
    text: str
    turns: list[tuple[int, int, int]]  # (turn id, content_start, end)


@dataclass(frozen=True)
class SegmentationResult:
    document_id: int
    pipeline: str
    sentences: list[tuple[int, int, int, str]]  # (turn id, start, end, lemmas)


def compute_sentences(job: SegmentationJob) -> SegmentationResult:
    from reiscoder.nlp import pipeline_name, segment_turns  # spaCy only where it is used

    ranges = [(start, end) for _turn, start, end in job.turns if start < end]
    turn_ids = [turn for turn, start, end in job.turns if start < end]
    spans = segment_turns(job.text, ranges)
    return SegmentationResult(
        job.document_id,
        pipeline_name(),
        _assign_turns([(s.start, s.end, s.lemmas) for s in spans], ranges, turn_ids),
    )


def _assign_turns(
    spans: Sequence[tuple[int, int, str]], ranges: list[tuple[int, int]], turn_ids: list[int]
) -> list[tuple[int, int, int, str]]:
    rows, index = [], 0
    for start, end, lemmas in spans:
        while index < len(ranges) - 1 and start >= ranges[index][1]:
            index += 1
        rows.append((turn_ids[index], start, end, lemmas))
    return rows
