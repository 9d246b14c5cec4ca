//! Traps: EXIT, signals, listing, reset in subshells, wait interrupted.
mod transcript;

transcript!(
    exit_trap,
    r#"
trap 'echo "exit trap, status $?"' EXIT
echo body
(exit 3)
"#
);

transcript!(
    signal_traps,
    r#"
trap 'echo got USR1' USR1
kill -USR1 $$
echo after
trap - USR1
trap '' USR2
kill -USR2 $$
echo survived
trap
(trap) | wc -l
"#
);

transcript!(
    wait_statuses,
    r#"
(exit 3) &
p=$!
(exit 5) &
wait $p; echo "first: $?"
wait $!; echo "second: $?"
wait 999999; echo "unknown pid: $?"
"#
);

transcript!(
    exit_in_trap,
    r#"
trap 'echo bye; exit 4' EXIT
exit 1
"#
);
