//! The bash parameter operators (issue 10): pattern substitution, substrings, case
//! modification, indirection, name listing and the `@` transformations, on variables and on
//! each positional parameter. Each script's stdout and status must be bash's (when bash is
//! installed); the snapshot keeps chitin's whole transcript. printf, not echo, shows values
//! with backslashes (echo's escapes are another matter).
mod transcript;

like_bash!(
    substitution_forms,
    r#"
x=aXbXa
printf '%s\n' "${x/X/-}" "${x//X/-}" "${x/#a/S}" "${x/#X/S}" "${x/%a/E}" "${x/%X/E}"
printf '%s\n' "${x/X}" "${x//X}" "${x//X/}" "${x/#/<}" "${x/%/>}"
x=abc
printf '[%s]' "${x/}" "${x//}" "${x/#}" "${x/%}" "${x/*/X}" "${x//*/X}" "${x//?/X}" "${x/%?/X}" "${x/%*/X}" "${x/%b*/X}"
echo
y=
printf '[%s]' "${y/#/X}" "${y/%/X}" "${y//*/X}" "${y/a/X}" "${unset_var/*/X}"
echo
"#
);

like_bash!(
    substitution_slashes_and_braces,
    r#"
x=a/b/c
printf '%s\n' "${x///_}" "${x////_}" "${x/[/]/_}" "${x/\//_}" "${x//'/'/_}"
x=abc
printf '%s\n' "${x/b/\}}" "${x/b/}}" "${x/b/a/b}" "${x/b/\/}"
"#
);

like_bash!(
    substitution_pattern_quoting,
    r#"
x='a*b*c'
p='*'
printf '%s\n' "${x//'*'/+}" "${x//"*"/+}" "${x//\*/+}" "${x//$p/+}" "${x//"$p"/+}"
x=a1b22c333
printf '%s\n' "${x//[0-9]/#}"
# An unquoted # or % at the start of the expanded pattern anchors it; a quoted one is text.
x=hello
p='#h'
printf '%s\n' ${x/$p/X} "${x/"$p"/X}" "${x/\#h/X}"
p='%o'
printf '%s\n' ${x/$p/X}
y='a#h'
printf '%s\n' "${y/\#h/X}" "${y/'#h'/X}"
# After // a # or % is text.
x=aaa
printf '%s\n' "${x//#a/b}" "${x/#a/b}" "${x/%a/b}" "${x//a/aa}"
"#
);

like_bash!(
    replacement_ampersand_and_backslashes,
    r#"
x=hello
printf '%s\n' "${x//l/[&]}" "${x/l/&&}" "${x/l/\&}" "${x/l/'&'}" "${x/l/"&"}" "${x/l/\\&}"
printf '%s\n' ${x/l/\\&} "${x/l/\a}" "${x/l/\\}" "${x/l/\\\\}" "${x/l/'\'}" "${x/l/\\\&}"
r='<&>'
printf '%s\n' "${x/l/$r}" "${x/l/"$r"}"
r='\&'
printf '%s\n' "${x/l/$r}"
r='\\&'
printf '%s\n' "${x/l/$r}"
r='a\b'
printf '%s\n' "${x/l/$r}" "${x/l/"$r"}"
"#
);

like_bash!(
    replacement_is_expanded_as_unquoted,
    r#"
x=hello
r=R
printf '%s\n' "${x/l/'L'}" "${x/l/$r$(echo S)}" "${x/l/${u:-"q"}}"
[ "${x/h/~}" = "${HOME}ello" ] && [ ${x/h/~/} = "$HOME/ello" ] && echo tilde expanded
x='a b'
set -- ${x/ /_} ${x/a/'x y'}
echo $#
"#
);

like_bash!(
    substitution_per_positional_parameter,
    r#"
set -- ab cb 'b b'
printf '[%s]' "${@/b/X}" ${@/b/X} "${*/b/X}" "${@//b}"
echo
IFS=:
printf '[%s]' "${*/b/X}"
echo
set --
printf '[%s]' "${@/b/X}"
echo
"#
);

like_bash!(
    substring_of_a_value,
    r#"
x=hello
printf '[%s]' "${x:1}" "${x:1:3}" "${x: -2}" "${x:(-2)}" "${x:-2}" "${x:1:-1}" "${x: -4:-1}"
echo
printf '[%s]' "${x:5}" "${x:10}" "${x: -10}" "${x:2:100}" "${x:2:0}" "${x::2}" "${x:1:}"
echo
x=abcdefgh
i=1 n=2
printf '[%s]' "${x:i+1:n*2}" "${x:$i:$n}" "${x:1?2:3}" "${x:(1?2:3)}" "${x:${y:-2}:2}" "${x:$((1+1)):2}" "${x: 2 : 2 }" "${x:"2":2}" "${x:z}"
echo
printf '[%s]' "${unset_var:1}" "${unset_var:5:2}"
echo
"#
);

like_bash!(
    substring_errors,
    r#"
x=hello
(printf '%s\n' "${x:3:-4}")
echo "status $?"
n=-4
(printf '%s\n' "${x:3:n}")
echo "status $?"
set -- a b
(printf '%s\n' "${@:1:-1}")
echo "status $?"
"#
);

like_bash!(
    positional_slices,
    r#"
set -- a b 'c d'
printf '[%s]' "${@:2}" "${@:2:1}" "${@: -1}" "${@: -3}" "${@:4}" "${@: -5}" "${@:1:0}"
echo
printf '[%s]' "${@:0:1}" | sed "s/\[[^]]*t.sh\]/[\$0]/"
echo
printf '[%s]' "${*:2}" ${@:2}
echo
IFS=:
printf '[%s]' "${*:2}"
echo
set --
printf '[%s]' "${@:1}" "${*:1}"
echo
"#
);

