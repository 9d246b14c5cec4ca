#!/usr/bin/env bash
# Compares `chitin --transcript` with prysk, the maintained cram runner, on a corpus of .t
# files (default tests/cram): each runner runs a copy of the corpus with chitin as the shell,
# and their outputs (progress marks and diffs) and the .err files they leave must be the same.
# Only the summary lines differ (prysk: "# Ran N tests, S skipped, F failed.").
#   scripts/check-cram.sh [corpus-dir]        needs `pip install prysk`
set -u
cd "$(dirname "$0")/.."
corpus=${1:-tests/cram}
chitin=$(realpath "${CHITIN:-target/release/chitin}")
if ! command -v prysk >/dev/null 2>&1; then
    echo "check-cram: prysk is not installed (pip install prysk): nothing compared"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/prysk"
cp -r "$corpus" "$work/chitin"
# prysk prints through rich, which expands tabs and takes `[...]` in test output for markup:
# run its CLI with a plain console so the comparison sees the bytes it means to print.
plain_prysk() {
    python3 - "$@" <<'PY'
import re, sys
import prysk.cli as cli

class PlainConsole:
    color_system = None
    def __init__(self, file=sys.stdout, **kwargs):
        self.file = file
    def print(self, *items, end="\n", **kwargs):
        text = "".join(map(str, items)) + end
        text = re.sub(r"\[/?(green|red|yellow|magenta|blue)\]", "", text)
        self.file.write(text)
        self.file.flush()

cli.Console = PlainConsole
sys.exit(cli.main(sys.argv[1:]))
PY
}
(cd "$work/prysk" && plain_prysk --shell="$chitin" . >../prysk.out 2>../prysk.err; echo $? >../prysk.rc)
(cd "$work/chitin" && "$chitin" --transcript --color=never -j1 . >../chitin.out 2>../chitin.err; echo $? >../chitin.rc)
status=0
sed '$d' "$work/prysk.out" >"$work/prysk.body"
sed '$d' "$work/chitin.out" >"$work/chitin.body"
if ! diff -u "$work/prysk.body" "$work/chitin.body"; then
    echo "check-cram: the outputs differ (- prysk, + chitin)"
    status=1
fi
if ! diff -r "$work/prysk" "$work/chitin"; then
    echo "check-cram: the .err files differ"
    status=1
fi
if [ "$(cat "$work/prysk.rc")" != "$(cat "$work/chitin.rc")" ]; then
    echo "check-cram: exit status: prysk $(cat "$work/prysk.rc"), chitin $(cat "$work/chitin.rc")"
    status=1
fi
echo "prysk:  $(tail -n1 "$work/prysk.out")"
echo "chitin: $(tail -n1 "$work/chitin.out")"
files=$(find "$corpus" -name '*.t' | wc -l)
failed=$(find "$work/chitin" -name '*.t.err' | wc -l)
[ $status = 0 ] && echo "check-cram: $files files, $failed failing by design: same verdicts, diffs and .err files as prysk"
exit $status
