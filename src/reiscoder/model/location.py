"""Where a project file lives: synced and network folders make SQLite's WAL files unsafe."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SYNC_FOLDER_NAMES = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "surfdrive",
    "box sync",
    "seafile",
    "pcloud",
)
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "afs"}


def synced_folder_reason(path: Path) -> str | None:
    """Name of the sync service or network file system the path is on, or None."""
    resolved = path.resolve()
    for part in resolved.parts:
        lowered = part.lower()
        for name in SYNC_FOLDER_NAMES:
            if lowered.startswith(name):
                return part
    return _network_filesystem(resolved)


def _network_filesystem(path: Path) -> str | None:
    if sys.platform == "win32":
        text = str(path)
        return "network share" if text.startswith("\\\\") else None
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return None
    best, best_type = "", ""
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        if _is_under(path, mount_point) and len(mount_point) > len(best):
            best, best_type = mount_point, fields[2]
    return best_type if best_type in NETWORK_FILESYSTEMS else None


def _is_under(path: Path, mount_point: str) -> bool:
    text = str(path)
    return text == mount_point or text.startswith(mount_point.rstrip(os.sep) + os.sep)
