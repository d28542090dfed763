"""The recordings of the files in the import dialog: found beside them, dropped with them, or
chosen here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from reiscoder.i18n import _
from reiscoder.ingest.recordings import recording_beside
from reiscoder.ui.media.controller import media_filter

MUTED = "color: #7b8794;"


class RecordingsGroup(QGroupBox):
    def __init__(self, paths: list[Path], given: dict[Path, Path], parent: QWidget | None = None):
        super().__init__(_("Recordings"), parent)
        self.chosen: dict[Path, Path] = {}
        self.labels: dict[Path, QLabel] = {}
        grid = QGridLayout(self)
        for row, path in enumerate(paths[:12]):
            found = given.get(path) or recording_beside(path)
            if found is not None:
                self.chosen[path] = found
            label = QLabel()
            self.labels[path] = label
            button = QPushButton(_("Choose…"))
            button.clicked.connect(lambda _checked=False, p=path: self.choose(p))
            grid.addWidget(QLabel(path.name), row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self._show(path)
        if len(paths) > 12:
            more = QLabel(_("Recordings beside the other files are linked by their names."))
            more.setStyleSheet(MUTED)
            grid.addWidget(more, 12, 0, 1, 3)

    def choose(self, path: Path, media: Path | None = None) -> None:
        if media is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Recording of “{name}”").format(name=path.name), str(path.parent),
                media_filter(),
            )  # fmt: skip
            if not chosen:
                return
            media = Path(chosen)
        self.chosen[path] = media
        self._show(path)

    def _show(self, path: Path) -> None:
        label = self.labels[path]
        media = self.chosen.get(path)
        label.setText(media.name if media else _("no recording"))
        label.setStyleSheet("" if media else MUTED)
