#!/usr/bin/env bash
# Installs the Debian packages Diên Hồng needs (idempotent; skips what is present).
# Needs root (or sudo). Called by `make` targets; safe to run by hand.
set -euo pipefail
PKGS=(chromium fonts-liberation2 tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng
      poppler-utils ghostscript qpdf unpaper pngquant libpango-1.0-0 libpangoft2-1.0-0 gettext)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
