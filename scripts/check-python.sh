#!/usr/bin/env bash
# Refuse a Python that reiscoder cannot run on, with what to do instead (Dutch, then English).
python=${1:-python3}
if ! command -v "$python" >/dev/null; then
  cat >&2 <<MESSAGE
Python 3 ($python) is niet geïnstalleerd. Installeer eerst Python 3.11 of nieuwer; op Debian
of Ubuntu vraag je een beheerder om:
    sudo apt-get install python3 python3-venv

Python 3 ($python) is not installed. Install Python 3.11 or newer first; on Debian or Ubuntu,
ask an administrator for:
    sudo apt-get install python3 python3-venv
MESSAGE
  exit 1
fi
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && exit 0
version=$("$python" --version 2>&1)
cat >&2 <<MESSAGE
reiscoder heeft Python 3.11 of nieuwer nodig; $python is $version.
Op Ubuntu 22.04: vraag een beheerder om
    sudo apt-get install python3.11 python3.11-venv
en start dan
    make run PYTHON=python3.11
Of gebruik de kant-en-klare bundel of het .deb-pakket van reiscoder: die hebben hun eigen
Python bij zich (zie README.md, "Installeren").

reiscoder needs Python 3.11 or newer; $python is $version.
On Ubuntu 22.04: ask an administrator for
    sudo apt-get install python3.11 python3.11-venv
then run
    make run PYTHON=python3.11
Or use the ready-made bundle or .deb of reiscoder, which brings its own Python
(see README.md, "Install").
MESSAGE
exit 1
