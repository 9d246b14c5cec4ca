//! Extended patterns (`shopt -s extglob`) in pathnames, `case` and the `${x#pat}` operators,
//! how they are read (a line is parsed with the options of the moment), and the glob options:
//! nullglob, failglob, dotglob, globskipdots, nocaseglob, nocasematch, globstar, GLOBIGNORE.
//! Each script's stdout and status must be bash's; the snapshot keeps chitin's messages.
mod transcript;

like_bash!(
    groups_in_pathnames,
    r#"
shopt -s extglob
touch a.txt b.txt c.txt ab.txt abb.txt ac.txt c.log x .hid
echo 1 @(a|b).txt
echo 2 a?(b).txt
echo 3 a*(b).txt
echo 4 a+(b).txt
echo 5 !(*.txt)
echo 6 !(a*|b*|c*)
echo 7 +([a-c]).@(txt|log)
echo 8 @(x|nothing|c.log)
echo 9 *(nomatch)z "@(a|b).txt" @\(a\|b\).txt
"#
);

like_bash!(
    groups_across_directories_and_dot_files,
    r#"
shopt -s extglob
mkdir -p d/e d/x
touch d/e/f.c d/x/g.c d/y.c .hid a.txt
echo 1 d/@(e|x)/*
echo 2 */!(y).c
echo 3 d/+([a-z])/@(f|g).c
echo 4 @(.hid|a.txt)
echo 5 !(a.txt)
shopt -s dotglob
echo 6 !(a.txt)
echo 7 .!(hid)
echo 8 @(d/e|q)
"#
);

like_bash!(
    groups_in_case,
    r#"
shopt -s extglob
for w in foo bar baz aaa '' 'a|b' 'a)' x.tar.gz 123 12a; do
  case $w in
    @(foo|bar)) echo "[$w] foo-or-bar" ;;
    +(a)) echo "[$w] all-a" ;;
    ?()) echo "[$w] empty" ;;
    @(a\|b)) echo "[$w] escaped bar" ;;
    @(a\)|z)) echo "[$w] escaped paren" ;;
    *.@(tar.gz|tgz)) echo "[$w] tarball" ;;
    +([0-9])) echo "[$w] number" ;;
    !(x)) echo "[$w] other" ;;
  esac
done
"#
);

like_bash!(
    nested_groups_and_patterns_from_variables,
    r#"
shopt -s extglob
for w in aabab aaba ab b ''; do
  case $w in *(+(a)b)) echo "[$w] yes" ;; *) echo "[$w] no" ;; esac
done
p='@(one|two)'
case two in $p) echo "unquoted variable matches" ;; esac
case two in "$p") echo wrong ;; *) echo "quoted variable is literal" ;; esac
alts='x|two'
case two in @($alts)) echo "alternatives from a variable" ;; esac
case '@(a|b)' in "@(a|b)") echo "quoted group is literal" ;; esac
"#
);

like_bash!(
    groups_in_removal_operators,
    r#"
shopt -s extglob
x='   lead and trail   '
y=${x##+( )}
echo "[${y%%+( )}]"
v=abc123def456
echo "${v%%+([0-9])*}" "${v##*([a-z])}" "${v#@(ab|abc)}" "${v##@(ab|abc)}"
f=archive.tar.gz
echo "${f%.@(tar.gz|tgz)}" "${f%%!(*.*)}"
shopt -u extglob
echo "${x##+( )}"
"#
);

like_bash!(
    extglob_is_read_with_the_option_of_the_moment,
    r#"
shopt -s extglob
echo x@(a b)y
echo x@(a
b)y
f() { case $1 in @(on|yes)) echo "$1: true" ;; *) echo "$1: false" ;; esac; }
shopt -u extglob
f yes; f no
p='@(a|b)'
case a in $p) echo "matched while off" ;; *) echo "not matched while off" ;; esac
"#
);

like_bash!(
    a_group_is_a_syntax_error_without_extglob,
    r#"
echo before
echo @(a|b)
echo after
"#
);

like_bash!(
    a_group_after_a_quoted_operator_is_a_syntax_error,
    r#"
shopt -s extglob
echo before
echo "@"(a|b)
echo after
"#
);

like_bash!(
    extglob_set_on_the_same_line_comes_too_late,
    r#"
shopt -s extglob; echo @(a|b)
echo after
"#
);

