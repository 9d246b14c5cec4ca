#!/bin/sh
# Completion at the prompt, chitin against bash, both with bash-completion: each command line
# below is typed into an interactive shell in tmux, followed by Tab Tab, and what the screen
# shows (the line as completed, and the listed candidates) is compared.
# usage: scripts/check-completions.sh [path/to/chitin] [-v]
#   (needs tmux and bash-completion: apt-get install tmux bash-completion)
chitin=$(realpath "${1:-target/release/chitin}")
verbose=${2:-}
[ -r /usr/share/bash-completion/bash_completion ] ||
    { echo "check-completions: skipped (apt-get install bash-completion)"; exit 0; }
command -v tmux >/dev/null || { echo "check-completions: skipped (apt-get install tmux)"; exit 0; }
tmp=$(mktemp -d) || exit 2
sock="check-completions-$$"
trap 'tmux -L "$sock" kill-session -t bash 2>/dev/null; tmux -L "$sock" kill-session -t chitin 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM HUP

# The directory completed in (a git repository): files, directories, an archive, a Makefile.
mkdir -p "$tmp/work/dir1" "$tmp/work/dir2" "$tmp/home" && cd "$tmp/work" || exit 2
touch file-a file-b other.txt archive.tar
printf 'all:\n\ttrue\nbuild:\n\ttrue\nclean-up:\n\ttrue\n' >Makefile
git init -q -b main . && git -c user.name=t -c user.email=t@t commit -q --allow-empty -m init &&
    git branch feature-x && git branch fix-y
printf 'source /usr/share/bash-completion/bash_completion\nbind "set bell-style none"\nPS1="$ "\n' >"$tmp/bashrc"

# One command line per line (completed at its end).
cat >"$tmp/lines" <<'LINES'
git checkout f
git ch
git br
git com
git checkout feature-
ssh -o Compr
ssh -o ConnectT
tar xf a
tar -
make 
make cl
make --dir
kill -SIGUS
kill -SIGTE
kill -l SIGQ
cd d
cd dir
chmod +x fi
chmod -
apt-get ins
apt-get rem
systemctl sta
systemctl list-u
man -
ls fi
ls --colo
LINES

start() { # name command...
    name=$1; shift
    tmux -L "$sock" new-session -d -s "$name" -x 200 -y 50 \
        "env -i PATH=$PATH HOME=$tmp/home TERM=xterm LC_ALL=C.UTF-8 PS1='\$ ' $*"
    wait_screen "$name" '^\$ $'
}

screen() { tmux -L "$sock" capture-pane -p -t "$1" | sed -e 's/ *$//'; }

# wait_screen NAME PATTERN: until the last non-empty line matches (5 s at most).
wait_screen() {
    i=0
    while [ $i -lt 100 ]; do
        screen "$1" | grep -v '^$' | tail -1 | grep -q -- "$2" && return 0
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

# settle NAME: until the screen stops changing.
settle() {
    prev=; i=0
    while [ $i -lt 60 ]; do
        sleep 0.15
        cur=$(screen "$1")
        [ "$cur" = "$prev" ] && return 0
        prev=$cur; i=$((i + 1))
    done
}

# complete_in NAME LINE: what Tab Tab shows for LINE: the line as completed, then the sorted
# words of any listing.
complete_in() {
    tmux -L "$sock" send-keys -t "$1" C-l
    wait_screen "$1" '^\$ $'
    tmux -L "$sock" send-keys -t "$1" -l "$2"
    sleep 0.1
    tmux -L "$sock" send-keys -t "$1" Tab
    settle "$1"
    tmux -L "$sock" send-keys -t "$1" Tab
    settle "$1"
    screen "$1" | grep -v '^$' >"$tmp/screen"
    final=$(grep '^\$ ' "$tmp/screen" | tail -1)
    printf 'line: %s\n' "$final"
    # The listing: everything between the first prompt line and the last.
    awk 'NR > 1 && !/^\$ / { print }' "$tmp/screen" | tr -s ' \t' '\n\n' | grep -v '^$' | LC_ALL=C sort -u
    tmux -L "$sock" send-keys -t "$1" C-c
    wait_screen "$1" '^\$ $'
}

start bash bash --noprofile --rcfile "$tmp/bashrc" -i
start chitin "$chitin" -i
for shell in bash chitin; do
    tmux -L "$sock" send-keys -t "$shell" "cd '$tmp/work'" Enter
    wait_screen "$shell" '^\$ $'
done
same=0 differ=0
while IFS= read -r line; do
    b=$(complete_in bash "$line")
    c=$(complete_in chitin "$line")
    if [ "$b" = "$c" ]; then
        same=$((same + 1))
        [ -n "$verbose" ] && printf '== %s\n%s\n' "$line" "$b"
    else
        differ=$((differ + 1))
        printf '!= %s\n' "$line"
        printf '%s\n' "$b" >"$tmp/b"; printf '%s\n' "$c" >"$tmp/c"
        diff "$tmp/b" "$tmp/c" | sed 's/^/   /'
    fi
done <"$tmp/lines"
echo "check-completions: $same same as bash, $differ different"
[ "$differ" -eq 0 ]
