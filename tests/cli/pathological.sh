#!/usr/bin/env bash
# Pathological inputs with time and memory bounds: tests/pathological.py.
set -u
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
exec python3 "$PACT_SOURCE_DIR/tests/pathological.py"
