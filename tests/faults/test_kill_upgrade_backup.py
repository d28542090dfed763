"""A kill during the backup made before an upgrade leaves no half copy under a backup's name:
nothing half-written is listed, the next opening upgrades with a complete backup, and the
leftover is cleaned away.

Kill points are deterministic: the child pauses at a named point of the backup (the test hook
``backups.PAUSE``), says so through its stdout pipe, and the parent kills it there.
"""

from __future__ import annotations

import pytest

from reiscoder.model.backups import backup_folder, list_backups
from reiscoder.model.migrations import SCHEMA_VERSION
from reiscoder.model.project import Project
from tests.faults.children import run_until
from tests.model.test_migrations import load_fixture
from tests.safety.test_kill import PAUSING

UPGRADER = PAUSING + (
    "from reiscoder.model import backups\n"
    "from reiscoder.model.project import Project\n"
    "backups.PAUSE = pause_at(sys.argv[2])\n"
    "Project.open(sys.argv[1])\n"
    "print('done', flush=True)\n"
    "time.sleep(600)\n"
)


@pytest.mark.parametrize("point", ["backup-copying", "backup-copied"])
def test_kill_during_the_upgrade_backup(tmp_path, point):
    old = SCHEMA_VERSION - 1
    path = load_fixture(old, tmp_path / "oud.reis")
    run_until(UPGRADER, str(path), point, point=point)

    folder = backup_folder(path)
    leftovers = [p.name for p in folder.iterdir()]
    assert leftovers and all(".part" in name for name in leftovers), "killed halfway"
    assert list_backups(path) == [], "a half-written backup is never listed"

    with Project.open(path) as project:
        assert project.migrated_from == old and project.schema_version == SCHEMA_VERSION
    backups = list_backups(path)
    assert [(b.reason, b.schema_version, b.codings, b.problem) for b in backups] == [
        (f"v{old}", old, 2, None)
    ]
    assert [p.name for p in folder.iterdir()] == [backups[0].path.name], "leftovers are gone"
