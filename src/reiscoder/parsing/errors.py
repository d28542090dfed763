"""The one error an import raises: a plain sentence for the user, never a traceback."""

from __future__ import annotations

from reiscoder.errors import UserError


class ImportFailure(UserError):
    """A file could not be imported; ``message`` says why in words a researcher understands.

    Raise it with an already translated message (``_()`` at raise time), so that the message
    follows the interface language chosen when the import ran.
    """

    def __str__(self) -> str:
        return self.message
