//! bash's trap extensions: the ERR trap and its exceptions, the DEBUG trap and `BASH_COMMAND`,
//! the RETURN trap, which traps functions, sourced files and subshells inherit (`set -E`,
//! `set -T`, `declare -ft`), `trap -p`/`-l` and bad conditions; `wait -n`/`-p`/`-f`. Each
//! script's stdout and status must be bash's; the snapshot keeps chitin's messages.
mod transcript;

like_bash!(
    err_trap_runs_for_the_commands_bash_runs_it_for,
    r#"
trap 'echo "ERR $?"' ERR
false
(exit 2)
((0))
[[ -z x ]]
true | false
f() { return 4; }
f
x=$(exit 5)
{ true; (exit 6); }
if true; then (exit 7); fi
echo end
"#
);

like_bash!(
    err_trap_exceptions,
    r#"
trap 'echo "ERR $?"' ERR
if false; then :; elif (exit 2); then :; fi
while false; do :; done
until true; do :; done
false && true
false || true
true && false
! true
! false
(exit 3) | true
{ false || true; }
f() { false && true; }
f
case x in x) false ;; esac
for i in 1; do false; done
echo end
"#
);

like_bash!(
    err_trap_is_inherited_by_functions_and_subshells_only_with_set_e,
    r#"
trap 'echo "ERR $?"' ERR
f() { (exit 2); echo "in f"; }
f
( (exit 3); echo in-sub )
echo "[$(false; echo in-cs)]"
set -E
f
( (exit 3); echo in-sub )
"#
);

like_bash!(
    err_trap_set_in_a_function_stays_and_runs_in_the_caller,
    r#"
f() { trap 'echo "ERR $?"' ERR; }
f
(exit 4)
g() { false; echo "in g"; }
g
"#
);

like_bash!(
    err_trap_runs_once_before_set_e_exits_and_not_within_itself,
    r#"
trap 'echo "ERR $?"; false; echo "still in trap"' ERR
set -e
(exit 3)
echo not-reached
"#
);

like_bash!(
    debug_trap_names_each_command_in_bash_command,
    r#"
trap 'echo "> $BASH_COMMAND"' DEBUG
x=1
echo "v=$x" >/dev/null
for i in a "b c"; do :; done
(( x + 1 ))
[[ -n $x ]]
case $x in 1) : ;; esac
for ((i = 0; i < 1; i++)); do :; done
while false; do :; done
if true; then :; fi
! true
echo a | cat
trap - DEBUG
"#
);

like_bash!(
    debug_trap_keeps_the_status_and_is_not_inherited_without_set_t,
    r#"
f() { echo "f body"; }
g() { echo "g body"; }
declare -ft g
trap 'echo "> $BASH_COMMAND ($?)"' DEBUG
false
f
g
( echo in-sub )
echo 'echo s-body' > s.sh
. ./s.sh
set -T
f
( echo in-sub )
. ./s.sh
trap - DEBUG
"#
);

like_bash!(
    return_trap_for_sourced_files_and_traced_functions,
    r#"
trap 'echo "returned $?"' RETURN
printf 'echo in-s\nreturn 3\n' > s.sh
. ./s.sh
echo "status $?"
a() { :; }
b() { return 2; }
a
declare -ft b
b
echo "status $?"
set -T
a
"#
);

like_bash!(
    return_trap_set_in_a_function_runs_when_it_returns_and_stays,
    r#"
g() { trap 'echo "returned"' RETURN; echo "g body"; }
g
echo "after g"
echo 'echo s' > s.sh
. ./s.sh
h() { echo h; }
h
trap -p RETURN
"#
);

like_bash!(
    function_attributes_are_kept_and_listed,
    r#"
f() { :; }
g() { :; }
declare -ft f
declare -fx g
declare -F
f() { echo again; }
declare -F
declare -f +t f
declare -F
unset -f g
g() { :; }
declare -F
"#
);

like_bash!(
    trap_p_prints_reusable_commands,
    r#"
trap 'echo bye' EXIT
trap "echo 'q'" ERR
trap ':' DEBUG
trap 'x' RETURN
trap -p EXIT
trap -p DEBUG ERR RETURN USR1
trap -p 0
trap - DEBUG ERR RETURN 0
trap -p
echo "status $?"
"#
);

like_bash!(
    trap_l_lists_signals_five_a_line,
    r#"
trap -l
trap -l | head -n 1 | od -c | head -n 2
"#
);

like_bash!(
    with_stderr trap_with_bad_conditions,
    r#"
trap 'echo x' NOSUCHSIG
echo "status $?"
trap 'echo x' 999 USR1
echo "status $?"
trap -p NOSUCHSIG
echo "status $?"
trap - USR1
"#
);

like_bash!(
    wait_n_returns_the_first_job_to_end,
    r#"
mkfifo p q
( read line < p; exit 5 ) &
( exit 3 ) &
wait -n
echo "first $?"
echo go > p
wait -n
echo "second $?"
( exit 4 ) & a=$!
( read line < q; exit 6 ) & b=$!
wait -n "$b" "$a"
echo "named $?"
echo go > q
wait
"#
);

like_bash!(
    wait_p_stores_the_id_of_the_job_waited_for,
    r#"
( exit 7 ) & q=$!
wait -n -p id
echo "status $? $([ "$id" = "$q" ] && echo same-id)"
( exit 8 ) & r=$!
wait -p id2 "$r"
echo "status $? $([ "$id2" = "$r" ] && echo same-id)"
id3=old
wait -n -p id3
echo "status $? [${id3-unset}]"
"#
);

like_bash!(
    with_stderr wait_n_without_jobs_and_bad_options,
    r#"
wait -n
echo "status $?"
wait -n 12345
echo "status $?"
wait -p
echo "status $?"
wait -x
echo "status $?"
"#
);

like_bash!(
    set_o_posix_is_accepted_and_shown,
    r#"
set -o posix
echo "status $?"
shopt -qo posix && echo on
set -o | grep -c '^posix'
set +o posix
shopt -qo posix || echo off
"#
);

like_bash!(
    kill_l_forms,
    r#"
kill -L | head -n 2
kill -l 15 9 143 0
kill -l TERM SIGKILL hup
kill -l NOSUCHSIG
echo "status $?"
"#
);

like_bash!(
    err_trap_sees_the_failed_command_in_bash_command,
    r#"
trap 'echo "E: $BASH_COMMAND"' ERR
false
(exit 3)
x=$(false)
true | false
((0))
[[ -z x ]]
true && ls /nonexistent 2>/dev/null
"#
);
