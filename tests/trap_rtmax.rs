//! Signal 64 (SIGRTMAX), the highest on Linux: trapped, listed, reset and ignored like the
//! others. `trap : 64` said "invalid signal specification": the shell's signal sets were u64
//! bit masks indexed by signal number, which stopped at 63.
//!
//! `like_bash!` also asserts that stdout and status are bash's.
mod transcript;

like_bash!(
    signal_64_is_a_signal_like_the_others,
    r#"
trap 'echo caught 64' 64
kill -64 $$
trap -p RTMAX
# A program started now finds it at its default, not ignored (the top bit of SigIgn).
awk '/^SigIgn/ { print "child ignores 64:", (substr($2, 1, 1) >= "8") }' /proc/self/status
trap '' SIGRTMAX
awk '/^SigIgn/ { print "child ignores 64:", (substr($2, 1, 1) >= "8") }' /proc/self/status
trap - 64
trap -p 64
echo "status $?"
"#
);
