"""Analysis tables to .xlsx, through the spreadsheet writer of the reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reiscoder.reports.common import Ticker, never_cancelled, no_progress, write_atomically
from reiscoder.reports.spreadsheets import Sheet, write_xlsx


def write_table_xlsx(
    path: Path,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    wide: Sequence[int] = (0,),
) -> None:
    """One sheet with a bold header row; numbers stay numbers, text stays text."""
    sheet = Sheet(title, list(header), [list(row) for row in rows], set(wide))
    ticker = Ticker(len(sheet.rows) + 1, no_progress, never_cancelled)
    write_atomically(Path(path), lambda target: write_xlsx(target, [sheet], ticker))
