//! POSIX executor defects found by running other people's scripts against dash and bash
//! (issues 9 and 15): redirections that leak or fail, `command exec`, `return` in conditions,
//! `command` and special builtin errors, fatal error statuses, `set -e`, the script operand and
//! PATH. Each transcript failed before its fix.
mod transcript;

// Every redirection is undone after its command, also when the file opened for it gets the
// very number it redirects (fd 3 was closed, so `open` returns 3).
like_references!(
    redirections_are_undone,
    r#"
printf 'l1\nl2\n' > in
{ :; } 3>out; echo leaked >&3 || echo "closed after a group"; cat out
read x 3<in; cat <&3 || echo "closed after read"
cat 3<in >/dev/null; cat <&3 || echo "closed after cat"
f() { :; }; f 3<in; cat <&3 || echo "closed after a function"
x=1 4<in; cat <&4 || echo "closed after an assignment"
while false; do :; done 5<in; cat <&5 || echo "closed after a loop"
{ cat <&6; } 6<in; echo "open inside $?"
"#
);

// `n>&n` with n closed leaves n closed and is no error; `<&- <&0` likewise.
like_references!(
    dup_onto_itself_when_closed,
    r#"
: 3>&3; echo "colon $?"
cat 4>&4 </dev/null; echo "cat $?"
exec 3>&3; echo "exec $?"
echo x >&3 || echo "still closed"
: <&- <&0; echo "stdin $?"
exec 5>f; echo five 5>&5 >&5; cat f
"#
);
