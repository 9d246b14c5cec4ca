//! Transcripts for export, readonly, unset, local, set and shift.

mod builtins_harness;
use builtins_harness::run;

#[test]
fn export_and_readonly_listings_read_back() {
    insta::assert_snapshot!(run(r#"
export E='a b' F="it's" G
export -p | grep -E '^export [EFG]'
readonly R=1 S
readonly -p | grep -E '^readonly [RS](=|$)'
export -p > saved
unset E F
. ./saved
printenv E F
"#));
}

#[test]
fn readonly_errors_exit() {
    insta::assert_snapshot!(run(r#"
readonly R=1
(export R=2; echo not-reached); echo "subshell $?"
(unset R; echo not-reached); echo "subshell $?"
command export R=3; echo "command keeps going $?"
export 1x=2
echo not-reached
"#));
}

#[test]
fn unset_forms() {
    insta::assert_snapshot!(run(r#"
x=1 f=var
f() { echo fn; }
unset x f; echo "[${x-unset}] [${f-unset}]"; f
unset -f f; f 2>/dev/null || echo "no function"
y=2; unset -v y; echo "${y-unset}"
unset nonexistent; echo "status $?"
"#));
}

#[test]
fn local_scopes() {
    insta::assert_snapshot!(run(r#"
x=global
f() { local x=inner y; y=set; echo "in f: $x $y"; g; }
g() { echo "in g: $x"; x=changed-by-g; }
f
echo "after: $x ${y-unset}"
local z=1; echo "top-level status $?"
"#));
}

#[test]
fn set_options_and_positionals() {
    insta::assert_snapshot!(run(r#"
set -- a b c; echo "$# $*"
set -f -- x; echo "$# $1 $-"
set +f b; echo "$1"
set -o noglob; set -o | grep noglob
set +o | grep -E 'noglob|errexit'
set +o > saved; set -u -x; . ./saved 2>/dev/null; echo "restored: $-"
set -o nosuch; echo not-reached
"#));
}

#[test]
fn set_lists_variables() {
    insta::assert_snapshot!(run(r#"
zz_a='a b' zz_b=plain zz_c="it's"
set | grep '^zz_'
"#));
}

#[test]
fn shift_forms() {
    insta::assert_snapshot!(run(r#"
set -- a b c d
shift; echo "$*"
shift 2; echo "$*"
shift 0; echo "$*"
(shift 5; echo not-reached); echo "subshell $?"
shift x
echo not-reached
"#));
}
