//! Brace expansion (bash): lists, nesting, sequences, what stays literal, where it does not
//! happen, `set +B`. Each script's stdout and status must be bash's (when bash is installed).
mod transcript;

like_bash!(
    brace_lists_and_sequences,
    r#"
echo a{b,c}d {a,b{1,2},c} {1..10..3} {8..010} {-03..-01} {e..a..2} {a..e..-2}
echo {1..3..0} {3..1..1} x{}{a,b} {x{a,b}..3} {1..3}} {1..a}{x,y} {0..2}{0..1}
printf '[%s]' {,} x{,y} {"a b",c} {$'\t',z}; echo
"#
);

like_bash!(
    brace_literal_forms,
    r#"
echo {a} {} {a..} {1...3} {aa..c} {a,b \{a,b\} '{a,b}' "{a,b}" {a','b} a} {a,b}}
echo {1..99999999999999999999} {Z..a}
"#
);

like_bash!(
    brace_with_parameters,
    r#"
a=1 ax=AX ay=AY
echo $a{x,y} ${a}{x,y} {$a,b} ${u:-{a,b}} $a{,y}
e=
printf '[%s]' ${e}{,} $e{,}; echo
n=3; echo {1..$n}
x='{a,b}'; echo $x
"#
);

like_bash!(
    brace_tilde_after,
    r#"
[ "$(echo {~,~}/x)" = "$HOME/x $HOME/x" ] && echo tilde-expanded
echo ~{nosuchuser1,nosuchuser2}
"#
);

like_bash!(
    brace_contexts,
    r#"
x={a,b}; echo "$x"
export y={c,d}; echo "$y"
case {a,b} in '{a,b}') echo case-literal ;; esac
for w in {a..c}; do printf '%s;' "$w"; done; echo
cat <<< {a,b}
{echo,hello}
alias e='echo {1,2}'
"#
);

like_bash!(
    brace_set_b,
    r#"
set +B; echo {a,b}; echo $-  | grep -c B
set -o braceexpand; echo {a,b}
set +o braceexpand; echo {a,b}; set -B
set -o | grep braceexpand
"#
);

like_bash!(
    brace_redirect_ambiguous,
    r#"
echo hi > {f,g}
echo "status $?"
echo one > {h}
cat {h}
"#
);

like_bash!(
    brace_in_function_and_alias,
    r#"
shopt -s expand_aliases 2>/dev/null
alias mk='printf "<%s>" '
mk x{1,2}; echo
f() { printf '(%s)' "$@"; }
f {a..c}{1,2}; echo
"#
);
