"""One switch for pseudonyms in every panel: View > Show pseudonyms.

Panels ask the switch for what to show: :meth:`PseudonymSwitch.shown_value` pseudonymises a
read-layer value (a codebook, a document table, memo or segment rows) when the switch is on,
and :meth:`PseudonymSwitch.reader` gives the analysis window a session on an in-memory
pseudonymised copy of the project (kept until the project changes), so that its tables,
charts and exports hold pseudonyms only. Everything that is stored still goes to the project
itself: coding works as usual, and editors of text (memos) are read-only while pseudonyms
are shown, so that no pseudonym is saved over an original.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from reiscoder.ops.changes import Topic
from reiscoder.privacy.display import pseudonymised
from reiscoder.privacy.names import load_pseudonymiser
from reiscoder.text.name_matching import Pseudonymiser

if TYPE_CHECKING:
    from reiscoder.ui.workbench import Workbench

T = TypeVar("T")


class PseudonymSwitch(QObject):
    toggled = Signal(bool)  # also emitted (True) when the name list changes while shown

    def __init__(self, workbench: Workbench) -> None:
        super().__init__(workbench)
        self.workbench = workbench
        self.shown = False
        self._pseudonymiser: Pseudonymiser | None = None
        self._copy: Engine | None = None
        workbench.changed.connect(self._changed)
        workbench.project_closed.connect(self._closed)

    def set_shown(self, shown: bool) -> None:
        if shown == self.shown:
            return
        self.shown = shown
        self._forget()
        self.toggled.emit(shown)

    def pseudonymiser(self) -> Pseudonymiser | None:
        """The project's pseudonymiser while pseudonyms are shown, else None."""
        if not self.shown or self.workbench.project is None:
            return None
        if self._pseudonymiser is None:
            with self.workbench.reader() as session:
                self._pseudonymiser = load_pseudonymiser(session)
        return self._pseudonymiser

    def shown_value(self, value: T) -> T:
        """``value`` as the panels show it: with pseudonyms when the switch is on."""
        pseudonymiser = self.pseudonymiser()
        return value if pseudonymiser is None else pseudonymised(value, pseudonymiser)

    def text(self, text: str) -> str:
        pseudonymiser = self.pseudonymiser()
        return text if pseudonymiser is None or not text else pseudonymiser.apply(text)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session to read what is shown: the project, or its pseudonymised copy."""
        if not self.shown:
            with self.workbench.reader() as session:
                yield session
            return
        if self._copy is None:
            from reiscoder.privacy.copy import pseudonymised_engine

            assert self.workbench.project is not None
            self._copy, self._pseudonymiser = pseudonymised_engine(self.workbench.project)
        with Session(self._copy) as session:
            yield session

    def _changed(self, topics: frozenset[Topic]) -> None:
        if not self.shown:
            return
        self._forget()
        if Topic.PSEUDONYMS in topics:
            self.toggled.emit(True)  # the list changed: panels show the new pseudonyms

    def _closed(self) -> None:
        self._forget()

    def _forget(self) -> None:
        self._pseudonymiser = None
        if self._copy is not None:
            self._copy.dispose()
            self._copy = None
