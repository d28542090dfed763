"""The calls into Qt Multimedia that wait for its decoding threads, made without holding
Python's lock (the GIL).

Stopping a player, or changing its source, waits until Qt's FFmpeg threads have ended. One of
them, while it ends, asks Python whether our audio output (a Python object) overrides a
method, for which it needs the GIL. PySide keeps the GIL during these calls, so each thread
would wait for the other for ever: the window hung when it was closed during playback. The
same C++ functions called through ``ctypes`` let go of the GIL while they run. Where they
cannot be found (another platform's name mangling), the ordinary PySide call is made.
"""

from __future__ import annotations

import ctypes
import functools
from pathlib import Path

import PySide6
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer

_STOP = "_ZN12QMediaPlayer4stopEv"
_SET_SOURCE = "_ZN12QMediaPlayer9setSourceERK4QUrl"


def stop(player: QMediaPlayer) -> None:
    function = _function(_STOP)
    if function is None:
        player.stop()
        return
    function(ctypes.c_void_p(_address(player)))


def set_source(player: QMediaPlayer, url: QUrl) -> None:
    function = _function(_SET_SOURCE)
    if function is None:
        player.setSource(url)
        return
    function(ctypes.c_void_p(_address(player)), ctypes.c_void_p(_address(url)))


def _address(value: object) -> int:
    return int(shiboken6.getCppPointer(value)[0])


@functools.cache
def _function(symbol: str) -> ctypes._CFuncPtr | None:
    library = _library()
    function = getattr(library, symbol, None) if library is not None else None
    if function is not None:
        function.restype = None
    return function


@functools.cache
def _library() -> ctypes.CDLL | None:
    bundled = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Multimedia.so.6"
    for name in ("libQt6Multimedia.so.6", str(bundled)):  # the one already loaded comes first
        try:
            return ctypes.CDLL(name)  # CDLL, not PyDLL: the GIL is released during calls
        except OSError:
            continue
    return None
