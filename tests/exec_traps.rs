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
    wait_interrupted,
    r#"
trap 'echo trapped' USR1
sleep 5 &
(kill -USR1 $$) &
wait %1
echo "wait returned $?"
kill %1 2>/dev/null || kill $! 2>/dev/null
echo ok
"#
);

transcript!(
    exit_in_trap,
    r#"
trap 'echo bye; exit 4' EXIT
exit 1
"#
);
