//! `declare`/`typeset`, `local`, `export`, `readonly`: attributes and what they do to
//! assignments, name references, scoping, `declare -p`/`-f`/`-F` listings, errors. Each
//! script's stdout and status must be bash's (when bash is installed); the transcript, with
//! chitin's messages, is kept as a snapshot.

mod transcript;

like_bash!(
    integer_attribute_evaluates_assignments,
    r#"
declare -i n=4*2; echo $n
abc=7; n=abc*2; echo $n
unset nosuch; n=nosuch; echo $n
n=; echo "[$n]"
n=0x10; echo $n
typeset -i t=010; echo $t
read n <<'EOF'
2*3
EOF
echo $n
for n in 1+1 3*3; do echo "for $n"; done
s='1+1'; declare -i s; echo $s; s=$s; echo $s
"#
);

like_bash!(
    case_attributes_convert_and_the_last_one_wins,
    r#"
declare -l x=HeLLo; echo $x
declare -u x; x=mIxEd; echo $x
declare -p x
declare -ul both=aB; declare -p both
declare -c c=hELLO; echo $c
y=abc; declare -u y; echo $y; y=$y; echo $y
declare -l r; read r <<'EOF'
ABC Def
EOF
echo "$r"
"#
);

like_bash!(
    readonly_attribute_refuses_changes,
    r#"
declare -r x=1
(x=2); echo "assign $?"
(declare x=3); echo "declare $?"
(unset x); echo "unset $?"
(declare +r x); echo "plus-r $?"
declare -r x; echo "again $?"
declare -x x; echo "export $? $(printenv x)"
readonly g=global
f() { local g=mine; echo "in f: $g"; }
f; echo "status $?"
declare -ir n=2*3; echo $n
(n=1); echo "integer $?"
echo $x
"#
);

like_bash!(
    export_attribute_and_its_removal,
    r#"
declare -x v=val; printenv v
v=2; printenv v
declare +x v; printenv v || echo not-exported
export w=1; export -n w; printenv w || echo not-exported; echo $w
declare -x u; declare -p u; printenv u || echo not-in-env
f() { local -x lv=1; printenv lv; }
f; printenv lv || echo none
declare -xl xl=MiXeD; printenv xl
export -n nosuch; echo "status $?"
"#
);

like_bash!(
    name_references,
    r#"
x=value; declare -n r=x; echo $r
r=new; echo $x
unset r; echo "[${x-unset}]"; declare -p r
x=1; echo "$r"; unset -n r; echo "$x [${r-unset}]"
declare -n t=target; echo "${!t}"; declare +n t; declare -p t
declare -n u; u=tgt; declare -p u; tgt=val; echo $u
a=1 b=2; declare -n v; for v in a b; do v=$((v * 10)); done; echo "$a $b"
setit() { local -n out=$1; out="set by function"; }
setit result; echo "$result"
declare -n ir=num; declare -i ir=1+2; declare -p ir num
"#
);

like_bash!(
    name_reference_errors,
    r#"
(declare -n self=self); echo "self $?"
declare -n l1=l2; declare -n l2=l1
(l1=x); echo "circular $?"
(declare -n bad=1x); echo "invalid $?"
"#
);

like_bash!(
    declare_p_prints_bash_s_declarations,
    r#"
x=1; declare -p x
declare -i n=3; declare -p n
export n; declare -p n
export e=v; declare -p e
readonly ro=q; declare -p ro
declare -ir ir=5; declare -xl xl=ABC; declare -p ir xl
declare -u u=abc; declare -p u
s='a "b" $c \d `e`'; declare -p s
s=$'a\nb\tc\001\033'; declare -p s
e=; declare -p e
unset d; declare d; declare -p d
declare -p nosuch; echo "status $?"
"#
);

like_bash!(
    declare_p_reads_back,
    r#"
s='it'\''s "x" $y'
declare -i n=4
declare -rx q='a b'
out=$(declare -p s n)
unset s n
eval "$out"
echo "$s|$n"
declare -p n
"#
);

