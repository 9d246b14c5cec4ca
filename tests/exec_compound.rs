//! Compound commands: groups, subshells, if, loops with break/continue, case with ;&.
mod transcript;

transcript!(
    loops,
    r#"
for i in a b c; do
  case $i in b) continue;; esac
  echo "for $i"
done
set -- 1 2 3 4 5
while [ $# -gt 0 ]; do
  [ $1 = 4 ] && break
  echo "while $1"
  shift
done
for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo "$a$b"; done; done
for a in 1 2; do for b in x y; do echo "$a$b"; break 2; done; done
until [ $# -eq 0 ]; do echo "until $1"; shift; done
set -- p q
for arg; do echo "arg $arg"; done
"#
);

transcript!(
    subshell_isolation,
    r#"
x=1
(x=2; cd /; echo "inside $x")
echo "outside $x"
(exit 5); echo "status $?"
{ y=3; }; echo "group keeps $y"
f() { echo fn; }
(unset -f f; f 2>/dev/null || echo gone)
f
"#
);

transcript!(
    if_case,
    r#"
if false; then echo no; elif true; then echo elif; else echo else; fi
if false; then :; fi; echo "if status $?"
case abc in
  a*) echo "a*";&
  zz) echo fallthrough;;
  *) echo never;;
esac
case x in y) echo no;; esac; echo "case none $?"
case "*" in '*') echo quoted-star;; esac
"#
);
