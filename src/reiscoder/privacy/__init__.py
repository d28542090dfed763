"""Pseudonymisation (AVG/GDPR): the project's name list and everything that applies it. Free of Qt.

- ``names``: reading the name list (the operations that change it are in ``ops.names``);
- ``suggest``: names suggested from speakers, cases, attributes, ``deduce`` (``deduce_names``),
  spaCy entities and capitalised words (``candidates``) in every text (``fields``), with
  kinds from ``gazetteer``;
- ``uncovered``: the checklist before sharing ("Nog niet gedekt");
- matching is in ``text.name_matching`` (with ``name_forms`` and ``name_text``);
- ``copy``: pseudonymised copies of a project, as a new project file or in memory;
- ``exporting``: exports with pseudonyms read the in-memory copy;
- ``display``: what the panels show with pseudonyms.
"""

from reiscoder.text.name_matching import NameRule, Pseudonymiser, Replacement
from reiscoder.text.position_map import PositionMap

__all__ = ["NameRule", "PositionMap", "Pseudonymiser", "Replacement"]
