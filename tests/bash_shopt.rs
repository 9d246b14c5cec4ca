//! `shopt` (bash 5.2's options: listing, -s -u -q -p -o, errors), `set -E`/`-T`, and the
//! options that change how commands are read (expand_aliases). Each script's stdout and
//! status must be bash's; the snapshot keeps chitin's messages.
mod transcript;

// expand_aliases is on in chitin (POSIX asks for aliases in scripts; bash turns it on in
// POSIX mode and at the prompt), so it is left out of comparisons with plain bash.
like_bash!(
    listing_has_every_option_of_bash_with_its_default,
    r#"
shopt | grep -v expand_aliases
shopt -p | grep -v expand_aliases
echo "status $?"
"#
);

like_bash!(
    listing_only_the_options_that_are_on_or_off,
    r#"
shopt -s | grep -v expand_aliases
echo ---
shopt -u | grep -v expand_aliases
echo ---
shopt -ps | grep -v expand_aliases
"#
);

like_bash!(
    set_unset_and_query_several_names,
    r#"
shopt -p extglob nullglob
echo "off $?"
shopt -s extglob nullglob
shopt -p extglob nullglob
echo "on $?"
shopt extglob nullglob dotglob
echo "one off $?"
shopt -q extglob nullglob; echo "q on $?"
shopt -q extglob dotglob; echo "q one off $?"
shopt -u extglob; shopt -q extglob; echo "q off $?"
shopt -s -- dotglob; shopt -pq dotglob; echo "pq $?"
shopt -q; echo "q nothing $?"
"#
);

like_bash!(
    unknown_names_and_flags,
    r#"
shopt -s nosuchopt; echo "set $?"
shopt -u extglob nosuchopt dotglob; echo "unset $?"
shopt -q nosuchopt; echo "query $?"
shopt -p extglob nosuchopt dotglob; echo "print $?"
shopt nosuchopt; echo "show $?"
shopt -; echo "dash $?"
shopt -x; echo "flag $?"
shopt -s -u extglob; echo "both $?"
shopt -o nosuchopt; echo "set-o $?"
"#
);

like_bash!(
    login_and_restricted_shell_cannot_be_set,
    r#"
shopt -s login_shell restricted_shell; echo "status $?"
shopt login_shell restricted_shell; echo "status $?"
"#
);

like_bash!(
    o_reaches_the_set_options,
    r#"
shopt -po noglob pipefail; echo "status $?"
shopt -so noglob pipefail
shopt -po noglob pipefail; echo "status $?"
echo *
case $- in *f*) echo f-flag ;; esac
shopt -o noglob | tr -s ' \t' ' '
shopt -qo noglob; echo "q $?"
shopt -uo noglob; shopt -qo noglob; echo "q $?"
shopt -so | grep -c pipefail
shopt -uo | grep -c pipefail
"#
);

like_bash!(
    errtrace_and_functrace_are_set_flags,
    r#"
set -E
case $- in *E*) echo E-on ;; esac
shopt -po errtrace
set +E -T
case $- in *E*) echo E-still ;; *T*) echo T-on ;; esac
set -o | grep -E '^(errtrace|functrace)' | tr -s ' \t' ' '
set +T
shopt -po functrace || echo off
set -o errtrace
shopt -qo errtrace && echo by-name
"#
);

like_bash!(
    expand_aliases_off_reads_alias_names_as_commands,
    r#"
shopt -s expand_aliases
alias hi='echo hello'
hi
shopt -u expand_aliases
hi
echo "status $?"
shopt -s expand_aliases
hi
"#
);

like_bash!(
    options_read_by_other_builtins_and_expansions,
    r#"
shopt -s xpg_echo
echo 'a\tb\c'
echo '|'
shopt -u xpg_echo
echo 'a\tb'
x=abc
echo "${x/b/[&]}"
shopt -u patsub_replacement
echo "${x/b/[&]}"
"#
);
