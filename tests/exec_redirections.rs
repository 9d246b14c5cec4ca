//! Redirections: every operator, fd save/restore around builtins, noclobber, errors.
mod transcript;

transcript!(
    operators,
    r#"
echo one > f; echo two >> f; cat < f
echo rw <> g; cat g
exec 3> h; echo via3 >&3; exec 3>&-; cat h
{ echo out; echo err >&2; } 2>&1 > o; echo "o=$(cat o)"
cat <&- 2>/dev/null || echo "stdin closed: $?"
echo x >&7 || echo "bad fd: $?"
"#
);

transcript!(
    restored_after_builtins,
    r#"
echo a > f
read x < f
echo "read $x"
echo still-stdout
f() { echo in-f; }
f > g
echo after-f; cat g
{ echo group; } > k; echo after-group; cat k
while false; do :; done > w; echo after-loop
"#
);

transcript!(
    noclobber,
    r#"
echo first > f
set -C
echo second > f || echo refused
echo forced >| f
cat f
echo fine > /dev/null && echo devnull-ok
set +C
echo third > f; cat f
"#
);

transcript!(
    errors,
    r#"
cat < missing
echo "status $?"
echo x > /nonexistent/dir/f
echo "status $?"
: > missing2/x
echo "special: not reached"
"#
);

transcript!(
    no_fd_leak,
    r#"
exec 5> f
# Only fd 5 (made by the script) may show up between 4 and 9; the shell's own fds are
# close-on-exec.
ls /proc/self/fd/ | awk '$1 >= 4 && $1 < 10' | tr '\n' ' '
echo
"#
);
