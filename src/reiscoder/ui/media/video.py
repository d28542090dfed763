"""The picture of a video recording, in a dock that can float beside the transcript."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from reiscoder.i18n import _


class VideoDock(QDockWidget):
    def __init__(self, panel: QWidget) -> None:
        window = panel.window()
        super().__init__(_("Video"), window)
        self.setObjectName("dock-video")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.view = QVideoWidget()
        self.view.setMinimumSize(240, 135)
        self.setWidget(self.view)
        self._window = window if isinstance(window, QMainWindow) else None
        if self._window is not None:
            self._window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        else:
            self.setFloating(True)

    def appear(self) -> None:
        self.show()
        self.raise_()
