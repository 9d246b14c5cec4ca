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
