//! A command substitution ending in a program forks as before: a program that opens
//! /dev/stdout itself must find the pipe the shell reads, not a file it would truncate.

mod transcript;

like_bash!(
    a_program_opening_dev_stdout_keeps_what_came_before,
    r#"x=$(sh -c 'echo a; echo b > /dev/stdout'); echo "[$x]"
x=$(printf 'one\n' | cat | tee /dev/stdout); echo "[$x]"
f() { echo "f:$(sh -c 'echo c; echo d >/dev/stdout')"; }; y=$(f); echo "[$y]""#
);
