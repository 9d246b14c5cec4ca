//! bash's `read` options: `-d -n -N -s -t -p -u -e -i -a` and bash's errors and statuses.
//! Each script's stdout and status must be bash's own; stderr is in the snapshot. Input that
//! never comes is a fifo opened read-write, so only `-t` itself waits.
mod transcript;

like_bash!(
    read_delimiters,
    r#"
printf 'ab:cd' | { read -d : x; echo "$? [$x]"; }
printf 'a\nb\0c\0' | { IFS= read -r -d '' x; echo "$? [$x]"; read -d '' y; echo "$? [$y]"; }
printf 'a b\0c\nd\0' | while IFS= read -r -d '' f; do printf '<%s>' "$f"; done; echo
printf 'tail' | { IFS= read -r -d '' x; echo "$? [$x]"; }
printf 'x;y' > f; read -d ';' a < f; echo "$? [$a]"
"#
);

like_bash!(
    read_counts_characters,
    r#"
echo abcdef | { read -n 3 x; echo "$? [$x]"; read y; echo "[$y]"; }
printf 'ab\ncd\n' | { read -n 5 x; echo "$? [$x]"; }
echo '  x y z' | { read -n 4 a b; echo "$? [$a] [$b]"; }
printf 'a\\bcd\n' | { read -n 3 a; echo "[$a]"; }
printf 'ab\\\ncd\n' | { read -n 4 a; echo "[$a]"; }
echo abc | { read -n 0 x; echo "$? [$x]"; read y; echo "[$y]"; }
printf 'abcdef' > f; { read -n 2 x; read -n 2 y; } < f; echo "[$x] [$y]"
"#
);

like_bash!(
    read_exact_count,
    r#"
printf 'ab\ncd\n' | { read -N 4 x; echo "$? [$x]"; read y; echo "[$y]"; }
echo ' a:b  ' | { IFS=' :' read -N 6 x; echo "[$x]"; }
echo 'x yz w' | { read -N 4 a b; echo "$? [$a] [$b]"; }
echo 'x yz w' | { read -N 4; echo "$? [$REPLY]"; }
printf 'abc' | { read -N 10 x; echo "$? [$x]"; }
printf 'ab\ncd' | { read -N 4 -d c x; echo "[$x]"; }
"#
);

like_bash!(
    read_timeouts,
    r#"
mkfifo fifo
exec 3<>fifo
read -t 0 -u 3; echo "empty $?"
echo data >&3
read -t 0 -u 3; echo "waiting $?"
read -t 0 u <&3; echo "[${u-unset}]"
read -u 3 v; echo "[$v]"
read -t 0.1 -u 3 x; echo "timeout $? [$x]"
printf 'ab' >&3
read -t .05 -u 3 x; echo "partial $? [$x]"
read -t 0 < /dev/null; echo "eof $?"
printf 'line\n' > f; read -t 0.01 x < f; echo "file $? $x"
read -t 0 <<EOF
data
EOF
echo "heredoc $?"
"#
);

like_bash!(
    read_options_without_a_terminal,
    r#"
echo secret | { read -s x; echo "$? $x"; }
echo val | { read -e x; echo "$? $x"; }
echo val | { read -e -i text x; echo "$? $x"; }
echo val | { read -p 'Name: ' x; echo "[$x]"; }
read -u 3 x 3<<EOF < /dev/null
from3
EOF
echo "$x"
echo 'a b' | { read -rsp '>' -n 2 -- x; echo "[$x]"; }
"#
);

like_bash!(
    read_errors,
    r#"
read -t abc x; echo "status $?"
read -t -1 x; echo "status $?"
read -n abc x; echo "status $?"
read -N -1 x; echo "status $?"
read -u 9 x; echo "status $?"
read -u abc x; echo "status $?"
read -d; echo "status $?"
read -X x < /dev/null; echo "status $?"
read 1x < /dev/null; echo "status $?"
readonly ro=1; echo new | { read ro; echo "status $? ro=$ro"; }
read x <&-; echo "status $?"
"#
);

like_bash!(
    read_a_fills_an_array,
    r#"
echo '  a b   c ' | { read -a arr; echo "${#arr[@]} [${arr[0]}] [${arr[2]}]"; }
arr=(1 2 3 4); echo 'x y' | { read -a arr; echo "${#arr[@]} ${arr[*]}"; }
echo 'a::b:' | { IFS=: read -a arr; echo "${#arr[@]} [${arr[1]}]"; }
echo 'a\ b c' | { read -a arr; echo "${#arr[@]} [${arr[0]}]"; }
echo '  x yz w' | { read -N 4 -a arr; echo "${#arr[@]} [${arr[0]}]"; }
"#
);
