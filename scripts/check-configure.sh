#!/bin/sh
# Runs libltdl's GNU autoconf+libtool configure (Debian: libtool, libltdl-dev)
# under dash and under chitin (CONFIG_SHELL set to each) in scratch dirs, and
# compares config.h.  Prints "VERDICT: SAME config.h" or "VERDICT: DIFFERENT"
# with wall and CPU times of both runs.  Takes tens of seconds (mostly gcc),
# so it is a script, not a cargo test.
# Usage: scripts/check-configure.sh [CHITIN_BINARY]   (default target/release/chitin)
set -u
LT=/usr/share/libtool
chitin=${1:-target/release/chitin}
case $chitin in /*) ;; *) chitin=$PWD/$chitin ;; esac
[ -x "$chitin" ] || { echo "no chitin binary at $chitin (cargo build --release)" >&2; exit 2; }
[ -f "$LT/configure" ] && [ -d "$LT/build-aux" ] ||
  { echo "needs $LT/configure and $LT/build-aux: apt-get install libtool libltdl-dev" >&2; exit 2; }
dash=$(command -v dash) || { echo "needs dash" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/chitin-configure.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cfg"
cp -RL "$LT" "$tmp/cfg/libltdl" && rm -rf "$tmp/cfg/libltdl/build-aux" &&
  cp -RL "$LT/build-aux" "$tmp/cfg/build-aux" || exit 2
# configure's sanity check wants its sources older than the build
find "$tmp/cfg" -type f -exec touch -d '1 hour ago' {} + || exit 2

run() { # NAME SHELL
  mkdir "$tmp/$1" && cd "$tmp/$1" || exit 2
  /usr/bin/time -f "%e %U %S" -o time env CONFIG_SHELL="$2" "$2" ../cfg/libltdl/configure >out 2>&1
  echo $? >rc
  cd - >/dev/null || exit 2
}
run dash "$dash"
run chitin "$chitin"

for s in dash chitin; do
  read -r wall user sys <"$tmp/$s/time" 2>/dev/null || { wall=? user=? sys=?; }
  defs=$(grep -c '^#define' "$tmp/$s/config.h" 2>/dev/null)
  printf '%-7s status %s  #defines %s  wall %ss  cpu(user+sys) %ss+%ss\n' \
    "$s" "$(cat "$tmp/$s/rc")" "${defs:-none}" "$wall" "$user" "$sys"
done
ok=yes
[ "$(cat "$tmp/dash/rc")" = 0 ] && [ "$(cat "$tmp/chitin/rc")" = 0 ] || ok=no
if [ $ok = no ]; then
  echo "--- chitin configure output (tail):"; tail -n 20 "$tmp/chitin/out"
fi
if ! diff "$tmp/dash/config.h" "$tmp/chitin/config.h"; then ok=no; fi
# the checks' outcomes must agree too (line numbers aside)
res() { sed -n 's/^configure:[0-9]*: \(checking\|result\)/\1/p' "$1"; }
res "$tmp/dash/config.log" >"$tmp/dash.res"; res "$tmp/chitin/config.log" >"$tmp/chitin.res"
if ! diff "$tmp/dash.res" "$tmp/chitin.res" >"$tmp/logdiff"; then
  echo "--- config.log outcomes differ:"; head -n 20 "$tmp/logdiff"; ok=no
fi
if [ $ok = yes ]; then echo "VERDICT: SAME config.h"; else echo "VERDICT: DIFFERENT"; exit 1; fi
