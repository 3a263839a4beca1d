#!/usr/bin/env bash
# Install what the project needs, in a virtual environment (.venv) beside this script's project:
#   bash scripts/install.sh         runtime packages (dashboard, CLI, exports)
#   bash scripts/install.sh --dev   plus test tools and Debian's chromium + chromium-driver
# Then run the project with .venv/bin/python (see README.md).
# A venv, not the system Python: Debian 12 and later refuse `pip install` there (PEP 668,
# "externally-managed-environment"). Debian ships `python3 -m venv` in its own package, python3-venv
# (python3.X-venv), which is installed here when it is missing and we are root.
# Chromium serves two purposes: kaleido's static export (PNG/SVG/PDF) and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
req=requirements.txt
[ "${1:-}" = "--dev" ] && req=requirements-dev.txt
PYTHON="${PYTHON:-python3}"
VENV=.venv

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    return 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  rm -rf "$VENV"
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    # Debian's python3 lacks ensurepip until python3-venv (for this exact version) is installed.
    version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    if ! apt_install python3-venv "python$version-venv"; then
      echo "'$PYTHON -m venv' does not work: run 'sudo apt-get install python3-venv' and try again" >&2
      exit 1
    fi
    "$PYTHON" -m venv "$VENV"
  fi
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
# The project's own bytecode, as pip writes it for installed packages: where PYTHONDONTWRITEBYTECODE is set,
# every command would otherwise compile the modules from source (~10% of the parser's start-up). A module
# edited later is compiled afresh: Python checks the source's time stamp.
"$VENV/bin/python" -m compileall -q dashboard >/dev/null

if ! command -v chromium >/dev/null 2>&1 || { [ "${1:-}" = "--dev" ] && ! command -v chromedriver >/dev/null 2>&1; }; then
  if ! apt_install chromium chromium-driver; then
    echo "chromium is missing: run 'sudo apt-get install chromium chromium-driver' for static exports and browser tests" >&2
  fi
fi
