"""The main window: the transcript in the middle, panels around it, menus above."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.model.errors import ProjectError
from reiscoder.model.prepare import prepare_mappings
from reiscoder.model.project import PROJECT_SUFFIX, Project
from reiscoder.model.server import is_server_url, open_server
from reiscoder.ops.changes import Topic
from reiscoder.ops.coders import coder_id_for
from reiscoder.ui.crash import held_slot_errors, pass_on
from reiscoder.ui.media.player import Player
from reiscoder.ui.messages import warn
from reiscoder.ui.opening import ask_coder_name, coder_in_project, open_project_file
from reiscoder.ui.panels.codebook import CodebookPanel
from reiscoder.ui.panels.documents import DocumentsPanel
from reiscoder.ui.panels.memos import MemosPanel
from reiscoder.ui.panels.search import SearchPanel
from reiscoder.ui.panels.segments import SegmentsPanel
from reiscoder.ui.server import ServerDialog, ServerWatch
from reiscoder.ui.settings import Settings
from reiscoder.ui.start_page import StartPage
from reiscoder.ui.tasks import wait_for_tasks
from reiscoder.ui.transcript.panel import TranscriptPanel
from reiscoder.ui.window_menus import WindowMenus
from reiscoder.ui.workbench import Workbench


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.workbench = Workbench(self)
        self.server_watch = ServerWatch(self.workbench)
        self.transcript = TranscriptPanel(self.workbench)
        self.start_page = self._make_start_page()
        self.centre = QStackedWidget()
        self.centre.addWidget(self.start_page)
        self.centre.addWidget(self.transcript)
        self.setCentralWidget(self.centre)
        self.documents = DocumentsPanel(self.workbench)
        self.codebook = CodebookPanel(self.workbench)
        self.segments = SegmentsPanel(self.workbench)
        self.memos = MemosPanel(self.workbench)
        self.search = SearchPanel(self.workbench)
        self._docks = self._make_docks()
        self.menus = WindowMenus(self)
        self.workbench.failed.connect(self._show_failure)
        self.workbench.history_shortened.connect(self._history_shortened)
        self.workbench.changed.connect(self._title_after_change)
        self.workbench.project_opened.connect(self._project_state)
        self.workbench.project_closed.connect(self._project_state)
        self.resize(1400, 900)
        self._restore_layout()
        self._server_status()
        self._update_title()
        self._project_state()
        QTimer.singleShot(0, prepare_mappings)  # once the window is up, not while opening

    # -- layout ----------------------------------------------------------------------------

    def _make_docks(self) -> dict[str, QDockWidget]:
        docks = {}
        for key, title, panel, area in (
            ("documents", _("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("codebook", _("Codebook"), self.codebook, Qt.DockWidgetArea.RightDockWidgetArea),
            (
                "segments",
                _("Coded segments"),
                self.segments,
                Qt.DockWidgetArea.BottomDockWidgetArea,
            ),
            ("memos", _("Memos"), self.memos, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("search", _("Search"), self.search, Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            docks[key] = self._dock(key, title, panel, area)
        self.tabifyDockWidget(docks["segments"], docks["memos"])
        self.tabifyDockWidget(docks["memos"], docks["search"])
        docks["segments"].raise_()
        return docks

    def _dock(self, key: str, title: str, panel: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(panel)
        self.addDockWidget(area, dock)
        return dock

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._first_start = state is None
        if state is not None:
            self.restoreState(state)

    def _first_layout(self) -> None:
        """First start, once the window has its size: the transcript gets most of the room,
        also on a small screen or with large fonts (the panels take a share, not a fixed size)."""
        width, height = self.width(), self.height()
        docks = self._docks
        self.resizeDocks(
            [docks["documents"], docks["codebook"]],
            [min(360, round(width * 0.24)), min(390, round(width * 0.27))],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [docks["segments"]], [max(120, min(220, round(height * 0.25)))], Qt.Orientation.Vertical
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_start:
            self._first_start = False
            self._first_layout()

    # -- menus -----------------------------------------------------------------------------

    def _project_state(self) -> None:
        """Without a project: the start page, and the actions that need one disabled."""
        has_project = self.workbench.project is not None
        for action in self.menus.project_actions:
            action.setEnabled(has_project)
        if has_project:
            self.centre.setCurrentWidget(self.transcript)
        else:
            self.start_page.set_recent(self.settings.recent_projects)
            self.centre.setCurrentWidget(self.start_page)

    def _make_start_page(self) -> StartPage:
        page = StartPage()
        page.new_requested.connect(self.new_project)
        page.open_requested.connect(self.choose_project)
        page.demo_requested.connect(self.open_demo)
        page.recent_requested.connect(self.open_path)
        return page

    def _fill_recent_menu(self) -> None:
        self.menus.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.menus.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        self.menus.recent_menu.setEnabled(bool(self.settings.recent_projects))

    # -- projects --------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        project = open_project_file(self, path)
        return project is not None and self.open_project(project)

    def open_project(self, project: Project) -> bool:
        name = ask_coder_name(self, self.settings)
        if name is None:
            project.close()
            return False
        try:
            # The panels load while the checks of opening run beside them; a panel that reads
            # a damaged page fails, and the checks then say what is wrong in words.
            with held_slot_errors() as errors:
                self.workbench.set_project(project, coder_in_project(project, name))
            project.wait_for_checks()  # before anything is written
        except ProjectError as error:  # a damaged file: nothing was written to it
            self.workbench.close_project()
            project.close()
            QMessageBox.warning(self, _("Cannot open project"), error.message)
            return False
        pass_on(errors)
        if project.path is not None:
            self.settings.add_recent_project(project.path)
        for warning in project.warnings:
            QMessageBox.information(self, _("Note"), warning)
        self._update_title()
        return True

    def choose_server(self) -> None:
        dialog = ServerDialog(self)
        if dialog.exec() == ServerDialog.DialogCode.Accepted:
            self.open_location(dialog.url())

    def open_location(self, location: str) -> bool:
        """Open a project file, or a project on a server (a postgresql:// URL)."""
        if not is_server_url(location):
            return self.open_path(Path(location))
        try:
            project = open_server(location, self.settings.coder_name or "")
        except ProjectError as error:
            QMessageBox.warning(self, _("Cannot open project"), error.message)
            return False
        return self.open_project(project)

    def choose_project(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open project"),
            "",
            _("reiscoder projects (*{suffix})").format(suffix=PROJECT_SUFFIX),
        )
        if path:
            self.open_path(Path(path))

    def new_project(self) -> None:
        from reiscoder.ui.new_project import create_project_interactively

        project = create_project_interactively(self, self.settings)
        if project is not None:
            self.open_project(project)

    def open_demo(self) -> None:
        from reiscoder.demo import build_demo, default_demo_path

        path = default_demo_path()
        if self.workbench.project is not None and self.workbench.project.path == path:
            return
        try:
            build_demo(path)
        except ProjectError as error:
            QMessageBox.warning(self, _("Cannot open project"), error.message)
            return
        self.open_path(path)

    def export(self) -> None:
        from reiscoder.ui.exporting.dialog import ExportDialog

        if self.workbench.project is None:
            return
        dialog = ExportDialog(self.workbench, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def export_refi(self) -> None:
        from reiscoder.ui.refi import RefiExportDialog

        if self.workbench.project is not None:
            RefiExportDialog(self.workbench, self).show()

    def import_refi(self) -> None:
        from reiscoder.ui.refi import choose_refi_file, merge_refi

        if self.workbench.project is None or self.workbench.read_only:
            return
        path = choose_refi_file(self)
        if path is not None:
            merge_refi(self, self.workbench, path)

    def import_refi_as_new(self) -> None:
        from reiscoder.ui.refi import choose_refi_file, refi_as_new_project

        source = choose_refi_file(self)
        if source is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self, _("New project"), str(source.with_suffix(PROJECT_SUFFIX)), f"*{PROJECT_SUFFIX}"
        )
        if target:
            refi_as_new_project(self, source, Path(target), lambda p: p and self.open_path(p))

    # -- tools of other modules ------------------------------------------------------------

    def _pseudonyms_toggle(self) -> QAction:
        button = self.transcript.pseudonyms_button
        action = QAction(_("Show pseudonyms"), self)
        action.setCheckable(True)
        action.toggled.connect(button.setChecked)
        button.toggled.connect(action.setChecked)
        return action

    def _name_list(self) -> None:
        from reiscoder.ui.privacy import open_pseudonyms_dialog

        open_pseudonyms_dialog(self, self.workbench)

    def _groups(self) -> None:
        from reiscoder.ui.groups import open_groups_dialog

        open_groups_dialog(self, self.workbench)

    def _pseudonymised_copy(self) -> None:
        from reiscoder.ui.privacy import make_pseudonymised_copy

        make_pseudonymised_copy(self, self.workbench)

    def _check_project(self) -> None:
        from reiscoder.ui.backups import open_check_dialog

        open_check_dialog(self, self.workbench)

    def _restore_backup(self) -> None:
        from reiscoder.ui.backups import open_backups_dialog

        open_backups_dialog(self, self.workbench, self.settings, reopen=self.open_path)

    def _correct_transcript(self) -> None:
        from reiscoder.ui.correction import start_correction

        if self.workbench.current_document_id is None:
            warn(self, _("Not possible"), _("Open a document first."))
            return
        start_correction(self, self.workbench, self.workbench.current_document_id)

    def _analyse(self) -> None:
        from reiscoder.ui.analysis import open_analysis_window

        open_analysis_window(self, self.workbench)

    def _network(self) -> None:
        from reiscoder.ui.network import open_network_window

        open_network_window(self, self.workbench)

    def _word_cloud(self) -> None:
        from reiscoder.ui.network.cloud_dialog import open_word_cloud

        open_word_cloud(self, self.workbench)

    def _analysis_report(self) -> None:
        from reiscoder.ui.exporting.analysis import export_analysis_report

        export_analysis_report(self, self.workbench)

    def _assignment(self) -> None:
        from reiscoder.ui.analysis import open_assignment_dialog

        open_assignment_dialog(self, self.workbench)

    def _merge_copies(self) -> None:
        from reiscoder.ui.analysis import open_merge_dialog

        open_merge_dialog(self, self.workbench)

    def close_project(self) -> None:
        wait_for_tasks()  # an export or exchange still running finishes first
        self.workbench.close_project()
        self._update_title()

    def change_coder(self) -> None:
        name = ask_coder_name(self, self.settings, force=True)
        project = self.workbench.project
        if name and project is not None and not project.read_only:
            coder = self.workbench.write(
                _("Coder"), lambda s: coder_id_for(s, name), frozenset({Topic.CODERS})
            )
            self.workbench.coder_id = coder
        elif name and project is not None:
            self.workbench.coder_id = None
        self._update_title()

    # -- feedback --------------------------------------------------------------------------

    def _show_failure(self, message: str) -> None:
        warn(self, _("Not possible"), message)

    def _server_status(self) -> None:
        """Who else is here, and a banner while the connection to the server is lost."""
        self.presence = QLabel()
        self.statusBar().addPermanentWidget(self.presence)
        self.banner = QLabel(
            _(
                "The connection to the server is lost. reiscoder keeps trying; until it is back, "
                "nothing can be changed."
            )
        )
        self.banner.setStyleSheet("background: #fde2e1; color: #7a1d18; padding: 6px;")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.transcript.layout().insertWidget(0, self.banner)
        self.server_watch.presence_changed.connect(self._show_presence)
        self.server_watch.online_changed.connect(lambda online: self.banner.setVisible(not online))

    def _show_presence(self, names: list[str]) -> None:
        text = _("Here now: {names}").format(names=", ".join(names)) if names else ""
        self.presence.setText(text)

    def _history_shortened(self, dropped: int) -> None:
        message = ngettext(
            "{count} step can no longer be undone: the project was changed in bulk since.",
            "{count} steps can no longer be undone: the project was changed in bulk since.",
            dropped,
        ).format(count=dropped)
        self.statusBar().showMessage(message, 10_000)

    def _title_after_change(self, topics: frozenset[Topic]) -> None:
        """The title shows the project's name (a project setting): it is read again only when
        those changed, not after every coding."""
        if Topic.PROJECT in topics:
            self._update_title()

    def _update_title(self) -> None:
        project = self.workbench.project
        if project is None:
            self.setWindowTitle("reiscoder")
            return
        parts = [project.name]
        if project.read_only:
            parts.append(_("(read-only)"))
        if self.settings.coder_name:
            parts.append(_("— coder: {name}").format(name=self.settings.coder_name))
        self.setWindowTitle(" ".join(parts) + " — reiscoder")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        for player in self.findChildren(Player):
            player.release()
        wait_for_tasks()
        self.workbench.close_project()
        super().closeEvent(event)
