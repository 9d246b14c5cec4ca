#!/bin/sh
# Completion at the prompt, chitin against bash, both with bash-completion: each command line
# below is typed into an interactive shell in tmux, and what the screen shows is compared:
# the line after one Tab, then (from there) the line and the listed candidates after Tab Tab,
# and the same for the line and Tab Tab typed in one go.
# Deterministic: both shells get the same HOME, cwd, environment and terminal size, and every
# step waits for a fact on the screen (a marker typed after the keys shows once the editor has
# handled them), never for time to pass.
# usage: scripts/check-completions.sh [path/to/chitin] [-v]
#   (needs tmux and bash-completion: apt-get install tmux bash-completion)
chitin=$(realpath "${1:-target/release/chitin}")
verbose=${2:-}
[ -r /usr/share/bash-completion/bash_completion ] ||
    { echo "check-completions: skipped (apt-get install bash-completion)"; exit 0; }
command -v tmux >/dev/null || { echo "check-completions: skipped (apt-get install tmux)"; exit 0; }
command -v git >/dev/null || { echo "check-completions: skipped (no git)"; exit 0; }
tmp=$(mktemp -d) || exit 2
# The tmux server's socket lives in $tmp: it goes with the sessions.
tm() { tmux -S "$tmp/tmux" "$@"; }
trap 'tm kill-session -t bash 2>/dev/null; tm kill-session -t chitin 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM HUP

# The directory completed in (a git repository with two more branches): files, directories,
# an archive, a Makefile, a directory with a space in its name; a HOME with an ssh
# configuration naming hosts.
mkdir -p "$tmp/work/dir1" "$tmp/work/dir2" "$tmp/home/.ssh" && cd "$tmp/work" || exit 2
touch file-a file-b other.txt archive.tar
mkdir -p "sp ace" && touch "sp ace/a file"
printf 'all:\n\ttrue\nbuild:\n\ttrue\nclean-up:\n\ttrue\n' >Makefile
printf 'Host alpha-box\n  HostName 192.0.2.1\nHost alpha-gw beta-web\n  User t\n' >"$tmp/home/.ssh/config"
: >"$tmp/home/.ssh/known_hosts"
export GIT_CONFIG_NOSYSTEM=1
HOME=$tmp/home git init -q -b main . &&
    HOME=$tmp/home git -c user.name=t -c user.email=t@t commit -q --allow-empty -m init &&
    HOME=$tmp/home git branch feature-x && HOME=$tmp/home git branch fix-y || exit 2
printf 'source /usr/share/bash-completion/bash_completion\nbind "set bell-style none"\nPS1="$ "\n' >"$tmp/bashrc"

# One command line per line (completed at its end).
cat >"$tmp/lines" <<'LINES'
git checkout f
git ch
git br
git com
git checkout feature-
git branch -d fi
ssh 
ssh al
ssh alpha-
ssh -o Compr
ssh -o ConnectT
tar xf a
tar -
make 
make cl
make --dir
make -C d
kill -US
kill -s T
kill -s US
kill -SIGUS
kill -l SIGQ
cd d
cd dir
cd .
chmod +x fi
chmod -
chmod 7
apt-get d
apt-get up
apt-get ins
systemctl sta
systemctl list-u
man -
ls fi
ls --colo
cat 
echo fi
ls sp\ a
ls "sp 
ls 'sp 
cd sp\ 
cat sp\ ace/a\ 
cat "sp ace/a
LINES

# screen NAME: the screen, trailing blanks and empty lines removed.
screen() { tm capture-pane -p -t "$1" | sed -e 's/ *$//' | grep -v '^$'; }

# wait_for NAME TEST...: until `screen NAME | TEST...` succeeds (10 s at most, then fail).
wait_for() {
    name=$1; shift
    i=0
    while [ $i -lt 1000 ]; do
        screen "$name" | "$@" && return 0
        sleep 0.01; i=$((i + 1))
    done
    echo "check-completions: $name: timed out waiting; the screen:" >&2
    screen "$name" >&2
    exit 2
}
is_prompt_alone() { [ "$(cat)" = '$' ]; }
last_ends() { tail -1 | grep -q -- "$marker\$"; }

start() { # name command...
    name=$1; shift
    tm new-session -d -s "$name" -x 200 -y 50 -c "$tmp/work" \
        "env -i PATH=$PATH HOME=$tmp/home TERM=xterm LC_ALL=C.UTF-8 PS1='\$ ' $*"
    wait_for "$name" is_prompt_alone
}

# type_until NAME MARKER KEYS...: sends KEYS then types MARKER, and waits until the last
# line ends with it (so the editor has handled every key); prints that line without it.
type_until() {
    name=$1 marker=$2; shift 2
    tm send-keys -t "$name" "$@"
    tm send-keys -t "$name" -l "$marker"
    wait_for "$name" last_ends
    screen "$name" | tail -1 | sed -e "s/$marker\$//"
}

# complete_in NAME LINE: the line after LINE Tab; from there, the line and the sorted words
# of the listing after Tab Tab; then the same for LINE Tab Tab typed in one go.
complete_in() {
    tm send-keys -t "$1" C-l
    wait_for "$1" is_prompt_alone
    tm send-keys -t "$1" -l "$2"
    one=$(type_until "$1" '%1' Tab) || exit 2
    two=$(type_until "$1" '%2' BSpace BSpace Tab Tab) || exit 2
    printf 'line after Tab: %s\nthen Tab Tab:   %s\n' "$one" "$two"
    listing "$1"
    tm send-keys -t "$1" C-c
    wait_for "$1" last_is_prompt
    tm send-keys -t "$1" C-l
    wait_for "$1" is_prompt_alone
    tm send-keys -t "$1" -l "$2"
    three=$(type_until "$1" '%3' Tab Tab) || exit 2
    printf 'after Tab Tab:  %s\n' "$three"
    listing "$1"
    tm send-keys -t "$1" C-c
    wait_for "$1" last_is_prompt
}
# listing NAME: the words listed: everything below the first prompt line but the last line.
listing() {
    screen "$1" | sed -e '1d' -e '$d' | tr -s ' \t' '\n\n' | grep -v '^$' | LC_ALL=C sort -u
}
last_is_prompt() { [ "$(tail -1)" = '$' ]; }

start bash bash --noprofile --rcfile "$tmp/bashrc" -i
start chitin "$chitin" -i
same=0 differ=0
while IFS= read -r line; do
    b=$(complete_in bash "$line") || exit 2
    c=$(complete_in chitin "$line") || exit 2
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
