//! bash's builtins beyond POSIX (issue 11 point 1): `source`, `type`, `command -v -V`,
//! `builtin`, `hash`, `enable`, `exec -a -c -l`, `umask -S`, `test -v`, `shift` errors, `help`,
//! and the `lastpipe` and `varredir_close` options. Each script's stdout and status (and stderr
//! where it says so) must be bash's; the snapshot keeps chitin's transcript.
mod transcript;

// `source` is bash's `.`: arguments become the positional parameters while the file runs,
// PATH is searched and then the current directory, and its errors do not end the shell.
like_bash!(
    source_arguments_path_and_errors,
    r#"
echo 'v=set; echo "in: $# $1"' > s.sh
set -- x y z
source ./s.sh a b
echo "after: $# $1 $v"
source s.sh
mkdir lib
echo 'echo from-lib' > lib/inc.sh
PATH=$PWD/lib:$PATH
source inc.sh
source ./no_such_file 2>/dev/null
echo "status $?"
source no_such_file 2>/dev/null
echo "status $?"
printf 'echo one\nreturn 4\necho two\n' > r.sh
source r.sh
echo "status $?"
source 2>/dev/null
echo "status $?"
"#
);

// Commands found in PATH are scripts of the test's own directories, so no system path shows.
like_bash!(
    with_stderr type_options,
    r#"
mkdir b1 b2
printf '#!/bin/sh\necho one\n' > b1/mc
cp b1/mc b2/mc
chmod +x b1/mc b2/mc
PATH=$PWD/b1:$PWD/b2:/usr/bin:/bin
mc
type mc | sed "s,$PWD/,,"
type -a mc | sed "s,$PWD/,,"
type -p mc | sed "s,$PWD/,,"
type -P mc | sed "s,$PWD/,,"
f() { :; }
type -P f; echo "status $?"
type -P nosuch; echo "status $?"
type -p f; echo "status $?"
type -p nosuch; echo "status $?"
type -t nosuch; echo "status $?"
type -t f nosuch cd if '[[' time; echo "status $?"
type -t ./b1/mc; type -p ./b1/mc; type ./b1/mc
shopt -s expand_aliases
alias ll=ls
type -at ll; type -p ll; echo "status $?"
type -a nosuch; echo "status $?"
type -ap f; echo "status $?"
type -f f; echo "status $?"
type -tf f; echo "status $?"
type -x; echo "status $?"
type; echo "status $?"
type -- -t; echo "status $?"
cd() { :; }
type -a cd | sed "s,$PWD/,,"
type -ta cd
type -f cd
type -ap cd
"#
);

like_bash!(
    with_stderr command_v_and_big_v,
    r#"
mkdir b1
printf '#!/bin/sh\n' > b1/mc
chmod +x b1/mc
PATH=$PWD/b1:/usr/bin:/bin
f() { :; }
command -v f cd mc if ./b1/mc | sed "s,$PWD/,,"
command -V f cd mc if | sed "s,$PWD/,,"
command -v nosuch; echo "status $?"
command -V nosuch; echo "status $?"
"#
);

like_bash!(
    with_stderr builtin_and_enable,
    r#"
echo() { printf 'wrapped:'; builtin echo "$@"; }
echo hi
builtin printf '%s\n' direct
builtin cat; echo "status $?"
builtin; echo "status $?"
builtin -x; echo "status $?"
unset -f echo
enable -n printf
printf x; echo "status $?"
builtin printf x; echo "status $?"
type -t printf
enable -n
enable -a | grep -e -n
enable printf
builtin printf '%s\n' back
enable nosuch; echo "status $?"
enable -n nosuch; echo "status $?"
enable -x; echo "status $?"
enable | grep -c -e '^enable cd$' -e '^enable \.$'
enable -s | grep -c '^enable set$'
"#
);

like_bash!(
    with_stderr hash_options,
    r#"
mkdir b1 b2
printf '#!/bin/sh\necho one\n' > b1/mc
printf '#!/bin/sh\necho two\n' > b2/mc
chmod +x b1/mc b2/mc
PATH=$PWD/b1:/usr/bin:/bin
hash -r
hash -l; echo "status $?"
mc; mc
hash | /bin/sed "s,$PWD/,,"
hash -l | /bin/sed "s,$PWD/,,"
hash -t mc | /bin/sed "s,$PWD/,,"
hash -t mc nosuch > o; echo "status $?"; /bin/sed "s,$PWD/,," o
hash -p "$PWD/b2/mc" mc
mc
type mc | /bin/sed "s,$PWD/,,"
type -p mc | /bin/sed "s,$PWD/,,"
hash -lt mc | /bin/sed "s,$PWD/,,"
hash -d mc; echo "status $?"
hash -d mc; echo "status $?"
hash -l; echo "status $?"
hash -p; echo "status $?"
hash -x; echo "status $?"
hash nosuch; echo "status $?"
hash -p/bin/echo say
say hi
hash -r
hash -l; echo "status $?"
"#
);

