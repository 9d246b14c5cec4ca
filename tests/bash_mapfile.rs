//! `mapfile`/`readarray`: lines into an indexed array (`-t -n -s -O -d -u -C -c`), what it
//! leaves of its input, and bash's errors. Each script's stdout and status must be bash's own;
//! stderr is in the snapshot.
mod transcript;

// A count stops at its line and leaves the rest: on a pipe (read a byte at a time) and on a
// file (read in blocks, the offset put back).
like_bash!(
    mapfile_count_leaves_the_rest,
    r#"
printf '1\n2\n3\n' | { mapfile -t -n 2 arr; echo "[$arr]"; read x; echo "rest $x"; }
printf 'a\nb\nc\n' > f
{ mapfile -n 1 one; read x; echo "[$one] rest $x"; } < f
{ mapfile -t -s 1 -n 1 two; read x; echo "[$two] rest $x"; } < f
seq 1 50000 > big
{ mapfile -t -n 40000 many; read x; echo "[$many] rest $x"; } < big
"#
);

like_bash!(
    mapfile_errors,
    r#"
mapfile 1x < /dev/null; echo "status $?"
mapfile -c 0 x < /dev/null; echo "status $?"
mapfile -n -1 x < /dev/null; echo "status $?"
mapfile -O x x < /dev/null; echo "status $?"
mapfile -u 9 x; echo "status $?"
mapfile -q x; echo "status $?"
mapfile -t a b < /dev/null; echo "status $?"
readonly ro=1; mapfile ro < /dev/null; echo "status $? [$ro]"
"#
);

like_bash!(
    mapfile_fills_indexed_arrays,
    r#"
printf 'a\nb\nc\n' > f
mapfile -t arr < f; echo "${#arr[@]} ${arr[*]}"
mapfile arr < f; printf '[%q]' "${arr[@]}"; echo
mapfile -t -s 1 arr < f; echo "${arr[*]}"
arr=(x y z); mapfile -t -O 5 arr < f; echo "${!arr[@]} | ${arr[*]}"
arr=(1 2 3); mapfile -t arr < /dev/null; echo "${#arr[@]}"
printf 'a,b,c' | { mapfile -t -d , arr; echo "${#arr[@]} ${arr[*]}"; }
printf 'a b\0c\nd\0' | { mapfile -t -d '' arr; printf '[%q]' "${arr[@]}"; echo; }
printf 'a\0b\nc\n' | { mapfile -t arr; printf '[%s]' "${arr[@]}"; echo; }
mapfile < f; printf '[%q]' "${MAPFILE[@]}"; echo
readarray -t r < f; echo "${#r[@]} ${r[1]}"
x=scalar; mapfile -t -O 2 x < f; echo "${!x[@]} ${x[*]}"
"#
);

like_bash!(
    mapfile_callback,
    r#"
cb() { echo "cb $1 [$2] have=${#arr[@]}"; }
printf 'l0\nl1\nl2\nl3\nl4\n' | { mapfile -t -C cb -c 2 arr; echo "${arr[*]}"; }
printf 'a\nb\n' | { mapfile -C cb -c 1 arr; echo "${#arr[@]}"; }
"#
);
