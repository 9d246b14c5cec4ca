//! Bash indexed and associative arrays (issue 10): assignments, expansions, subscripts in
//! arithmetic, unset, errors. Each script's stdout and exit status must equal bash's (when
//! bash is installed); the snapshot keeps chitin's whole transcript, messages included.
mod transcript;

/// `chitin -n` accepts (status 0) and refuses what `bash -n` does (bash's status for a
/// refused script is 1 or 2 depending on the error; chitin's is always 2).
#[test]
fn syntax_check_agrees_with_bash_n() {
    let cases = [
        "a=(x y z) b=([3]=c [1]=a) c+=(d)",
        "a[1]=v a[i + 1]=w m[a b]=sp m['q r']+=x",
        "a=( [5]=x\n  # a comment\n  y\n)",
        "x+=str; a[1]+=s",
        "f() { local a=(1 2) b; readonly r=(1); export e=(1); }",
        "x=1 a=(1 2) echo hi",
        "a=([k]=v [j]+=w \"[x y]\"=z)",
        "echo a=(1)",
        "a=(1 (2))",
        "a=(1",
        "a[1]=(x)",
        "echo ${a[1]} ${a[@]} ${#a[@]} ${!a[@]} ${a[@]:1:2}",
    ];
    let chitin = format!("{} -n", env!("CARGO_BIN_EXE_chitin"));
    for script in cases {
        let script = script.replace("\\n", "\n");
        let ours = transcript::run_under(Some(&chitin), "n", &script);
        let want = if transcript::available("bash") {
            transcript::run_under(Some("bash -n"), "n", &script).status.success()
        } else {
            !(script.contains("a=(1 (2)") || script.starts_with("echo a=") || script == "a=(1")
        };
        assert_eq!(ours.status.success(), want, "chitin -n on {script:?}: {}", String::from_utf8_lossy(&ours.stderr));
    }
}

like_bash!(
    assignment_errors_end_the_script_with_status_1,
    r#"
(a[]=x; echo no); echo "status $?"
(a=(1); a[-5]=x; echo no); echo "status $?"
(i=-3; a=(1); a[i]=x; echo no); echo "status $?"
(a[1]=(x); echo no); echo "status $?"
(readonly r=1; r+=2; echo no); echo "status $?"
(readonly r=(1); r=(2); echo no); echo "status $?"
(readonly r=(1); r[1]=2; echo no); echo "status $?"
"#
);

like_bash!(
    append_assignments,
    r#"
x=a; x+=b; x+=; echo "$x"
x+=c env | grep '^x='
echo "$x"
unset y; y+=new; echo "$y"
"#
);

like_bash!(
    elements_and_whole_array_expansions,
    r#"
a=(x 'y z' '' w)
printf '[%s]' "${a[0]}" "${a[1]}" "${a[-1]}" "${a[-2]}" "$a" "${a}"; echo
printf '[%s]' "${a[@]}"; echo
printf '[%s]' "${a[*]}"; echo
printf '[%s]' ${a[@]}; echo
printf '[%s]' ${a[*]}; echo
printf '[%s]' "<${a[@]}>"; echo
echo "${#a[@]} ${#a[*]} ${#a[1]} ${#a[-1]} ${!a[@]}"
b=()
printf '[%s]' "${b[@]}" "${b[*]}" "${!b[@]}"; echo "${#b[@]}"
"#
);

like_bash!(
    star_and_at_with_every_ifs,
    r#"
# Unquoted, an empty element with a non-blank IFS is dropped as dash drops an empty "$@"
# field (bash keeps it; POSIX allows both), so the unquoted forms use b.
a=('a b' c '' d)
b=('a b' 'c:d' e)
for ifs in ' ' ':' '' ':-' unset; do
  if [ "$ifs" = unset ]; then unset IFS; else IFS=$ifs; fi
  printf '<%s>' "${a[*]}" "${a[@]}" "x${a[*]}y" "x${a[@]}y" ${b[*]} ${b[@]} x${b[@]}y x${b[*]}y; echo
  s="${a[*]}"; t=${a[*]}; u="${a[@]}"; v=${a[@]}; echo "[$s] [$t] [$u] [$v]"
done
"#
);

like_bash!(
    sparse_arrays_and_negative_subscripts,
    r#"
a=([2]=c [5]=f [7]=h)
echo "${#a[@]} ${!a[@]} ${a[@]}"
echo "[${a[3]}] ${a[-1]} [${a[-2]}] ${a[-6]}"
a[10]=k; a+=(l m)
echo "${!a[*]}"
unset 'a[-1]' 'a[2]'
echo "${!a[@]}: ${a[*]}"
a[1000000000]=far
echo "${!a[@]}"
"#
);

like_bash!(
    slices,
    r#"
a=(a b c d e)
echo "${a[@]:1:2}|${a[@]:3}|${a[@]: -2}|${a[@]: -2:1}|${a[*]:1}|${a[@]:0:0}|${a[@]:9}"
s=([2]=c [5]=f [7]=h)
echo "${s[@]:3}|${s[@]:0:1}|${s[@]: -1}|${s[@]:6:5}"
IFS=-
echo "${a[*]:1:3}"
set -- "${a[@]:1:2}"; echo $#
"#
);

