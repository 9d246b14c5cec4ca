//! Pipelines, and-or lists, async lists, `!`, pipefail.
mod transcript;

transcript!(
    statuses,
    r#"
false | true; echo "last: $?"
true | false; echo "last: $?"
! true; echo "negated: $?"
set -o pipefail
false | true; echo "pipefail: $?"
(exit 3) | (exit 4) | true; echo "pipefail rightmost: $?"
set +o pipefail
true && echo and; false || echo or
false && echo no || echo "fallback $?"
"#
);

transcript!(
    builtins_in_pipelines,
    r#"
x=outer
echo hi | read x
echo "x=$x"
printf 'a\nb\nc\n' | while read -r l; do echo "got $l"; done | tr a-z A-Z
yes | head -n 2
"#
);

transcript!(
    background,
    r#"
sleep 0.01 &
pid=$!
wait $pid; echo "waited: $?"
(exit 7) &
wait $!; echo "status: $?"
wait; echo "all: $?"
cat &
wait $!; echo "bg stdin is /dev/null: $?"
"#
);

// Members that name a program are started by the shell with posix_spawn instead of a forked
// subshell (exec::member); these are the cases where that must not show.
transcript!(
    spawned_members_behave_like_forked_ones,
    r#"
printf 'echo from a script without a hash-bang\n' > noshebang; chmod +x noshebang
./noshebang | cat
echo a | cat > missing/dir/f; echo "redirect failed: $?"
echo b | cat 2>/dev/null | tr b B
printf 'z\ny\n' | sort | head -n 1
FOO=set env | grep '^FOO='
set -u
echo c | cat $unset_variable; echo "after unset: $?"
set +u
nosuchcommand | cat; echo "not found: $?"
PATH=/nonexistent; cat </dev/null | cat; echo "no PATH: $?"
"#
);

// A command substitution whose body is one pipeline starts its commands from the shell (no
// subshell for the substitution itself); these are the cases where that must not show.
transcript!(
    substitutions_started_without_a_subshell,
    r#"
printf 'echo script output\n' > noshebang; chmod +x noshebang
echo "[$(basename /a/b/c)] $?"
echo "[$(echo hi | tr a-z A-Z)] $?"
echo "[$(./noshebang)] $?"
echo "[$(sh -c 'exit 3')] $?"
echo "[$(cat missing/file 2>&1)] $?"
echo "[$(cat < missing/file)] $?"
echo "[$(nosuchcommand 2>/dev/null)] $?"
echo "[$(printf 'a\n\n\n')]"
printf 'line1\nline2\n' > input
echo "[$(cat < input | sort -r)]"
sleep 0 & echo "jobs: [$(jobs | wc -l | tr -d ' ')]"; wait
f() { echo "in f: $1"; }
echo "[$(f x | tr a-z A-Z)]"
x=outer; echo "[$(x=inner; echo $x)] $x"
set -o pipefail; echo "[$(false | cat)] $?"
"#
);

// A plain `echo` as a whole substitution or as a pipeline's first member runs in the shell
// itself (its few bytes fit the pipe); anything that could tell the difference still forks.
transcript!(
    echo_run_in_place,
    r#"
x=$(echo hi); echo "[$x] $?"
echo "[$(echo "a b" | tr ' ' _)]"
big=$(printf '%020000d' 0); echo "big: $(echo "$big" | wc -c | tr -d ' ')"
echo "[$(echo to-stderr >&2)]" 2>/dev/null
echo "[$(echo ${unset_var=set-in-subshell})] [${unset_var-unset}]"
set -x; y=$(echo traced); set +x; echo "[$y]"
echo() { printf 'function: %s\n' "$*"; }
echo "[$(echo shadowed)]"
unset -f echo
echo "[$(echo back | cat)]"
"#
);
