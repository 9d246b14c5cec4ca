//! `set`'s options as bash has them: every `-o` name bash 5.2 lists, in its order, the letters
//! of `$-` in bash's order, and the options that change behaviour (hashall, physical, keyword,
//! onecmd).

mod transcript;

like_bash!(set_o_lists_every_option_as_bash_does, "set -o; set +o; echo \"$SHELLOPTS\"");

like_bash!(
    dollar_dash_in_bash_order,
    "echo $-; set -aefuvxCET +h +B 2>/dev/null; echo $- >&2; set +aefuvxCET -hB; echo $-"
);

like_bash!(
    with_stderr hashall_off_disables_the_table,
    "ls >/dev/null; hash; set +h; hash; echo \"st=$?\"; ls >/dev/null; hash -t ls; echo \"st=$?\"; set -h; ls /dev/null; hash"
);

like_bash!(
    physical_option_makes_cd_and_pwd_physical,
    r#"d=$(mktemp -d); mkdir "$d/real"; ln -s "$d/real" "$d/link"
cd "$d/link"; pwd | sed "s|$d|D|"
set -P; cd "$d/link"; pwd | sed "s|$d|D|"; echo "$PWD" | sed "s|$d|D|"
set +P; cd "$d/link"; pwd -P | sed "s|$d|D|"; pwd | sed "s|$d|D|"
case $- in *P*) echo P;; *) echo no P;; esac
rm -rf "$d""#
);

like_bash!(
    keyword_option_takes_assignments_anywhere,
    r#"f() { echo "a=$a b=$b args=$*"; }
set -k; f x a=1 y b=2; echo a=b c; set +k; f x a=1"#
);

like_bash!(onecmd_option_runs_one_command, "set -t; echo one\necho two");

like_bash!(
    with_stderr accepted_option_letters_and_names,
    "set -p; set +p; set -o nolog; set +o nolog; set -o interactive-comments; set -o privileged; set -o | grep -E 'privileged|nolog'; (set -o nosuch); echo st=$?"
);
