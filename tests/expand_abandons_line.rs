//! bash's expansion errors that abandon the rest of the line (status 1) and go on with the
//! next one, in a script as at the prompt: `${x:off:len}` with a length ending before the
//! offset, `${!ref}` with `ref` unset or not a name, failglob's `no match`. Found comparing
//! error behaviour with bash: chitin ran the rest of the line (`echo ${!nope}; echo after`
//! printed `after`), except for failglob.
//!
//! `like_bash!` also asserts that stdout and status are bash's; stderr is in the snapshot.
mod transcript;

like_bash!(
    the_rest_of_the_line_is_abandoned,
    r#"
x=hello
echo "${x:3:-4}"; echo "not run 1"
echo "next line runs: $?"
echo "${!nope}"; echo "not run 2"
echo "next line runs: $?"
ref='a b'
echo "${!ref}"; echo "not run 3"
f() { echo "${x:1:-9}"; echo "not run 4"; }
f; echo "not run 5"
echo "next line runs: $?"
a=(1 2 3)
echo "${a[@]:1:-5}"; echo "not run 6"
(echo "${!nope}"); echo "in a subshell only the subshell ends: $?"
for i in 1 2; do echo "loop $i ${!nope}"; done; echo "not run 7"
echo "a loop is left too: $?"
shopt -s failglob
b=(*.nomatch); echo "not run 8"
echo "last: $?"
"#
);
