//! Small defects found in earlier sessions, each checked against bash: messages and statuses
//! of `cd -P`/`pwd -P` in a removed directory, `hash` with an empty table, the signal names of
//! `trap -p`, NUL bytes in a command substitution, and the parts of `printf %(fmt)T` that
//! depend on the clock.
mod transcript;

like_bash!(
    with_stderr cd_physical_in_a_removed_directory,
    r#"
mkdir -p d/e; cd d/e; rmdir ../e
cd -P .; echo "cd $? ${PWD#"$HOME"} ${OLDPWD#"$HOME"}"
pwd -P; echo "pwd -P $?"
"#
);

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
    with_stderr trap_p_signal_names,
    r#"
trap 'echo hi' INT; trap -p INT
trap '' TERM USR1 2>/dev/null; trap : EXIT HUP CHLD DEBUG ERR RETURN 34 35 50
trap -p TERM USR1 EXIT; trap -p
trap -p SIGHUP 1 hup
"#
);

// `trap` alone keeps POSIX's names (`INT`, as dash and bash's POSIX mode; the POSIX corpus
// checks it), where bash outside POSIX mode says `SIGINT`.
like_references!(
    trap_alone_lists_posix_signal_names,
    r#"
trap 'echo hi' INT; trap '' USR1; trap : EXIT; trap
"#
);

like_bash!(
    with_stderr trap_p_signal_names_in_posix_mode,
    r#"
set -o posix
trap 'echo hi' INT; trap : HUP EXIT 34; trap -p INT; trap
"#
);

like_bash!(
    with_stderr nul_bytes_in_command_substitution,
    r#"
x=$(printf 'a\0b\0c'); echo "$x"
y=$(/usr/bin/printf 'q\0r'); echo "$y"
printf 'f\0g\0' >nul.txt; z=$(<nul.txt); echo "$z"
w=`printf 'n\0'`; echo "$w ${#w}"
echo "$(printf '\0' | cat)" end
v=$(printf 'no nul'); echo "$v"
"#
);

transcript!(
    printf_time_now_is_after_start,
    r#"
[ "$(printf '%(%s)T' -1)" -ge "$(printf '%(%s)T' -2)" ] && echo now-after-start
"#
);

like_bash!(
    with_stderr hash_empty_table_in_posix_mode_says_nothing,
    r#"
set -o posix; hash; echo "status $?"
"#
);
