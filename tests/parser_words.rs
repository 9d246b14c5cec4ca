//! AST snapshots of words: quoting, parameters, substitutions, arithmetic, tildes, `$'...'`.
mod common;
use common::dump_all;

#[test]
fn quoting() {
    insta::assert_snapshot!(dump_all(&[
        "echo 'single $x' \"double $x\" \\$x",
        "echo \"a\\$b\\`c\\\"d\\\\e\\f\"",
        "echo a'b'\"c\"d",
        "echo '' \"\"",
        "echo *.c \"*.c\" '*.c' \\*.c",
        "echo \"'\" '\"'",
    ]));
}

#[test]
fn parameters() {
    insta::assert_snapshot!(dump_all(&[
        "echo $x ${x} $x_y ${x}_y $1 ${10} $10",
        "echo $@ $* $# $? $- $$ $! $0",
        "echo ${@} ${*} ${#} ${?} ${-} ${$} ${!} ${0}",
        "echo ${#x} ${##} ${#-} ${#@}",
        "echo ${x-w} ${x:-w} ${x=w} ${x:=w} ${x?w} ${x:?w} ${x+w} ${x:+w}",
        "echo ${x%w} ${x%%w} ${x#w} ${x##w}",
        "echo ${x:-a b} ${x:-} ${x?}",
        "echo $ a$ \"$\" $. $/",
        "echo ${x/a/b} ${!x} ${x:1:2} ${}",
    ]));
}

#[test]
fn parameter_words_quoting() {
    insta::assert_snapshot!(dump_all(&[
        "echo \"${x:-'a'}\" ${x:-'a'}",
        "echo \"${x#'a'}\" ${x#\"a\"}",
        "echo ${x:-\"a b\"} \"${x:-\"a b\"}\"",
        "echo ${x:-${y:-$z}}",
        "echo ${x:-\\}} \"${x:-\\}}\"",
        "echo ${x#*.} ${x%.*}",
        "echo ${x:-$(echo })}",
        "echo \"${x#*.}\" \"${x%\\*}\" \"${x##\"*\"}\"",
        "echo ${x:-~/a} \"${x:-~}\" ${x#~}",
    ]));
}

#[test]
fn command_substitution() {
    insta::assert_snapshot!(dump_all(&[
        "echo $(a | b) $(a; b)",
        "echo $(echo $(echo a))",
        "echo \"$(echo \"a b\")\"",
        "echo $(case x in x) echo;; esac)",
        "echo $(echo ')')",
        "echo $(# comment )\n)",
        "echo $()",
        "echo $( (sub) )",
    ]));
}

#[test]
fn backquotes() {
    insta::assert_snapshot!(dump_all(&[
        "echo `a | b`",
        "echo `echo \\`echo x\\``",
        "echo `echo \\$x \\\\ \\a`",
        "echo \"`echo \\\"a\\\"`\"",
        "echo `echo \"\\\"\"`",
        "x=`echo`",
    ]));
}

#[test]
fn arithmetic() {
    insta::assert_snapshot!(dump_all(&[
        "echo $((1 + 2 * 3))",
        "echo $(( (1 + 2) * 3 ))",
        "echo $((x = y += 2))",
        "echo $((a ? b : c ? d : e))",
        "echo $((0x1f + 017 + 9))",
        "echo $((-x + !y + ~z))",
        "echo $((x++ + --y))",
        "echo $((a << 2 >> 1 < b <= c > d >= e == f != g))",
        "echo $((a & b ^ c | d && e || f))",
        "echo $((a *= 2, b /= 3, c %= 4, d <<= 1, e >>= 1, f &= 1, g ^= 1, h |= 1, i -= 1))",
        "echo $(( ))",
        "echo $(($x + 1))",
        "echo $((1 + $(echo 2)))",
        "echo \"$((1+2))\"",
        "echo $((1 +))",
    ]));
}

#[test]
fn arith_parser_directly() {
    use chitin::syntax::arith::parse;
    let cases = [
        "1+2*3", "1-2-3", "2**3", "a=b=c", "(1", "1)", "08", "0x", "x+++y", "a==b==c", "!a!=b",
        "- -1",
    ];
    let mut out = String::new();
    for c in cases {
        out.push_str(&format!(
            "{c} => {}\n",
            common::render(&parse(c.as_bytes()))
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn tilde() {
    insta::assert_snapshot!(dump_all(&[
        "echo ~ ~/x ~user ~user/x a~ \"~\" \\~ ~\"x\"",
        "PATH=~/bin:~user/bin:/x:a~",
        "x=~ y=a:~",
        "echo x=~/a",
        "export y=~/z",
        "cmd >~/out",
        "echo ${x-~}",
    ]));
}

#[test]
fn dollar_single_quotes() {
    insta::assert_snapshot!(dump_all(&[
        "echo $'a\\nb\\tc\\\\d\\'e\\\"f'",
        "echo $'\\a\\b\\e\\f\\r\\v'",
        "echo $'\\cA\\c?\\101\\0\\x41\\x4g\\u00e9'",
        "echo $'\\q' \"$'x'\"",
        "echo $''",
    ]));
}

#[test]
fn bytes_that_are_not_utf8() {
    let src = b"echo \xff\xfe '\x80' \"\xc3\x28\"\n";
    let list = chitin::syntax::parse_program(src).expect("parses");
    insta::assert_snapshot!(common::render(&list));
}
