//! Every class of syntax error: its message, line and column, and whether more input could
//! complete the command (`incomplete`, used for PS2 continuation).
mod common;
use common::error;

fn errors(srcs: &[&str]) -> String {
    let mut out = String::new();
    for s in srcs {
        out.push_str(&format!("{:<32} => {}\n", s.replace('\n', "\\n"), error(s)));
    }
    out
}

#[test]
fn unexpected_tokens() {
    insta::assert_snapshot!(errors(&[
        "fi",
        "then",
        "done",
        "esac",
        "}",
        "in",
        "echo a; ; echo b",
        "echo a &; echo",
        "echo a;;",
        ";",
        "&",
        "| echo",
        "&& echo",
        "echo a | | b",
        "echo )",
        "(;)",
        "{ ; }",
        "( )",
        "{ }",
        "! ! true",
        "if then fi",
        "if true; then fi",
        "if true; fi",
        "if true; then echo; else fi",
        "while :; do done",
        "while true; done",
        "for x in a b; echo; done",
        "case x in a) echo ;; b) echo ;; ; esac",
        "echo ( )",
        "a=(1 2)",
        "echo >",
        "echo > ;",
        "echo 2>&",
        "echo <<",
        "echo a\nfi",
    ]));
}

#[test]
fn unexpected_end_of_file() {
    insta::assert_snapshot!(errors(&[
        "if true",
        "if true; then echo",
        "while :",
        "for x in a b",
        "for x in a b; do",
        "case x",
        "case x in",
        "case x in a) echo",
        "{ echo",
        "(echo",
        "echo |",
        "echo &&",
        "f()",
        "echo $(echo",
        "echo $(( 1 + 2 )",
        "echo ${x",
        "echo \"${x",
    ]));
}

#[test]
fn unterminated_quotes() {
    insta::assert_snapshot!(errors(&[
        "echo 'abc",
        "echo \"abc",
        "echo `abc",
        "echo \"`abc\"",
        "echo $'abc",
        "echo \"$(echo \")\"",
        "echo 'a\nb\nc",
    ]));
}

#[test]
fn bad_names() {
    insta::assert_snapshot!(errors(&[
        "for 1 in x; do :; done",
        "for a-b in x; do :; done",
        "foo-bar() { :; }",
        "'f'() { :; }",
    ]));
}

/// Runs `f` on a thread with a main-thread-sized stack (test threads get only 2 MB, and debug
/// builds use bigger frames than the release shell).
fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic")
}

#[test]
fn nesting_too_deep() {
    with_big_stack(nesting_too_deep_inner);
}

fn nesting_too_deep_inner() {
    let deep = "(".repeat(10_000);
    let braces = "{ ".repeat(5000);
    let subs = "$(".repeat(5000);
    let quotes = "\"$(".repeat(3000);
    let params = "${x:-".repeat(5000);
    let ifs = "if ".repeat(5000);
    let backquotes = "`".repeat(5000);
    let arith = "$((".repeat(5000);
    let ok = "(".repeat(900) + &")".repeat(900);
    let out = errors(&[
        &deep,
        &braces,
        &subs,
        &quotes,
        &params,
        &ifs,
        &backquotes,
        &arith,
        &ok,
    ]);
    insta::assert_snapshot!(
        out.lines()
            .map(|l| l.split("=>").nth(1).unwrap_or("").to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn line_numbers_count_every_line() {
    insta::assert_snapshot!(errors(&[
        "echo a\necho b\n\nfi",
        "cat <<EOF\n1\n2\nEOF\nfi",
        "echo 'a\nb'\nfi",
        "echo a \\\nb\nfi",
        "if true\nthen\n  echo\n  esac\nfi",
        "# c\n# c\n  )",
    ]));
}