like_bash!(
    operators_apply_to_each_element,
    r#"
a=(a.c ab.c b.h)
echo "${a[@]#a}|${a[@]%.*}|${a[@]##*.}|${a[*]%%.*}"
a+=('')
printf '[%s]' "${a[@]/b/B}" "${a[@]//./_}" "${a[@]/#/-}"; echo
printf '[%s]' "${a[@]^^}" "${a[@]^}" "${a[@],,}"; echo
printf '[%s]' "${a[@]@Q}"; echo
printf '[%s]' "${a[1]:1:2}" "${a[1]^^}" "${a[-1]:-empty}" "${a[9]-unset}" "${a[9]:+set}" "${a[0]:+set}"; echo
e=()
echo "${e[@]:-default} ${e[*]-dash} [${e[@]+plus}]"
o=('')
echo "${o[@]:-default} [${o[@]-dash}] ${o[@]:+plus}"
"#
);

like_bash!(
    subscripts_are_arithmetic,
    r#"
a=(zero one two three)
i=1 n=4
echo "${a[i+1]} ${a[$i]} ${a[n-1]} ${a[i*2+1]} ${a[ i ]}"
j=0
echo "${a[j++]} ${a[j++]} $j"
a[i*2]=x a[n]=y
echo "${!a[@]} ${a[2]}"
(( a[1] += 5, a[5] = 7 ))
echo "$(( a[1] + a[5] )) ${a[1]}"
c=(); (( c[3]++ )); (( c[3]++ )); (( ++c[0] ))
echo "${c[@]} ${!c[@]}"
k=2; echo $(( a[k] ))
"#
);



like_bash!(
    unset_elements_and_arrays,
    r#"
a=(x y z)
unset 'a[1]'
echo "${#a[@]} ${!a[@]} ${a[@]}"
unset 'a[-1]'; echo "${a[@]}"
a=(x y); unset 'a[@]'; echo "[${a[@]}] ${#a[@]}"
a=(x y z); unset a; echo "[${a[@]}] ${#a[@]} ${a-gone}"
a=(a b); (unset 'a[-5]'); echo "status $?"
"#
);

like_bash!(
    nounset_and_arrays,
    r#"
set -u
a=()
echo "[${a[@]}] ${#a[@]} [${a[*]}]"
unset b
echo "[${b[@]}]"
c=(x)
(echo "${c[3]}"); echo "status $?"
(echo "${a[0]}"); echo "status $?"
"#
);


like_bash!(
    read_a_fills_an_array,
    r#"
arr=(1 2 3 4 5)
read -a arr <<'EOF2'
  one two   three
EOF2
echo "${#arr[@]} ${arr[0]}|${arr[2]}"
IFS=: read -a arr <<'EOF2'
a:b::c
EOF2
echo "${#arr[@]} [${arr[2]}] ${arr[3]}"
read -r -a arr <<'EOF2'
x\y z\ w
EOF2
printf '[%s]' "${arr[@]}"; echo
read -a arr < /dev/null; echo "status $? ${#arr[@]}"
"#
);

like_bash!(
    associative_arrays,
    r#"
declare -A m
m[k]=v m[other]=w m['a b']=sp m[c d]=sp2
k='a b'
echo "${m[k]} ${m[other]} ${m[$k]} ${m["c d"]} [${m[none]}] ${#m[@]} ${#m[k]}"
m[k]+=x; m[new]+=n
printf '%s\n' "${!m[@]}" | sort | tr '\n' ' '; echo
printf '%s\n' "${m[@]}" | sort | tr '\n' ' '; echo
unset 'm[a b]' 'm[none]'
echo "${#m[@]}"
declare -A cnt
for w in a b a c a; do (( cnt[$w]++ )); done
echo "${cnt[a]} ${cnt[b]} ${cnt[c]}"
declare -A z=([0]=zero [1+1]=two)
echo "$z ${z[1+1]} [${z[2]}]"
"#
);

like_bash!(
    associative_order_is_bashs,
    r#"
declare -A m
for k in a b c x y z k1 k2 foo bar baz 10 11 12 '' 'a b'; do m[${k:-empty}]=1; done
echo "${!m[@]}"
unset 'm[x]' 'm[foo]'; m[x]=2
echo "${!m[*]}"
declare -A big
for ((i = 0; i < 3000; i++)); do big[k$i]=$i; done
s="${!big[*]}"
echo "${#big[@]} ${s:0:60} ${s: -40}"
"#
);

like_bash!(
    bad_subscripts,
    r#"
a=(1 2)
echo "[${a[-5]}]"; echo "status $?"
(echo "${a[}"); echo "status $?"
(echo "${a[1+]}"); echo "status $?"
declare -A m
(m['']=x); echo "status $?"
(k=; echo "${m[$k]}"); echo "status $?"
"#
);

// Keys with bytes of 0x80 and above hash as bash's signed chars, so they come out in bash's
// order too.
like_bash!(
    associative_order_with_non_ascii_keys,
    r#"
declare -A m
for k in é ü ß a b ø ñ 日本 x€ ÿy; do m[$k]=1; done
echo "${!m[@]}"
"#
);
