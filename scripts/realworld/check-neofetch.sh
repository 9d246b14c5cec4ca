#!/bin/sh
# Runs neofetch under chitin and under bash and compares the output line by line, leaving out
# the lines that change from one second to the next (uptime, memory, CPU use).
# usage: scripts/realworld/check-neofetch.sh [path/to/chitin]   (apt-get install neofetch)
chitin=${1:-target/release/chitin}
command -v neofetch >/dev/null 2>&1 || { echo "check-neofetch: skipped (apt-get install neofetch)"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
unstable='^(Uptime|Memory|CPU Usage|Battery|Packages):'
# Twice: as from a login session, and with SHELL unset (as CI runs it), where bash sets SHELL
# to the login shell and neofetch runs "$SHELL" --version.
for unset in "" "-u SHELL"; do
    # shellcheck disable=SC2086
    env $unset bash "$(command -v neofetch)" --stdout </dev/null 2>&1 | grep -Ev "$unstable" >"$tmp/bash"
    # shellcheck disable=SC2086
    env $unset "$chitin" "$(command -v neofetch)" --stdout </dev/null 2>&1 | grep -Ev "$unstable" >"$tmp/chitin"
    if ! diff -u "$tmp/bash" "$tmp/chitin"; then
        echo "check-neofetch: FAILED (bash -, chitin +) ${unset:+with SHELL unset}"
        exit 1
    fi
done
echo "check-neofetch: same output as bash ($(wc -l <"$tmp/bash") lines, SHELL set and unset)"
