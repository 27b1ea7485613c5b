#!/usr/bin/env bash
# The first README command: install what is missing, build, and run pactgraph
# on the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACT_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "built build/pactgraph ($(build/pactgraph --version))"
scripts/demo.sh
