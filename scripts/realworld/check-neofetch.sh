#!/bin/sh
# Runs neofetch under chitin and under bash and compares the output line by line, leaving out
# the lines that change from one second to the next (uptime, memory, CPU use).
# usage: scripts/realworld/check-neofetch.sh [path/to/chitin]   (apt-get install neofetch)
chitin=${1:-target/release/chitin}
command -v neofetch >/dev/null 2>&1 || { echo "check-neofetch: skipped (apt-get install neofetch)"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
unstable='^(Uptime|Memory|CPU Usage|Battery|Packages):'
bash "$(command -v neofetch)" --stdout </dev/null 2>&1 | grep -Ev "$unstable" >"$tmp/bash"
"$chitin" "$(command -v neofetch)" --stdout </dev/null 2>&1 | grep -Ev "$unstable" >"$tmp/chitin"
if diff -u "$tmp/bash" "$tmp/chitin"; then
    echo "check-neofetch: same output as bash ($(wc -l <"$tmp/bash") lines)"
else
    echo "check-neofetch: FAILED (bash -, chitin +)"
    exit 1
fi
