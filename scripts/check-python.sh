#!/usr/bin/env bash
# Refuse a Python that reiscoder cannot run on, with what to do instead.
python=${1:-python3}
if ! command -v "$python" >/dev/null; then
  echo "Python 3 ($python) is not installed. Install python3 (3.11 or newer) first." >&2
  exit 1
fi
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' && exit 0
cat >&2 <<MESSAGE
reiscoder needs Python 3.11 or newer; $python is $("$python" --version 2>&1).
On Ubuntu 22.04: install python3.11 and python3.11-venv, then run
    make run PYTHON=python3.11
Or use the ready-made bundle or .deb of reiscoder, which brings its own Python
(see README.md, "Installeren").
MESSAGE
exit 1
