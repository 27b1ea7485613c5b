#!/usr/bin/env bash
# A short libFuzzer run of every fuzz target (fuzz/README.md): configures and
# builds a separate clang build (-DPACT_FUZZ=ON) next to the tested binary,
# replays fuzz/regressions/<target>/*, then fuzzes each target for
# PACT_FUZZ_SECONDS (default 20 s, 9 targets: about 3 minutes) from its
# minimised corpus fuzz/corpus/<target>/ (with fuzz/<target>.dict when there
# is one). Fails on any crash, leak, sanitizer
# report or broken invariant; the input is kept under the build directory.
set -u
src=${PACT_SOURCE_DIR:?}
secs=${PACT_FUZZ_SECONDS:-20}
command -v clang >/dev/null 2>&1 || { echo "skip: clang is not installed (the fuzz targets need libFuzzer)"; exit 77; }
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' > /tmp/pact_fuzz_probe.$$.c
if ! clang -fsanitize=fuzzer /tmp/pact_fuzz_probe.$$.c -o /tmp/pact_fuzz_probe.$$ >/dev/null 2>&1; then
    rm -f /tmp/pact_fuzz_probe.$$*
    echo "skip: clang cannot link -fsanitize=fuzzer (install libclang-rt-dev)"; exit 77
fi
rm -f /tmp/pact_fuzz_probe.$$*

build=${PACT_FUZZ_BUILD:-$(dirname "${PACT:?}")/fuzz-build}
if ! { CC=clang cmake -S "$src" -B "$build" -DPACT_FUZZ=ON -DBUILD_TESTING=OFF \
         -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.log" 2>&1 &&
       cmake --build "$build" --target fuzz -j"$(nproc)" >>"$build.log" 2>&1; }; then
    tail -30 "$build.log"; echo "FAIL: the fuzz build failed ($build.log)"; exit 1
fi

work="$build/short-run"
rm -rf "$work"
mkdir -p "$work"
fail=0
for bin in "$build"/fuzz/fuzz_*; do
    t=$(basename "$bin"); t=${t#fuzz_}
    # known crashes first: each must run clean once fixed
    if [ -d "$src/fuzz/regressions/$t" ] && ls "$src/fuzz/regressions/$t"/* >/dev/null 2>&1; then
        if ! "$bin" -runs=1 "$src/fuzz/regressions/$t"/* >"$work/$t.regress.log" 2>&1; then
            echo "FAIL: $t: a regression input crashes"; grep -m5 -E 'ERROR|invariant|runtime error|Running:' "$work/$t.regress.log"
            fail=1
        fi
    fi
    mkdir -p "$work/$t"
    corpus=()
    [ -d "$src/fuzz/corpus/$t" ] && corpus=("$src/fuzz/corpus/$t")
    dict=()
    [ -f "$src/fuzz/$t.dict" ] && dict=(-dict="$src/fuzz/$t.dict")
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        "${dict[@]}" -artifact_prefix="$work/$t-" "$work/$t" "${corpus[@]}" >"$work/$t.log" 2>&1
    rc=$?
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$')
    if [ $rc -ne 0 ] || ls "$work/$t"-* >/dev/null 2>&1; then
        echo "FAIL: $t: exit $rc after ${runs:-?} runs; input kept as: $(ls "$work/$t"-* 2>/dev/null | tr '\n' ' ')"
        grep -m20 -E 'ERROR|invariant|runtime error|SUMMARY|#[0-9]+ 0x' "$work/$t.log"
        fail=1
    else
        echo "$t: ${runs:-?} runs in ${secs} s, no crash"
    fi
done
[ $fail -eq 0 ] && echo ok
exit $fail
