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

like_bash!(
    random_seeds_give_bash_sequences,
    r##"
RANDOM=42; echo $RANDOM $RANDOM $RANDOM
RANDOM=0; echo $(( RANDOM )) $RANDOM
bad=0
for i in $(seq 100); do r=$RANDOM; [ "$r" -ge 0 ] && [ "$r" -le 32767 ] || bad=1; done
echo "bad=$bad"
case $SRANDOM in ''|*[!0-9]*) echo srandom-bad ;; *) echo srandom-ok ;; esac
unset RANDOM; RANDOM=5; echo "ordinary $RANDOM $RANDOM"
"##
);

like_bash!(
    seconds_and_epoch_variables,
    r##"
[ "$SECONDS" -le 1 ] && echo starts-near-zero
SECONDS=100; s=$SECONDS; [ "$s" -ge 100 ] && [ "$s" -le 101 ] && echo assigned
e=$EPOCHSECONDS; d=$(date +%s); [ $(( d - e )) -le 1 ] && echo epoch
[[ $EPOCHREALTIME =~ ^[0-9]+\.[0-9]{6}$ ]] && echo realtime
"##
);

like_bash!(
    pipestatus_after_pipelines_and_commands,
    r##"
true | false | (exit 3); echo "${PIPESTATUS[*]}"
false; echo "${#PIPESTATUS[@]} ${PIPESTATUS[0]}"
! true | false; echo "${PIPESTATUS[*]} $?"
true | false; x="${PIPESTATUS[*]}"; echo "[$x] ${PIPESTATUS[*]}"
if false; then :; fi; echo "if: ${PIPESTATUS[*]}"
{ false; true | false; }; echo "group: ${PIPESTATUS[*]}"
x=$(exit 4); echo "assignment: ${PIPESTATUS[*]}"
f() { false | true; }; f; echo "function: ${PIPESTATUS[*]}"
[[ a = b ]]; echo "dbracket: ${PIPESTATUS[*]}"
(( 0 )); echo "arith: ${PIPESTATUS[*]}"
true | false; case a in b) ;; esac; echo "case: ${PIPESTATUS[*]}"
true | false; g() { :; }; echo "definition: ${PIPESTATUS[*]}"
(exit 3); echo "subshell: ${PIPESTATUS[*]}"
"##
);

like_bash!(
    subshell_level_and_pid,
    r##"
echo "$BASH_SUBSHELL"
( echo "$BASH_SUBSHELL"; ( echo "$BASH_SUBSHELL" ) )
echo "$(echo "$BASH_SUBSHELL") $(echo "$BASH_SUBSHELL" | cat)"
echo x | { echo "pipe $BASH_SUBSHELL"; }
{ echo "bg $BASH_SUBSHELL"; } & wait
[ "$BASHPID" = "$$" ] && echo same
( [ "$BASHPID" != "$$" ] && echo differs )
"##
);

like_bash!(
    with_stderr readonly_and_fixed_variables,
    r##"
case $UID$EUID in ''|*[!0-9]*) echo bad ;; *) echo numeric ;; esac
( UID=5 ); echo "uid $?"
( SHELLOPTS=x ); echo "shellopts $?"
for v in HOSTNAME HOSTTYPE OSTYPE MACHTYPE; do [ -n "${!v}" ] || echo "empty $v"; done
case ${GROUPS[0]} in ''|*[!0-9]*) echo bad ;; *) echo groups ;; esac
"##
);

like_bash!(
    options_variables_follow_changes,
    r##"
set -o noglob; case :$SHELLOPTS: in *:noglob:*) echo on ;; esac
set +o noglob; case :$SHELLOPTS: in *:noglob:*) echo still ;; *) echo off ;; esac
shopt -s nullglob; case :$BASHOPTS: in *:nullglob:*) echo on ;; esac
shopt -u nullglob; case :$BASHOPTS: in *:nullglob:*) echo still ;; *) echo off ;; esac
"##
);

like_bash!(
    dirstack_argv0_and_last_argument,
    r##"
[ "${DIRSTACK[0]}" = "$PWD" ] && echo top; echo "${#DIRSTACK[@]}"
mkdir sub; pushd sub >/dev/null; echo "${#DIRSTACK[@]} ${DIRSTACK[0]##*/}"; popd >/dev/null
[ "$BASH_ARGV0" = "$0" ] && echo same; BASH_ARGV0=newname; echo "$0"
: a b; echo "$_"
true; echo "$_"
x=3; echo "[$_]"
f() { echo "in f: $_"; }; : before; f x y; echo "$_"
"##
);
