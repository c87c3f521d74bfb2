#!/usr/bin/env bash
# The system packages delaftale's tests use: installed with apt-get where this machine
# allows it (root, or sudo without a password); otherwise named, and the tests that need
# them are skipped with the same hint (they fail only under CI=true). Never fails itself.
set -uo pipefail
packages=(tesseract-ocr tesseract-ocr-dan tesseract-ocr-eng poppler-utils
          libreoffice-writer-nogui libreoffice-calc-nogui chromium chromium-driver)
command -v dpkg >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install tesseract (dan), poppler-utils, LibreOffice and Chromium yourself" >&2; exit 0; }
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ "${#need[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "system-deps: missing ${need[*]}; install them (sudo apt-get install ${need[*]}) or the tests that need them are skipped" >&2
  exit 0
fi
if ! { "${sudo[@]}" apt-get update -qq &&
       DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"; }; then
  echo "system-deps: could not install ${need[*]}; the tests that need them are skipped" >&2
fi
exit 0
