//! The shell at the edges of its resources: a write to a closed pipe (SIGPIPE), a write past
//! `ulimit -f` (SIGXFSZ), recursion without end (functions, `.`, `eval`, substitutions) and
//! memory that runs out (`ulimit -v`).
mod pty;
mod transcript;

use pty::*;

// Each shell runs itself (/proc/$$/exe) with its stdout on a pipe whose reader goes away. The
// writer's status comes out on fd 3; the fifo `go` makes the second write happen only once the
// reader is gone (no timing).
like_references!(
    sigpipe_ends_a_non_interactive_shell,
    r#"
sh=$(readlink /proc/$$/exe)
exec 3>&1
{ "$sh" -c 'while :; do echo y; done'; echo "loop writer $?" >&3; } | head -n 1
mkfifo go
{ "$sh" -c 'echo a; read x < go; echo b; echo after >&3'; echo "writer $?" >&3; } | { head -n 1; exec <&-; echo > go; }
{ "$sh" -c '{ while :; do echo y; done; } | head -n 1; echo "member done"'; echo "pipeline $?" >&3; }
{ "$sh" -c 'f() { while :; do echo y; done; }; f; echo never >&3'; echo "function writer $?" >&3; } | head -n 1
"#
);

// SIGPIPE ignored when the shell started: a write to a closed pipe is an error (status 1), and
// the shell goes on.
like_references!(
    sigpipe_ignored_at_entry_gives_a_write_error,
    r#"
sh=$(readlink /proc/$$/exe)
exec 3>&1
mkfifo go
{ trap '' PIPE; "$sh" -c 'echo a; read x < go; echo b 2>/dev/null; echo "after $?" >&3'; echo "writer $?" >&3; } | { head -n 1; exec <&-; echo > go; }
"#
);

// dash and bash die of SIGXFSZ here; chitin ignores it for itself so the builtin's write fails
// (`File too large`, status 1), while programs it starts get the default action back.
transcript!(
    sigxfsz_is_a_write_error_for_builtins,
    r#"
x=0123456789; x=$x$x$x$x$x$x$x$x$x$x; x=$x$x$x$x$x$x$x$x$x$x; x=$x$x$x
(
  ulimit -f 2
  echo small > f; echo "small $?"
  echo "$x" > big; echo "echo $?"
  printf '%s' "$x" > big; echo "printf $?"
  ( echo "$x" > big2 ); echo "subshell $?"
  head -c 3000 /dev/zero > big3; echo "program $?"
  echo "still here"
)
wc -c < big
"#
);

// The interactive shell ignores SIGPIPE for itself: a loop piped into `head` ends (the loop runs
// in a member that dies of it), and a builtin of the shell itself writing to a closed pipe
// reports the error with status 1, as bash does, and the shell goes on.
#[test]
fn interactive_shell_survives_a_closed_pipe() {
    let mut s = Session::shell();
    s.run("while :; do echo y; done | head -n 1");
    s.run("d=$(mktemp -d) && cd \"$d\" && mkfifo p");
    s.run("head -n 1 < p > /dev/null & exec 4>p");
    s.run("echo one >&4; wait");
    s.run("echo two >&4; echo status=$?");
    s.run("echo alive; cd / && rm -r \"$d\"");
    insta::assert_snapshot!(s.transcript());
}

// Recursion without end stops with an error and status 1; the rest of that command line is
// abandoned (as bash does for FUNCNEST) and the script goes on. The depth a function reaches
// depends on the stack limit, so it is hidden.
transcript!(
    recursion_without_end_is_an_error,
    r#"
f() { f; }
f 2>err; echo "function $?"
sed 's/([0-9]*)$/(N)/' err
f 2>/dev/null; echo "rest of the line not run"
echo "next line $?"
FUNCNEST=20
g() { n=$((n+1)); g; }
n=0; g
echo "FUNCNEST: $n calls, status $?"
s() { (s); echo "back from a subshell: $?"; }; s | uniq -c | sed 's/^ *//'
echo "subshells $?"
c() { x=$(c); echo "substitution $?"; }; c | sort | uniq -c | sed 's/^ *//'
unset FUNCNEST
echo '. ./self.sh; echo not run' > self.sh
. ./self.sh
echo "dot $?"
e='eval "$e"; echo not run'; eval "$e"
echo "eval $?"
h() { h; h; }; h 2>/dev/null
echo "two calls a level $?"
echo survived
"#
);

// Input nested deeper than the parser allows is a syntax error, whatever the stack limit
// (here a quarter of a megabyte, where chitin used to die of SIGSEGV).
transcript!(
    deep_nesting_in_the_input_with_a_small_stack,
    r#"
sh=$(readlink /proc/$$/exe)
i=0; open=; close=
while [ $i -lt 330 ]; do open="$open{ ( if true; then "; close=" ; fi ) ; }$close"; i=$((i+1)); done
echo "${open}echo deep${close}" > deep.sh
(ulimit -s 256; "$sh" deep.sh; echo "status $?")
(ulimit -s 4096; "$sh" deep.sh | wc -l; echo "status $?")
i=0; w=x
while [ $i -lt 500 ]; do w="\${u:-$w}"; i=$((i+1)); done
echo "echo $w" > words.sh
(ulimit -s 256; "$sh" words.sh; echo "status $?")
"#
);

// The interactive shell survives a recursive function and comes back to the prompt.
#[test]
fn interactive_shell_survives_endless_recursion() {
    let mut s = Session::shell();
    s.run("f() { f; }; FUNCNEST=100 f; echo not run");
    s.run("echo status=$?");
    s.run("f 2>/dev/null; echo not run");
    s.run("echo status=$?; echo alive");
    insta::assert_snapshot!(s.transcript());
}

// Out of memory under `ulimit -v` (40 MB; chitin needs a few): a `$(...)` output, a
// concatenation, a here-document or a `read` line too big for what is left fails that command
// with `cannot allocate memory` and status 1, and the shell goes on (it used to abort).
transcript!(
    out_of_memory_fails_the_command_not_the_shell,
    r#"
ulimit -v 40000
x=$(head -c 100000000 /dev/zero | tr '\0' a); echo "substitution $? ${#x}"
echo "$(head -c 100000000 /dev/zero | tr '\0' a)" || echo "echo not run: $?"
y=$(head -c 8000000 /dev/zero | tr '\0' b); echo "fits ${#y}"
z=$y$y$y$y$y$y$y$y$y$y; echo "concatenation $? ${#z}"
cat <<END >/dev/null
$y$y$y$y$y$y$y$y$y$y
END
echo "here-document $?"
head -c 100000000 /dev/zero | tr '\0' a | { read -r l; echo "read $? ${#l}"; }
echo survived
"#
);
