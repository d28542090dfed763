"""Agreement tables in Word, shared by the analysis report and the grading report.

Column widths are chosen so that no header word is broken: every number column is at least
as wide as the longest word of its header (measured generously for Calibri 9.5 pt bold), and
the first column takes what is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.shared import Cm

from reiscoder.analysis import wording
from reiscoder.analysis.agreement import AgreementResult, CodeAgreement
from reiscoder.analysis.statistics import Stats
from reiscoder.i18n import _
from reiscoder.reports.docx_base import add_paragraph
from reiscoder.reports.docx_tables import data_table

TEXT_WIDTH_CM = 16.0
CHAR_CM = 0.215  # one character of a 9.5 pt bold header, a little wide to be safe
PADDING_CM = 0.45  # cell margins


@dataclass(frozen=True)
class StatsRow:
    label: str
    units: float  # the units (not judgements) the figures rest on
    stats: Stats


def code_labels(codes: list[CodeAgreement]) -> list[str]:
    """Each code's own name (the tables list codes in tree order); its path where two
    compared codes share a name."""
    names = [entry.code.name for entry in codes]
    return [
        entry.code.path if names.count(entry.code.name) > 1 else entry.code.name for entry in codes
    ]


def code_rows(result: AgreementResult, pooled: str) -> list[StatsRow]:
    """One row per code and the pooled row, all resting on the result's units."""
    rows = [
        StatsRow(label, result.units_counted, entry.stats)
        for label, entry in zip(code_labels(result.codes), result.codes, strict=True)
    ]
    rows.append(StatsRow(pooled, result.units_counted, result.overall))
    return rows


def safe_widths(header: list[str], rows: list[list[str]], first_min_cm: float = 4.0) -> list[int]:
    """Widths (EMU) in which no word of a header or cell is broken (cells wrap at spaces
    only; a no-break space keeps an interval together)."""
    widths = []
    for column in range(1, len(header)):
        words = header[column].split(" ") + [w for row in rows for w in row[column].split(" ")]
        longest = max((len(word) for word in words), default=1)
        widths.append(longest * CHAR_CM + PADDING_CM)
    first = max(first_min_cm, TEXT_WIDTH_CM - sum(widths))
    scale = min(1.0, (TEXT_WIDTH_CM - first) / max(sum(widths), 0.01))
    return [Cm(first), *(Cm(w * scale) for w in widths)]


def table(document: Document, header: list[str], rows: list[list[str]]) -> None:
    data_table(document, header, rows, safe_widths(header, rows), numeric_from=1)


def stats_header(first: str, coders: int, interval: bool) -> list[str]:
    """Short headers (a legend under the table says what they mean), so no word breaks."""
    header = [first, "N", "%", "κ", "α"]
    if coders > 2:
        header[3:4] = ["κ Fleiss", "κ BP"]
    if interval:
        header.append(_("α 95%"))
    return header


def legend(coders: int, interval: bool, unit: str) -> str:
    """What the short headers of :func:`stats_header` stand for."""
    parts = [
        _("N: {unit} counted").format(unit=unit),
        _("%: agreement"),
        _("κ Fleiss: Fleiss' kappa; κ BP: Brennan and Prediger's kappa")
        if coders > 2
        else _("κ: Cohen's kappa"),
        _("α: Krippendorff's alpha"),
    ]
    if interval:
        parts.append(_("α 95%: its bootstrap interval"))
    return "; ".join(parts) + "."


def stats_cells(row: StatsRow, coders: int, interval: bool) -> list[str]:
    stats = row.stats
    cells = [row.label, wording.thousands(int(round(row.units))), wording.share(stats.percent)]
    if coders > 2:
        cells += [wording.figure(stats.fleiss), wording.figure(stats.brennan_prediger)]
    else:
        cells.append(wording.figure(stats.kappa))
    cells.append(wording.figure(stats.alpha))
    if interval:
        cells.append(wording.interval(stats))
    return cells


def stats_table(
    document: Document,
    first: str,
    rows: list[StatsRow],
    coders: int,
    interval: bool,
    unit: str,
) -> None:
    header = stats_header(first, coders, interval)
    table(document, header, [stats_cells(row, coders, interval) for row in rows])
    note(document, legend(coders, interval, unit))


def note(document: Document, text: str) -> None:
    add_paragraph(document, text, style="Source")


def interpretation(document: Document) -> None:
    for line in wording.interpretation():
        add_paragraph(document, line, style="List Bullet")
