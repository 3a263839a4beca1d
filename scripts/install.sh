#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine.
#   bash scripts/install.sh         runtime packages (dashboard, CLI, exports)
#   bash scripts/install.sh --dev   plus test tools and Debian's chromium + chromium-driver
# Chromium serves two purposes: kaleido's static export (PNG/SVG/PDF) and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
req=requirements.txt
[ "${1:-}" = "--dev" ] && req=requirements-dev.txt
python3 -m pip install --quiet --disable-pip-version-check -r "$req"
if ! command -v chromium >/dev/null 2>&1 || { [ "${1:-}" = "--dev" ] && ! command -v chromedriver >/dev/null 2>&1; }; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "chromium is missing: run 'sudo apt-get install chromium chromium-driver' for static exports and browser tests" >&2
  fi
fi
