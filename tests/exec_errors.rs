//! Errors: messages with script name and line, statuses, and which ones end the shell.
mod transcript;

transcript!(
    not_found,
    r#"
echo start
nosuch_cmd
echo "status $?"
./missing
echo "status $?"
printf 'x' > notexec; ./notexec
echo "status $?"
mkdir d; ./d
echo "status $?"
"#
);

transcript!(
    syntax_error_stops,
    r#"
echo before
if then
echo never
"#
);

transcript!(
    errexit,
    r#"
set -e
false || echo "or-list ok"
if false; then :; fi
! true
while false; do :; done
f() { false; echo not-here; }
f || echo "in or: ignored"
x=$(false) || echo "subst status $?"
echo before
false
echo not-reached
"#
);

transcript!(
    special_builtin_errors,
    r#"
(shift 5; echo "shift past $# goes on: $?") 2>/dev/null
command shift 5 2>/dev/null; echo "command keeps going: $?"
readonly r=1
(r=2; echo not-reached) 2>/dev/null || echo "readonly exited"
(: ${unset_v?oops}; echo not-reached) 2>/dev/null || echo "expansion exited"
echo end
"#
);

transcript!(
    xtrace,
    r#"
set -x
echo "a b" c
x=1 y='two words'
f() { echo in-f; }
f
set +x
echo quiet
"#
);

// A foreground process killed by a signal is named on stderr (as dash does), except ^C and a
// broken pipe; `wait` on a background job stays quiet. The status is 128 + n either way.
transcript!(
    killed_by_a_signal,
    r#"
x=$(sh -c 'kill -TERM $$'); echo "subst $?"
(sh -c 'kill -TERM $$'); echo "subshell $?"
sh -c 'kill -HUP $$'; echo "hup $?"
sh -c 'kill -KILL $$' | cat; echo "pipeline $?"
sh -c 'kill -INT $$'; echo "int $?"
sh -c 'kill -PIPE $$'; echo "pipe $?"
sh -c 'kill -TERM $$' & wait $!; echo "wait $?"
"#
);