like_bash!(
    case_modification,
    r#"
x=hello
printf '%s\n' "${x^}" "${x^^}" "${x^^[aeiou]}" "${x^e}" "${x^h}" "${x~}" "${x~~}"
X=HeLLo
printf '%s\n' "${X,}" "${X,,}" "${X,,[HL]}" "${X~~}"
x=hel-lo_1.c
printf '%s\n' "${x^^}"
set -- ab cD
printf '[%s]' "${@^}" "${*^^}" "${@~~}" "${@,,}"
echo
printf '[%s]' "${unset_var^^}"
echo
"#
);

// Case conversion follows the locale: letters beyond ASCII in a UTF-8 locale only, and
// bytes that are not UTF-8 are left as they are.
like_bash!(
    case_modification_and_the_locale,
    r#"
x=$(printf 'caf\303\251 \377x')
LC_ALL=C
printf '%s\n' "${x^^}" | od -An -c
LC_ALL=C.UTF-8
printf '%s\n' "${x^^}" | od -An -c
printf '%s\n' "${#x}" "${x:3:1}" "${x: -2:1}" | od -An -c
# (bash 5.2 turns the byte that is not UTF-8 into another character with ~~: not followed.)
x=$(printf 'caf\303\251 \303\211t\303\251')
printf '%s\n' "${x~~}" "${x^}" "${x,,}" | od -An -c
"#
);

like_bash!(
    indirection,
    r#"
x=value
ref=x
printf '[%s]' "${!ref}" "${!ref:-w}" "${!ref/a/A}" "${!ref:1:2}" "${!ref^^}" "${!ref@Q}"
echo
ref=nosuch
printf '[%s]' "${!ref}" "${!ref:-default}" "${!ref-d}"
echo
set -- a b c
ref=2
printf '[%s]' "${!ref}" "${!#}"
echo
ref=@
printf '[%s]' "${!ref}"
echo
ref='#'
printf '[%s]' "${!ref}"
echo
false
ref='?'
printf '[%s]' "${!ref}"
echo
"#
);

like_bash!(
    indirection_errors,
    r#"
unset ref
(printf '%s\n' "${!ref}")
echo "status $?"
ref='a b'
(printf '%s\n' "${!ref}")
echo "status $?"
ref=
(printf '%s\n' "${!ref}")
echo "status $?"
ref=1a
(printf '%s\n' "${!ref}")
echo "status $?"
"#
);

like_bash!(
    names_with_a_prefix,
    r#"
pfx_b=1 pfx_a=2 pfx_c= pfy=4
unset pfx_d
echo ${!pfx_*}
printf '[%s]' "${!pfx_@}"
echo
IFS=:
printf '[%s]' "${!pfx_*}"
echo
set -- "${!nomatch_@}"
echo $#
"#
);

like_bash!(
    quoting_transformation,
    r#"
for v in '$HOME a' "it's" '' "$(printf 'a\nb\tc')" "$(printf '\001\177x')" 'back\slash'; do
  x=$v
  printf '%s\n' "${x@Q}"
  eval "y=${x@Q}"
  [ "$x" = "$y" ] && echo same
done
set -- 'a b' c "d'e"
printf '[%s]' "${@@Q}" "${*@Q}" ${@@Q}
echo
printf '[%s]' "${unset_var@Q}"
echo
"#
);

like_bash!(
    other_transformations,
    r#"
x='a\x41b\101c\t|\e|\cA|\u0041'
printf '%s\n' "${x@E}" | od -An -c
x='hello World'
printf '%s\n' "${x@U}" "${x@u}" "${x@L}" "${x@K}" "${x@k}"
x='a b'
printf '%s\n' "${x@A}" "${x@a}"
x=$(printf 'a\tb')
printf '%s\n' "${x@A}"
readonly r=1
export e=v
printf '[%s]' "${r@a}" "${e@a}" "${r@A}" "${e@A}" "${unset_var@A}" "${unset_var@a}"
echo
set -- 'a b' c
printf '[%s]' "${@@A}" "${*@A}" "${@@U}"
echo
"#
);

like_bash!(
    prompt_transformation,
    r#"
x='$((1+2)) \\ [${x%% *}] \n'
printf '%s\n' "${x@P}"
"#
);

// A malformed bash form is a bad substitution when it is expanded: the message names the
// text in braces, and a non-interactive shell exits with status 1 (bash, bash --posix).
like_bash!(
    bad_substitutions,
    r#"
x=hello
(echo "${x@Z}"; echo no)
echo "status $?"
(echo "${x!}"; echo no)
echo "status $?"
(echo "${#x:1}"; echo no)
echo "status $?"
(echo "${x y}"; echo no)
echo "status $?"
(echo "${x:}"; echo no)
echo "status $?"
(echo "${#!x}"; echo no)
echo "status $?"
(echo "${x@QQ}"; echo no)
echo "status $?"
echo "${x@Z}"
echo not reached
"#
);

// The operators do not expand their words when the parameter is unset, and set -u makes an
// unset parameter an error for each of them.
like_bash!(
    unset_parameters,
    r#"
unset u
printf '[%s]' "${u/$(echo a >&2)/b}" "${u:$(echo b >&2)}" "${u^^$(echo c >&2)}"
echo
set -u
(printf '%s\n' "${u/a/b}"; echo no) || echo failed
(printf '%s\n' "${u:1}"; echo no) || echo failed
(printf '%s\n' "${u^^}"; echo no) || echo failed
(printf '%s\n' "${u@Q}"; echo no) || echo failed
set --
printf '[%s]' "${@/a/b}" "${@:1}" "${@^}" "${@@Q}"
echo
"#
);
