//! The option words of the builtins, as bash's internal_getopt reads them: bundles (`-rs`),
//! arguments attached or in the next word (`-pPROMPT`, `-t 5`), `--`, a lone `-`, and bash's
//! errors: `NAME: -z: invalid option` or `NAME: -t: option requires an argument`, then the
//! usage line `NAME: usage: SYNOPSIS` (the synopsis `help -s NAME` shows), status 2.
//! Where chitin's synopsis is bash's, stderr is compared with bash's too. An error in a
//! special builtin ends a script in chitin, as POSIX says (bash only in its POSIX mode): those
//! run in subshells here.
mod transcript;

like_bash!(
    with_stderr read_options,
    r#"
read -rz; echo "status $?"
read -t; echo "status $?"
read -p; echo "status $?"
read -r -u; echo "status $?"
read --foo; echo "status $?"
read -pPROMPT x <<< v; echo "[$x] $?"
read -t 5 -rs x <<< 'h\i'; echo "[$x] $?"
read -rsd: -n3 x <<< 'abcd:e'; echo "[$x] $?"
read -r -- x <<< hi; echo "[$x] $?"
read -u 0x x; echo "status $?"
"#
);

like_bash!(
    with_stderr mapfile_options,
    r#"
mapfile -z; echo "status $?"
readarray -z; echo "status $?"
mapfile -n; echo "status $?"
mapfile -tn1 a <<< $'x\ny'; echo "${#a[@]} [${a[0]}] $?"
mapfile -t -d, -- b <<< 'p,q'; echo "${#b[@]} [${b[0]}] $?"
mapfile -n x c; echo "status $?"
"#
);

like_bash!(
    with_stderr wait_options,
    r#"
wait -z; echo "status $?"
wait -5; echo "status $?"
wait -n -5; echo "status $?"
wait -p; echo "status $?"
sleep 0 & wait -fp v -- $!; echo "status $? ${v:+var set}"
"#
);

like_bash!(
    with_stderr bind_options,
    r#"
bind -z; echo "status $?"
bind -m; echo "status $?"
bind -lz; echo "status $?"
bind -q; echo "status $?"
"#
);

like_bash!(
    with_stderr command_type_hash_options,
    r#"
command -pz; echo "status $?"
command -v -- echo; echo "status $?"
type -z; echo "status $?"
type -tz echo; echo "status $?"
type -t -- echo; echo "status $?"
hash -z; echo "status $?"
hash -p; echo "status $?"
hash -p/bin/true tru; hash -t tru; echo "status $?"
"#
);

like_bash!(
    with_stderr exec_printf_trap_options,
    r#"
(exec -z); echo "status $?"
(exec -a); echo "status $?"
printf -z; echo "status $?"
printf -v; echo "status $?"
printf -vx %s y; echo "[$x] $?"
(trap -z); echo "status $?"
(trap -lz); echo "status $?"
"#
);

like_bash!(
    with_stderr fc_options,
    r#"
fc -z; echo "status $?"
fc -e; echo "status $?"
"#
);

like_bash!(
    with_stderr variable_builtin_options,
    r#"
declare -z; echo "status $?"
typeset -z; echo "status $?"
(export -z); echo "status $?"
(readonly -z); echo "status $?"
(unset -z); echo "status $?"
declare -ix n=3 -- m=4; echo "$n $m $?"
declare -i +i x=1+1; echo "$x $?"
"#
);

like_bash!(
    with_stderr small_builtin_options,
    r#"
alias -z; echo "status $?"
unalias -z; echo "status $?"
umask -z; echo "status $?"
shopt -z; echo "status $?"
help -z; echo "status $?"
disown -z; echo "status $?"
pwd -z; echo "status $?"
(set -z); echo "status $?"
enable -z; echo "status $?"
builtin -z; echo "status $?"
getopts -z; echo "status $?"
"#
);

like_bash!(
    with_stderr completion_builtin_options,
    r#"
complete -z; echo "status $?"
complete -A; echo "status $?"
compgen -z; echo "status $?"
compgen -W; echo "status $?"
compopt -z; echo "status $?"
"#
);

like_bash!(
    with_stderr dot_source_eval_options,
    r#"
echo 'echo sourced "$@"' > s.sh
(. -z); echo "status $?"
source -z; echo "status $?"
. -- ./s.sh a; echo "status $?"
(eval -z); echo "status $?"
eval -- echo evaluated; echo "status $?"
"#
);

// chitin's synopsis lists only the options chitin has, so its usage lines differ from bash's
// here: the status and stdout are bash's.
like_bash!(
    options_of_builtins_with_a_shorter_synopsis,
    r#"
cd -z; echo "status $?"
jobs -z; echo "status $?"
ulimit -z; echo "status $?"
history -z; echo "status $?"
history -d; echo "status $?"
history -5; echo "status $?"
history -s a; history -s b; history -cd 1; history; echo "status $?"
history -sp d; history | sed 's/^ *[0-9]*//'; echo "status $?"
"#
);

// export and readonly take no `+x` words: bash reads `+z` as a name (chitin's status for a bad
// name is dash's 2, where bash gives 1).
transcript!(
    export_and_readonly_take_no_plus_options,
    r#"
(export +z); echo "status $?"
(readonly +a); echo "status $?"
"#
);
