#!/usr/bin/env bash
# Speed of `chitin --transcript` against prysk (the maintained cram runner), both on one core
# (taskset -c 0), on 200 generated files of 20 commands each and on the corpus tests/cram.
#   scripts/bench-transcript.sh [--runs N]     needs hyperfine and `pip install prysk`
#   scripts/bench-transcript.sh --generate DIR  only writes the generated files in DIR/gen*
# prysk runs the files with chitin as its shell, so the two differ only in the runner.
set -eu
cd "$(dirname "$0")/.."
runs=10
only_generate=
case "${1:-}" in
--runs) runs=$2 ;;
--generate) only_generate=$2 ;;
esac
chitin=$(realpath "${CHITIN:-target/release/chitin}")
for tool in hyperfine prysk taskset; do
    command -v $tool >/dev/null || { echo "bench-transcript: $tool is not installed"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 200 files of 20 commands. gen: what the runner itself costs: builtins, variables that
# persist, a function, a command substitution, a failing status, a (re) and a (glob) line.
# gen-ext: the same with the commands a transcript of a command-line tool runs (wc, ls, touch,
# cat, grep): there both runners mostly wait for those programs, whose cost they share.
generate() { # DIR EXTERNAL(0|1)
    mkdir "$1"
    for f in $(seq -w 1 200); do
        {
            echo "Generated transcript $f."
            echo
            echo '  $ greet() { printf "hello %s\n" "$1"; }'
            for c in $(seq 1 4); do
                echo "  \$ x$c=\"value $f $c\""
                if [ "$2" = 1 ]; then
                    echo "  \$ printf '%s\\n' a b | wc -l"
                    echo "  2"
                    echo "  \$ touch file$c.txt && ls file$c.txt"
                    echo "  file$c.* (glob)"
                else
                    echo "  \$ echo \"\$x$c\""
                    echo "  value $f $c"
                    echo "  \$ greet \"\$(echo world$c)\""
                    echo "  hello world$c"
                fi
                echo "  \$ test -n \"\$x$c\" && false"
                echo "  [1]"
            done
            echo "  \$ echo \"id \$((40 + 2))\""
            echo '  id \d+ (re)'
            echo "  \$ echo \"file.txt\""
            echo "  file.* (glob)"
            echo "  \$ cd / && pwd"
            echo "  /"
        } >"$1/gen$f.t"
    done
}
if [ -n "$only_generate" ]; then
    generate "$only_generate/gen" 0
    generate "$only_generate/gen-ext" 1
    exit
fi
generate "$work/gen" 0
generate "$work/gen-ext" 1
cp -r tests/cram "$work/corpus"

for set in gen gen-ext corpus; do
    echo "== $set: $(find "$work/$set" -name '*.t' | wc -l) files, one core"
    (cd "$work/$set" && hyperfine --warmup 1 --runs "$runs" -N -i \
        -n chitin "taskset -c 0 $chitin --transcript -q -j1 ." \
        -n prysk "taskset -c 0 prysk -q --shell=$chitin ." )
    rm -f "$work/$set"/*.err
done