/// `chitin -n` judges extglob syntax as `bash -n` does: `shopt` is not run, so a group is an
/// error unless `[[ ]]` holds it.
#[test]
fn check_only_mode_rejects_groups_as_bash_does() {
    let dir = std::env::temp_dir().join(format!("chitin-extglob-n-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("t.sh");
    std::fs::write(&script, "shopt -s extglob\necho @(a|b)\n").unwrap();
    let run = |shell: &str| {
        std::process::Command::new(shell).arg("-n").arg(&script).output().unwrap().status.code()
    };
    assert_eq!(run(env!("CARGO_BIN_EXE_chitin")), Some(2));
    if transcript::available("bash") {
        assert_eq!(run("bash"), Some(2));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

like_bash!(
    nullglob_drops_patterns_that_match_nothing,
    r#"
shopt -s nullglob
touch a.txt
set -- nomatch* a.*
echo "$# $*"
for f in none*; do echo "never $f"; done
echo x nomatch* "nomatch*" y
shopt -u nullglob
echo nomatch*
"#
);

like_bash!(
    failglob_abandons_the_command_line,
    r#"
shopt -s failglob
echo nomatch*; echo same-line
echo "next $?"
if true; then echo nomatch*; echo in-if; fi
echo "after if $?"
f() { echo nomatch*; echo in-f; }
f; echo after-f-same-line
echo "after f $?"
x=$(echo nomatch*; echo in-subst)
echo "subst $? [$x]"
touch a.txt
echo a.*
shopt -s nullglob
echo nomatch*; echo "failglob wins over nullglob"
echo "status $?"
"#
);

like_bash!(
    dotglob_and_globskipdots,
    r#"
touch .hid vis
mkdir .dir
echo 1 *
shopt -s dotglob
echo 2 *
echo 3 .*
shopt -u globskipdots
echo 4 .*
shopt -u dotglob
echo 5 * .[a-z]*
"#
);

like_bash!(
    nocaseglob_and_nocasematch,
    r#"
touch a.txt B.TXT c.log
echo 1 [ab]*.txt
shopt -s nocaseglob
echo 2 [ab]*.txt *.TXT [!A]*
shopt -u nocaseglob
shopt -s nocasematch
case ABC in abc) echo 3 case ;; esac
case ABC in [a-c]b?) echo 4 bracket ;; esac
case ABC in "abc") echo 5 quoted ;; esac
case b in [!B]) echo 6 wrong ;; *) echo 6 negated ;; esac
x=ABC
echo 7 "${x#a}" "${x%c}"
echo 8 *.TXT
shopt -s extglob
case FOO in @(foo|bar)) echo 9 group ;; esac
"#
);

like_bash!(
    globstar_walks_directories,
    r#"
mkdir -p d/e/f .hd real/sub
touch top.c d/1.c d/e/2.c d/e/f/3.c d/e/x.h .hd/h.c d/.x.c real/r.c real/sub/s.c
ln -s ../real d/loop
ln -s ../../real d/e/lnk
echo 0 **/*.c
shopt -s globstar
echo 1 **/*.c
echo 2 **
echo 3 d/**
echo 4 **/
echo 5 d/**/*.c
echo 6 **/e **/f/*.c
echo 7 a**b x**
shopt -s dotglob
echo 8 **/*.c
shopt -u dotglob
echo 9 **/r.c d/**/r.c ./**/r.c d/**/s.c d/**/sub
(cd d && echo 10 **/r.c **/ **)
"#
);

like_bash!(
    globignore_filters_matches,
    r#"
touch a.txt b.txt c.log d.log .hid
mkdir d
touch d/x.c d/y.c
GLOBIGNORE='*.txt'
echo 1 *
echo 2 *.txt
GLOBIGNORE='a*:*.log'
echo 3 *
GLOBIGNORE=d/x.c
echo 4 d/*
GLOBIGNORE=x.c
echo 5 d/*
GLOBIGNORE=nothing
echo 6 * .*
unset GLOBIGNORE
echo 7 *
"#
);

like_bash!(
    groups_and_nocasematch_in_pattern_substitution,
    r#"
shopt -s extglob
x=abcabdacd
echo "${x//@(ab|ac)/-}" "${x/@(ab|ac)/-}"
y=a1b22c333
echo "${y//+([0-9])/#}" "${y/#+([a-z])/<}" "${y/%+([0-9])/>}" "${y//!(1)/.}"
set -- 1a 22b
echo "${@//+([0-9])/n}"
shopt -s nocasematch
z=ABC
echo "${z/b/-}" "${z//[a-c]/.}" "${z#a}" "${z/#a/<}" "${z//@(a|c)/_}"
"#
);
