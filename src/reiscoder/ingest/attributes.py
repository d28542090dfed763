"""Document attributes given at import: on the command line or in a CSV per file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Attribute, AttributeTarget
from reiscoder.model.errors import OperationError
from reiscoder.ops.attributes import create_attribute, set_value


def apply_import_attributes(
    session: Session, document_id: int, values: dict[str, str]
) -> list[str]:
    """Set attribute values on a new document; unknown attributes are created as text.

    A value that does not fit its attribute (a date that is no date) becomes a warning, not a
    failed import.
    """
    warnings = []
    for name, value in values.items():
        attribute_id = session.scalar(
            select(Attribute.id).where(
                Attribute.name == name, Attribute.target == AttributeTarget.DOCUMENT
            )
        )
        if attribute_id is None:
            attribute_id = create_attribute(session, name).created_id
            assert attribute_id is not None
        try:
            set_value(session, attribute_id, value, document_id=document_id)
        except OperationError as error:
            warnings.append(error.message)
    return warnings


def parse_assignment(text: str) -> tuple[str, str]:
    """``Naam=waarde`` from the command line."""
    name, separator, value = text.partition("=")
    if not separator or not name.strip():
        raise OperationError(
            _("Give attributes as name=value, e.g. Wijk=Afrikaanderwijk (not “{text}”).").format(
                text=text
            )
        )
    return name.strip(), value.strip()


def read_attribute_table(path: Path) -> dict[str, dict[str, str]]:
    """A CSV with a header row: the file name in the first column, one attribute per column.

    Semicolons (Dutch Excel) and commas are both understood.
    """
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise OperationError(
            _("The attribute table {name} cannot be read: {reason}").format(
                name=path.name, reason=error
            )
        ) from error
    dialect = csv.Sniffer().sniff(content[:4096], delimiters=";,\t")
    rows = list(csv.reader(io.StringIO(content), dialect))
    if not rows or len(rows[0]) < 2:
        raise OperationError(
            _("The attribute table needs a header row: file name, then one column per attribute.")
        )
    header = [cell.strip() for cell in rows[0]]
    table = {}
    for row in rows[1:]:
        if row and row[0].strip():
            cells = dict(zip(header[1:], (cell.strip() for cell in row[1:]), strict=False))
            table[row[0].strip()] = {k: v for k, v in cells.items() if v}
    return table
