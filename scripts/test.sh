#!/usr/bin/env bash
# The second README command: every test, under ASan and UBSan, warnings as
# errors. ctest's summary line closes the run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACT_WERROR=ON -DPACT_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-test
ctest --output-on-failure -j"$(nproc)" "$@"
