"""The log file: what went wrong, with the details a user never has to read.

One rotating file, ``logs/reiscoder.log`` in the user data folder (see
:func:`reiscoder.paths.user_data_dir`), kept to a few hundred kilobytes. The window and the
command line both write to it; a log that cannot be written never stops reiscoder.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reiscoder.paths import user_data_dir

LOG_NAME = "reiscoder.log"
MAX_BYTES = 256 * 1024
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def log_folder() -> Path:
    """Where the log is kept (created on first use; a temporary folder if that fails)."""
    try:
        return user_data_dir() / "logs"
    except OSError:  # no home folder to write in (a service account, a read-only home)
        import tempfile

        return Path(tempfile.gettempdir()) / f"reiscoder-logs-{getpass_user()}"


def getpass_user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):
        return "user"


class _QuietHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (a full disk) is given up quietly, not printed."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        return


def log_file() -> Path:
    return log_folder() / LOG_NAME


def start_logging() -> Path | None:
    """Send warnings and errors to the rotating log file: reiscoder's own from INFO on, other
    libraries' from WARNING on (which would otherwise be printed in English on stderr). The
    file, or None when it cannot be written. Calling it again reuses it."""
    root = logging.getLogger()
    path = log_file()
    for handler in root.handlers:
        if isinstance(handler, _QuietHandler):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    ours = logging.getLogger("reiscoder")
    if ours.level == logging.NOTSET or ours.level > logging.INFO:
        ours.setLevel(logging.INFO)
    return path


def stop_logging() -> None:
    """Close the log file (tests; a program simply ends)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _QuietHandler):
            root.removeHandler(handler)
            handler.close()
