"""Errors a user can be told about: each carries a plain, translated message."""

from __future__ import annotations


class ProjectError(Exception):
    """Something is wrong with a project file; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


class OperationError(Exception):
    """A user action that cannot be done as asked; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