like_bash!(
    with_stderr umask_symbolic_and_p,
    r#"
umask 022; umask -S
umask u=rwx,g=rx,o=; umask; umask -p; umask -S -p; umask -pS
umask g+w; umask
umask a-x; umask -S
umask -S 077; umask
umask -p 022; umask
# bash shows the end of the operand as a NUL byte.
for m in u u+q q+r 'u=rwx,' ,u u+rw=x 8 0x 0777x; do
  umask "$m" 2>e; echo "status $?"
  tr '\000' @ < e | sed 's/.*umask:/umask:/'
done
umask; umask -x; echo "status $?"
"#
);

// A bad count fails with status 1 and shifts nothing; the shell goes on (bash, bash --posix).
// A count past `$#` is reported, as bash does in POSIX mode (POSIX asks for the message).
like_bash!(
    shift_errors,
    r#"
set -- a b
shift 3; echo "status $? $# $1"
shift x; echo "status $? $#"
shift -1; echo "status $? $#"
shift ''; echo "status $? $#"
shift ' 1'; echo "status $? $# $1"
shift -- 1; echo "status $? $#"
f() { shift 2; echo "in $? $#"; }; f a
(shift 1 2; echo not reached); echo "too many ended the shell: $(($? != 0))"
"#
);

// `test -v` and `[ -v ]` share `[[ -v ]]`'s rules: elements, positional parameters, arrays.
like_bash!(
    with_stderr test_v_and_shell_primaries,
    r#"
x=1 e=
unset u
test -v x && echo x-set
[ -v e ] && echo e-set
[ -v u ] || echo u-unset
a=(p q); a[5]=r
declare -A h=([k]=v)
test -v 'a[5]' && echo a5
[ -v a[2] ] || echo no-a2
[ -v 'h[k]' ] && echo hk
[ -v 'h[z]' ] || echo no-hz
[ -v a ] && echo a-set
[ -v 'a[@]' ] && echo a-at
declare d; b=()
[ -v d ] || echo d-unset
[ -v b ] || echo b-unset
[ -v 1 ] || echo no-1
set -- x
[ -v 1 ] && echo has-1
[ -v 1x ]; echo "status $?"
[ -v ]; echo "status $?"
test -v; echo "status $?"
[ -v 'a[' ]; echo "status $?"
[ ! -v u ] && echo not-u
[ -v x -a -v u ]; echo "and $?"
[ -v u -o -v x ]; echo "or $?"
set -o noglob
test -o noglob && echo noglob-on
[ -o nounset ] || echo nounset-off
[ -o nosuchopt ]; echo "status $?"
declare -n r=x
[ -R r ] && echo r-ref
[ -R x ] || echo x-not-ref
test -a / && echo slash-exists
"#
);

like_bash!(
    with_stderr exec_options,
    r#"
(exec -a NAME sh -c 'echo "$0"')
(exec -l sh -c 'echo "$0"')
(exec -la NAME sh -c 'echo "$0"')
(exec -aN sh -c 'echo "$0"')
(export V=1; exec -c /usr/bin/env)
(exec -cl -a N sh -c 'echo "$0 ${V-unset}"')
(command exec -a CMD sh -c 'echo "$0"')
(builtin exec -a BUILTIN sh -c 'echo "$0"')
(exec -x; echo "not reached $?"); echo "status $?"
(exec -a; echo "not reached $?"); echo "status $?"
exec -a foo; echo "no command $?"
"#
);

// Without job control the last command of a pipeline runs in the shell itself.
like_bash!(
    with_stderr lastpipe_runs_the_last_command_in_the_shell,
    r#"
set +m
shopt -s lastpipe
echo piped | read v; echo "[$v]"
printf 'a\nb\n' | while read l; do n=$l; done; echo "n=$n"
false | true; echo "status $?"
true | false; echo "status $?"
seq 1 100000 | head -1; echo "status $?"
yes | read first; echo "first=$first"
f() { echo "in f: $(cat)"; g=set; }
echo data | f; echo "g=$g"
echo in | read a | cat; echo "a=${a-unset}"
shopt -u lastpipe
echo no | read w; echo "[${w-unset}]"
shopt -s lastpipe
echo x | { read y; exit 3; }
echo not reached
"#
);

like_bash!(
    varredir_close_closes_named_descriptors_after_the_command,
    r#"
echo kept {v}>f
cat /dev/null >&$v && echo still-open
exec {v}>&-
shopt -s varredir_close
echo shown {w}>g
cat /dev/null 2>/dev/null >&$w || echo closed
exec {x}>h
cat /dev/null >&$x && echo exec-keeps-it
{ echo in-group; } {y}>i
cat /dev/null 2>/dev/null >&$y || echo group-closed
"#
);

// A closed descriptor stays closed for `>&N` even when the shell keeps a saved copy of another
// descriptor at that number while the command runs.
like_bash!(
    with_stderr duplicating_a_closed_descriptor_never_reaches_a_saved_copy,
    r#"
exec {v}>f
exec {v}>&-
cat /dev/null 2>/dev/null >&$v || echo closed
"#
);
