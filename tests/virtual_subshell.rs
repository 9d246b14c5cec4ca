//! Subshells run in the shell process (`exec::virtual_subshell`) isolate what a forked one
//! does. Each script runs twice, as usual and with `CHITIN_FORK_SUBSHELLS=1` (every subshell
//! forked): stdout, stderr and status must be equal; with `like_bash`, stdout and status
//! must also be bash's. The snapshot keeps the transcript.
mod transcript;

#[macro_use]
mod both_ways;

use both_ways::run;
use std::process::Output;

both_ways!(like_bash variables_stay_inside, r#"
x=outer; e=1; export e
( x=inner; unset e; y=new; echo "in: $x ${e-unset} $y" )
echo "out: $x ${e-unset} ${y-unset}"
v=$(x=subst; echo "$x"); echo "$v $x"
(export x; env | grep '^x=')
env | grep -c '^x=' || echo "x not exported"
"#);

both_ways!(like_bash arrays_and_attributes_stay_inside, r#"
a=(1 2 3); declare -A m=([k]=v)
( a[5]=x; a+=(y); m[k]=w; m[n]=z; unset 'a[0]'; declare -i n=1; declare -u u=abc; echo "${a[*]} ${m[k]} $u" )
echo "${a[*]} ${#a[@]} ${m[k]} ${m[n]-none} ${n-unset} ${u-unset}"
( declare -n r=a; r[1]=via-ref; echo "${a[1]}" ); echo "${a[1]}"
( readonly a; a=2 ) 2>/dev/null; echo "status $?"; a=(still writable); echo "${a[*]}"
"#);

both_ways!(like_bash locals_of_the_caller, r#"
g=global
f() {
  local l=local
  ( l=changed; g=changed; local m=new; unset l; echo "in: ${l-unset} $g $m" )
  echo "f: $l $g ${m-unset}"
  x=$(declare -g g=from-declare-g; echo "$g")
  echo "f: $x $g"
}
f; echo "top: $g ${l-unset}"
h() { local v=h; k; echo "h: $v"; }
k() { (unset v; echo "k: ${v-unset}"; v=k2); echo "k after: $v"; }
h
"#);

both_ways!(like_bash functions_and_aliases_stay_inside, r#"
f() { echo old; }
( f() { echo new; }; f; unset -f f; type f >/dev/null 2>&1 || echo gone )
f
x=$(g() { echo defined inside; }; g); echo "$x"
type g >/dev/null 2>&1 || echo "g not defined outside"
shopt -s expand_aliases 2>/dev/null
alias hi='echo alias-hi'
( unalias hi; alias bye='echo bye'; eval 'bye' )
eval 'hi'; alias bye 2>/dev/null || echo "no bye"
"#);

both_ways!(like_bash options_and_positional_parameters, r#"
set -- a b c
( set -- x; shift; echo "in: $# $*"; set -f; set -u; echo "$-" | grep -c f )
echo "out: $# $*"; echo "$-" | grep -c f || echo "no f"
( set -e; false; echo never ); echo "after set -e: $?"
( shopt -s extglob; shopt -q extglob && echo extglob on ); shopt -q extglob || echo "extglob off"
f() { ( shift; echo "f in: $*" ); echo "f out: $*"; }; f 1 2 3
x=$(IFS=:; set -- $(echo a:b:c); echo $#); echo "$x [$IFS]" | od -c | head -1
"#);

both_ways!(like_bash status_and_exit, r#"
false; ( echo "in: $?" )
( exit 3 ); echo "exit: $?"
x=$(exit 4); echo "subst: $?"
f() { ( return 5 ); echo "return: $?"; (exit 6); echo "f exit: $?"; }; f
( exit 300 ); echo "300: $?"
( f() { exit 7; }; f; echo never ); echo "exit in function: $?"
$(exit 9); echo "empty command: $?"
"#);

both_ways!(errors_end_the_subshell_only, r#"
( readonly r=1; r=2; echo never ); echo "readonly: $?"
( echo ${unset_var?is unset}; echo never ); echo "unset: $?"
x=$(set -u; echo $nope; echo never); echo "nounset: $? [$x]"
( eval 'if'; echo never ); echo "syntax: $?"
( shift 5; echo never ); echo "shift: $?"
for i in 1 2 3; do ( [ $i = 2 ] && break; echo "i=$i" ); done
echo still here
"#);

// bash lists the shell's traps in a subshell until it sets one; chitin does not.
both_ways!(traps_in_and_out, r#"
trap 'echo parent exit' EXIT
( echo sub; ) 
( trap 'echo sub exit' EXIT; echo body )
x=$(trap 'echo captured exit' EXIT; echo in); echo "[$x]"
( trap 'echo sub exit $?' EXIT; exit 3 ); echo "status $?"
( trap - EXIT; trap ) ; echo listed
( trap 'echo usr1' USR1; sh -c 'kill -USR1 $PPID'; trap -p USR1 | wc -l ); trap -p USR1 | wc -l
trap '' INT; ( trap -p INT ); trap - INT
"#);

both_ways!(signal_traps_of_the_parent, r#"
trap 'echo got usr1' USR1
x=$(echo in subst); echo "$x"
( trap -p USR1 | wc -l; y=1 ); echo "${y-unset}"
trap - USR1
"#);

both_ways!(like_bash directory_umask_and_limits, r#"
mkdir -p d/e; here=$(pwd)
( cd d/e && pwd | sed "s|$here|.|"; echo "$OLDPWD" | sed "s|$here|.|" )
pwd | sed "s|$here|.|"; echo "PWD ok: $([ "$PWD" = "$here" ] && echo yes)"
x=$(cd d; pwd); echo "${x#$here}"
( pushd d >/dev/null; dirs | sed "s|$here|.|g" ); dirs | sed "s|$here|.|g"
umask 022; ( umask 077; umask ); umask
( ulimit -n 64; ulimit -n ); [ "$(ulimit -n)" != 64 ] && echo "limit kept"
( cd /nonexistent-dir 2>/dev/null || echo "cd failed" ); pwd | sed "s|$here|.|"
"#);

both_ways!(like_bash descriptors_and_exec, r#"
( exec 3>f3; echo to-three >&3 ); echo gone >&3 2>/dev/null || echo "fd 3 closed outside"; cat f3
exec 4>f4; ( exec 4>&-; echo x >&4 ) 2>/dev/null || echo "4 closed inside"; echo still >&4; cat f4
x=$(exec >/dev/null; echo hidden); echo "[$x]"
x=$(echo a; exec 1>&-; echo b 2>/dev/null); echo "[$x]"
( exec echo exec-ed ); echo after exec
x=$(echo one; exec printf '%s\n' two; echo never); echo "[$x]"
( exec 2>/dev/null; echo err >&2 ); echo "stderr back" >&2
"#);

both_ways!(like_bash substitution_output, r#"
x=$(printf 'a\n\n\n'); echo "[$x]"
x=$(printf 'a\0b'); echo "[$x]"
x=$(printf '%s\n' builtin; /bin/echo external; printf '%s\n' again); echo "$x"
n=$(i=0; while [ $i -lt 20000 ]; do echo "line $i of the output"; i=$((i+1)); done | wc -l); echo $n
big=$(i=0; while [ $i -lt 20000 ]; do echo "line $i of the output"; i=$((i+1)); done); echo ${#big}
x=$(cat /dev/null); echo "[$x]"
x=$(echo $(echo $(echo nested))); echo "$x"
x=`echo back; echo quotes`; echo "$x"
for w in $(echo 1 2 3); do printf '%s.' "$w"; done; echo
"#);

both_ways!(like_bash background_jobs_inside, r#"
( sleep 0 & wait $!; echo "waited $?" )
x=$(echo a; true & wait; echo b); echo "$x"
( echo first; false & wait $!; echo "bg status $?" ); echo "${!-none}"
f() { sh -c 'exit 3' & wait $!; echo "f: $?"; }
y=$(f); echo "$y"
( f; echo after f )
"#);

both_ways!(like_bash process_substitutions_inside, r#"
( cat <(echo from-procsub) )
x=$(cat <(echo captured)); echo "$x"
( while read -r l; do echo "got $l"; done < <(printf '%s\n' 1 2) )
wait; echo done
"#);

both_ways!(like_bash nested_and_recursive, r#"
x=0; ( x=1; ( x=2; ( x=3; echo $x ); echo $x ); echo $x ); echo $x
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1-1))) + $(fib $(($1-2))) )); fi; }
fib 12
count() { c=$((c+1)); [ $c -lt 50 ] && ( count ); echo -n "$c "; }; c=0; count; echo; echo "c=$c"
"#);

both_ways!(like_bash commands_and_hash, r#"
( PATH=/nonexistent; ls >/dev/null 2>&1 || echo "no ls inside" ); ls / >/dev/null && echo "ls outside"
mkdir -p bin; printf '#!/bin/sh\necho mine\n' > bin/tool; chmod +x bin/tool
( PATH=$PWD/bin:$PATH; tool ); tool 2>/dev/null || echo "no tool outside"
x=$(basename /a/b/c.txt .txt); echo "$x"
x=$(printf '%s' hi | tr a-z A-Z); echo "$x"
"#);

both_ways!(like_bash reading_input_inside, r#"
printf '1\n2\n3\n' > in
( read a; read b; echo "$a $b" ) < in
x=$(read a < in; echo "got $a"); echo "$x"
{ ( read a; echo "sub read $a" ); read b; echo "then $b"; } < in
"#);

both_ways!(like_bash lineno_and_special_parameters, r#"
( echo "line $LINENO" )
x=$(echo "$$"); [ "$x" = "$$" ] && echo "same \$\$"
echo "line $LINENO"
set -- 1 2; x=$(echo "$# $@ $0"); echo "$x" | sed 's|.*/||'
"#);

both_ways!(getopts_and_ifs, r#"
set -- -a -b
( getopts ab o; echo "in $o $OPTIND" ); getopts ab o; echo "out $o $OPTIND"
IFS=,; ( IFS=:; x='a:b'; set -- $x; echo $# ); x='a,b'; set -- $x; echo $#
"#);

/// Which process runs a subshell's commands: an external command started from it reports
/// its parent (`$PPID`), the shell itself when the subshell did not fork. A subshell forks
/// only from the point where it needs a process (`cmd &`, `exec prog`, a signal trap,
/// `ulimit`), and always under `CHITIN_FORK_SUBSHELLS=1`.
#[test]
fn subshells_fork_only_when_needed() {
    let script = r#"
parent() { sh -c 'echo $PPID'; }
where() { if [ "$1" = $$ ]; then echo "$2: shell"; else echo "$2: forked"; fi; }
( p=$(parent); where "$p" paren-subst; where "$(parent; :)" subst; (where "$(parent; :)" nested) )
( where "$(parent)" before-bg; sleep 0 & wait; where "$(parent; :)" after-bg )
x=$(where "$(parent; :)" subst-before-trap; trap 'echo usr1' USR1; where "$(parent; :)" subst-after-trap); echo "$x"
( where "$(parent; :)" before-ulimit; ulimit -c 0; where "$(parent; :)" after-ulimit )
( cd /; umask 077; exec 3>/dev/null; where "$(parent; :)" after-cd-umask-exec )
"#;
    let text = |o: &Output| String::from_utf8_lossy(&o.stdout).into_owned();
    let ours = text(&run("fork_only_when_needed", script, false));
    assert_eq!(
        ours,
        "paren-subst: shell\nsubst: shell\nnested: shell\nbefore-bg: shell\nafter-bg: forked\n\
         subst-before-trap: shell\nsubst-after-trap: forked\nbefore-ulimit: shell\n\
         after-ulimit: forked\nafter-cd-umask-exec: shell\n"
    );
    let forked = text(&run("fork_only_when_needed", script, true));
    assert!(!forked.contains("shell"), "{forked}");
}

// State added to the shell for the bash dialect: each piece stays inside a subshell.

both_ways!(like_bash subshell_level_and_bashpid, r#"
echo "top $BASH_SUBSHELL"; ( echo "paren $BASH_SUBSHELL"; ( echo "nested $BASH_SUBSHELL" ) )
x=$(echo "subst $BASH_SUBSHELL"); echo "$x"; echo "after $BASH_SUBSHELL"
p=$BASHPID
( [ $BASHPID != $p ] && echo "paren: own pid"; [ $$ = $p ] && echo "paren: same \$\$" )
y=$(echo $BASHPID); [ "$y" != "$p" ] && echo "subst: own pid"
f() { echo $BASHPID; }; z=$(f); [ "$z" != $p ] && echo "function in subst: own pid"
( n=1; [ $BASHPID != $p ] && echo "read after a change: own pid, n=$n" ); echo "n=${n-unset}"
( ((BASHPID != p)) && echo "arithmetic: own pid" ); ( [[ $BASHPID != $p ]] && echo "[[: own pid" )
( echo "$(( BASHPID == p ))" ); ( declare -p BASHPID | grep -c "$p" )
( exit $(( BASHPID == p ? 1 : 7 )) ); echo "status $?"
[ $BASHPID = $p ] && echo "back in the shell"
"#);

both_ways!(like_bash pipestatus_and_last_argument, r#"
false | true; ( true ); echo "after (): ${PIPESTATUS[*]}"
false | true; x=$(false | false); echo "after x=\$(): ${PIPESTATUS[*]}"
false | true; echo "$(true | false) ${PIPESTATUS[*]}"
false | true; echo "$( (exit 3) | true; echo ${PIPESTATUS[*]}) ${PIPESTATUS[*]}"
echo a b c; (echo x y); echo "\$_ after (): $_"
echo q; (: r s; echo "inside: $_"); echo "\$_ then: $_"
"#);

both_ways!(random_and_seconds, r#"
RANDOM=5; a=$RANDOM; (b=$RANDOM; RANDOM=9); c=$RANDOM; x=$(echo $RANDOM)
RANDOM=5; d=$RANDOM; e=$RANDOM; [ "$c" = "$e" ] && echo "RANDOM goes on after subshells"
(SECONDS=1000); [ $SECONDS -lt 1000 ] && echo "SECONDS kept"
"#);

both_ways!(like_bash function_attributes_and_builtins, r#"
g() { :; }
( declare -ft g; declare -F g; export -f g; env | grep -c '^BASH_FUNC_g' ); declare -F | grep ' g'
env | grep -c '^BASH_FUNC_g' || echo "g not exported outside"
export -f g; ( export -nf g; env | grep -c '^BASH_FUNC_g' ); env | grep -c '^BASH_FUNC_g'
( unset -f g; declare -F g || echo "g unset inside" ); declare -F g
( enable -n echo; enable -a | grep -c 'enable -n echo' ); enable -a | grep -c 'enable -n echo'
( set -u; shopt -s extglob; echo "$SHELLOPTS" | grep -c nounset; echo "$BASHOPTS" | grep -c extglob )
echo "$SHELLOPTS" | grep -c nounset; echo "$BASHOPTS" | grep -c extglob
"#);

both_ways!(like_bash history_hash_and_completion, r#"
set -o history; history -s foo; ( history -s bar; history | wc -l ); history | wc -l
hash -r; ( ls >/dev/null; hash -p /bin/true mytrue; hash -t mytrue ); hash -t ls mytrue 2>&1 | wc -l
ls >/dev/null; ( ls >/dev/null; ls >/dev/null ); hash | awk '/ls/ { print "hits " $1 }'
( complete -W 'a b' foo; complete -p foo ); complete -p foo 2>/dev/null || echo "no spec outside"
complete -W 'c' bar; ( complete -r bar; complete -p bar 2>/dev/null || echo "removed inside" ); complete -p bar
"#);

both_ways!(like_bash getopts_inside_a_word, r#"
set -- -abc x
getopts abc o; echo "got $o"
( getopts abc o; echo "in $o"; getopts abc o; echo "in $o $OPTIND" )
x=$(getopts abc o; echo "$o"); echo "subst $x"
getopts abc o; echo "got $o $OPTIND"; getopts abc o; echo "got $o $OPTIND"
"#);

both_ways!(like_bash call_stack_inside, r#"
g() { echo "g: ${FUNCNAME[*]}"; exit 3; }
f() { ( echo "f(): ${FUNCNAME[*]}"; g; echo never ); echo "status $?"; x=$(g); echo "$x"; echo "f: ${FUNCNAME[*]}"; }
f; echo "top: ${FUNCNAME[*]-none}"
printf 'echo "sourced: ${BASH_SOURCE[0]##*/}"; exit 4\n' > s.sh
( . ./s.sh; echo never ); echo "status $?"; echo "top: ${BASH_SOURCE[0]-none}"
printf 'set -- from-file\n' > p.sh
( . ./p.sh a b; echo "in: $*" ); echo "out: $*"
"#);

both_ways!(like_bash err_debug_and_return_traps, r#"
trap 'echo "err at $LINENO"' ERR
( false; echo after-false )
x=$(false; echo captured); echo "[$x]"
( trap 'echo sub-err' ERR; false ); false
set -E; ( false ); x=$(false); set +E
trap - ERR
f() { echo in-f; }; trap 'echo ret' RETURN; (f); f; trap - RETURN
trap 'echo "dbg $BASH_COMMAND"' DEBUG; (: inside); trap - DEBUG
set -T; trap 'echo "dbgT $BASH_COMMAND"' DEBUG; (: insideT); trap - DEBUG; set +T
(trap 'echo sub-dbg' DEBUG; :); : outside
trap -p
"#);

// `read` inside reads a block ahead on a seekable file: the offset the next reader sees is
// the one a forked subshell leaves.
both_ways!(like_bash read_ahead_and_shared_offset, r#"
printf '%s\n' 1 2 3 4 5 6 7 8 > in
{ ( read a; echo "sub $a" ); read b; x=$(read c; echo "$c"); read d; echo "$b|$x|$d"; head -n 1; read e; echo "e=$e"; } < in
{ ( read a; read b ); ( sed -n 1p ); x=$(read c; read d; echo "$d"); echo "x=$x"; cat; } < in
"#);

// A substitution's output stays in memory until something needs fd 1 as a descriptor
// (`sys::capture`): every way of reaching fd 1 sees it, in order.
both_ways!(like_bash output_kept_in_memory_until_needed, r#"
x=$(echo a; /bin/echo b; echo c); echo "[$x]"
x=$(echo a; echo err >&2; echo c); echo "[$x]"
x=$(echo a; echo b >/dev/stdout; echo c >>/dev/fd/1; echo d); echo "[$x]"
x=$([ -t 1 ] && echo tty || echo notty); echo "[$x]"
x=$(echo $(echo inner; /bin/echo ext) outer); echo "[$x]"
x=$(echo a; exec >/dev/null; echo hidden); echo "[$x]"
x=$(echo a | tr a b; echo c); echo "[$x]"
x=$(echo a; cat <<E
doc
E
); echo "[$x]"
x=$(f() { echo fn; }; f; f >&2); echo "[$x]"
exec 3>&1; x=$(echo to3 >&3; echo kept); echo "[$x]"
x=$(echo a; exec 1>&-; echo b 2>/dev/null); echo "[$x]"
x=$(echo a; echo $BASHPID >/dev/null; echo after-bashpid); echo "[$x]"
x=$(echo before; true & wait; echo after); echo "[$x]"
x=$( { echo a; echo b >&2; } 2>&1 ); echo "[$x]"
x=$(echo z; echo w > f; cat f); echo "[$x]"
y=$(x=$(echo deep; /bin/echo ext2); echo "got $x"; /bin/echo ext3); echo "[$y]"
exec >&-; x=$(echo closed-stdout); echo "[$x]" >&2
"#);

// What a subshell finds in PATH is not listed in the shell's table afterwards (a forked one's
// lookups never reach it), though the next lookup need not search again.
both_ways!(found_commands_stay_unlisted, r#"
hash -r; x=$(basename /a/b); echo "$x"; hash -t basename 2>/dev/null || echo "not hashed outside"
x=$(basename /a); x=$(basename /b); basename /c/d; hash | awk '/basename/ { print "hits " $1 }'
( hash -p /bin/echo mybase; mybase in ); mybase 2>/dev/null || echo "no mybase outside"
hash -r; x=$(dirname /a/b); hash -d dirname 2>/dev/null || echo "dirname not hashed"; dirname /x/y
mkdir -p bin; printf '#!/bin/sh\necho mine\n' > bin/dirname; chmod +x bin/dirname
x=$(PATH=$PWD/bin:$PATH; dirname /q); echo "$x"; dirname /x/y
"#);
