"""The Coded segments panel: every fragment coded with the codes chosen in the codebook.

Loaded with one query into a table model; filters (coder, attributes) and sorting work on
the loaded rows. Double-click or Enter shows a fragment in the transcript. The panel reloads
when codings, codes, memos, documents or attributes change, but only while it is visible.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.bulk import remove_codings
from reiscoder.ops.bus import Change
from reiscoder.ops.changes import Topic
from reiscoder.ops.memos import set_coding_memo
from reiscoder.privacy.display import pseudonymised_segments
from reiscoder.read.codes import PATH_SEPARATOR, code_paths, have_subcodes
from reiscoder.read.segments import (
    SegmentRow,
    SegmentSet,
    document_count,
    filter_segments,
    load_segment_rows,
    load_segments,
    segment_order,
)
from reiscoder.read.transcript import document_text
from reiscoder.ui.lists import segment_columns as columns
from reiscoder.ui.lists.dialogs import MemoTextDialog
from reiscoder.ui.lists.segment_filters import SegmentFilters
from reiscoder.ui.lists.table import (
    RowTableModel,
    make_table,
    restore_state,
    save_state,
    selected_ids,
)
from reiscoder.ui.lists.widgets import ListOrHint, muted, swatch
from reiscoder.ui.lists.wrapping import (
    WrappedTextDelegate,
    fit_row_heights,
    fit_some_rows,
    one_paragraph,
)
from reiscoder.ui.media.passages import play_button
from reiscoder.ui.workbench import Workbench
from reiscoder.ui.workbench_delta import CodingDelta, coding_delta

RELOAD_TOPICS = {
    Topic.CODINGS,
    Topic.CODES,
    Topic.MEMOS,
    Topic.DOCUMENTS,
    Topic.ATTRIBUTES,
    Topic.SPEAKERS,
    Topic.CASES,
    Topic.CODERS,
}
MAX_LINES = 4  # a row grows to at most this many lines of quote


class SegmentsPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.code_ids: list[int] = []
        self.segments = SegmentSet()
        self.memo_dialog: MemoTextDialog | None = None
        self._dirty = False
        self.title = QLabel()
        self.count = muted(QLabel())
        self.subcodes = QCheckBox(_("Include subcodes"))
        self.subcodes.setToolTip(_("Also list the fragments of the codes below the chosen ones"))
        self.filters = SegmentFilters(
            lambda: self.segments, lambda: workbench.hidden_coder_ids, self._document_groups
        )
        self.model: RowTableModel[SegmentRow] = RowTableModel(
            columns.segment_columns(swatch), lambda row: row.coding_id
        )
        self.table = make_table(self.model)
        self.body = ListOrHint(self.table)
        self._reload_timer = _single_shot(self, 0, self.reload)
        self._fit_timer = _single_shot(self, 60, self._fit_rows)
        self._setup_table()
        self._layout()
        self._make_actions()
        self._connect()
        self._show_hint()
        if workbench.project is not None:
            self._project_opened()

    # -- building --------------------------------------------------------------------------

    def _setup_table(self) -> None:
        self.table.setItemDelegate(WrappedTextDelegate(self.table))
        header = self.table.horizontalHeader()
        for column, width in columns.WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(columns.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._column_resized)
        self.table.sortByColumn(columns.DOCUMENT, Qt.SortOrder.AscendingOrder)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 2)
        bar.setSpacing(10)
        bar.addWidget(self.title)
        bar.addWidget(self.count, 1)
        self.play_button = play_button(self.workbench, self.current_passage, self)
        bar.addWidget(self.play_button)
        bar.addWidget(self.subcodes)
        for widget in self.filters.widgets():
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.body, 1)

    def _make_actions(self) -> None:
        self.open_action = self._action(_("Show in transcript"), None, self.open_current)
        self.memo_action = self._action(_("Memo on fragment…"), QKeySequence("F2"), self.edit_memo)
        self.copy_action = self._action(
            _("Copy fragments"), QKeySequence.StandardKey.Copy, self.copy
        )
        self.remove_action = self._action(
            _("Remove coding"), QKeySequence.StandardKey.Delete, self.remove_selected
        )

    def _action(self, text: str, key: object, slot: object) -> QAction:
        action = QAction(text, self.table)
        if key is not None:
            action.setShortcut(key)  # type: ignore[arg-type]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.table.addAction(action)
        return action

    def _connect(self) -> None:
        bench = self.workbench
        bench.codes_selected.connect(self.show_codes)
        bench.change_made.connect(self._on_change)
        bench.coder_filter_changed.connect(self._apply_filter)
        bench.pseudonyms.toggled.connect(lambda _shown: self.reload())
        bench.project_opened.connect(self._project_opened)
        bench.project_closed.connect(self._project_closed)
        self.subcodes.toggled.connect(lambda _on: self.reload())
        self.filters.changed.connect(self._apply_filter)
        self.table.activated.connect(self._open)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())

    # -- loading ---------------------------------------------------------------------------

    def _document_groups(self):
        from reiscoder.read.groups import load_groups

        if self.workbench.project is None:
            return []
        with self.workbench.reader() as session:
            return load_groups(session)

    def show_codes(self, code_ids: list[int]) -> None:
        """Show the segments of these codes (the codebook's selection)."""
        self.code_ids = list(code_ids)
        self.reload()
        self.table.scrollToTop()

    def reload(self) -> None:
        self._dirty = False
        project = self.workbench.project
        if project is None or not self.code_ids:
            self.segments = SegmentSet()
        else:
            with self.workbench.reader() as session:
                self.segments = load_segments(
                    session, self.code_ids, include_subcodes=self.subcodes.isChecked()
                )
                pseudonymiser = self.workbench.pseudonyms.pseudonymiser()
                if pseudonymiser is not None:
                    self.segments = pseudonymised_segments(
                        self.segments, pseudonymiser, lambda d: document_text(session, d)
                    )
                self._set_title(self.workbench.pseudonyms.shown_value(code_paths(session)))
        self.filters.update_buttons()
        self._apply_filter()

    def _apply_filter(self) -> None:
        state = save_state(self.table)
        rows = filter_segments(self.segments, self.filters.current())
        self.model.set_rows(rows)
        self._update_count(rows)
        self._fit_rows()
        restore_state(self.table, state)
        self._update_actions()

    def _on_change(self, change: Change) -> None:
        """A coding or memo written here: read only those segments again; else reload."""
        delta = coding_delta(change)
        if (
            delta is None
            or not self.isVisible()
            or self._dirty
            or self._reload_timer.isActive()  # a reload is on its way
            or self.workbench.pseudonyms.shown
            or not self.code_ids
        ):
            self._on_changed(change.topics)
        else:
            self._update_segments(delta)

    def _update_segments(self, delta: CodingDelta) -> None:
        """Take out the touched segments and put their new versions in, row by row."""
        touched = delta.touched_codings
        listed = {r.coding_id for r in self.segments.rows}
        if not touched & listed and not delta.code_ids & self.segments.code_ids:
            return  # none of the codes listed here
        with self.workbench.reader() as session:
            fresh = load_segment_rows(session, touched)
        fresh = [r for r in fresh if r.code_id in self.segments.code_ids]
        kept = [r for r in self.segments.rows if r.coding_id not in touched]
        self.segments.rows = sorted(kept + fresh, key=segment_order)
        self.filters.update_buttons()
        shown = filter_segments(replace(self.segments, rows=fresh), self.filters.current())
        placed = self.model.update_rows(touched & listed, shown)
        rows = {n: (self.model.rows[n].quote, self.model.rows[n].memo) for n in placed}
        fit_some_rows(self.table, rows, columns.WRAPPED, MAX_LINES)
        self._update_count(self.model.rows)
        self._update_actions()

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if self.code_ids and topics & RELOAD_TOPICS:
            if self.isVisible():
                self._reload_timer.start()
            else:
                self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._reload_timer.start()
        self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def _project_opened(self) -> None:
        self.filters.clear()
        self.show_codes(self.workbench.selected_code_ids)

    def _project_closed(self) -> None:
        self.code_ids = []
        self.segments = SegmentSet()
        self.model.set_rows([])
        self._update_count([])

    # -- showing ---------------------------------------------------------------------------

    def _set_title(self, paths: dict[int, str]) -> None:
        known = [paths[i] for i in self.code_ids if i in paths]
        if len(known) == 1:
            self.title.setText(f"<b>{html.escape(known[0].split(PATH_SEPARATOR)[-1])}</b>")
        else:
            self.title.setText("<b>" + _("{count} codes").format(count=len(known)) + "</b>")
        self.title.setToolTip("\n".join(known))

    def _update_count(self, rows: list[SegmentRow]) -> None:
        if not self.code_ids or self.workbench.project is None:
            self.title.clear()
            self.count.clear()
            self._show_hint()
            return
        text = _count_line(len(rows), document_count(rows))
        everyone = [
            r for r in self.segments.rows if r.coder_id not in self.workbench.hidden_coder_ids
        ]
        if len(rows) < len(everyone):
            text += " " + _("(filtered from {total})").format(total=len(everyone))
        self.count.setText(text)
        self._show_hint()

    def _show_hint(self) -> None:
        if self.workbench.project is None:
            self.body.show_hint("")
        elif not self.code_ids:
            self.body.show_hint(_("Choose a code in the codebook to see its coded fragments."))
        elif not self.segments.rows and not self.subcodes.isChecked() and self._have_subcodes():
            self.body.show_hint(
                _(
                    "No fragments have been coded with this code itself. Tick “Include "
                    "subcodes” to see the fragments of the codes below it."
                )
            )
        elif not self.segments.rows:
            self.body.show_hint(_("No fragments have been coded with this code yet."))
        elif self.model.rowCount() == 0:
            self.body.show_hint(_("No fragments match the filter."))
        else:
            self.body.show_list()

    def _have_subcodes(self) -> bool:
        with self.workbench.reader() as session:
            return have_subcodes(session, self.code_ids)

    def _fit_rows(self) -> None:
        texts = [(r.quote, r.memo) for r in self.model.rows]  # only their lengths count
        fit_row_heights(self.table, texts, columns.WRAPPED, MAX_LINES)

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in columns.WRAPPED:
            self._fit_timer.start()

    # -- acting ----------------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_of(index)
        if row is not None:
            self.workbench.show_document(row.document_id, row.start, row.end)

    def open_current(self) -> None:
        self._open(self.table.currentIndex())

    def _current_row(self) -> SegmentRow | None:
        return self.model.row_of(self.table.currentIndex())

    def current_passage(self) -> tuple[int, int, int] | None:
        row = self._current_row()
        return None if row is None else (row.document_id, row.start, row.end)

    def edit_memo(self) -> MemoTextDialog | None:
        row = self._current_row()
        if row is None or self.workbench.read_only or self.workbench.pseudonyms.shown:
            return None  # a memo shown with pseudonyms is not edited: they would be saved
        context = f"{row.code_name} — {row.document_name}: “{one_paragraph(row.quote)}”"
        dialog = MemoTextDialog(context, row.memo, self)
        dialog.accepted.connect(lambda: self._save_memo(row.coding_id, dialog.text()))
        dialog.open()
        self.memo_dialog = dialog
        return dialog

    def _save_memo(self, coding_id: int, text: str) -> None:
        coder = self.workbench.coder_id
        if coder is not None:
            self.workbench.execute(lambda s: set_coding_memo(s, coding_id, coder, text))

    def remove_selected(self) -> None:
        ids = selected_ids(self.table)
        if ids and not self.workbench.read_only:
            self.workbench.execute(lambda s: remove_codings(s, ids))

    def copy(self) -> None:
        positions = self.model.positions()
        rows = [self.model.rows[positions[i]] for i in selected_ids(self.table)]
        if rows:
            QGuiApplication.clipboard().setText(columns.plain_text(rows))

    def _update_actions(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        writable = not self.workbench.read_only
        self.open_action.setEnabled(chosen)
        self.copy_action.setEnabled(chosen)
        self.memo_action.setEnabled(chosen and writable)
        self.remove_action.setEnabled(chosen and writable)

    def _context_menu(self, position: QPoint) -> None:
        if self.model.row_of(self.table.indexAt(position)) is None:
            return
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(_("Play"), self.play_button.click)
        menu.addAction(self.memo_action)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.popup(self.table.viewport().mapToGlobal(position))


def _count_line(segments: int, documents: int) -> str:
    if segments == 1:
        return _("1 fragment in 1 document")
    if documents == 1:
        return _("{count} fragments in 1 document").format(count=segments)
    return _("{count} fragments in {documents} documents").format(
        count=segments, documents=documents
    )


def _single_shot(parent: QWidget, msec: int, slot: object) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msec)
    timer.timeout.connect(slot)  # type: ignore[arg-type]
    return timer
