"""A real PostgreSQL server for the tests, started in a temporary folder.

``initdb`` and ``pg_ctl`` come from Debian's postgresql package (scripts/system-deps.sh
installs it). PostgreSQL refuses to run as root, so as root the server runs as ``nobody``.
The superuser has a password and connects over TCP on 127.0.0.1, as a team's server would;
credentials reach libpq through a ``.pgpass`` file, never through a URL.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "reiscoder_admin"
PASSWORD = "geheim-voor-tests"


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    folder: Path
    port: int
    bin: Path

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@{self.host}:{self.port}/{database}"

    def psql(self, database: str, sql: str, user: str = SUPERUSER) -> str:
        result = subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-U",
                user,
                "-d",
                database,
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
            env=self.env(),
        )
        return result.stdout.strip()

    def env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSFILE": str(self.folder / "pgpass")}

    def add_password(self, user: str, password: str) -> None:
        with (self.folder / "pgpass").open("a", encoding="utf-8") as pgpass:
            pgpass.write(f"{self.host}:{self.port}:*:{user}:{password}\n")

    def stop(self) -> None:
        _as_owner(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            self.folder,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_owner(command: list[str], folder: Path) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, check=True, cwd=folder)


def start_server() -> PgServer:
    bin_folder = binaries()
    if bin_folder is None:
        raise RuntimeError("PostgreSQL is not installed (Debian package postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="reiscoder-pg-"))
    os.chmod(folder, 0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    secret = folder / "password"
    secret.write_text(PASSWORD, encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(secret, "nobody", "nogroup")
    data = folder / "data"
    _as_owner(
        [
            str(bin_folder / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--pwfile",
            str(secret),
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        folder,
    )
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -k {folder} -c fsync=off"
    _as_owner(
        [
            str(bin_folder / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "log"),
            "-w",
            "start",
        ],
        folder,
    )
    server = PgServer(folder, port, bin_folder)
    server.add_password(SUPERUSER, PASSWORD)
    os.chmod(folder / "pgpass", 0o600)
    return server
