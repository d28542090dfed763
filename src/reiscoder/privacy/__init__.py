"""Pseudonymisation (AVG/GDPR): the project's name list and everything that applies it. Free of Qt.

- ``names``: the name list (original -> pseudonym, kind, confirmed, rejected), reading it and
  the undoable operations that change it;
- ``suggest``: names suggested from the transcripts, speakers, cases and attributes;
- ``matching``: the :class:`Pseudonymiser`, which finds names in any text (several words,
  inflected forms, longest first) and replaces them, with a :class:`PositionMap`
  (``positions``) from original positions to pseudonymised ones and back;
- ``copy``: pseudonymised copies of a project, as a new project file or in memory;
- ``exporting``: exports with pseudonyms read the in-memory copy;
- ``display``: the transcript view with pseudonyms;
- ``cli``: ``reiscoder pseudonymise PROJECT COPY``.
"""

from reiscoder.text.name_matching import NameRule, Pseudonymiser, Replacement
from reiscoder.text.position_map import PositionMap

__all__ = ["NameRule", "PositionMap", "Pseudonymiser", "Replacement"]
