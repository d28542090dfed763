#!/usr/bin/env bash
# Build dist/reiscoder_VERSION_ARCH.deb from the one-folder bundle in dist/reiscoder/
# (make bundle first; `make deb` does both). The program goes to /opt/reiscoder, with
# /usr/bin/reiscoder, a menu entry, icons, the .reis file type and AppStream metadata.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=dist/reiscoder
[ -x "$bundle/reiscoder" ] || { echo "No bundle in $bundle: run 'make bundle' first." >&2; exit 1; }
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
id=nl.reiscoder.Reiscoder
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/opt" "$root/usr/bin" "$root/DEBIAN"
cp -a "$bundle" "$root/opt/reiscoder"
ln -s /opt/reiscoder/reiscoder "$root/usr/bin/reiscoder"
install -D -m 644 packaging/linux/$id.desktop "$root/usr/share/applications/$id.desktop"
install -D -m 644 packaging/linux/$id.metainfo.xml "$root/usr/share/metainfo/$id.metainfo.xml"
install -D -m 644 packaging/linux/$id.mime.xml "$root/usr/share/mime/packages/$id.xml"
install -D -m 644 resources/icons/reiscoder.svg "$root/usr/share/icons/hicolor/scalable/apps/$id.svg"
install -D -m 644 packaging/icons/reiscoder-256.png "$root/usr/share/icons/hicolor/256x256/apps/$id.png"
install -D -m 644 packaging/linux/copyright "$root/usr/share/doc/reiscoder/copyright"
chmod -R u+rwX,go+rX,go-w "$root"

# What Qt needs from the system (the rest is inside the bundle). Debian 13 renamed some
# libraries for 64-bit time (the t64 names); either name is accepted.
depends=(
  "libc6" "libgl1" "libegl1" "libxkbcommon0" "libfontconfig1" "libfreetype6"
  "libdbus-1-3" "libglib2.0-0t64 | libglib2.0-0" "fonts-dejavu-core"
  "libxcb-cursor0" "libxkbcommon-x11-0" "libxcb-icccm4" "libxcb-image0" "libxcb-keysyms1"
  "libxcb-randr0" "libxcb-render-util0" "libxcb-shape0" "libxcb-xkb1" "libxcb-xinerama0"
  "libx11-xcb1"
)
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: reiscoder
Version: $version
Architecture: $arch
Maintainer: reiscoder developers <reiscoder@localhost>
Installed-Size: $size
Depends: $(IFS=,; echo "${depends[*]}" | sed 's/,/, /g')
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme
Section: science
Priority: optional
Description: qualitative coding of interview transcripts, offline and in Dutch
 reiscoder imports interview transcripts (Word, text, OpenDocument, RTF, PDF,
 subtitles), codes fragments with a codebook, keeps memos, compares the coding
 of two coders and reports in Word. The interface is Dutch; English is available.
 .
 This package holds a self-contained build (Python, Qt and spaCy included).
CONTROL

out=dist/reiscoder_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zzstd -z9 --build "$root" "$out" >/dev/null
echo "$out ($(du -h "$out" | cut -f1), installed $((size / 1024)) MB)"
