//! Transcripts for cd and pwd.

mod builtins_harness;
use builtins_harness::run;

#[test]
fn logical_and_physical() {
    insta::assert_snapshot!(run(r#"
mkdir -p real/sub; ln -s real/sub lnk
cd lnk; echo "$PWD"; pwd; pwd -P
cd ..; echo "$PWD $OLDPWD"
cd -P lnk; echo "$PWD"
cd -; echo "back in $PWD"
cd ./real/./sub/../sub/; echo "$PWD"
cd /; echo "$PWD"
cd; echo "$PWD"
"#));
}

#[test]
fn cdpath() {
    insta::assert_snapshot!(run(r#"
mkdir -p base/target t
CDPATH=$PWD/base
cd target; echo "now $PWD"
cd "$HOME"
cd ./target 2>&1; echo "status $?"
CDPATH=:$HOME/base
cd t; echo "now $PWD"
"#));
}

#[test]
fn errors() {
    insta::assert_snapshot!(run(r#"
cd nodir; echo "status $?"
touch f; cd f; echo "status $?"
unset OLDPWD; cd -; echo "status $?"
HOME=; cd; echo "status $?"
cd a b; echo "status $?"
cd -Q; echo "status $?"
"#));
}
