"""Cells of a spreadsheet export that a spreadsheet program will not run as a formula.

A text that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is read by
Excel, LibreOffice and Google Sheets as a formula when the CSV file is opened, so a code name,
memo, quote, attribute value or document name such as ``=HYPERLINK(...)`` could run. Following
OWASP's guidance on CSV injection, every such text gets a single quote in front: ``'=...``.
The same is done in .xlsx files, whose text cells are moreover always written as text, so
that the two exports of one table agree. Numbers, dates and empty cells are written as they
are (a negative number stays a number); only text is escaped. :func:`unescape_cell` undoes it
for our own CSV files read back in.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def safe_cell(value: object) -> object:
    """``value``, with a single quote in front when it is a text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def safe_text(text: str) -> str:
    return ESCAPE + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    """The text :func:`safe_cell` was given (for a CSV file of ours read back in)."""
    if text.startswith(ESCAPE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
