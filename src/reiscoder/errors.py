"""The root of every error a user can be told about.

Anything that reaches the user as a message (in the window or on the command line) is a
:class:`UserError` with a plain, translated ``message``; anything else is a bug, shown by the
crash handler. The command line exits with :data:`REFUSED_EXIT_CODE` for every refusal.
"""

from __future__ import annotations

REFUSED_EXIT_CODE = 2


class UserError(Exception):
    """Something the user can be told in plain words; ``message`` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
