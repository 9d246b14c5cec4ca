//! Quoted expansions that expand to nothing: each still makes one empty field (`"${x:-}"`,
//! `"$(true)"`, `"${x#*}"`, `""$@`, `"${w+"$@"}"`, ...); only `"$@"` and `"${@}"` with no
//! positional parameters make no field at all. Every script is checked against dash and
//! `bash --posix` (issue 9 point 1, issue 15 point 16).
mod transcript;

like_references!(
    default_and_assign_with_empty_word,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
unset u; e=
count "${u:-}"
count "${u-}"
count "${e:-}"
count "${e-}"
count "${u:=}"; unset u
count "${u=}"; unset u
count "${e:=}"
count "${u:-}" "${u-}" end
count a"${u:-}"b
if [ -n "${u:-}" ]; then echo 'wrong: -n of empty'; else echo 'right: -n of empty'; fi
set -u
if [ -z "${NOT_SET:-}" ]; then echo 'set -u guard works'; fi
set -- "${NOT_SET:-}"; echo "$# after set --"
"#
);

like_references!(
    other_empty_quoted_expansions,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
unset u; e=; x=abc
count "$(true)"
count "`true`"
count "${x#*}"
count "${x##*}"
count "${x%%*}"
count "${x%*c}"
count "${e:+y}"
count "${u+y}"
count "${u:+y}"
count "${u#x}" "${u%x}"
count x"" ""x
count "" ''
count "$e" "$u"
count "${e}" "${u}"
count "$((0))" "${#u}"
count "$u$e" "$e$(true)"
count $u"" ""$u
count ${u-""} ${u-''} ${u:-"$e"}
count ${u-"${u-}"}
count "${u-${u-}}"
count "${u-"$e"}"
"#
);

like_references!(
    empty_unquoted_expansions_vanish,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
unset u; e=
count $u $e ${u:-} ${u-} ${e:-}
count ${u:+""} ${e:+""} ${u+"x"}
count $(true) `true` ${u#x}
"#
);

like_references!(
    at_and_star_without_positional_parameters,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
unset u; w=
count "$@"
count "${@}"
count "$@" "${@}" end
count ""$@
count $@""
count "$@"""
count "$@"x
count "${@:-}"
count "${@-}"
count "$*"
count "${*}"
count "${*:-}"
count "${*-}"
count ${u-"$@"}
count "${u-"$@"}"
count "${u-$@}"
count "${u:-"$@"}"
count "${u-}"$@
count "${w+"$@"}"
count "${w+$@}"
count "${w:-"$@"}"
printf '<%s>' "${w+"$@"}" end; echo
"#
);

like_references!(
    at_and_star_with_positional_parameters,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
unset u; w=
set -- a 'b  c'
count "$@"
count ""$@
count "${@:-}"
count "${u-"$@"}"
count "${w+"$@"}"
count "${w+x"$@"y}"
count "x$@y"
set -- ''
count "$@"
count "${@:-}"
count "${@-}"
count "${*:-}"
count "${w+"$@"}"
count $@
set -- '' ''
count "$@"
count "$*"
count $@
"#
);

like_references!(
    empty_quoted_next_to_field_splitting,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
unset u
x=' a b '
count "${u-}"$x
count $x"${u-}"
count $x"${u-}"$x
IFS=:
y=':a:'
count "${u-}"$y
count $y"${u:-}"
count "$(true)"$y"$(true)"
"#
);