like_bash!(
    declare_listings,
    r#"
myvar=hello
spaced='a b'
declare -i count=2
declare | grep -E '^(myvar|spaced|count)='
declare -p | grep -E ' (myvar|spaced|count)='
declare -i | grep count
declare -x | grep -c myvar
f() { echo hi; }
declare | grep -A3 '^f ()'
"#
);

like_bash!(
    declare_f_and_capital_f,
    r#"
zz() { :; }
aa() { echo "a $1"; }
declare -F
declare -F zz
declare -f aa
declare -f nosuch; echo "status $?"
declare -F nosuch; echo "status $?"
typeset -f zz
"#
);

like_bash!(
    declare_errors_and_usage,
    r#"
(declare 1x=3); echo "status $?"
declare -- 1x; echo "status $?"
declare -Z; echo "status $?"
typeset +Z; echo "status $?"
local y=1; echo "status $?"
f() { local -Z; }; f; echo "status $?"
(export -Z); echo "status $?"
(readonly -x); echo "status $?"
declare x -i; echo "status $?"
"#
);

like_bash!(
    declare_in_functions_is_local,
    r#"
x=global
f() { declare x=local; echo $x; }
f; echo $x
g() { local x=l; declare -g x=g; echo "in $x"; }
g; echo "out $x"
h() { declare -g newg=1; }
h; echo $newg
k() { local x; echo "[${x-unset}]"; local x=$x; echo "[${x-unset}]"; }
k
export ex=1
m() { local ex; declare -p ex; ex=2; printenv ex; }
m; declare -p ex
"#
);

like_bash!(
    unset_of_locals_follows_bash,
    r#"
x=outer
f() { local x=inner; unset x; echo "[${x-unset}]"; }
f; echo $x
f2() { local x=inner; g; echo "f2: [${x-unset}]"; }
g() { unset x; x=set-by-g; }
f2; echo "top: $x"
foo=var; foo() { echo func; }
unset -v foo; echo "[${foo-novar}]"; foo
unset foo; foo 2>/dev/null || echo gone
"#
);

like_bash!(
    local_dash_restores_options,
    r#"
f() { local -; set -f; set -u; case $- in *f*) echo noglob-inside ;; esac; }
f
case $- in *f*) ;; *) echo restored ;; esac
case $- in *u*) ;; *) echo nounset-restored ;; esac
"#
);

like_bash!(
    failed_assignments_exit_with_1,
    r#"
readonly r=1
(r=2; echo no); echo "readonly assignment $?"
(unset r; echo goes-on); echo "unset $?"
declare -i n
(n='1 +'; echo no); echo "integer $?"
(declare n='2 3'; echo no); echo "declare integer $?"
"#
);

like_bash!(
    attributes_apply_to_appends_and_elements,
    r#"
declare -i n=5; n+=4; echo $n
s=5; s+=4; echo $s
declare -l l=AB; l+=CD; echo $l
x=value; declare -n r=x; r+=-more; echo $x
declare -ai a=(1+1 2*3); a[2]=3+4; a+=(5-1); a[0]+=10; declare -p a
declare -A h=([k]=V); declare -u h; h[q]=low; declare -p h
declare -r ro=1; (ro+=2); echo "readonly append $?"
"#
);

like_bash!(
    declaration_utilities_take_compound_values,
    r#"
declare -a a=(1 'two 2' "$HOME" [5]=x); declare -p a | sed "s|$HOME|HOME|"
typeset -A h=([k]=v ["a b"]=c); declare -p h
declare x=(p q); declare -p x
declare s="(1 2)"; declare -p s
declare -a q="(3 4)"; declare -p q
f() { local -a l=(a b); declare -p l; local m+=(z); declare -p m; }
f
readonly -a ra=(1 2); declare -p ra
(ra[0]=5); echo "status $?"
export -a ea=(1); declare -p ea
declare -A c; (declare -a c); echo "status $?"
declare -a d; (declare -A d); echo "status $?"
"#
);

like_bash!(
    name_references_to_arrays,
    r#"
a=(1 2); declare -n r=a; r+=(3); declare -p a
declare -n t=target; t=(x y); declare -p target
a=(p q r); declare -n e='a[1]'; echo $e; e=Q; declare -p a
unset e; declare -p a
b=(1 2); (declare -n b=x); echo "status $?"
"#
);
