//! Transcripts for test and [.

mod builtins_harness;
use builtins_harness::run;

#[test]
fn strings_and_numbers() {
    insta::assert_snapshot!(run(r#"
t() { "$@"; echo "$? <- $*"; }
t test
t test ''
t test x
t test -n
t test !
t test ! ''
t test -z ''
t test abc = abc
t test abc != abc
t test a '<' b
t test b '>' a
t test 01 = 1
t test 01 -eq 1
t test -5 -lt 2
t test 0 -eq -0
t test ! = !
t test ! a = b
t test '(' a ')'
t test a = a -a b = b
t test a = b -o b = b
t test a = b -a b = b -o c = c
t test '(' a = b ')' -o '(' c = c ')'
t [ x ]
"#));
}

#[test]
fn files() {
    insta::assert_snapshot!(run(r#"
t() { "$@"; echo "$? <- $*"; }
touch f; mkdir d; ln -s f l; ln -s nowhere dangling; mkfifo p; echo x > full; chmod +x full
touch -t 200001010000 old
t test -e f
t test -f f
t test -d d
t test -f d
t test -h l
t test -L l
t test -f l
t test -e dangling
t test -h dangling
t test -p p
t test -c /dev/null
t test -b f
t test -S f
t test -s f
t test -s full
t test -x full
t test -r f
t test -w f
t test -t 0
t test f -nt old
t test old -ot f
t test f -ef l
t test f -ef d
t test -e ''
"#));
}

#[test]
fn errors() {
    insta::assert_snapshot!(run(r#"
[ abc -eq 1 ]; echo $?
[ a = a; echo $?
test a b; echo $?
test a b c; echo $?
test 1 -eq; echo $?
"#));
}
