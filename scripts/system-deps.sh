#!/usr/bin/env bash
# Install the Debian/Ubuntu packages reiscoder needs that pip cannot provide: Qt's system
# libraries and fonts, and for the tests LibreOffice and poppler to render exported documents
# and espeak-ng, sox and ffmpeg to make recordings.
# Usage: scripts/system-deps.sh run|test   (installs only what is missing; needs root or sudo)
set -euo pipefail
purpose=${1:-test}

packages=(
  python3-venv
  # Qt (PySide6 wheels) on any platform plugin, offscreen included
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
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
  )
fi

command -v dpkg-query >/dev/null || { echo "Not a Debian-like system: install the equivalents of: ${packages[*]}"; exit 0; }
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
