"""Before an import: which files, which attributes they all share, how speakers are found.

The dialog is built and read without ``exec()``: tests fill its fields and call ``accept()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.parsing import SUPPORTED_EXTENSIONS, TurnPatterns
from reiscoder.parsing.patterns import DEFAULT_NOT_SPEAKERS
from reiscoder.read.documents import AttributeColumn
from reiscoder.ui.documents.fields import AttributeForm

MUTED_STYLE = "color: #7b8794;"


def file_filter() -> str:
    """The file dialog's filter line: every supported extension, then all files."""
    from reiscoder.model.recordings import MEDIA_EXTENSIONS

    extensions = sorted(SUPPORTED_EXTENSIONS) + sorted(MEDIA_EXTENSIONS)
    patterns = " ".join(f"*{extension}" for extension in extensions)
    return ";;".join((_("Transcripts ({patterns})").format(patterns=patterns), _("All files (*)")))


def split_names(text: str) -> tuple[str, ...]:
    """ "Fatima, Henk; Marco" -> ("Fatima", "Henk", "Marco")."""
    parts = text.replace(";", ",").split(",")
    return tuple(dict.fromkeys(" ".join(part.split()) for part in parts if part.strip()))


class ImportDialog(QDialog):
    def __init__(
        self,
        paths: list[Path],
        attributes: list[AttributeColumn],
        suggestions: dict[int, list[str]] | None = None,
        parent: QWidget | None = None,
        recordings: dict[Path, Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        from reiscoder.ui.media.import_recordings import RecordingsGroup

        self.recordings = RecordingsGroup(paths, recordings or {}, self)
        self.setWindowTitle(_("Import transcripts"))
        self.setMinimumWidth(520)
        self.form = AttributeForm(attributes, suggestions, self)
        self.speakers = QLineEdit()
        self.speakers.setPlaceholderText(_("e.g. Fatima, Henk"))
        self.speakers.setToolTip(_("Labels at the start of a line that always name a speaker"))
        self.not_speakers = QLineEdit()
        self.not_speakers.setPlaceholderText(_("e.g. Locatie, Thema"))
        self.not_speakers.setToolTip(_("Words followed by a colon that never name a speaker"))
        self.accept_names = QCheckBox(_("Recognise first names followed by a colon as speakers"))
        self.accept_names.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout(attributes)

    def _layout(self, attributes: list[AttributeColumn]) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        count = len(self.paths)
        heading = ngettext("{count} file to import", "{count} files to import", count)
        layout.addWidget(QLabel(heading.format(count=count)))
        files = QListWidget()
        files.addItems([path.name for path in self.paths])
        rows = max(1, min(6, count))
        files.setFixedHeight(files.sizeHintForRow(0) * rows + 2 * files.frameWidth() + 6)
        files.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        files.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(files)
        if attributes:
            group = QGroupBox(_("Attributes of these documents"))
            inner = QVBoxLayout(group)
            hint = QLabel(
                _("Leave empty what differs per document; you can fill it in later, per document.")
            )
            hint.setWordWrap(True)
            hint.setStyleSheet(MUTED_STYLE)
            inner.addWidget(self.form)
            inner.addWidget(hint)
            layout.addWidget(group)
        layout.addWidget(self._speaker_group())
        layout.addWidget(self.recordings)
        layout.addWidget(self.buttons)

    def _speaker_group(self) -> QGroupBox:
        group = QGroupBox(_("Recognising speakers"))
        form = QFormLayout(group)
        form.addRow(_("Also speakers:"), self.speakers)
        form.addRow(_("Never speakers:"), self.not_speakers)
        form.addRow(self.accept_names)
        return group

    def attribute_values(self) -> dict[int, str]:
        """The values given, by attribute id; empty fields are left out."""
        return {attribute: value for attribute, value in self.form.values().items() if value}

    def attribute_values_by_name(self) -> dict[str, str]:
        names = {attribute.id: attribute.name for attribute in self.form.attributes}
        return {names[attribute]: value for attribute, value in self.attribute_values().items()}

    def patterns(self) -> TurnPatterns | None:
        """How to find speakers; None when the Dutch defaults are kept."""
        speakers = split_names(self.speakers.text())
        never = {name.casefold() for name in split_names(self.not_speakers.text())}
        if not speakers and not never and self.accept_names.isChecked():
            return None
        return TurnPatterns(
            speakers=speakers,
            not_speakers=DEFAULT_NOT_SPEAKERS | never,
            accept_names=self.accept_names.isChecked(),
        )
