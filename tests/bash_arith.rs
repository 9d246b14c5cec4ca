//! bash arithmetic: `**`, `base#digits`, `++`/`--`, the comma operator, bash's error messages,
//! `(( ))`, `for (( ;; ))` and `let`. Each script's stdout, stderr (shell name aside) and
//! status must be bash's; the snapshot keeps chitin's transcript.
mod transcript;

like_bash!(
    with_stderr operators,
    r#"
echo $((2**10)) $((2**0)) $((3**3)) $(( (-2)**3 )) $((2**3**2)) $((-2**2)) $((2**63)) $((2**64))
echo $((16#ff)) $((2#101)) $((8#17)) $((36#z)) $((36#Z)) $((64#a)) $((64#A)) $((64#@)) $((64#_))
echo $((0x1F)) $((010)) $((0x)) $((10#010))
x=5; echo $((x++)) $x $((x--)) $x $((++x)) $x $((--x)) $x
unset a; echo $((a++)) $a $((++b)) $b
echo $((a = 1, b = 2, a + b)) $a $b
echo $((x+++1)) $x $((++5)) $((--5)) $((- -x))
echo $((9223372036854775807 + 1)) $((1<<64)) $(( (-9223372036854775807-1) / -1 ))
x=3; (echo $((x **= 2))); echo $(( "x" * 2 )) $(( 1 + "2" ))
a='b + 1' b=2; echo $((a)) $((a * 2)) $(( $a * 2 ))
a=b b=c c=5; echo $((a)) $((a + 1))
"#
);

// Each error in a subshell, as a `$((...))` error ends the shell (status 1, as bash).
like_bash!(
    with_stderr error_messages,
    r#"
for e in '1 +' '1/0 + 5' ' 5 + 1/0 ' '2 ** -1 + 1' '2**-1' '5 % 0' '1 ? 2 ' '1 ? 2 : ' \
    '1 @ 2' '@' 'a b c' '1 = 2' '0xg' '1 + 0xg + 4' '08' '10#+1' '2#2' '65#1' '1#1' '0#1' \
    '++' '1 --x' 'x--1' '++x++' '1 ? 2 : x = 3' "1 + '2'"; do
  ( eval "echo \$(( $e ))"; echo not reached )
  echo "status $?"
done
x=0; (echo $(( 5 / x )))
set -- 4 0; (echo $(( $1 / $2 + 1 )))
a=a; (echo $((a)))
a='1+a'; (echo $((a + 2)))
a='b+'; (echo $((a)))
a='(1'; (echo $((a)))
a='1)'; (echo $((a)))
x=3; (echo $((x /= 0 )))
(echo $((1 / 0)); echo no) ; echo "exit status $?"
"#
);

like_bash!(
    with_stderr arith_command,
    r#"
((1)); echo $?; ((0)); echo $?; ((-1)); echo $?; (( )); echo $?
((x = 0)); echo "$? $x"; ((x = 7)); echo "$? $x"
x=0; ((x++)); echo "$? $x"; ((x++)); echo "$? $x"
x=3; (( "x" == 3 )) && echo quotes-removed
a='1+2'; (( $a * 2 == 5 )) && echo textual; (( a * 2 == 6 )) && echo by-name
(( 1 +
2 )) && echo continued
((1 +)); echo "status $?"
((x /= 0)); echo "$? $x"
((1 2)); echo "status $?"
readonly r=1; ((r = 2)); echo "readonly $?"
i=0; while ((i < 3)); do ((i++)); done; if ((i == 3)); then echo "i=$i"; fi
f() (( $1 > 2 )); f 3 && echo f3; f 1 || echo f1
"#
);

like_bash!(
    with_stderr dparen_that_is_two_subshells,
    r#"
((echo sub) ); echo $?
((echo a); (echo b)); echo $?
( (echo spaced) )
((echo hi)); echo "arith $?"
echo $( (echo cs) ) $(( $(echo 2) * 3 ))
"#
);

like_bash!(
    with_stderr arith_for,
    r#"
for ((i = 0; i < 3; i++)); do echo "i$i"; done
for ((i = 10; i > 0; i -= 4)); do echo "d$i"; done; echo "after $i"
n=0; for ((;;)); do ((n++ >= 2)) && break; done; echo "n$n"
for ((i = 0; ; i++)); do ((i == 2)) && break; done; echo "i$i"
j=0; for ((; j < 2; )); do ((j++)); done; echo "j$j"
for ((i = 0; i < 2; i++)); do false; done; echo $?
false; for ((i = 0; i < 0; i++)); do :; done; echo $?
for ((i = 0; i < 1/0; i++)); do echo body; done; echo "status $?"
for ((i = 0; i < 1; i++ +)); do echo body; done; echo "status $?"
for (( i = 0 ; i < 2 ; i++ )) { echo "brace $i"; }
for ((i = 0; i < 2; i++)) ; { echo "semi $i"; }
for ((i = 0; i < 2; i++))
do echo "nl $i"; done
for ((i = 0; i < 5; i++)); do ((i == 1)) && continue; ((i == 3)) && break; echo "c$i"; done
f() { for ((;;)); do return 3; done; }; f; echo "return $?"
for ((i=0;"i<2";i++)); do echo "q$i"; done
n=2; for ((i = $n; i > 0; i--)); do echo "dyn$i"; done
"#
);

like_bash!(
    with_stderr let_builtin,
    r#"
let x=1+2 'y = x * 4'; echo $x $y
let x=5; echo $?; let 0; echo $?; let 'x = 0'; echo $?; let x++; echo "$? $x"
let a=1 b=0; echo "$? $a $b"; let b=0 a=1; echo "$? $a $b"
let x = 1; echo "status $?"
let '1 +'; echo "status $?"
x=1; let 'x = 1 / 0'; echo "$? $x"
let; echo "no args $?"
"#
);

// Syntax errors found when parsing (wording as chitin's other syntax errors).
transcript!(
    arith_for_syntax_errors,
    r#"
(eval 'for ((i=0;i<2)); do echo; done'); echo "status $?"
(eval 'for ((i=0;i<2;i++;)); do echo; done'); echo "status $?"
(eval 'for ((i=0;i<2;i++)) echo'); echo "status $?"
(eval '(( 1 + 2 '); echo "status $?"
(eval 'function'); echo "status $?"
(eval 'function f; { :; }'); echo "status $?"
(eval 'function f() echo hi'); echo "status $?"
(eval 'select 1x in a; do :; done'); echo "status $?"
"#
);

// An error in a `for ((...))` clause fails the loop, and (bash's behaviour) `set -e` lets it by;
// a false `((...))` or `let` ends the shell under `set -e`.
like_bash!(
    with_stderr set_e_and_arithmetic,
    r#"
set -e
for ((i = 0; i < 1/0; i++)); do :; done; echo "test clause $?"
for ((1/0;;)); do :; done; echo "init clause $?"
for ((i = 0; i < 3; i++ +)); do :; done; echo "step clause $?"
((0)) || echo "in an or-list"
if ((0)); then :; else echo "in a condition"; fi
set +e
(set -e; ((0)); echo not reached); echo "subshell $?"
(set -e; let 0; echo not reached); echo "let $?"
(set -e; ((1/0)); echo not reached); echo "error $?"
"#
);
