#!/usr/bin/env bash
# Create the virtual environment with a Python new enough for Django 6 (3.12 or later).
# Uses one already on the machine when there is one; otherwise installs uv and lets it provide Python 3.12.
set -euo pipefail
venv=${1:-.venv}

new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

find_python() {
  local candidate path
  for candidate in ${PARLEY_PYTHON:-} python3.14 python3.13 python3.12 python3; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if new_enough "$path"; then echo "$path"; return 0; fi
  done
  for path in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /opt/python/3.1[2-9]*/bin/python3; do
    if [ -x "$path" ] && new_enough "$path"; then echo "$path"; return 0; fi
  done
  return 1
}

if python=$(find_python); then
  echo "Using $python ($("$python" --version))"
  "$python" -m venv "$venv"
  exit 0
fi

echo "No Python 3.12 or newer found (Django 6 needs it); installing one with uv."
bootstrap=.venv-bootstrap
if ! python3 -m venv "$bootstrap" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$bootstrap"
  else
    echo "error: python3 cannot create virtual environments; install the python3-venv package (sudo apt-get install python3-venv) and run make again." >&2
    exit 1
  fi
fi
"$bootstrap/bin/pip" install -q uv
"$bootstrap/bin/uv" venv --seed --python 3.12 "$venv"
