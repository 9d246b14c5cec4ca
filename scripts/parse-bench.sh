#!/bin/sh
# Times `chitin -n` against `dash -n` on two 10,000-line scripts: a synthetic one (a block of
# every common construct, repeated) and one made of real /bin/sh scripts installed on this
# machine (whole files that dash -n accepts, joined). Prints callgrind instruction counts when
# valgrind is installed (repeatable on a busy machine) and hyperfine wall times when hyperfine
# is. Usage: scripts/parse-bench.sh [CHITIN_BINARY]   (default target/release/chitin)
set -u
chitin=${1:-target/release/chitin}
case $chitin in /*) ;; *) chitin=$PWD/$chitin ;; esac
[ -x "$chitin" ] || { echo "no chitin binary at $chitin (cargo build --release)" >&2; exit 2; }
command -v dash >/dev/null 2>&1 || { echo "needs dash" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chitin-parse.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

block='if [ -n "$foo" ] && [ "$bar" = "baz" ]; then
    echo "value: ${foo:-default} and $(basename "$0")"
elif test -f /etc/passwd; then
    x=$((x + 1)); y=`echo $x | sed -e '"'s/a/b/g'"'`
else
    : ${HOME:=/root}
fi
for f in /usr/bin/* "$@"; do
    case "$f" in
        *.sh|*.bash) echo "script: ${f##*/}" ;;
        [a-z]*) printf '"'%s\n'"' "$f" >> /tmp/out 2>&1 ;;
        *) ;;
    esac
done
my_func() {
    local_var="$1"
    while read -r line; do
        echo "$line" | grep -q '"'pattern'"' || continue
        count=$((count + 1))
    done < "$local_var"
    return 0
}
cat <<EOF > /tmp/file.txt
Some text with $VAR and ${OTHER:-x} and $(date)
more text here
EOF'
i=0
while [ "$i" -lt 385 ]; do printf '%s\n' "$block"; i=$((i + 1)); done >"$tmp/synthetic.sh"

# Real scripts: whole files that dash -n accepts, in a fixed order, up to 10,000 lines.
find /usr/bin /usr/sbin /usr/lib /usr/share /etc -type f -size -200k -print0 2>/dev/null |
    xargs -0 awk 'FNR == 1 { if ($0 ~ /^#! ?\/bin\/sh([ \t]|$)/) print FILENAME; nextfile }' \
        2>/dev/null | LC_ALL=C sort >"$tmp/list"
lines=0
while IFS= read -r f && [ "$lines" -lt 10000 ]; do
    dash -n "$f" 2>/dev/null || continue
    cat "$f" >>"$tmp/real.sh" && printf '\n' >>"$tmp/real.sh"
    lines=$(wc -l <"$tmp/real.sh")
done <"$tmp/list"
dash -n "$tmp/real.sh" || echo "note: dash -n rejects the joined real scripts" >&2

for s in synthetic real; do
    f=$tmp/$s.sh
    printf '%s: %s lines\n' "$s.sh" "$(wc -l <"$f")"
    "$chitin" -n "$f" || echo "  chitin -n REJECTED it"
    if command -v valgrind >/dev/null 2>&1; then
        for sh in "$chitin" dash; do
            n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$sh" -n "$f" 2>&1 |
                sed -n 's/.*Collected : //p')
            printf '  %-8s %s instructions\n' "${sh##*/}" "$n"
        done
    fi
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 20 -r 300 "$chitin -n $f" "dash -n $f" 2>/dev/null |
            sed -n 's/^Benchmark [0-9]*: \([^ ]*\).*/  \1/p; s/^ *Time (mean ± σ): */    /p'
    fi
done
