"""What the panels show with pseudonyms: read models with their texts pseudonymised.

The transcript view with pseudonyms: the same read model, in pseudonymised positions.

The view shows the pseudonymised text; turns, sentences and codings are moved through the
:class:`PositionMap` so that highlights and brackets sit on the right words. Positions that
leave the view (a selection to code) go back through the same map, so codings are always
stored on the original text.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import replace
from enum import Enum
from typing import Any, TypeVar

from reiscoder.read.transcript import CodingView, DocumentView, TurnView
from reiscoder.text.name_matching import Pseudonymiser
from reiscoder.text.position_map import PositionMap

T = TypeVar("T")


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


def pseudonymised(value: T, pseudonymiser: Pseudonymiser) -> T:
    """A read-layer value (rows, trees, tables) with every text in it pseudonymised.

    Dataclasses, named tuples, lists, tuples, sets and dict values are walked; shared objects
    stay shared (a codebook's ``by_id`` and its tree hold the same nodes). Numbers and ids are
    kept, so a row still names its document and positions still point into the original text.
    Private fields (caches such as a folded name) go back to their defaults.
    """
    return _walk(value, pseudonymiser, {})


def _walk(value: Any, p: Pseudonymiser, memo: dict[int, Any]) -> Any:
    if isinstance(value, str):
        return p.apply(value)
    if value is None or isinstance(value, int | float | bool | Enum):
        return value
    known = memo.get(id(value))
    if known is not None:
        return known
    result: Any
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = copy.copy(value)
        memo[id(value)] = result
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            if field.name.startswith("_"):
                new = field.default if field.default is not dataclasses.MISSING else None
            else:
                new = _walk(current, p, memo)
            object.__setattr__(result, field.name, new)
        return result
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
        named: Any = value
        result = named._replace(**{f: _walk(getattr(named, f), p, memo) for f in named._fields})
    elif isinstance(value, list):
        result = [_walk(item, p, memo) for item in value]
    elif isinstance(value, tuple | frozenset | set):
        result = type(value)(_walk(item, p, memo) for item in value)
    elif isinstance(value, Mapping):
        result = {key: _walk(item, p, memo) for key, item in value.items()}
    else:
        return value
    memo[id(value)] = result
    return result


def pseudonymised_segments(
    segments: T, pseudonymiser: Pseudonymiser, document_text: Callable[[int], str]
) -> T:
    """Coded segments with pseudonyms; each quote is cut from the pseudonymised transcript, so
    that a coding that cuts into a name (``elik, kookt``) shows the whole pseudonym."""
    shown = pseudonymised(segments, pseudonymiser)
    maps: dict[int, tuple[str, PositionMap]] = {}
    rows = []
    for row in shown.rows:  # type: ignore[attr-defined]
        if row.document_id not in maps:
            maps[row.document_id] = pseudonymiser.apply_mapped(document_text(row.document_id))
        text, positions = maps[row.document_id]
        rows.append(replace(row, quote=text[slice(*positions.range(row.start, row.end))]))
    return replace(shown, rows=rows)  # type: ignore[type-var]
