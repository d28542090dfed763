#!/usr/bin/env bash
# Install the Debian/Ubuntu packages reiscoder needs that pip cannot provide: Qt's system
# libraries and fonts, and for the tests LibreOffice and poppler to render exported documents
# and espeak-ng, sox and ffmpeg to make recordings.
# Usage: scripts/system-deps.sh run|test|bundle, or scripts/system-deps.sh packages NAME...
# (just those). Installs only what is missing, and calls apt-get only then (needs root or
# sudo; without either it prints the apt-get command to ask an administrator for).
# `a|b` names alternatives: Debian 13 renamed some libraries (the 64-bit-time `t64` names) and
# keeps the old name only as a virtual package, which dpkg never reports installed.
set -euo pipefail
purpose=${1:-test}

packages=(
  python3-venv
  # Qt (PySide6 wheels) on any platform plugin, offscreen included
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 'libglib2.0-0t64|libglib2.0-0' fonts-dejavu-core
  # Qt on an X11 desktop or under Xvfb
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-xinerama0
  # Qt Multimedia's FFmpeg back end (PySide6-Addons ships FFmpeg itself): libQt6Multimedia
  # links PulseAudio's client library (it plays silently when no sound server or card is
  # there), the FFmpeg plugin links X11's randr and ext, libavutil links libdrm
  libpulse0 libxrandr2 libxext6 libx11-6 libdrm2
)
if [ "$purpose" = test ]; then
  packages+=(
    # rendering exported Word documents to PDF and PNG, with Word-compatible fonts
    libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito fonts-crosextra-caladea
    # a virtual screen for end-to-end checks of the real window
    xvfb xauth
    # real recordings for the player tests: Dutch speech, joined with known silences, encoded
    espeak-ng sox ffmpeg
    # checking the desktop entry and the AppStream metadata of the Linux package
    desktop-file-utils appstream
    # a real PostgreSQL server for the team tests (started by the tests as an unprivileged user)
    postgresql
    # the fault tests: chattr makes a project file immutable, which even root cannot write
    # (setpriv, to run as an unprivileged user, is in util-linux, always there)
    e2fsprogs
  )
fi
if [ "$purpose" = packages ]; then
  shift
  packages=("$@")
fi
if [ "$purpose" = bundle ]; then
  # PyInstaller reads the libraries' dependencies with objdump; the .deb is checked as in test
  # PyInstaller also needs the shared library of the Python it freezes.
  python_version=$(${PYTHON:-python3} -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  # shared-mime-info: the check of the installed .deb reads its database
  packages+=(binutils desktop-file-utils appstream shared-mime-info "libpython$python_version")
fi

command -v dpkg-query >/dev/null || { echo "Not a Debian-like system: install the equivalents of: ${packages[*]}"; exit 0; }
installed() {  # (not a pipe into grep -q: with pipefail, its early exit can fail the pipe)
  local status
  status=$(dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null) || return 1
  [[ $status == *"ok installed"* ]]
}
missing=()
for choice in "${packages[@]}"; do
  IFS='|' read -r -a names <<<"$choice"
  found=""
  for name in "${names[@]}"; do installed "$name" && found=$name && break; done
  [ -n "$found" ] || missing+=("$choice")
done
[ ${#missing[@]} -eq 0 ] && exit 0  # all there: no apt-get at all

# Of alternatives, the first name this system's package lists know (apt-cache needs no root).
wanted=()
for choice in "${missing[@]}"; do
  IFS='|' read -r -a names <<<"$choice"
  pick=${names[-1]}
  for name in "${names[@]}"; do
    if apt-cache show --no-all-versions "$name" >/dev/null 2>&1; then pick=$name; break; fi
  done
  wanted+=("$pick")
done
command="apt-get install --no-install-recommends ${wanted[*]}"

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || { [ -t 0 ] && sudo -v; }; }; then
    sudo="sudo"
  else
    cat >&2 <<MESSAGE
reiscoder heeft deze systeempakketten nodig, en installeren vraagt beheerdersrechten.
Vraag je systeembeheerder om deze opdracht uit te voeren:

    sudo $command

en start daarna deze opdracht opnieuw. Zonder beheerdersrechten kun je ook de kant-en-klare
bundel van reiscoder gebruiken (zie README.md, "Installeren").

reiscoder needs these system packages, and installing them needs administrator rights.
Ask your system administrator to run this command:

    sudo $command

then run this command again. Without administrator rights you can also use the ready-made
bundle of reiscoder (see README.md, "Install").
MESSAGE
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
echo "Installing system packages: ${wanted[*]}"
$sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
