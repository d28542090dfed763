"""The central panel: one transcript, its highlights and brackets, and coding by key and mouse."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.bus import Change
from reiscoder.ops.changes import Topic
from reiscoder.ops.codings import remove_coding, resize_coding
from reiscoder.ops.memos import set_coding_memo
from reiscoder.privacy.display import map_ranges, pseudonymised_codings, pseudonymised_view
from reiscoder.privacy.names import load_pseudonymiser
from reiscoder.read.coders import coder_names
from reiscoder.read.layers import snap_to_words, unit_at
from reiscoder.read.transcript import (
    CodingView,
    DocumentView,
    coding_order,
    load_codings,
    load_document_view,
    sentence_ranges,
)
from reiscoder.text.name_matching import Pseudonymiser
from reiscoder.text.position_map import PositionMap
from reiscoder.ui.transcript.editor import TranscriptEdit
from reiscoder.ui.transcript.formatting import Formatter
from reiscoder.ui.transcript.margin import CodingMargin
from reiscoder.ui.transcript.title import ElidedLabel
from reiscoder.ui.workbench import Workbench
from reiscoder.ui.workbench_delta import coding_delta

REDRAW_TOPICS = {Topic.CODINGS, Topic.CODES, Topic.MEMOS, Topic.CODERS}
Fetched = tuple[DocumentView | None, PositionMap | None]


class TranscriptPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.view: DocumentView | None = None
        self.codings: list[CodingView] = []
        self.selected_coding: int | None = None
        self.formatter: Formatter | None = None
        # With pseudonyms shown, the view is in shown positions; ``positions`` maps the
        # document's own positions to them, and back for whatever is coded.
        self.positions: PositionMap | None = None
        self._pseudonymiser: Pseudonymiser | None = None
        self.pseudonyms_button = QToolButton()
        self.pseudonyms_button.setText(_("Pseudonyms"))
        self.pseudonyms_button.setCheckable(True)
        self.pseudonyms_button.setToolTip(
            _(
                "Show the transcript with the names of the name list replaced by their "
                "pseudonyms. Coding works as usual and is stored on the original text."
            )
        )
        self.pseudonyms_button.toggled.connect(self.show_pseudonyms)
        self.pseudonyms_button.toggled.connect(workbench.pseudonyms.set_shown)  # one switch
        workbench.pseudonyms.toggled.connect(self.pseudonyms_button.setChecked)
        self.title = ElidedLabel()
        self.title.setObjectName("transcriptTitle")
        self.title.setStyleSheet("#transcriptTitle { font-size: 13pt; font-weight: 600; }")
        self.status = QLabel()
        self.status.setStyleSheet("color: #7b8794;")
        self.coders_button = QToolButton()
        self.coders_button.setText(_("Coders"))
        self.coders_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.coders_button.setMenu(QMenu(self.coders_button))
        self.coders_button.menu().aboutToShow.connect(self._fill_coders_menu)
        self.editor = TranscriptEdit()
        self.editor.source_range = self._source_range
        self.margin = CodingMargin(self.editor)
        # Extra entries for the text's context menu: hook(menu, shown position).
        self.context_hooks: list[Callable[[QMenu, int], None]] = []
        self._layout()
        self._actions = self._make_actions()
        self.addActions(self._actions)
        self.editor.selection_settled.connect(self._report_selection)
        self.editor.cursorPositionChanged.connect(self._report_selection)
        self.editor.contextMenuEvent = self._context_menu  # type: ignore[method-assign]
        self.margin.coding_clicked.connect(self.select_coding)
        self.editor.clicked.connect(self._text_clicked)
        self.editor.resized.connect(self.margin.place)
        workbench.document_requested.connect(self.show_document)
        workbench.change_made.connect(self._on_change)
        workbench.coder_filter_changed.connect(self._reload_codings)
        workbench.project_opened.connect(self.clear)
        workbench.project_closed.connect(self.clear)
        self.clear()
        from reiscoder.ui.media.controller import MediaController

        self.media = MediaController(workbench, self)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 4)
        header.setSpacing(6)
        header.addWidget(self.title, 1)
        header.addSpacing(12)
        header.addWidget(self.status)
        header.addWidget(self.pseudonyms_button)
        header.addWidget(self.coders_button)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.editor, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(header)
        outer.addLayout(body, 1)

    # -- actions -----------------------------------------------------------------------------

    def _make_actions(self) -> list[QAction]:
        specs = [
            (_("Code selection with the selected code"), "Ctrl+Return", self.code_selection),
            (_("Code the sentence under the cursor"), "Z", lambda: self.code_unit("sentence")),
            (_("Code the turn under the cursor"), "B", lambda: self.code_unit("turn")),
            (
                _("Remove the selected coding"),
                QKeySequence.StandardKey.Delete,
                self.remove_selected,
            ),
            (_("Set the coding's extent to the selection"), "Ctrl+E", self.resize_selected),
            (_("Memo on the selected coding…"), "Ctrl+M", self.edit_coding_memo),
        ]
        actions = [self._action(text, key, slot) for text, key, slot in specs]
        for number in range(1, 10):
            actions.append(
                self._action(
                    _("Code with recent code {number}").format(number=number),
                    str(number),
                    lambda n=number: self.code_with_recent(n),
                    in_menu=False,
                )
            )
        return actions

    def _action(self, text: str, key, slot, *, in_menu: bool = True) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setProperty("in_menu", in_menu)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def coding_actions(self) -> list[QAction]:
        """The actions for the Coding menu (the digit keys 1-9 work without being listed)."""
        return [a for a in self._actions if a.property("in_menu")]

    # -- showing a document ------------------------------------------------------------------

    def clear(self) -> None:
        self.view = None
        self.positions = None
        self._pseudonymiser = None
        self.codings = []
        self.selected_coding = None
        self.editor.show_text(-1, "")
        self.editor.document_id = None
        self.margin.set_codings([])
        self.title.setText(_("No document open"))
        self.status.setText(
            _("Choose a document on the left.") if self.workbench.project else _("Open a project.")
        )
        for button in (self.coders_button, self.pseudonyms_button):
            button.setEnabled(self.workbench.project is not None)

    def show_document(self, document_id: int, start: int = -1, end: int = -1) -> None:
        if self.view is None or self.view.id != document_id:
            view, positions = self._fetch(document_id)
            if view is None:
                self.clear()
                return
            self._load(view, positions)
        if 0 <= start < end:
            self.editor.select_range(*self._shown_range(start, end))
            self._report_selection()

    def _fetch(self, document_id: int) -> Fetched:
        """The document as it is shown: with pseudonyms when they are switched on."""
        with self.workbench.reader() as session:
            view = load_document_view(session, document_id)
            if view is None or not self.pseudonyms_button.isChecked():
                return view, None
            if self._pseudonymiser is None:
                self._pseudonymiser = load_pseudonymiser(session)
        return pseudonymised_view(view, self._pseudonymiser)

    def show_pseudonyms(self, shown: bool) -> None:
        """Show names or their pseudonyms; the scroll position stays."""
        if self.pseudonyms_button.isChecked() != shown:
            self.pseudonyms_button.setChecked(shown)  # comes back here through toggled
            return
        self._pseudonymiser = None
        if self.view is not None:
            scrolled = self.editor.verticalScrollBar().value()
            view, positions = self._fetch(self.view.id)
            if view is None:
                self.clear()
                return
            self._load(view, positions)
            self.editor.verticalScrollBar().setValue(scrolled)

    def _shown_range(self, start: int, end: int) -> tuple[int, int]:
        return (start, end) if self.positions is None else self.positions.range(start, end)

    def _source_range(self, start: int, end: int) -> tuple[int, int]:
        """A range of the shown text as a range of the document's own text."""
        return (start, end) if self.positions is None else self.positions.source_range(start, end)

    def _load(self, view: DocumentView, positions: PositionMap | None = None) -> None:
        self.view = view
        self.positions = positions
        self.selected_coding = None
        self.editor.setUpdatesEnabled(False)
        self.editor.show_text(view.id, view.text)
        self.formatter = Formatter(self.editor.document(), view.text, view.turns, self.editor.map)
        self.formatter.format_turns()
        self.codings = self._visible(view.codings)
        self.formatter.paint_codings(self.codings)
        self.editor.setUpdatesEnabled(True)
        self.margin.set_codings(self.codings)
        self.margin.invalidate()
        self.title.setText(view.name)
        self._update_status()

    def _visible(self, codings: list[CodingView]) -> list[CodingView]:
        hidden = self.workbench.hidden_coder_ids
        return [c for c in codings if c.coder_id not in hidden]

    def _update_status(self) -> None:
        if self.view is None:
            return
        count = len(self.codings)
        text = _("{count} codings").format(count=count)
        if self.view.segmenting:
            text += " · " + _("sentences are still being determined")
        if self.pseudonyms_button.isChecked():
            text += " · " + _("pseudonyms shown")
        self.status.setText(text)

    # -- reacting to changes -----------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        """A coding or memo written here: read only those codings again; else reload."""
        delta = coding_delta(change)
        if delta is None or self.view is None:
            self._on_changed(change.topics)
            return
        touched = delta.touched_codings
        if self.view.id not in delta.document_ids and not touched & {c.id for c in self.codings}:
            return  # nothing of this document
        with self.workbench.reader() as session:
            fresh = self._shown_codings(self._visible(load_codings(session, self.view.id, touched)))
        gone = [c for c in self.codings if c.id in touched]
        codings = [c for c in self.codings if c.id not in touched]
        for coding in fresh:
            bisect.insort(codings, coding, key=coding_order)
        self._show_codings(codings, set(gone) ^ set(fresh))

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if self.view is None:
            return
        if Topic.PSEUDONYMS in topics and self.pseudonyms_button.isChecked():
            self._pseudonymiser = None
            topics = topics | {Topic.DOCUMENTS}
        if Topic.DOCUMENTS in topics:
            view, positions = self._fetch(self.view.id)
            if view is None:
                self.clear()
            elif view.text != self.view.text or view.name != self.view.name:
                self._load(view, positions)
            return
        if topics & REDRAW_TOPICS:
            self._reload_codings()

    def _reload_codings(self) -> None:
        """Repaint only the stretch of text whose codings changed."""
        if self.view is None or self.formatter is None:
            return
        with self.workbench.reader() as session:
            new = self._visible(load_codings(session, self.view.id))
        self._show_codings(self._shown_codings(new))

    def _shown_codings(self, codings: list[CodingView]) -> list[CodingView]:
        """Codings in shown positions (with pseudonyms shown, these differ)."""
        if self.positions is not None and self._pseudonymiser is not None:
            return pseudonymised_codings(codings, self.positions, self._pseudonymiser)
        return codings

    def _show_codings(self, new: list[CodingView], changed: set[CodingView] | None = None) -> None:
        """Show ``new`` instead of the codings shown; only the stretch that changed repaints
        (``changed``: those codings, when known)."""
        assert self.formatter is not None
        if changed is None:
            changed = set(self.codings) ^ set(new)
        if self.selected_coding not in {c.id for c in new}:
            self.selected_coding = None
        self.codings = new
        if changed:
            lo = min(c.start for c in changed)
            hi = max(c.end for c in changed)
            self.formatter.paint_codings(self.codings, lo, hi, self.selected_coding)
        self.margin.set_codings(self.codings)
        self.margin.set_selected(self.selected_coding)
        self._update_status()

    def _report_selection(self) -> None:
        selected = self.editor.selection_range()
        if self.view is None or selected is None:
            self.workbench.set_selection(None)
            return
        start, end = snap_to_words(self.view.text, *selected)
        if start < end:
            start, end = self._source_range(start, end)
        self.workbench.set_selection((self.view.id, start, end) if start < end else None)

    # -- coding --------------------------------------------------------------------------------

    def _current_code(self) -> int | None:
        if self.workbench.selected_code_ids:
            return self.workbench.selected_code_ids[0]
        if self.workbench.recent_code_ids:
            return self.workbench.recent_code_ids[0]
        self.workbench.failed.emit(_("Choose a code in the codebook first."))
        return None

    def code_selection(self, code_id: int | None = None) -> int | None:
        code_id = code_id if code_id is not None else self._current_code()
        if code_id is None or self.view is None:
            return None
        self._report_selection()
        if self.workbench.selection is None:
            return self.code_unit("sentence", code_id)
        return self.workbench.code_current_selection(code_id)

    def code_with_recent(self, number: int) -> int | None:
        code_id = self.workbench.recent_code(number)
        return None if code_id is None else self.code_selection(code_id)

    def code_unit(self, unit: str, code_id: int | None = None) -> int | None:
        """Code the whole sentence or turn under the cursor with one key."""
        code_id = code_id if code_id is not None else self._current_code()
        if code_id is None or self.view is None:
            return None
        if unit == "turn":
            units = [(t.content_start, t.end) for t in self.view.turns]
        else:
            with self.workbench.reader() as session:
                units = sentence_ranges(session, self.view.id)
            if self.positions is not None:
                units = map_ranges(units, self.positions)
            if not units:
                self.workbench.failed.emit(_("The sentences of this document are not known yet."))
                return None
        found = unit_at(units, self.editor.cursor_position())
        if found is None:
            return None
        start, end = self._source_range(*snap_to_words(self.view.text, *found))
        return self.workbench.code_selection(self.view.id, code_id, start, end)

    def select_coding(self, coding_id: int | None, *, select_text: bool = True) -> None:
        """Mark a coding (thick bracket, deeper tint) for Delete, Ctrl+E and Ctrl+M; with
        ``select_text`` its text is selected too. None: no coding is marked."""
        coding = next((c for c in self.codings if c.id == coding_id), None)
        if self.formatter is None or (coding is None and coding_id is not None):
            return
        previous = next((c for c in self.codings if c.id == self.selected_coding), None)
        self.selected_coding = coding_id
        for target in filter(None, (previous, coding)):
            self.formatter.paint_codings(self.codings, target.start, target.end, coding_id)
        self.margin.set_selected(coding_id)
        if coding is None:
            return
        if select_text:
            self.editor.select_range(coding.start, coding.end)
        self.workbench.coding_selected.emit(coding.id)

    def _text_clicked(self, position: int) -> None:
        """A click on highlighted text marks its innermost coding; another click there marks
        the next one around it, and so on round. A click elsewhere marks none."""
        here = sorted(
            (c for c in self.codings if c.start <= position < c.end),
            key=lambda c: (c.end - c.start, c.id),
        )
        ids = [c.id for c in here]
        if not ids:
            chosen = None
        elif self.selected_coding in ids:
            chosen = ids[(ids.index(self.selected_coding) + 1) % len(ids)]
        else:
            chosen = ids[0]
        if chosen is not None or self.selected_coding is not None:
            self.select_coding(chosen, select_text=False)

    def remove_selected(self) -> None:
        if self.selected_coding is not None:
            coding_id = self.selected_coding
            self.workbench.execute(lambda s: remove_coding(s, coding_id))

    def resize_selected(self) -> None:
        selection = self.workbench.selection
        if self.selected_coding is None or selection is None:
            return
        coding_id, (_doc, start, end) = self.selected_coding, selection
        self.workbench.execute(lambda s: resize_coding(s, coding_id, start, end))

    def edit_coding_memo(self) -> None:
        coding = next((c for c in self.codings if c.id == self.selected_coding), None)
        if coding is None or self.workbench.coder_id is None:
            return
        text, accepted = QInputDialog.getMultiLineText(
            self, _("Memo on coding"), coding.code_path, coding.memo
        )
        if accepted:
            coder = self.workbench.coder_id
            self.workbench.execute(lambda s: set_coding_memo(s, coding.id, coder, text))

    # -- menus ---------------------------------------------------------------------------------

    def _fill_coders_menu(self) -> None:
        menu = self.coders_button.menu()
        menu.clear()
        if self.workbench.project is None:
            return
        with self.workbench.reader() as session:
            coders = list(coder_names(session).items())
        for coder_id, name in coders:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(coder_id not in self.workbench.hidden_coder_ids)
            action.toggled.connect(
                lambda shown, c=coder_id: self.workbench.set_coder_hidden(c, not shown)
            )

    def _context_menu(self, event: QContextMenuEvent) -> None:
        menu = self.editor.createStandardContextMenu()
        position = self.editor.map.from_qt(self.editor.cursorForPosition(event.pos()).position())
        here = [c for c in self.codings if c.start <= position < c.end]
        if here:
            menu.addSeparator()
            for coding in here:
                sub = menu.addMenu(f"{coding.code_name} ({coding.coder_name})")
                sub.addAction(_("Select"), lambda c=coding.id: self.select_coding(c))
                sub.addAction(
                    _("Remove coding"),
                    lambda c=coding.id: self.workbench.execute(lambda s: remove_coding(s, c)),
                )
        menu.addSeparator()
        for action in self.coding_actions():
            menu.addAction(action)
        for hook in self.context_hooks:
            hook(menu, position)
        menu.exec(event.globalPos())
