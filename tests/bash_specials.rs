//! bash's special variables and the call stack: FUNCNAME, BASH_SOURCE, BASH_LINENO, `caller`,
//! `.` with arguments, RANDOM, SECONDS, PIPESTATUS, `$_` and the others of issue 11. Each
//! script's stdout and status (and stderr where it says so) must be bash's; the snapshot keeps
//! chitin's transcript.
mod transcript;

like_bash!(
    call_stack_arrays_in_functions,
    r##"
echo "top: [${FUNCNAME-unset}] ${#FUNCNAME[@]} (${BASH_SOURCE[*]}) (${BASH_LINENO[*]})"
a() {
  b
}
b() { c; }
c() {
  echo "${FUNCNAME[*]} | ${#FUNCNAME[@]}"
  echo "${BASH_SOURCE[*]}"
  echo "${BASH_LINENO[*]}"
  echo "$(( BASH_LINENO[0] + 1 )) ${FUNCNAME[1]}"
  v=FUNCNAME; echo "indirect ${!v}"
}
a
declare -p FUNCNAME BASH_SOURCE BASH_LINENO
f() { declare -p FUNCNAME BASH_LINENO; }
f
"##
);

like_bash!(
    call_stack_through_sourced_files,
    r##"
cat > lib.sh <<'LIB'
echo "lib: (${FUNCNAME[*]}) (${BASH_SOURCE[*]}) (${BASH_LINENO[*]}) $LINENO"
caller; caller 0; echo "caller status $?"
g() {
  echo "g: (${FUNCNAME[*]}) (${BASH_SOURCE[*]}) (${BASH_LINENO[*]})"
  caller 0; caller 1; caller 2; echo "beyond $?"
}
LIB
f() {
  . ./lib.sh a b
  g
}
f
g
. ./lib.sh
"##
);

like_bash!(
    with_stderr caller_forms,
    r##"
caller; echo "top $?"
d() { e; }
e() {
  caller
  caller 0
  caller 1
  caller 2; echo "past main $?"
  caller ' 1'
}
d
f() { caller x; echo "bad $?"; caller -1; echo "negative $?"; caller -- 0; }
f
"##
);

like_bash!(
    recursion_five_hundred_deep,
    r##"
rec() {
  if [ "$1" -gt 0 ]; then rec $(( $1 - 1 )); else echo "depth ${#FUNCNAME[@]} ${FUNCNAME[500]} ${FUNCNAME[501]}"; fi
}
rec 500
"##
);

like_bash!(
    dot_with_arguments_sets_and_restores_positionals,
    r##"
printf 'echo "in lib: $# $*"\n' > lib.sh
set -- x y z
. ./lib.sh a b
echo "after: $# $*"
. ./lib.sh
printf 'set -- changed\n' > set.sh
. ./set.sh a b
echo "after set: $# $*"
printf 'echo in-lib\nreturn 3\necho not-reached\n' > ret.sh
. ./ret.sh; echo "status $?"
"##
);

like_bash!(
    unset_funcname_makes_it_ordinary,
    r##"
unset FUNCNAME
f() { echo "[${FUNCNAME[*]}]"; }
f
FUNCNAME=mine
f
"##
);

like_bash!(
    dot_with_arguments_in_a_function_always_restores,
    r##"
printf 'set -- changed; echo "in: $*"\n' > set.sh
f() { set -- p q; . ./set.sh a b; echo "after in f: $*"; }
f
"##
);
