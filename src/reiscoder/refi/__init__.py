"""Exchange projects with other QDA programs through the REFI-QDA standard. Free of Qt.

Export (``export.py``, ``export_xml.py``): :func:`export_codebook` writes a ``.qdc``,
:func:`export_project` a ``.qdpx`` with ``project.qde``, one UTF-8 text per document and
``reiscoder-extensions.json`` (``extras.py``) for what the standard has no place for.

Import (``import_.py``): :func:`import_qdpx` brings in a ``.qdpx``, a bare ``.qde`` or a
``.qdc``; :func:`import_qdc` only the code tree; :func:`import_as_new_project` makes a new
project from a file. Reading is tolerant of real tools' variants (``foreign.py``,
``sources.py``), positions are converted per source (``positions.py``), hostile files are
refused before anything changes (``safety.py``), and the ``store_*`` modules write in one
transaction. Every call returns a report (``report.py``) with translated lines: counts, what
was converted, and what could not be brought along and why.

``cli.py`` adds ``reiscoder import-refi`` and ``reiscoder export-refi``.
"""

from reiscoder.refi.context import ImportCancelled
from reiscoder.refi.export import (
    ExportOptions,
    export_codebook,
    export_project,
    position_choices,
    target_tools,
)
from reiscoder.refi.import_ import (
    ImportOptions,
    import_as_new_project,
    import_qdc,
    import_qdpx,
)
from reiscoder.refi.positions import PositionConvention
from reiscoder.refi.report import ExchangeReport, ExportReport, ImportReport
from reiscoder.refi.safety import Limits, RefiRefused

__all__ = [
    "ExchangeReport",
    "ExportOptions",
    "ExportReport",
    "ImportCancelled",
    "ImportOptions",
    "ImportReport",
    "Limits",
    "PositionConvention",
    "RefiRefused",
    "export_codebook",
    "export_project",
    "import_as_new_project",
    "import_qdc",
    "import_qdpx",
    "position_choices",
    "target_tools",
]
