#!/usr/bin/env bash
# Run the Windows CPython that setup.sh built, from the current folder, with the given arguments:
#   tools/windows/run.sh -m unionstats ingest data/raw
#   tools/windows/run.sh -m pytest -q tests/test_store_durability.py
# No UTF-8 mode: output is written in the Windows code page (cp1252 here), as a user's
# redirected output or a scheduled task's. Output is piped, because Wine cannot hand a Linux
# file to Windows as a standard handle. The exit status is Python's.
set -u
here=$(cd "$(dirname "$0")" && pwd)
WINPY=${UNIONSTATS_WINPY:-$(cd "$here/../.." && pwd)/.winpy}
export WINEDEBUG=-all
[ -f "$WINPY/cp311/python.exe" ] || { echo "Chạy tools/windows/setup.sh trước." >&2; exit 2; }
win() { printf 'Z:%s' "${1//\//\\}"; }  # /work/x -> Z:\work\x
export PYTHONPATH="$(win "$WINPY/site");$(win "$PWD")"
export JUPYTER_PATH="$(win "$WINPY/site/share/jupyter")"  # a venv has them under its prefix
wine "$WINPY/cp311/python.exe" "$@" < /dev/null 2>&1 | cat
exit "${PIPESTATUS[0]}"
