//! bash redirections: here-strings, `&>` `&>>` `>&file`, `|&`, `{name}` descriptors, `N>&M-`,
//! process substitution. Each script's stdout and status must be bash's (when installed);
//! descriptor checks list the fds a child inherits (`/proc/self/fd`) or the shell holds.
mod transcript;

like_bash!(
    here_strings,
    r#"
cat <<< abc | od -An -c
cat <<<'' | od -An -c
x='a  *  b'; cat <<< $x
cat <<< ~/x | sed "s|$HOME|HOME|"
read -r a b <<< "one two three"; echo "$a|$b"
cat 3<<< three <&3
f() { cat; }; f <<< in-function
{ cat; } <<< in-group
while read -r l; do echo "<$l>"; done <<< $'1\n2'
"#
);

like_bash!(
    here_string_larger_than_a_pipe,
    r#"
x=$(head -c 300000 /dev/zero | tr '\0' a)
cat <<< "$x" | wc -c | tr -d ' '
"#
);

like_bash!(
    both_streams_to_a_file,
    r#"
{ echo out; echo err >&2; } &>f; cat f
{ echo more; echo err2 >&2; } &>>f; cat f
{ echo dup; echo err3 >&2; } >&g; cat g
name=h; { echo var; echo err4 >&2; } >& $name; cat h
echo x &>1; cat 1
set -C; echo no &>f; echo "status $?"; set +C
echo y 2>&f; echo "status $?"
"#
);

like_bash!(
    pipe_with_stderr,
    r#"
{ echo out; echo err >&2; } |& tr a-z A-Z
{ echo hidden >&2; } 2>/dev/null |& cat
f() { echo fn-err >&2; }; f |& cat
echo a |& cat |& cat
"#
);

like_bash!(
    named_descriptors,
    r#"
exec {w}>f
[ "$w" -ge 10 ] && echo allocated
echo line >&$w
exec {w}>&-
cat f
exec {a}>f1 {b}>f2; [ "$a" != "$b" ] && echo distinct
exec {a}>&- {b}>&-
echo shown {v}>g; echo later >&$v; cat g
exec {d}>&1; echo dup >&$d
exec {r}<<< "here string"; read -r -u "$r" line; echo "$line"
f() { echo in-f >&$1; }; exec {o}>k; f $o; cat k
ls -l /proc/self/fd/ | grep -c '/k$'
"#
);

like_bash!(
    named_descriptor_errors,
    r#"
unset fd; true {fd}>&-; echo "unset: $?"
fd=abc; true {fd}>&-; echo "junk: $?"
readonly ro; echo x {ro}>f; echo "readonly: $?"
# The message names the number, which depends on what the test runner left open.
exec {fd}>f; exec {fd}>&-; (exec 2>err; echo x >&$fd); echo "closed: $?"; grep -c "Bad file descriptor" err
"#
);

like_bash!(
    move_descriptor,
    r#"
exec 4>f
/bin/echo moved 3>&4- >&3
{ true >&4; } 2>/dev/null && echo "4 still open after an external command"
cat f
exec 5>g; exec 6>&5-; echo six >&6; cat g
{ true >&5; } 2>/dev/null || echo "5 closed"
"#
);

like_bash!(
    process_substitution,
    r#"
cat <(echo a) <(echo b)
echo x<(true) | sed 's|/dev/fd/[0-9]*|FD|'
f() { echo "$#"; cat "$1"; }; f <(echo arg)
diff <(printf 'a\nb\n') <(printf 'a\nc\n'); echo "status $?"
n=0; while read -r l; do n=$((n + 1)); done < <(printf '1\n2\n3\n'); echo "n=$n"
echo hi > >(tr a-z A-Z > out); wait $!; cat out
: > >(exit 3); wait $!; echo "wait status $?"
exec 3> >(tr a-z A-Z > out2); echo one >&3; exec 3>&-; wait $!; cat out2
echo "$(cat <(echo nested))"
cat <(exit 3); echo "status $?"
"#
);

// The pipe of a process substitution is open while its command runs and closed once the
// command ends (checked with `test -e /dev/fd/N` in the shell itself: no race with a child).
like_bash!(
    process_substitution_fds_do_not_leak,
    r#"
echo <(true) > name; read -r p < name
[ -e "$p" ] || echo "closed after the command"
f() { [ -e "$1" ] && echo "open during the function"; }; f <(true)
for i in 1 2 3; do echo <(true); done > names
while read -r p; do [ -e "$p" ] || echo closed; done < names
exec 3< <(echo kept); read -r k <&3; echo "$k"
"#
);

// A finished process substitution does not keep a job number: the next background job is %1,
// and a loop of substitutions does not fill the job table.
like_bash!(
    process_substitutions_free_their_job_slots,
    r#"
for i in 1 2 3; do cat <(echo $i); done
sleep 5 &
kill %1 && echo job-1-is-sleep
wait
"#
);

// `$(< file)` is the file's contents, without a process (bash, ksh); found by running
// neofetch, whose `$(< /proc/PID/comm)` came back empty.
like_bash!(
    substitution_of_a_file,
    r#"
printf 'one\ntwo\n\n' > f; f=f
echo "[$(< f)] [$(<$f)] [`< f`] [$(0< f)] [$( < f ; )]"
x=$(< f); echo "status $? ${#x}"
x=$(< /proc/self/status); echo "${x:0:5}"
x=$(< nosuch); echo "missing: $? [$x]"
x=$(< f 2>/dev/null); echo "other redirections: [$x]"
"#
);
