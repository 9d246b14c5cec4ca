//! Functions: positional parameters, return, local, recursion, redirections on bodies.
mod transcript;

transcript!(
    basics,
    r#"
f() { echo "$# [$1] [$2]"; return 3; }
set -- outer
f a 'b c'; echo "status $? then [$1]"
g() { local v=inner; echo "g sees $v"; }
v=outer; g; echo "v=$v"
count() { if [ -n "$1" ]; then c=$1; shift; echo "$c$(count "$@")"; fi; }
count a b c d
h() { echo to-file; } > hf
h; cat hf
w() { echo "w=$w"; }
w=pre w; echo "after: [$w]"
"#
);

transcript!(
    return_in_loops,
    r#"
f() { for i in 1 2 3; do [ $i = 2 ] && return $i; echo "i=$i"; done; echo no; }
f; echo "f=$?"
g() { while :; do break; done; echo after-break; }
g
"#
);
