//! Word expansion details where chitin must do what POSIX, dash and `bash --posix` do:
//! declaration utilities, words of `${...}` expanded only when used, nested expansions in
//! patterns, backslashes and tildes in the words of `${...}` (issue 15 points 11, 17, 18, 20).
mod transcript;

// ---- declaration utilities (issue 15 point 11) -------------------------------------------

like_references!(
    declaration_utilities_do_not_split_assignments,
    r#"
v='a  b'
export e=$v
f() { local l=$v; printf '<%s>' "$l"; }; f
printf '<%s>\n' "$e"
readonly r=$v r2=$(echo "x  y")
printf '<%s>' "$r" "$r2"; echo
command export c=$v
printf '<%s>\n' "$c"
export -- d=$v
printf '<%s>\n' "$d"
unset IFS
set -f; export sf=$v; set +f
printf '<%s>\n' "$sf"
"#
);

like_references!(
    declaration_utilities_do_not_glob_assignments,
    r#"
touch e=1 r=2 l=3 c=4
export e=*
readonly r=?
f() { local l=[0-9]; printf '<%s>' "$l"; }; f
command export c=[[:digit:]]
printf '<%s>' "$e" "$r" "$c"; echo
"#
);

like_references!(
    declaration_utilities_expand_tildes_after_equals_and_colons,
    r#"
f() { local l=~/a:~; [ "$l" = "$HOME/a:$HOME" ] && echo local ok; }; f
command export c=~/a:~
[ "$c" = "$HOME/a:$HOME" ] && echo command export ok
export q=~"/a":a~ n=\~
printf '<%s>' "$q" "$n"; echo
"#
);

like_references!(
    declaration_utilities_split_other_arguments,
    r#"
v='a b'
export $v x'y'=1
printf '<%s>' "${a-unset}" "${b-unset}"; echo
w='p  q'
export 'e'=$w
printf '<%s>\n' "$e"
export "E=$w"
printf '<%s>\n' "$E"
"#
);

// dash and POSIX 2024 decide after expanding the command name, bash when parsing: chitin
// follows dash and POSIX.
transcript!(
    declaration_utility_known_after_expansion,
    r#"
v='a  b'
x=export
$x e=$v; printf '<%s>\n' "$e"
\export f=$v; printf '<%s>\n' "$f"
"readonly" g=$v; printf '<%s>\n' "$g"
"#
);

// ---- words of ${...} are expanded only when used (issue 15 point 17) ----------------------

like_references!(
    pattern_of_unset_parameter_is_not_expanded,
    r#"
printf '<%s>' "${u#$(echo side >&2)}" "${u#${w=set}}"; echo "w=${w-unset}"
printf '<%s>' ${u%${a=1}} ${u%%${b=1}} ${u##${c=1}}; echo "${a-}${b-}${c-} (none set)"
x=abc
printf '<%s>' "${x#${d=a}}"; echo " d=$d"
"#
);

like_references!(
    words_of_parameter_operators_only_when_used,
    r#"
x=set e=
: ${x-${a1=1}} ${x:-${a2=1}} ${u+${a3=1}} ${e:+${a4=1}} ${x=${a5=1}} ${x:=${a6=1}}
: ${x?${a7=1}} ${x:?${a8=1}} ${e+$(echo used >&2)} ${e-$(echo not used)}
echo "unused: ${a1-}${a2-}${a3-}${a4-}${a5-}${a6-}${a7-}${a8-}."
: ${u-${b1=1}} ${e:-${b2=1}} ${x+${b3=1}} ${x:+${b4=1}} ${u1=${b5=1}} ${e:=${b6=1}}
echo "used: $b1$b2$b3$b4$b5$b6 u1=$u1 e=$e"
"#
);

// ---- a nested expansion in a pattern is a pattern (issue 15 point 18) ---------------------

like_references!(
    nested_expansion_in_pattern_is_a_pattern,
    r#"
x=abc
printf '<%s>' "${x%%${u-b*}}" "${x%%${u-\b*}}" ${x%%${u-b*}} "${x#${u-?}}"; echo
printf '<%s>' "${x%%${u-"b*"}}" "${x%%${u-'b*'}}" "${x%%"${u-b*}"}"; echo
p='b*'
printf '<%s>' "${x%%$p}" "${x%%"$p"}" "${x%%${p}}" "${x%%${p%\*}*}"; echo
y='a*c'
printf '<%s>' "${y#${u-a\*}}" "${y#${u-a*}}" "${y#"${u-a*}"}"; echo
"#
);

like_references!(
    backslash_brace_in_quoted_word_of_quoted_parameter,
    r#"
v=
printf '%s\n' "${v+"\}"}" "${v+"\}"x}" "${v+\}}" ${v+\}} "${v+"\\"}" "${v+"a\"b"}" "${v+"\$"}"
printf '%s\n' "${v+"}"}" "${v-"\}"}" "${u-"\}"}" "${u+"\}"}"
"#
);

