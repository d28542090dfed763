"""The transcript view with pseudonyms: the same read model, in pseudonymised positions.

The view shows the pseudonymised text; turns, sentences and codings are moved through the
:class:`PositionMap` so that highlights and brackets sit on the right words. Positions that
leave the view (a selection to code) go back through the same map, so codings are always
stored on the original text.
"""

from __future__ import annotations

from dataclasses import replace

from reiscoder.read.transcript import CodingView, DocumentView, TurnView
from reiscoder.text.name_matching import Pseudonymiser
from reiscoder.text.position_map import PositionMap


def pseudonymised_view(
    view: DocumentView, pseudonymiser: Pseudonymiser
) -> tuple[DocumentView, PositionMap]:
    """``view`` as shown with pseudonyms, and the map from its positions to the shown ones."""
    text, positions = pseudonymiser.apply_mapped(view.text)
    shown = replace(
        view,
        name=pseudonymiser.apply(view.name),
        text=text,
        turns=[_turn(turn, positions, pseudonymiser) for turn in view.turns],
        sentences=map_ranges(view.sentences, positions),
        codings=pseudonymised_codings(view.codings, positions, pseudonymiser),
    )
    return shown, positions


def pseudonymised_codings(
    codings: list[CodingView], positions: PositionMap, pseudonymiser: Pseudonymiser
) -> list[CodingView]:
    shown = []
    for coding in codings:
        start, end = positions.range(coding.start, coding.end)
        shown.append(
            coding._replace(
                start=start,
                end=end,
                code_name=pseudonymiser.apply(coding.code_name),
                code_path=pseudonymiser.apply(coding.code_path),
                coder_name=pseudonymiser.apply(coding.coder_name),
                memo=pseudonymiser.apply(coding.memo),
            )
        )
    return shown


def map_ranges(ranges: list[tuple[int, int]], positions: PositionMap) -> list[tuple[int, int]]:
    return [positions.range(start, end) for start, end in ranges]


def _turn(turn: TurnView, positions: PositionMap, pseudonymiser: Pseudonymiser) -> TurnView:
    return turn._replace(
        start=positions.start(turn.start),
        content_start=positions.start(turn.content_start),
        end=positions.end(turn.end),
        speaker=pseudonymiser.apply(turn.speaker) if turn.speaker else turn.speaker,
    )
