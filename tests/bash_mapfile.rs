//! `mapfile`/`readarray`: lines into an indexed array (`-t -n -s -O -d -u -C -c`), what it
//! leaves of its input, and bash's errors. Each script's stdout and status must be bash's own;
//! stderr is in the snapshot.
mod transcript;

/// Runs the script under chitin and bash, asserts equal stdout and status, and snapshots
/// chitin's transcript.
macro_rules! like_bash {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            let name = stringify!($name);
            let ours = transcript::run_under(None, name, $script);
            if transcript::available("bash") {
                let theirs = transcript::run_under(Some("bash"), name, $script);
                assert_eq!(
                    (String::from_utf8_lossy(&ours.stdout), ours.status.code()),
                    (String::from_utf8_lossy(&theirs.stdout), theirs.status.code()),
                    "{name}: chitin (left) and bash (right) differ on\n{}",
                    $script
                );
            }
            insta::assert_snapshot!(name, transcript::render($script, &ours));
        }
    };
}

// A count stops at its line and leaves the rest: on a pipe (read a byte at a time) and on a
// file (read in blocks, the offset put back).
like_bash!(
    mapfile_count_leaves_the_rest,
    r#"
printf '1\n2\n3\n' | { mapfile -t -n 2 arr; echo "[$arr]"; read x; echo "rest $x"; }
printf 'a\nb\nc\n' > f
{ mapfile -n 1 one; read x; echo "[$one] rest $x"; } < f
{ mapfile -t -s 1 -n 1 two; read x; echo "[$two] rest $x"; } < f
seq 1 50000 > big
{ mapfile -t -n 40000 many; read x; echo "[$many] rest $x"; } < big
"#
);

like_bash!(
    mapfile_errors,
    r#"
mapfile 1x < /dev/null; echo "status $?"
mapfile -c 0 x < /dev/null; echo "status $?"
mapfile -n -1 x < /dev/null; echo "status $?"
mapfile -O x x < /dev/null; echo "status $?"
mapfile -u 9 x; echo "status $?"
mapfile -q x; echo "status $?"
mapfile -t a b < /dev/null; echo "status $?"
readonly ro=1; mapfile ro < /dev/null; echo "status $? [$ro]"
"#
);
