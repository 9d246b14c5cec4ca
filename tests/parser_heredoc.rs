//! AST snapshots of here-documents.
mod common;
use common::dump_all;

#[test]
fn here_documents() {
    insta::assert_snapshot!(dump_all(&[
        "cat <<EOF\nhello $name\n`date` $(pwd) $((1+2))\nEOF\n",
        "cat <<'EOF'\nhello $name\nEOF\n",
        "cat <<\"EOF\"\n$x\nEOF\n",
        "cat <<E\\OF\n$x\nEOF\n",
        "cat <<-EOF\n\tindented $x\n\t\tmore\n\tEOF\n",
        "cat <<EOF\n\\$x \\` \\\\ \\\" \\a\nEOF\n",
        "cat <<EOF\nline \\\ncontinued\nEOF\n",
        "cat <<'EOF'\nline \\\nkept\nEOF\n",
        "cat <<EOF\n\nEOF\n",
        "cat <<EOF\nEOF\n",
    ]));
}

#[test]
fn several_and_nested() {
    insta::assert_snapshot!(dump_all(&[
        "cat <<A <<B\na\nA\nb\nB\n",
        "cat <<A; cat <<B\na\nA\nb\nB\n",
        "cat <<A | while read x; do cat <<B; done\na\nA\nb\nB\n",
        "if true; then\ncat <<A\na\nA\nfi\n",
        "echo $(cat <<EOF\ninner\nEOF\n)\n",
        "f() { cat <<EOF; }\nbody\nEOF\n",
        "cat <<EOF\n$(cat <<X\nnested\nX\n)\nEOF\n",
        "cat <<EOF && echo after\nbody\nEOF\n",
    ]));
}

#[test]
fn delimiter_at_end_of_input() {
    insta::assert_snapshot!(dump_all(&[
        "cat <<EOF\nno terminator",
        "cat <<EOF",
        "cat <<EOF\nbody\nEOF",
    ]));
}

#[test]
fn huge_here_document() {
    let mut src = String::from("cat <<EOF\n");
    for i in 0..20000 {
        src.push_str(&format!("line {i} $x\n"));
    }
    src.push_str("EOF\necho done\n");
    let list = chitin::syntax::parse_program(src.as_bytes()).expect("parses");
    assert_eq!(list.items.len(), 2);
}
