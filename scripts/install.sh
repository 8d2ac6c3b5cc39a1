#!/usr/bin/env bash
# Installs a built chengyu with its resources (what `make install` runs after the build):
#   scripts/install.sh BIN_DIR PREFIX
# BIN_DIR is `swift build -c release --show-bin-path`; PREFIX defaults to /usr/local. Layout:
#   PREFIX/bin/chengyu
#   PREFIX/share/chengyu/Chengyu_BaseData.resources/   the bundled base data (found from ../share/chengyu)
#   PREFIX/share/chengyu/Scenarios/                    the bundled scenarios (`extends: baseline` from anywhere)
set -euo pipefail
bin_dir=${1:?usage: scripts/install.sh BIN_DIR [PREFIX]}
prefix=${2:-/usr/local}
repo=$(cd "$(dirname "$0")/.." && pwd)
for f in "$bin_dir/chengyu" "$bin_dir/Chengyu_BaseData.resources/data"; do
  [ -e "$f" ] || { echo "install: $f is missing: build first (make build)" >&2; exit 2; }
done
sudo=""
if ! mkdir -p "$prefix/bin" "$prefix/share/chengyu" 2>/dev/null || [ ! -w "$prefix/bin" ]; then
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo=sudo
  $sudo mkdir -p "$prefix/bin" "$prefix/share/chengyu"
fi
$sudo install -m 0755 "$bin_dir/chengyu" "$prefix/bin/chengyu"
$sudo rm -rf "$prefix/share/chengyu/Chengyu_BaseData.resources" "$prefix/share/chengyu/Scenarios"
$sudo cp -R "$bin_dir/Chengyu_BaseData.resources" "$prefix/share/chengyu/"
$sudo cp -R "$repo/Scenarios" "$prefix/share/chengyu/Scenarios"
echo "installed $prefix/bin/chengyu (data and scenarios in $prefix/share/chengyu)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
