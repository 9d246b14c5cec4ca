//! bash's special variables, part 2: `BASH`, `BASH_VERSION`, `BASH_VERSINFO` declared (a child
//! started as `"$BASH"` is chitin), the fixed ones assignable for good, `_` in a child's
//! environment, `BASHPID` and `RANDOM` in subshells the shell runs without a fork. Each
//! script's stdout and status must be bash's; the snapshot keeps chitin's transcript.
mod transcript;

like_bash!(
    version_variables_are_declared,
    r##"
[ "${BASH_VERSINFO[0]}" -ge 5 ] && echo major
echo "${#BASH_VERSINFO[@]} ${BASH_VERSINFO[3]} ${BASH_VERSINFO[4]}"
case $BASH_VERSION in "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}.${BASH_VERSINFO[2]}("*) echo prefix ;; esac
( BASH_VERSINFO[0]=1 ) 2>/dev/null; echo "versinfo $?"
( BASH_VERSINFO=1 ) 2>/dev/null; echo "versinfo scalar $?"
[ -x "$BASH" ] && echo runs
case $BASH in /*) echo absolute ;; esac
for v in BASH BASH_VERSION BASH_VERSINFO; do [ "${!v+set}" ] && echo "$v set"; done
declare -p BASH_VERSINFO | sed 's/x86_64/ARCH/; s/aarch64/ARCH/'
"##
);

like_bash!(
    a_child_started_as_bash_is_this_shell,
    r##"
"$BASH" -c 'echo $SHLVL' > child
echo "shlvl $(( $(cat child) - SHLVL ))"
p=$("$BASH" -c 'echo $PPID')
[ "$p" = "$$" ] && echo "ppid ok"
"$BASH" -c 'echo "${BASH_VERSINFO[0]}"' | grep -q '^[0-9]' && echo "child versinfo"
"##
);

like_bash!(
    fixed_variables_keep_what_is_assigned,
    r##"
HOSTTYPE=h OSTYPE=o MACHTYPE=m; echo "$HOSTTYPE $OSTYPE $MACHTYPE"
BASH_VERSION=x; echo "$BASH_VERSION"
read BASH <<< y; echo "$BASH"
HOSTNAME=z; echo "$HOSTNAME"
unset HOSTTYPE; echo "[${HOSTTYPE-unset}]"
f() { local OSTYPE=l; echo "$OSTYPE"; }; f; echo "$OSTYPE"
"##
);

like_bash!(
    the_environment_names_other_values,
    r##"
HOSTNAME=h HOSTTYPE=t OSTYPE=o MACHTYPE=m "$BASH" -c 'echo "$HOSTNAME $HOSTTYPE $OSTYPE $MACHTYPE"'
BASH=b BASH_VERSION=v "$BASH" -c '[ "$BASH" != b ] && echo bash; [ "$BASH_VERSION" != v ] && echo version; printenv BASH_VERSION | grep -q "^5" && echo exported'
"##
);

like_bash!(
    shell_unset_in_the_environment_is_the_login_shell,
    r##"
env -u SHELL "$BASH" -c 'echo "[${SHELL:+set}]"; printenv SHELL || echo "not exported"'
env -u SHELL "$BASH" -c '[ "$SHELL" = "$(getent passwd "$(id -u)" | cut -d: -f7)" ] && echo "login shell"'
env -u SHELL "$BASH" -c 'unset SHELL; echo "[${SHELL-unset}]"'
SHELL=/x "$BASH" -c 'echo "$SHELL"'
"##
);

like_bash!(
    underscore_in_a_childs_environment_is_its_path,
    r##"
printenv _
(printenv _)
printenv _ | cat
x=$(printenv _); echo "$x"
_=foo printenv _
/usr/bin/env | grep '^_='
f() { printenv _; }; f
mkdir d && printf '#!/bin/sh\nprintenv _\n' > d/s && chmod +x d/s && ./d/s
cd /usr/bin && ./printenv _
"##
);

like_bash!(
    bashpid_in_a_substitution_and_a_pipeline,
    r##"
x=$(echo "$BASHPID")
[ "$x" != "$$" ] && echo "substitution differs"
echo "$BASHPID" > pid | cat
[ "$(cat pid)" != "$$" ] && echo "pipeline member differs"
y=$(echo "${BASHPID}")
[ "$y" != "$$" ] && echo "braces differ"
[ "$BASHPID" = "$$" ] && echo "same in the shell"
"##
);

like_bash!(
    random_in_subshells_leaves_the_shells_sequence,
    r##"
RANDOM=1; echo $RANDOM | cat > /dev/null; echo "pipeline $RANDOM"
RANDOM=1; x=$(echo $RANDOM); echo "substitution $RANDOM"
RANDOM=1; (echo $RANDOM > /dev/null); echo "subshell $RANDOM"
RANDOM=1; (RANDOM=1; echo "seeded in a subshell $RANDOM")
RANDOM=1; s=$( (echo $RANDOM $RANDOM) ); [ "$s" != "16807 10791" ] && echo "a subshell draws its own numbers"
"##
);
