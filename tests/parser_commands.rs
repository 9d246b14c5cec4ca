//! AST snapshots of commands: simple commands, redirections, pipelines, lists, compound
//! commands, functions and where reserved words are recognised.
mod common;
use common::dump_all;

#[test]
fn simple_commands() {
    insta::assert_snapshot!(dump_all(&[
        "echo hello world",
        "a=1 b=2 cmd arg",
        "a=1",
        ">out",
        "x=1 >f cmd y=2 <in arg",
        "echo a=b",
        "'a'=b cmd",
        "a\\=b",
        "1a=b",
    ]));
}

#[test]
fn redirections() {
    insta::assert_snapshot!(dump_all(&[
        "cmd <in >out >>app >|clob <>rw",
        "cmd 2>&1 1>&2 3<&0 4>&- 0<&-",
        "cmd 10>f 2>f",
        "cmd 2 >f",
        "cmd a2>f",
        "cmd \"2\">f",
        ">f <g cmd",
    ]));
}

#[test]
fn pipelines_and_lists() {
    insta::assert_snapshot!(dump_all(&[
        "a | b | c",
        "! a | b",
        "a && b || c",
        "a &&\n\nb ||\nc",
        "a |\n b",
        "a & b; c &",
        "a; b\nc",
        "time a | b",
        "time -p a",
        "time",
    ]));
}

#[test]
fn compound_commands() {
    insta::assert_snapshot!(dump_all(&[
        "{ a; b; }",
        "{ a\n}",
        "(a; b) >out",
        "( (a) )",
        "if a; then b; fi",
        "if a; then b; elif c; then d; elif e; then f; else g; fi",
        "if a\nthen\n  b\nfi",
        "while a; do b; done",
        "until a; do b; done 2>/dev/null",
    ]));
}

#[test]
fn for_loops() {
    insta::assert_snapshot!(dump_all(&[
        "for x in a b c; do echo $x; done",
        "for x in; do a; done",
        "for x; do a; done",
        "for x do a; done",
        "for x\ndo a\ndone",
        "for x in a\ndo a; done",
        "for x in do done; do a; done",
    ]));
}

#[test]
fn case_commands() {
    insta::assert_snapshot!(dump_all(&[
        "case $x in a) echo a;; b|c) echo bc;; *) ;; esac",
        "case x in (a) b;; (c|d) e;; esac",
        "case x in a) b;& c) d;; esac",
        "case x in a) b; esac",
        "case x in a) esac",
        "case x in esac",
        "case x\nin\n a)\n  b\n  ;;\n\n c) ;;\nesac",
        "case in in in) ;; esac",
        "case esac in esac) ;; esac",
        "case x in \"a\"|'b'|$c) ;; esac",
    ]));
}

#[test]
fn functions() {
    insta::assert_snapshot!(dump_all(&[
        "f() { echo; }",
        "f ( ) { echo; } >out 2>&1",
        "f()\n{\n  echo\n}",
        "f() ( echo )",
        "f() if a; then b; fi",
        "f() echo hi",
        "f() { g() { :; }; }",
    ]));
}

#[test]
fn reserved_words_only_in_command_position() {
    insta::assert_snapshot!(dump_all(&[
        "echo if then else fi do done case esac while until for in { } !",
        "\\if a",
        "'if' a",
        "x=1 if",
        "echo }",
        "{ echo }\n}",
        "{ { :; }; }",
        "if if a; then b; fi; then c; fi",
        "echo {a,b}",
        "!true",
    ]));
}

#[test]
fn comments_and_continuations() {
    insta::assert_snapshot!(dump_all(&[
        "echo a#b #comment",
        "# only a comment",
        "echo a \\\n  b",
        "ec\\\nho x",
        "a &\\\n& b",
        "echo 'a\\\nb'",
        "echo \"a\\\nb\"",
    ]));
}
