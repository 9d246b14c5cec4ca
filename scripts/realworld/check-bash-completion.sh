#!/bin/sh
# Loads bash-completion 2 in a chitin script and in a bash script, calls the completion functions
# of a few commands with COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT set by hand, and compares
# the COMPREPLY each fills.
# usage: scripts/realworld/check-bash-completion.sh [path/to/chitin]  (apt-get install bash-completion)
chitin=$(realpath "${1:-target/release/chitin}")
here=$(cd "$(dirname "$0")" && pwd)
[ -r /usr/share/bash-completion/bash_completion ] ||
    { echo "check-bash-completion: skipped (apt-get install bash-completion)"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# A directory to complete in: files, directories, a git repository with branches, a Makefile.
mkdir -p "$tmp/work/dir1" "$tmp/work/dir2" && cd "$tmp/work" || exit 2
touch file-a file-b other.txt archive.tar
printf 'all:\n\ttrue\nbuild:\n\ttrue\nclean-up:\n\ttrue\n' >Makefile
git init -q repo && (cd repo && git commit -q --allow-empty -m init && git branch feature-x && git branch fix-y)
status=0
for shell in bash "$chitin"; do
    # (Messages keep only their text: chitin names the script run, not the file that
    # defined the function, before `line N:`.)
    HOME=$tmp/work TERM=dumb "$shell" "$here/bash-completion-driver.bash" 2>&1 |
        sed -e 's/^.*: line \([0-9]*\): /line \1: /' >"$tmp/out.$(basename "$shell")"
done
if diff -u "$tmp/out.bash" "$tmp/out.chitin"; then
    echo "check-bash-completion: same COMPREPLY as bash ($(grep -c '^## ' "$tmp/out.bash") completions)"
else
    echo "check-bash-completion: FAILED (bash -, chitin +)"
    status=1
fi
exit $status
