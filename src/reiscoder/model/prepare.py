"""Work that the first query of every session needs, done before a project is opened."""

from __future__ import annotations

from sqlalchemy.orm import configure_mappers


def prepare_mappings() -> None:
    """Set up the ORM's mappings now (some 30 ms), which the first query of an opened project
    would otherwise do while the user waits for it: the app calls this while it is idle."""
    configure_mappers()
