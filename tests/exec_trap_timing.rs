//! When trap actions run: after each command (each pipeline, also inside an and-or list or a
//! compound command), and an `exit` in a trap action ends the shell with its own status
//! whatever compound command the signal arrived in (issue 9 point 2, issue 15 point 6).
mod transcript;

// `exit N` in a trap fired inside a compound command: the status is N, not the compound's.
like_references!(
    exit_in_trap_inside_brace_group,
    r#"
trap 'exit 5' USR1
{ kill -USR1 $$; }
echo not reached
"#
);

like_references!(
    exit_in_trap_inside_if,
    r#"
trap 'exit 5' USR1
if true; then kill -USR1 $$; echo not reached; fi
"#
);

like_references!(
    exit_in_trap_inside_if_condition,
    r#"
trap 'exit 6' USR1
if kill -USR1 $$; then echo not reached; fi
"#
);

like_references!(
    exit_in_trap_inside_for,
    r#"
trap 'exit 7' USR1
for i in 1 2; do echo "i$i"; kill -USR1 $$; done
"#
);

like_references!(
    exit_in_trap_inside_while_condition,
    r#"
trap 'exit 5' USR1
while kill -USR1 $$; do :; done
"#
);

like_references!(
    exit_in_trap_inside_while_body,
    r#"
trap 'exit 9' USR1
i=0
while [ $i -lt 3 ]; do i=$((i+1)); [ $i = 2 ] && kill -USR1 $$; echo "i$i"; done
"#
);

like_references!(
    exit_in_trap_inside_case,
    r#"
trap 'exit 4' USR1
case x in x) kill -USR1 $$; echo not reached ;; esac
"#
);

like_references!(
    exit_in_trap_inside_function,
    r#"
trap 'exit 5' USR1
f() { kill -USR1 $$; echo not reached; }
f
echo not reached
"#
);

like_references!(
    exit_in_trap_inside_nested_function_and_loop,
    r#"
trap 'echo got USR1; exit 3' USR1
g() { for i in 1 2 3; do kill -USR1 $$; echo "not reached $i"; done; }
f() { for i in 1; do g; done; return 8; }
f
"#
);

like_references!(
    exit_in_int_trap_inside_brace_group,
    r#"
trap 'echo got INT; exit 5' INT
{ kill -INT $$; echo not reached; }
"#
);

like_references!(
    exit_in_trap_after_negation,
    r#"
trap 'exit 5' USR1
! { kill -USR1 $$; }
"#
);

like_references!(
    exit_without_status_in_trap_uses_status_before_trap,
    r#"
trap 'exit' USR1
false
{ kill -USR1 $$; }
"#
);

like_references!(
    exit_in_trap_under_set_e,
    r#"
trap 'exit 8' USR1
set -e
kill -USR1 $$
false
"#
);

like_references!(
    plain_exit_inside_compounds_keeps_status,
    r#"
! exit 3
"#
);

like_references!(
    exit_inside_while_condition_keeps_status,
    r#"
while exit 4; do :; done
"#
);

// A pending trap runs right after the command that caused it, before the next pipeline of an
// and-or list.
like_references!(
    trap_runs_before_the_rest_of_an_and_or_list,
    r#"
trap 'echo caught; exit 3' TERM
kill -s TERM $$ && echo after_kill
echo next
"#
);

like_references!(
    trap_runs_after_each_pipeline_of_an_and_or_list,
    r#"
trap 'echo "trap sees $?"' USR1
false || kill -USR1 $$ && echo after
kill -USR1 $$ || echo never; echo next
"#
);

like_references!(
    trap_runs_before_the_next_command_of_a_compound_list,
    r#"
trap 'echo trap' USR1
{ kill -USR1 $$; echo one; }
for i in 1 2; do kill -USR1 $$; echo "i$i"; done
f() { kill -USR1 $$ | cat; echo "in f"; }
f
"#
);

like_references!(
    status_of_a_trap_keeps_dollar_question,
    r#"
trap 'echo "t$?"; false' USR1
(exit 4)
{ kill -USR1 $$; echo "s$?"; }
false; kill -USR1 $$ && echo "after $?"
"#
);

// `break`, `continue` and `return` in a trap action act on the loop or function the signal
// arrived in, as in dash and bash.
like_references!(
    break_and_continue_in_a_trap_act_on_the_interrupted_loop,
    r#"
trap 'continue' USR1
for i in 1 2; do kill -USR1 $$; echo "not reached $i"; done
trap 'break' USR1
n=0
while :; do n=$((n+1)); kill -USR1 $$; [ $n = 3 ] && break; done
echo "n=$n status=$?"
"#
);

like_references!(
    return_in_a_trap_returns_from_the_interrupted_function,
    r#"
trap 'return 4' USR1
f() { kill -USR1 $$; echo not reached; }
f
echo "f returned $?"
g() { for i in 1 2 3; do kill -USR1 $$; echo "not reached $i"; done; }
g
echo "g returned $?"
"#
);

like_references!(
    return_status_survives_enclosing_compounds,
    r#"
f() { while return 7; do :; done; }
f; echo "while condition: $?"
g() { { return 3; }; }
g; echo "brace group: $?"
h() { for i in 1; do if true; then return 5; fi; done; echo not reached; }
h; echo "nested: $?"
"#
);
