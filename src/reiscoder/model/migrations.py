"""Numbered schema migrations. ``STEPS[n]`` upgrades a version ``n - 1`` project to version ``n``.

A new project gets the current schema from the models directly; an older one is backed up and
then walked through every step after its version, in one transaction. Each step is tested
against a frozen project file of the version before it (tests/fixtures/projects/).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

SCHEMA_VERSION = 1

Step = Callable[[Connection], None]
STEPS: dict[int, Step] = {}


def upgrade(connection: Connection, from_version: int) -> list[int]:
    """Run every step after ``from_version``; return the versions passed through."""
    done = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](connection)
        done.append(version)
    return done
