#!/bin/sh
# Runs a .bats file with bats under chitin (a `bash` symlink to chitin first on PATH, since bats
# re-executes bash) and under the real bash, with --tap and --formatter junit, and compares.
# usage: scripts/realworld/check-bats.sh [path/to/chitin]   (apt-get install bats)
chitin=$(realpath "${1:-target/release/chitin}")
here=$(cd "$(dirname "$0")" && pwd)
command -v bats >/dev/null 2>&1 || { echo "check-bats: skipped (apt-get install bats)"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$chitin" "$tmp/bin/bash"
status=0
for mode in --tap "--formatter junit"; do
    # Durations and timestamps differ from run to run.
    norm() { sed -E 's/time="[0-9.]+"/time="T"/g; s/timestamp="[^"]*"/timestamp="T"/g; s/ in [0-9]+ ?m?s(ec)?//g'; }
    (cd "$here/bats" && bats $mode example.bats 2>&1) | norm >"$tmp/bash.out"
    (cd "$here/bats" && PATH="$tmp/bin:$PATH" "$chitin" "$(command -v bats)" $mode example.bats 2>&1) | norm >"$tmp/chitin.out"
    if diff -u "$tmp/bash.out" "$tmp/chitin.out"; then
        echo "check-bats $mode: same as bash ($(wc -l <"$tmp/bash.out") lines)"
    else
        echo "check-bats $mode: FAILED (bash -, chitin +)"
        status=1
    fi
done
exit $status
