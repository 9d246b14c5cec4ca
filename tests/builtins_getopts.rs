//! Transcripts for getopts.

mod builtins_harness;
use builtins_harness::run;

#[test]
fn parsing() {
    insta::assert_snapshot!(run(r#"
parse() {
  spec=$1; shift
  echo "-- getopts $spec $*"
  OPTIND=1
  while getopts "$spec" o "$@"; do echo "o=$o OPTARG=${OPTARG-unset} OPTIND=$OPTIND"; done
  echo "end o=$o OPTIND=$OPTIND"
}
parse abc:d:e -ab -c arg -dval -- -e
parse ab -a file -b
parse a - -a
parse :ab: -x -b
parse ab -x
parse b: -b
parse b:a -b -a
"#));
}

#[test]
fn explicit_arguments_and_reset() {
    insta::assert_snapshot!(run(r#"
getopts ab o -b x; echo "$o $OPTIND"
OPTIND=1
getopts ab: o -b x; echo "$o $OPTARG $OPTIND"
getopts 2>/dev/null; echo "usage status $?"
getopts a 1x; echo "bad name status $?"
"#));
}
