//! Small defects found in earlier sessions, each checked against bash: messages and statuses
//! of `cd -P`/`pwd -P` in a removed directory, `hash` with an empty table, the signal names of
//! `trap -p`, NUL bytes in a command substitution, and the parts of `printf %(fmt)T` that depend on the clock.
mod transcript;

like_bash!(
    with_stderr hash_empty_table,
    r#"
hash; echo "status $?"
hash -r; hash; echo "status $?"
hash -l; echo "status $?"
hash -r ls; hash -t ls >/dev/null; hash | sed 's/^ *[0-9]*//'; hash -r; hash; echo "status $?"
"#
);

like_bash!(
    with_stderr hash_empty_table_in_posix_mode_says_nothing,
    r#"
set -o posix; hash; echo "status $?"
"#
);
