"""The main window's menu bar and toolbar: which action sits where, and which need a
project (those are disabled while none is open)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from reiscoder import __version__
from reiscoder.i18n import _
from reiscoder.ui.undo import short_step_action

if TYPE_CHECKING:
    from reiscoder.ui.main_window import MainWindow


class WindowMenus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.project_actions: list[QAction] = []  # disabled while no project is open
        self._make_menus()

    def _make_menus(self) -> None:
        w = self.window
        file_menu = w.menuBar().addMenu(_("&File"))
        self._action(file_menu, _("&New project…"), w.new_project, QKeySequence.StandardKey.New)
        self._action(
            file_menu, _("&Open project…"), w.choose_project, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu(_("Recent projects"))
        self.recent_menu.aboutToShow.connect(w._fill_recent_menu)
        self._action(file_menu, _("Open the &demo project"), w.open_demo)
        self._action(file_menu, _("Open on a &server…"), w.choose_server)
        file_menu.addSeparator()
        self._action(
            file_menu,
            _("&Import transcripts…"),
            w.documents.choose_files_to_import,
            QKeySequence("Ctrl+I"),
            needs_project=True,
        )
        self._action(
            file_menu,
            _("&Export…"),
            w.export,
            QKeySequence("Ctrl+Shift+E"),
            needs_project=True,
        )
        refi = file_menu.addMenu(_("REFI-QDA (other QDA programs)"))
        self._action(refi, _("Import into this project…"), w.import_refi, needs_project=True)
        self._action(refi, _("Import as a new project…"), w.import_refi_as_new)
        self._action(refi, _("Export…"), w.export_refi, needs_project=True)
        self._action(file_menu, _("Pseudonymised copy…"), w._pseudonymised_copy, needs_project=True)
        file_menu.addSeparator()
        self._action(file_menu, _("Check the project…"), w._check_project, needs_project=True)
        self._action(file_menu, _("Restore from a backup…"), w._restore_backup, needs_project=True)
        file_menu.addSeparator()
        self._action(
            file_menu,
            _("&Close project"),
            w.close_project,
            QKeySequence.StandardKey.Close,
            needs_project=True,
        )
        self._action(file_menu, _("&Quit"), w.close, QKeySequence.StandardKey.Quit)

        edit_menu = w.menuBar().addMenu(_("&Edit"))
        undo = w.workbench.undo_stack.createUndoAction(w, _("&Undo"))
        undo.setShortcuts([QKeySequence.StandardKey.Undo])
        redo = w.workbench.undo_stack.createRedoAction(w, _("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self._action(
            edit_menu, _("Correct the transcript…"), w._correct_transcript, needs_project=True
        )
        self._action(edit_menu, _("Name list (pseudonyms)…"), w._name_list, needs_project=True)
        self._action(edit_menu, _("Groups…"), w._groups, needs_project=True)
        edit_menu.addSeparator()
        self._action(edit_menu, _("Change coder name…"), w.change_coder)

        coding_menu = w.menuBar().addMenu(_("&Coding"))
        coding_menu.addActions(w.transcript.coding_actions())
        self.project_actions.extend(w.transcript.coding_actions())
        coding_menu.addSeparator()
        coding_menu.addActions(w.codebook.coding_actions())

        view_menu = w.menuBar().addMenu(_("&View"))
        for dock in w._docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(w._pseudonyms_toggle())
        self._language_menu(view_menu.addMenu(_("Language")))

        analysis_menu = w.menuBar().addMenu(_("&Analysis"))
        self._action(
            analysis_menu,
            _("Analyse the coding…"),
            w._analyse,
            QKeySequence("Ctrl+Shift+A"),
            needs_project=True,
        )
        self._action(analysis_menu, _("Network of codes…"), w._network, needs_project=True)
        self._action(analysis_menu, _("Word cloud…"), w._word_cloud, needs_project=True)
        self._action(
            analysis_menu, _("Analysis report (Word)…"), w._analysis_report, needs_project=True
        )
        analysis_menu.addSeparator()
        self._action(
            analysis_menu,
            _("Prepare an assignment for students…"),
            w._assignment,
            needs_project=True,
        )
        self._action(
            analysis_menu, _("Merge students' copies…"), w._merge_copies, needs_project=True
        )

        help_menu = w.menuBar().addMenu(_("&Help"))
        self._action(help_menu, _("&About reiscoder"), self.show_about)
        self._make_toolbar(undo, redo)

    def _make_toolbar(self, undo: QAction, redo: QAction) -> None:
        w = self.window
        toolbar = w.addToolBar(_("Toolbar"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(_("Open"), w.choose_project)
        self.project_actions.append(
            toolbar.addAction(_("Import"), w.documents.choose_files_to_import)
        )
        toolbar.addSeparator()
        toolbar.addAction(short_step_action(w, _("Undo"), _("Undo: {step}"), undo))
        toolbar.addAction(short_step_action(w, _("Redo"), _("Redo: {step}"), redo))
        toolbar.addSeparator()
        short = (_("Code the selection"), _("Code sentence"), _("Code turn"))
        for label, action in zip(short, w.transcript.coding_actions()[:3], strict=True):
            button = toolbar.addAction(label, action.trigger)
            button.setToolTip(f"{action.text()} ({action.shortcut().toString()})")
            self.project_actions.append(button)

    def _language_menu(self, menu: QMenu) -> None:
        w = self.window
        group = QActionGroup(menu)
        for code, name in (("nl", "Nederlands"), ("en", "English")):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(w.settings.language == code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)

    def choose_language(self, code: str) -> None:
        w = self.window
        if code == w.settings.language:
            return
        w.settings.language = code
        QMessageBox.information(
            w, _("Language"), _("The new language is used from the next start of reiscoder.")
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            _("About reiscoder"),
            _(
                "reiscoder {version}\n\nQualitative coding of interview transcripts, offline "
                "and in Dutch. Made for the research chair Sociale Innovatie."
            ).format(version=__version__),
        )

    def _action(
        self, menu: QMenu, text: str, slot, shortcut=None, *, needs_project: bool = False
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        if needs_project:
            self.project_actions.append(action)
        return action
