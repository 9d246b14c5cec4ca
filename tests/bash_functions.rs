//! bash function definitions (`function name`, names POSIX does not allow), `select` and the
//! `case` terminator `;;&`. Each script's stdout, stderr (chitin's name aside) and status must
//! be bash's; the snapshot keeps chitin's transcript.
mod transcript;

like_bash!(
    with_stderr function_keyword,
    r#"
function greet { echo "hello $1"; }
greet world
function greet2() { echo "hi $1"; }
greet2 there
function f ( x=inner; echo "in $x" )
x=outer; f; echo "$x"
function g ( ) { echo spaced; }
g
function h
{
  echo "newline before the body"
}
h
function k if true; then echo k-body; fi
k
function l for i in 1 2; do echo "l$i"; done
l
function m (( $1 > 2 ))
m 3 && echo m3; m 1 || echo m1
function r { echo to-file; } > out
r; cat out
function if { echo reserved-name; }
declared=$(command -v if); echo "[$declared]"
"#
);

like_bash!(
    with_stderr function_names_posix_forbids,
    r#"
foo-bar() { echo foo-bar; }
foo-bar
a.b() { echo a.b; }
a.b
function x:y { echo x:y; }
x:y
1x() { echo 1x; }
1x
{x}() { echo braces; }
{x}
"#
);

like_bash!(
    with_stderr select_menu_and_reply,
    r#"
printf '2\n' | { select x in a b c; do echo "x=$x REPLY=$REPLY"; break; done; echo "status $?"; }
printf 'zz\n' | { select x in a b; do echo "x=[$x] REPLY=$REPLY"; break; done; }
printf '1\n\n2\n' | { n=0; select x in a b; do echo "got $x"; n=$((n + 1)); [ "$n" = 2 ] && break; done; }
printf '1\n' | { select x in a b; do echo "x=$x"; done; echo "status at end of input $?"; }
printf ' 2 \n' | { set -- p q; select x; do echo "x=$x"; break; done; }
printf '1\n' | { PS3='pick: '; select x in a b; do echo "x=$x"; break; done; }
printf '1\n' | { select x in; do echo never; done; echo "empty list $?"; }
printf '2\n3\n' | { select x in a b c; do case $x in b) continue;; esac; echo "after $x"; break; done; }
printf '1\n' | { select x in a b
do echo "newline x=$x"; break; done; }
printf '1\n' | { select x in a b; { echo "brace x=$x"; break; }; }
"#
);

like_bash!(
    with_stderr select_menu_columns,
    r#"
echo 1 | { select x in a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk ll; do break; done; }
echo 1 | { COLUMNS=40; select x in alpha beta gamma delta epsilon zeta eta theta iota kappa lambda; do break; done; }
echo 1 | { select x in a b c d e f g h i j k l; do break; done; }
echo 1 | { select x in one-long-item-that-is-wide another-long-item-that-is-wide third-long-item-wide; do break; done; }
echo 1 | { select x in 1 2 3 4 5 6 7 8 9 10 11 12; do break; done; }
"#
);

like_bash!(
    with_stderr case_test_next,
    r#"
case ab in
  a*) echo 1 ;;&
  x*) echo 2 ;;&
  *b) echo 3 ;;&
  *) echo 4 ;;
esac
case b in
  a) echo A ;;
  b) echo B ;&
  c) echo C ;;&
  d) echo D ;;
  *) echo any ;;
esac
case x in x) echo last ;;& esac; echo "status $?"
case y in y) false ;;& z) echo no ;; esac; echo "status $?"
"#
);

like_bash!(
    with_stderr keywords_are_keywords,
    r#"
type select function
command -v select function
"#
);

// `export -f` passes a function to child shells in bash's form (`BASH_FUNC_f%%=() { ...}`),
// and a shell defines the functions its environment carries, only when a value is one
// function definition and nothing more (bash since Shellshock). bats depends on it.
like_bash!(
    exported_functions_reach_child_shells,
    r#"
f() { echo "f $1"; }
export -f f
bash -c 'f 1'
self=$(readlink /proc/$$/exe)
"$self" -c 'f 2; declare -F'
f() { echo "redefined $1"; }
bash -c 'f 3'
env 'BASH_FUNC_g%%=() { echo "g $1"; }' "$self" -c 'g 4'
env 'BASH_FUNC_h%%=() { echo h; }; echo injected' "$self" -c 'h' 2>/dev/null; echo "status $?"
export -nf f
bash -c 'f 5' 2>/dev/null; echo "status $?"
"#
);
