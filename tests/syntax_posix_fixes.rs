//! Lexer defects found by running scripts under chitin and dash side by side (issue 15):
//! NUL bytes, here-document `${...}` words, line continuations, and the line an error names.
mod transcript;

// Point 7: NUL bytes are dropped from the input, wherever they are.
like_references!(
    nul_bytes_in_a_script_are_dropped,
    "echo start\n\0echo hi\necho a\0b\necho \"q\0q\" 's\0s'\ncat <<E\nh\0d\nE\n# c\0c\necho end\0\n"
);

// Point 14: inside a here-document the word of `${x-word}` is read as inside double quotes:
// single quotes and tildes are plain characters, backslash quotes only `$ ` " \ }`.
like_references!(
    heredoc_parameter_words_read_as_in_double_quotes,
    r#"
v=abc
cat <<EOF
1 ${u:-don't}
2 ${u-a\ b} ${u-~} ${u-~/x}
3 ${u-"a"} ${u-"a b"}x
4 ${u-\"q\"} ${u-a\}b} ${u-\$x}
5 ${v#'a'} ${v#"a"} ${v#\a} ${v%"c"}
6 ${u-'}'}
7 ${u-$(echo "hi")} ${u-`echo '1'`}
EOF
"#
);

// Point 19: backslash-newline is removed everywhere outside quotes, also where a token is
// still being recognised: inside `$((...))`'s closing parentheses, between an IO number and
// its operator, and in a tilde prefix.
like_references!(
    line_continuations_inside_tokens,
    "HOME=/home/u\necho $((1+2)\\\n)\necho $(( (1+2)*3 )\\\n)\necho $((1\\\n+\\\n2))\necho err 2\\\n>/dev/null\necho out 1\\\n\\\n>&2 2>/dev/null\necho 1\\\n>/dev/null\necho ~\\\n/x\necho ~\\\n\necho ~ro\\\not/x a=~\\\n/y\nv=~\\\n/z; echo $v\n"
);

// Point 10: an error names the line where the failing command starts, as dash does, also when
// its redirection is on a later line (stderr in the snapshot; stdout compared).
like_references!(
    errors_name_the_line_where_the_command_starts,
    r#"
true &&
{ echo a; } >/nonexistent/a
{ echo b
} >/nonexistent/b
echo "c
d" >/nonexistent/c
if true; then
  :
fi >/nonexistent/d
for i in 1 \
  2; do :; done >/nonexistent/e
f() {
  :
} >/nonexistent/f
f
cat <<EOF >/nonexistent/g
body
EOF
nothere1 \
  arg
echo end
"#
);

// LINENO is the line where the command starts too (dash here has no LINENO to compare with).
transcript!(
    lineno_is_the_line_where_the_command_starts,
    r#"
echo "$LINENO
" \
  $LINENO
f() {
  echo "in f: $LINENO" \
    $LINENO
}
f
{ echo $LINENO; } >/nonexistent/x
echo $LINENO
"#
);
