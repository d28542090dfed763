"""Project > Pseudonymised copy…: a new project file with every name of the list replaced.

The copy is made in the background from a reader of the open project; the open project is
not changed. Afterwards a report says what was done, and ``done(path)`` can open the copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from reiscoder.i18n import _
from reiscoder.model.project import PROJECT_SUFFIX
from reiscoder.privacy.copy import CopyReport
from reiscoder.privacy.copy import make_pseudonymised_copy as make_copy
from reiscoder.privacy.names import applied_count
from reiscoder.ui.messages import warn
from reiscoder.ui.refi import show_report
from reiscoder.ui.tasks import run_task
from reiscoder.ui.workbench import Workbench

Done = Callable[[Path | None], None]


def make_pseudonymised_copy(
    parent: QWidget | None,
    workbench: Workbench,
    target: Path | None = None,
    done: Done | None = None,
) -> bool:
    """Ask where (unless ``target`` is given) and make the copy; False if nothing was started."""
    project = workbench.project
    if project is None:
        return False
    with workbench.reader() as session:
        names = applied_count(session)
    if not names:
        warn(
            parent,
            _("Pseudonymised copy"),
            _(
                "The name list is empty, so a copy would still hold every name. Add the names "
                "to replace first (Project > Name list)."
            ),
        )
        return False
    if target is None:
        target = _choose_target(parent, project.path)
        if target is None:
            return False
    if target.exists():
        warn(
            parent,
            _("Pseudonymised copy"),
            _("{name} already exists. Choose a new file name.").format(name=target.name),
        )
        return False

    def work(_report):
        return make_copy(project, target)

    def finished(report: CopyReport) -> None:
        lines = [_("Pseudonymised copy: {path}").format(path=target), "", *report.lines()]
        show_report(parent, _("Pseudonymised copy made"), lines)  # type: ignore[arg-type]
        if done is not None:
            done(target)

    def failed(error: BaseException) -> None:
        message = getattr(error, "message", None) or str(error)
        warn(
            parent, _("Pseudonymised copy"), _("No copy was made: {reason}").format(reason=message)
        )
        if done is not None:
            done(None)

    run_task(work, finished, failed)
    return True


def _choose_target(parent: QWidget | None, project_path: Path) -> Path | None:
    suggestion = project_path.with_name(
        _("{name} (pseudonymised)").format(name=project_path.stem) + PROJECT_SUFFIX
    )
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Pseudonymised copy"),
        str(suggestion),
        f"*{PROJECT_SUFFIX}",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(PROJECT_SUFFIX)
