"""The choices an export dialog (or the command line) makes, one frozen dataclass per export.

Everything refers to rows by id; the command line turns names into ids first
(:mod:`reiscoder.cli.export`). ``None`` always means "all".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reiscoder.read.memos import MemoKind


class ExportKind(StrEnum):
    CODEBOOK = "codebook"
    FRAGMENTS = "fragments"
    TRANSCRIPT = "transcript"
    MEMOS = "memos"
    CODINGS_XLSX = "codings-xlsx"
    CODINGS_CSV = "codings-csv"
    MATRIX_XLSX = "matrix-xlsx"
    MATRIX_CSV = "matrix-csv"
    ANALYSIS = "analysis"
    GRADING_DOCX = "grading-docx"
    GRADING_XLSX = "grading-xlsx"


@dataclass(frozen=True)
class Selection:
    """Which codings an export covers.

    ``attribute_values`` maps an attribute id (of a document, or of the case of the coded
    speaker) to the values accepted; several attributes must all match.
    """

    code_ids: tuple[int, ...] | None = None
    include_subcodes: bool = True
    coder_ids: frozenset[int] | None = None
    document_ids: frozenset[int] | None = None
    attribute_values: Mapping[int, frozenset[str]] = field(default_factory=dict)

    @property
    def filtered(self) -> bool:
        return (
            self.code_ids is not None
            or self.coder_ids is not None
            or self.document_ids is not None
            or bool(self.attribute_values)
        )


@dataclass(frozen=True)
class CodebookOptions:
    """The codebook; ``root_code_id`` exports only that code and the codes below it.

    Anchor quotes are the codings the researcher picked (``anchor_coding_ids``) or, for a
    code without picked ones, its first ``quotes_per_code`` codings in document order.
    """

    root_code_id: int | None = None
    quotes: bool = True
    counts: bool = True
    quotes_per_code: int = 2
    anchor_coding_ids: frozenset[int] = frozenset()
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)


@dataclass(frozen=True)
class FragmentsOptions:
    """Every selected coding as a quote under its code, with its source."""

    selection: Selection = field(default_factory=Selection)
    attributes: bool = True
    memos: bool = True
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)


@dataclass(frozen=True)
class TranscriptOptions:
    """Documents with their coded passages shaded and each coding as a Word comment.

    ``selection`` chooses which codings are shown (codes, coders); ``document_ids`` which
    documents are printed, each starting on a new page. Coded text is shaded in a light tint
    of its code's colour (as on screen), or with ``full_colour`` in the colour itself.
    """

    document_ids: tuple[int, ...] | None = None
    selection: Selection = field(default_factory=Selection)
    comments: bool = True
    legend: bool = True
    full_colour: bool = False  # shade in the code's own colour instead of its light tint
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)


@dataclass(frozen=True)
class MemosOptions:
    kinds: frozenset[MemoKind] | None = None
    quotes: bool = True  # show the coded text a coding memo belongs to
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)


@dataclass(frozen=True)
class CodingsTableOptions:
    """One row per coding; ``delimiter`` is for CSV (";" for Dutch Excel)."""

    selection: Selection = field(default_factory=Selection)
    delimiter: str = ","
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)


class Measure(StrEnum):
    CODINGS = "codings"
    DOCUMENTS = "documents"


@dataclass(frozen=True)
class MatrixOptions:
    """Codes down, documents (or the values of ``attribute_id``) across.

    ``roll_up`` counts the codings of subcodes in their parent's row as well.
    """

    selection: Selection = field(default_factory=Selection)
    attribute_id: int | None = None
    measure: Measure = Measure.CODINGS
    roll_up: bool = False
    delimiter: str = ","
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)
