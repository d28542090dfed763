"""The operations layer: small, Qt-free functions that change a project.

Each takes a session (the caller owns the transaction), changes data through a
:class:`~reiscoder.ops.changes.ChangeSet` and returns an :class:`~reiscoder.ops.changes.Outcome`;
:func:`~reiscoder.ops.changes.revert` undoes any outcome's changes exactly.
"""

from reiscoder.ops.changes import ChangeSet, Outcome, Topic, revert

__all__ = ["ChangeSet", "Outcome", "Topic", "revert"]
