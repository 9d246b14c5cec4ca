//! Transcripts for read.

mod builtins_harness;
use builtins_harness::{run, run_with_input};

#[test]
fn splitting_and_escapes() {
    insta::assert_snapshot!(run(r#"
show() { printf '[%s]' "$@"; echo; }
printf 'one two three four\n' | { read a b c; show "$a" "$b" "$c"; }
printf 'one\n' | { read a b c; show "$a" "$b" "$c"; }
printf '   padded   \n' | { read x; show "$x"; }
printf 'a\\ b\\\\c\n' | { read x; show "$x"; }
printf 'a\\ b\n' | { read -r x; show "$x"; }
printf 'ab\\\ncd\n' | { read x; show "$x"; }
printf 'a:b:c:d\n' | { IFS=: read x y; show "$x" "$y"; }
printf 'a::c\n' | { IFS=: read x y z; show "$x" "$y" "$z"; }
printf 'a:b:\n' | { IFS=: read x y; show "$x" "$y"; }
printf 'a:b::\n' | { IFS=: read x y; show "$x" "$y"; }
printf 'a\\:b:c\n' | { IFS=: read x y; show "$x" "$y"; }
printf '  sp  \n' | { IFS= read -r x; show "$x"; }
printf '  keep  \n' | { read; show "$REPLY"; }
printf 'a,b;c\n' | { read -d ';' x; show "$x"; }
"#));
}

#[test]
fn status_and_eof() {
    insta::assert_snapshot!(run(r#"
read x < /dev/null; echo "$? [$x]"
printf 'partial' | { read x; echo "$? [$x]"; }
printf '\n' | { read x; echo "$? [$x]"; }
echo v | { read 1x; echo "status $?"; }
readonly ro
echo v | { read ro; echo "status $?"; }
read x <&-; echo "status $?"
"#));
}

#[test]
fn leaves_the_rest_of_seekable_input() {
    // Block reads on a seekable file must seek back: the next command sees the next line.
    insta::assert_snapshot!(run(r#"
seq 0 299 | sed 's/.*/line & with some padding to make it longer/' > f
{ read a; read b; head -n 1; read c; } < f
echo "$a|$b|$c"
while read -r l; do n=$l; done < f; echo "$n"
"#));
}

#[test]
fn leaves_the_rest_of_a_pipe() {
    insta::assert_snapshot!(run_with_input(
        "read a; read b; cat; echo \"$a|$b\"\n",
        b"1\n2\n3\n4\n"
    ));
}