// ---- tildes in the word of ${...} (issue 15 point 20) -------------------------------------

like_references!(
    tilde_in_parameter_word,
    r#"
printf '<%s>' ${u-~ } ${u-~ x} ${u-~'x'} ${u-a~}; echo
[ ${u-~} = "$HOME" ] && echo plain tilde expands
[ ${u-~/x} = "$HOME/x" ] && echo tilde slash expands
[ "${u-~}" = '~' ] && echo quoted word: no tilde
"#
);

// ---- printf (issue 15 point 20) ------------------------------------------------------------

like_references!(
    printf_unknown_escape_keeps_backslash_only,
    r#"
printf '\%s|\n' x
printf '\q\%d\n' 5
printf '%s\n' '\%'
printf '%b|\n' '\%' '\q'
"#
);

// ---- found by scripts/expand-diff.py --------------------------------------------------------

// `$*` joined where it is one string (in double quotes, in a pattern) is null when IFS is empty
// and every positional parameter is empty.
like_references!(
    star_is_null_when_joined_by_empty_ifs,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
set -- '' ''
IFS=
count "${*:-w}" "${*:+W}" "${*-w}" "${*+W}"
x=abc
count "${x#${*:-a}}" ${x%${*:-c}}
IFS=:
count "${*:-w}" "${*:+W}"
set -- ''
count "${*:-w}" "${*:+W}"
"#
);

// The value is taken before the pattern is expanded, even when the pattern assigns to it.
like_references!(
    remove_cuts_the_value_before_the_pattern_assigns,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
e= x=abc
count "${e#${e:=a}}" "${x%$((x=3))c}" "$x"
y=abc
count "${y#${y=zz}a}" "${y#${y:+a}}"
"#
);

// A tilde prefix in the word of an unquoted ${x-word} that does not expand is text of the
// result, split like the rest of it.
like_references!(
    unexpanded_tilde_in_parameter_word_is_split,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
g='*'
IFS=a
count ${u-~a} ${u-~ab/c} ${u-x~a} '*'${g:+~a} "${u-~a}"
"#
);

// A backslash from an expansion escapes the next character of a pathname pattern, and an
// escaped `/` still separates directories.
like_references!(
    backslash_from_expansion_before_slash_in_glob,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
mkdir -p dir; touch dir/f1 dir/f2 'c3'
bs='\'
count dir$bs/f* ${bs}c* dir"$bs"/f* "dir$bs"/f*
x='dir\/f\1'
count $x
"#
);

// In the value of an assignment the tilde prefix at the start of the word of `${u-word}` ends
// at a `:` as well as at a `/`.
like_references!(
    tilde_prefix_in_assigned_parameter_word_ends_at_colon,
    r#"
HOME=/home/h
x=${u-~:}; echo "$x"
x=${u-${v-~:/bin}}; echo "$x"
x=${u-~/a:b}; echo "$x"
export y=${u-~:}; echo "$y"
f() { local z=${u-~:}; echo "$z"; }; f
x="${u-~:}"; echo "$x"
x=${u-'~':}; echo "$x"
"#
);

// Prefix assignments are expanded and made one after the other: each sees those before it.
like_references!(
    prefix_assignments_see_the_ones_before_them,
    r#"
a=0
a=1 b=$a sh -c 'echo "external: $b"'
f() { echo "function: $b"; }
a=2 b=$a f
a=3 b=$a command eval 'echo "command eval: $b"'
HOME=/home/j x=~ sh -c 'echo "tilde: $x"'
a=4 b=$a :
echo "special builtin: $a $b"
a=5 b=$a exec sh -c 'echo "exec: $b"'
"#
);

// A backslash from an unquoted expansion before quoted text escapes the first quoted
// character: the pattern holds a literal backslash followed by it.
like_references!(
    backslash_from_expansion_before_quoted_text_in_pattern,
    r#"
count() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
touch a ab 'a\b'
v='\'
case '\a' in ${v}\a) echo 'backslash a';; *) echo none;; esac
case 'a' in ${v}\a) echo 'plain a';; *) echo none;; esac
case '\*' in ${v}'*') echo 'backslash star';; *) echo none;; esac
count ${v}\a* ${v}"*" ${v}\\*
"#
);
