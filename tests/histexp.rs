//! History expansion through `history -p` (and `history -s` to fill the list): the same
//! function the interactive reader applies to every line typed. Each script's stdout and
//! status must be bash's.
mod transcript;

like_bash!(
    event_designators,
    r#"
history -s 'ls -l /usr/lib/x.tar.gz'
history -s 'echo a b c'
history -p '!!' 'sudo !!' '!-2' '!1' '!ls' '!?tar?' '!?b c?' '!-1:0'
history -p '!nope'; echo "status $?"
history -p '!99'; echo "status $?"
history -p '!?zz?'; echo "status $?"
history -p 'a' '!nope' 'b'; echo "status $?"
"#
);

like_bash!(
    word_designators,
    r#"
history -s 'echo a.c/d.e "q r" $(x y)|wc 2>&1 >>f'
for p in '!$' '!^' '!*' '!:0' '!:1' '!:2' '!:3' '!:4' '!:5' '!:6' '!:7' '!:8' '!!:1-3' \
         '!!:-2' '!!:2*' '!!:2-' '!!:0-$' '!!:^-$' '!!:3-3'; do
  history -p "$p" || echo "failed: $p"
done
history -p '!!:9'; echo "status $?"
history -p '!!:3-2'; echo "status $?"
history -s 'one'
history -p '!*' '!!:1-'; echo "status $?"
"#
);

like_bash!(
    modifiers,
    r#"
history -s 'ls -l /usr/lib/x.tar.gz'
for p in '!!:h' '!!:t' '!!:r' '!!:e' '!$:h' '!$:t' '!$:r' '!$:e' '!$:r:r' '!$:t:r' \
         '!!:s/l/L/' '!!:gs/l/L/' '!!:as/l/L/' '!!:Gs/l/L/' '!!:s/l/&&/' '!!:s/l/&&/:&' \
         '!!:g&' '!!:s,/,\,,' '!!:s/x.tar/[&]/' '!!:s/l/\&/' '!!:q' '!!:x' '!!:s/gz' \
         '!?usr?:%' '!?usr?:%:h'; do
  history -p "$p" || echo "failed: $p"
done
history -p '!!:z'; echo "status $?"
history -p '!!:s/zz/y/'; echo "status $?"
history -p '!!:G'; echo "status $?"
"#
);

like_bash!(
    quick_substitution,
    r#"
history -s 'echo a.c b.c'
history -p '^a^x' '^.c^.h^' '^.c^.h^ tail' '^b^&&'
history -p '^zz^y'; echo "status $?"
"#
);

// What protects the expansion character: single quotes, a backslash, `!` before a blank,
// `=` or the end, `!"` inside double quotes, and (when nothing else on the line is to be
// expanded) `$!`, `${!name}`, `[!...]`. As in bash, once one expansion is on the line the
// others are expanded too.
like_bash!(
    what_is_not_expanded,
    r#"
history -s 'e a'
for p in "echo '!!'" 'echo \!!' 'echo "!!"' 'echo x! y' 'echo x!=y' 'echo "x!"' \
         'echo $! ${!a} [!a]' "echo \"'!!'\"" 'a "!!" b' 'echo !! [!a]' 'echo !#:0'; do
  history -p "$p" || echo "failed: $p"
done
histchars='@'
history -p 'echo !! @@'
histchars='!%'
history -p '%a%b' '^a^b'
"#
);

like_bash!(
    store_then_expand,
    r#"
history -s x y
history -s 'echo    spaced   out'
history
history -p '!-2' '!!:2'
history -z; echo "status $?"
"#
);

// Scripts are never history-expanded, even with `set -H`.
like_bash!(
    never_in_scripts,
    r#"
echo a; echo !!
set -H
echo b
echo !! !$ ^b^c
"#
);
