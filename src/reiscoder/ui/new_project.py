"""Creating a new project: where to save it and which codebook to start from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from reiscoder.i18n import _
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import PROJECT_SUFFIX, Project
from reiscoder.templates import apply_template, available_templates
from reiscoder.ui.settings import Settings


def create_project_interactively(parent: QWidget, settings: Settings) -> Project | None:
    path_text, _filter = QFileDialog.getSaveFileName(
        parent,
        _("New project"),
        "",
        _("reiscoder projects (*{suffix})").format(suffix=PROJECT_SUFFIX),
    )
    if not path_text:
        return None
    path = Path(path_text)
    if path.suffix != PROJECT_SUFFIX:
        path = path.with_suffix(PROJECT_SUFFIX)
    templates = available_templates()
    names = [t.name for t in templates] + [_("Empty codebook")]
    choice, accepted = QInputDialog.getItem(
        parent, _("New project"), _("Start with this codebook:"), names, 0, False
    )
    if not accepted:
        return None
    template = next((t for t in templates if t.name == choice), None)
    return create_project(parent, path, template)


def create_project(parent: QWidget, path: Path, template) -> Project | None:
    try:
        project = Project.create(path, path.stem)
        if template is not None:
            with project.transaction() as session:
                apply_template(session, template)
    except ProjectError as error:
        QMessageBox.warning(parent, _("New project"), error.message)
        return None
    return project
