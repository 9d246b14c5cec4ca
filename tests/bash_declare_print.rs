//! Functions printed back (`type`, `declare -f`) in bash's layout: the output of each script
//! must be bash's, byte for byte (when bash is installed), and is kept as a snapshot.

mod transcript;

like_bash!(
    type_prints_simple_function,
    r#"
greet() { echo "hi $1"; }
type greet
"#
);

like_bash!(
    type_prints_compound_commands,
    r#"
f() { echo hi; echo "a $b" 'c d' \$e; x=1 y=2 cmd >out 2>&1 <in; }
g() {
  if a; then b; elif c; then d; else e; fi
  while x; do y; done; until x; do y; done
  for i in 1 2 3; do echo $i; done
  for i; do :; done
  case $x in a|b) echo ab;; c) ;; *) echo def;& esac
  a && b || ! c | d
  sleep 1 &
  ( sub; shell ) > f
  { grp; } 2>/dev/null
  echo $(cmd sub) ${x:-def} ${#y} ${z%%pat} "${q#"x"}"
}
h() ( echo sub )
k() { echo; } > /dev/null
type f g h k
"#
);

like_bash!(
    type_prints_redirections_and_heredocs,
    r#"
f() { echo >&2; echo <&3; echo 2<&-; echo >&$fd; >file; 3>f; 0<f 1>g; exec 3<>file 4>>app 5>|clob; }
g() { cat <<E; echo x; }
a $x \$y
E
i() { cat <<'E'
c $x
E
}
j() { cat <<-E
	tab
	E
}
type f g i j
"#
);

like_bash!(
    type_prints_nested_functions_and_words,
    r#"
f() { inner() { echo in; }; echo ~ ~/a a=~ "$10" "${10}" "$@" "$*" $# $? $- $0 $x$y ${x}z; }
g() { { a; b; } & c; }
type f g
"#
);

like_bash!(
    type_prints_bash_commands,
    r#"
f() { (( x = 1 + 2 )); ((y++)); for (( i=0; i<3; i++ )); do echo $i; done; for ((;;)); do break; done; select x in a b; do break; done; case $x in a) echo;;& b) ;; esac; a=(1 "2 3" [5]=x); a+=(4); a[1]=z; x+=y; declare -a c=(1 2); echo $((x+1)) $(( y * 2 )); }
g() { [[ -n $a && ( $b == x* || ! -f "$c" ) ]]; [[ $x =~ ^a+$ ]]; [[ 1 -eq $n ]]; echo ${x/a/b} ${x//a} ${x:1:2} ${x^^} ${x,} ${x@Q} ${!x} ${!p*} "${a[@]}" ${a[i+1]} ${#a[*]} ${!a[@]}; }
type f g
"#
);

like_bash!(
    type_prints_bash_redirections,
    r#"
f() { cat <<< "$x" >&2; ls &> out; ls &>> out2; diff <(a) >(b); exec {fd}>f; exec {fd}>&-; cat 3>&2-; ls |& wc; }
type f
"#
);
