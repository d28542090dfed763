"""Opening and creating projects from the GUI, with the questions a user must answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from reiscoder.i18n import _
from reiscoder.model.errors import ProjectError, ProjectLockedError, ReadOnlyProjectError
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.read.coders import coder_named
from reiscoder.ui.settings import Settings


def ask_coder_name(parent: QWidget, settings: Settings, *, force: bool = False) -> str | None:
    """The name of the person coding; asked on first start and remembered."""
    if settings.coder_name and not force:
        return settings.coder_name
    name, accepted = QInputDialog.getText(
        parent,
        _("Who is coding?"),
        _("Your name as coder. It is stored with every coding and memo you make."),
        QLineEdit.EchoMode.Normal,
        settings.coder_name,
    )
    name = " ".join(name.split())
    if not accepted or not name:
        return None
    settings.coder_name = name
    return name


def open_project_file(parent: QWidget, path: Path) -> Project | None:
    """Open ``path``; offers read-only when someone else has it or it may not be written
    (a read-only file or folder); explains every refusal."""
    try:
        return Project.open(path, checks_later=True)
    except (ProjectLockedError, ReadOnlyProjectError) as refused:
        in_use = isinstance(refused, ProjectLockedError)
        answer = QMessageBox.question(
            parent,
            _("Project in use") if in_use else _("Read-only project"),
            refused.message + "\n\n" + _("Open it read-only? You can look, but not change."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return _open_or_explain(parent, path, read_only=True)
    except ProjectError as error:
        QMessageBox.warning(parent, _("Cannot open project"), error.message)
        return None


def _open_or_explain(parent: QWidget, path: Path, *, read_only: bool) -> Project | None:
    try:
        return Project.open(path, read_only=read_only, checks_later=True)
    except ProjectError as error:
        QMessageBox.warning(parent, _("Cannot open project"), error.message)
        return None


def coder_in_project(project: Project, name: str) -> int | None:
    """The coder's id in this project (added when new); None for a read-only project. On a
    server, the coder is the member the login belongs to."""
    if project.server is not None:
        return project.server.coder_id
    if project.read_only:
        return None
    with project.reader() as session:  # no write (that waits for the checks) when known
        known = coder_named(session, name)
    if known is not None:
        return known
    with project.transaction() as session:
        return coder_id_for(session, name)
