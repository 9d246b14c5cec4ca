//! bash quoting: `$'...'` escapes (and `\u` by locale), `$"..."`, `$'...'` in here-document
//! delimiters and `${...}` words. Each script's stdout and status must be bash's.
mod transcript;

like_bash!(
    ansi_c_escapes,
    r#"
printf %s $'\a\b\e\E\f\n\r\t\v\\\'\"\?' | od -An -tx1
printf %s $'\101\1010\x41\x414\cA\ca\c?\c[\z' | od -An -tx1
printf '[%s]' $'it\'s' $'' x$'' $'a
b'; echo
"#
);

like_bash!(
    ansi_c_unicode_by_locale,
    r#"
printf %s $'\u41\u00e9\U0001F600' | od -An -tx1
LC_ALL=C.UTF-8
printf %s $'\u41\u00e9\U0001F600\ud800' | od -An -tx1
LC_ALL=C
printf %s $'\u20ac' | od -An -c
"#
);

like_bash!(
    locale_string_is_double_quoted,
    r#"
x='1  2'
printf '[%s]\n' $"a $x $((1 + 1)) $(echo s)" $"a\$b \"q\" \\ \z" ${u:-$"d e"} "a$"
"#
);

like_bash!(
    ansi_c_heredoc_delimiters,
    "x=1\ncat <<$'EOF'\nbody $x\nEOF\ncat <<$\"END\"\nbody $x\nEND\ncat <<E$'\\x41'\nq\nEA\ncat <<'$x'\nliteral\n$x\n"
);

like_bash!(
    ansi_c_in_parameter_words,
    r#"
unset u
printf '[%s]' ${u:-$'a\tb'} ${u:-$'x y'}; echo
y=$'a\tb'
printf '[%s]\n' "${y%$'\t'*}"
x=$'\nline\n'
printf '[%s]\n' "${x#$'\n'}"
"#
);

// In "${u:-$'q'}" bash decodes the $'...' but bash --posix does not: POSIX wins (literal).
transcript!(
    ansi_c_in_double_quoted_default_is_literal,
    r#"
unset u
printf '[%s]\n' "${u:-$'q'}"
"#
);
