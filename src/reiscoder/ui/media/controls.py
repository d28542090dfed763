"""The player bar above the transcript: play/pause, position, speed, jumps, volume, follow."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.read.timing import clock
from reiscoder.ui.media.player import JUMP_MS, SPEEDS, Player

MUTED = "color: #7b8794;"
WARNING = "color: #9a3412;"


class PlayerBar(QWidget):
    pin_requested = Signal()  # "Tijd vastzetten"
    find_requested = Signal()  # "Opname zoeken..."

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerBar")
        self.player = player
        style = self.style()
        self.play_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                                        _("Play / pause (F4)"), player.toggle)  # fmt: skip
        self.back_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward),
            _("Back {seconds} seconds").format(seconds=JUMP_MS // 1000),
            lambda: player.jump(-JUMP_MS),
        )
        self.forward_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward),
            _("Forward {seconds} seconds").format(seconds=JUMP_MS // 1000),
            lambda: player.jump(JUMP_MS),
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(_("Position in the recording"))
        self.slider.sliderMoved.connect(player.seek)
        self.time_label = QLabel("00:00:00 / 00:00:00")

        self.speed = QComboBox()
        self.speed.setToolTip(_("Playback speed"))
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×".replace(".", ","), rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(lambda i: player.set_speed(self.speed.itemData(i)))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setFixedWidth(80)
        self.volume.setToolTip(_("Volume"))
        self.volume.valueChanged.connect(lambda v: player.set_volume(v / 100))
        player.set_volume(0.8)
        self.follow = QToolButton()
        self.follow.setText(_("Follow"))
        self.follow.setCheckable(True)
        self.follow.setChecked(True)
        self.follow.setToolTip(_("Highlight what is being said and keep it in view"))
        self.pin = QToolButton()
        self.pin.setText(_("Pin time"))
        self.pin.setToolTip(
            _("The turn (or sentence) at the cursor is spoken now: pin it to the player's time")
        )
        self.pin.clicked.connect(self.pin_requested.emit)
        self.name = QLabel()
        self.name.setStyleSheet(MUTED)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(WARNING)
        self.find = QToolButton()
        self.find.setText(_("Find recording…"))
        self.find.clicked.connect(self.find_requested.emit)
        self.find.hide()
        self._layout()
        player.position_changed.connect(self.show_position)
        player.loaded.connect(self._loaded)
        player.playing_changed.connect(self._playing)
        self.set_usable(False)

    def _button(self, icon, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for widget in (self.back_button, self.play_button, self.forward_button):
            row.addWidget(widget)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        second.setSpacing(6)
        second.addWidget(self.name)
        second.addWidget(self.message, 1)
        second.addWidget(self.find)
        second.addWidget(self.speed)
        volume = QLabel()
        volume.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume).pixmap(16))
        second.addWidget(volume)
        second.addWidget(self.volume)
        second.addWidget(self.follow)
        second.addWidget(self.pin)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 2, 12, 4)
        outer.setSpacing(2)
        outer.addLayout(row)
        outer.addLayout(second)

    def set_usable(self, usable: bool) -> None:
        for widget in (self.play_button, self.back_button, self.forward_button, self.slider,
                       self.speed, self.pin):  # fmt: skip
            widget.setEnabled(usable)

    def show_recording(self, name: str) -> None:
        self.name.setText(name)
        self.message.clear()
        self.find.hide()

    def show_problem(self, message: str, *, can_find: bool = False) -> None:
        self.message.setText(message)
        self.find.setVisible(can_find)
        self.set_usable(False)

    def _loaded(self, duration: int) -> None:
        self.slider.setRange(0, duration)
        self.set_usable(True)
        self.show_position(self.player.position)

    def _playing(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))

    def show_position(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position)
        self.time_label.setText(f"{clock(position)} / {clock(self.player.duration)}")
