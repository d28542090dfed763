"""Which options each export kind offers in the dialog, and how they become an options object."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from reiscoder.i18n import N_
from reiscoder.reports.exports import Options, default_options
from reiscoder.reports.options import ExportKind, Measure, Selection

# (field of the options dataclass, label) per kind; booleans become check boxes.
TOGGLES: dict[ExportKind, list[tuple[str, str]]] = {
    ExportKind.CODEBOOK: [("quotes", N_("With anchor quotes")), ("counts", N_("With counts"))],
    ExportKind.FRAGMENTS: [
        ("attributes", N_("With document attributes")),
        ("memos", N_("With coding memos")),
    ],
    ExportKind.TRANSCRIPT: [
        ("comments", N_("Each coding as a Word comment")),
        ("legend", N_("With a colour legend")),
        ("full_colour", N_("Shade in the full code colour")),
    ],
    ExportKind.MEMOS: [("quotes", N_("Show the coded text of coding memos"))],
    ExportKind.MATRIX_XLSX: [("roll_up", N_("Count subcodes in their parent code"))],
    ExportKind.ANALYSIS: [
        ("charts", N_("With charts")),
        ("agreement", N_("With agreement between the coders")),
        ("networks", N_("With the networks of codes")),
    ],
    ExportKind.MATRIX_CSV: [("roll_up", N_("Count subcodes in their parent code"))],
}
SEMICOLON_KINDS = {ExportKind.CODINGS_CSV, ExportKind.MATRIX_CSV}
MATRIX_KINDS = {ExportKind.MATRIX_XLSX, ExportKind.MATRIX_CSV}


@dataclass(frozen=True)
class Scope:
    """What the user limited the export to in the dialog."""

    code_ids: tuple[int, ...] | None = None
    document_ids: tuple[int, ...] | None = None
    coder_ids: frozenset[int] | None = None


def build_options(
    kind: ExportKind,
    scope: Scope,
    toggles: dict[str, bool],
    *,
    semicolon: bool = False,
    attribute_id: int | None = None,
    count_documents: bool = False,
) -> Options:
    options = default_options(kind)
    names = {f.name for f in fields(options)}
    values: dict[str, object] = {k: v for k, v in toggles.items() if k in names}
    if "selection" in names:
        documents = None if scope.document_ids is None else frozenset(scope.document_ids)
        values["selection"] = Selection(
            code_ids=scope.code_ids, coder_ids=scope.coder_ids, document_ids=documents
        )
    if kind is ExportKind.TRANSCRIPT:
        values["document_ids"] = scope.document_ids
    if kind is ExportKind.CODEBOOK and scope.code_ids:
        values["root_code_id"] = scope.code_ids[0]
    if kind in SEMICOLON_KINDS:
        values["delimiter"] = ";" if semicolon else ","
    if kind in MATRIX_KINDS:
        values["attribute_id"] = attribute_id
        values["measure"] = Measure.DOCUMENTS if count_documents else Measure.CODINGS
    return replace(options, **values)
