"""Errors of a project file and of operations on it, each with a plain, translated message."""

from __future__ import annotations

from reiscoder.errors import UserError


class ProjectError(UserError):
    """Something is wrong with a project file; ``message`` is for the user."""


class NotAProjectError(ProjectError):
    pass


class CorruptProjectError(ProjectError):
    pass


class NewerProjectError(ProjectError):
    pass


class ProjectLockedError(ProjectError):
    def __init__(self, message: str, holder: str) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyProjectError(ProjectError):
    pass


class OperationError(UserError):
    """A user action that cannot be done as asked; nothing was changed."""
