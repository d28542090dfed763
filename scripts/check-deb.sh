#!/usr/bin/env bash
# Install the .deb built by `make deb` as a user would (apt-get install ./reiscoder_*.deb),
# check what it put on the system (menu entry, icon, .reis file type, AppStream metadata),
# run the smoke test on the installed program, and remove the package again.
# Needs root (CI runs as root on a fresh Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
debs=(dist/reiscoder_*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "Expected one dist/reiscoder_*.deb, found ${#debs[@]}: run 'make deb'." >&2; exit 1; }
deb=$(realpath "${debs[0]}")
id=nl.reiscoder.Reiscoder

trap 'apt-get remove -y -qq reiscoder >/dev/null 2>&1 || true' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
echo "Installed $(dpkg-query -W -f='${Package} ${Version} (${Installed-Size} KB)' reiscoder)"

desktop-file-validate /usr/share/applications/$id.desktop
appstreamcli validate --no-net /usr/share/metainfo/$id.metainfo.xml
test -f /usr/share/icons/hicolor/scalable/apps/$id.svg
test -f /usr/share/icons/hicolor/256x256/apps/$id.png
# The file type is registered (shared-mime-info's trigger) and opens with reiscoder
# (desktop-file-utils' trigger): what a double-click on a .reis file in a file manager uses.
grep -q ':application/x-reiscoder-project:\*\.reis' /usr/share/mime/globs2
grep -q "^application/x-reiscoder-project=.*$id.desktop" /usr/share/applications/mimeinfo.cache
test "$(readlink -f /usr/bin/reiscoder)" = /opt/reiscoder/reiscoder
echo "Menu entry, icons, MIME type and AppStream metadata are in place."

REISCODER_APP=/usr/bin/reiscoder REISCODER_DEB="$deb" make smoke
