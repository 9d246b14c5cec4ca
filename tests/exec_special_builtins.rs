//! Special builtins owned by the executor: eval, ., exec, exit, command, type, hash, times.
mod transcript;

transcript!(
    eval_dot,
    r#"
eval 'a=1; echo "a=$a"'
echo 'echo "dot $1"; return 2; echo no' > lib
. ./lib; echo "dot status $?"
x=2 :; echo "persist x=$x"
x=3 true; echo "temp x=$x"
"#
);

transcript!(
    exec_forms,
    r#"
(exec echo replaced; echo no)
exec 4>f; echo four >&4; exec 4>&-; cat f
(exec nosuch_cmd 2>/dev/null); echo "status $?"
"#
);

transcript!(
    command_type_hash,
    r#"
command -v cd echo if nosuch || echo "missing $?"
f() { :; }
command -v f
type f | head -n 1
type : | head -n 1
type nosuch 2>&1; echo "type $?"
echo() { printf 'fake\n'; }
command echo real
unset -f echo
hash cat; hash | grep -c /cat
hash -r; hash | wc -l
"#
);

/// A script read from standard input leaves the rest of it to the commands it runs, both on
/// a pipe (read a byte at a time) and on a file (read in blocks, then seeked back).
#[test]
fn stdin_script_offset() {
    let input = "read line\nthis line is data for read\necho \"got [$line]\"\ncat\nrest for cat\n";
    let piped = transcript::run_script_on_stdin("stdin_pipe", input, false);
    let file = transcript::run_script_on_stdin("stdin_file", input, true);
    assert_eq!(piped, file);
    insta::assert_snapshot!("stdin_script_offset", file);
}
