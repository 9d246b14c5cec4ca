//! Word expansion driven with hand-built ASTs (independent of the parser).

use chitin::expand::{expand_pattern, expand_word, expand_words};
use chitin::shell::Shell;
use chitin::syntax::ast::*;

fn lit(s: &str) -> WordPart {
    WordPart::Literal(s.as_bytes().to_vec())
}
fn q(s: &str) -> WordPart {
    WordPart::Quoted(s.as_bytes().to_vec())
}
fn dq(parts: Vec<WordPart>) -> WordPart {
    WordPart::DoubleQuoted(parts)
}
fn var(name: &str) -> WordPart {
    WordPart::Param(Box::new(ParamExp {
        param: Param::Var(name.as_bytes().to_vec()),
        op: ParamOp::Plain,
    }))
}
fn pop(name: &str, op: ParamOp) -> WordPart {
    WordPart::Param(Box::new(ParamExp {
        param: Param::Var(name.as_bytes().to_vec()),
        op,
    }))
}
fn special(c: u8) -> WordPart {
    WordPart::Param(Box::new(ParamExp {
        param: Param::Special(c),
        op: ParamOp::Plain,
    }))
}
fn w(parts: Vec<WordPart>) -> Word {
    Word {
        parts,
        span: Span::default(),
    }
}

fn fields(sh: &mut Shell, words: Vec<Word>) -> Vec<String> {
    expand_words(sh, &words)
        .unwrap()
        .into_iter()
        .map(|f| String::from_utf8_lossy(&f).into_owned())
        .collect()
}

fn shell() -> Shell {
    let mut sh = Shell::new();
    sh.vars.set(b"IFS", b" \t\n".to_vec()).unwrap();
    sh
}

#[test]
fn splitting_default_ifs() {
    let mut sh = shell();
    sh.vars.set(b"x", b"  a  b ".to_vec()).unwrap();
    assert_eq!(fields(&mut sh, vec![w(vec![var("x")])]), ["a", "b"]);
    assert_eq!(
        fields(&mut sh, vec![w(vec![lit("z"), var("x"), lit("z")])]),
        ["z", "a", "b", "z"]
    );
    assert_eq!(
        fields(&mut sh, vec![w(vec![dq(vec![var("x")])])]),
        ["  a  b "]
    );
    sh.vars.set(b"e", b"".to_vec()).unwrap();
    assert_eq!(
        fields(&mut sh, vec![w(vec![var("e")])]),
        Vec::<String>::new()
    );
    assert_eq!(fields(&mut sh, vec![w(vec![dq(vec![var("e")])])]), [""]);
    assert_eq!(fields(&mut sh, vec![w(vec![var("e"), dq(vec![])])]), [""]);
}

#[test]
fn splitting_non_whitespace() {
    let mut sh = shell();
    sh.vars.set(b"IFS", b" :".to_vec()).unwrap();
    sh.vars.set(b"x", b"a::b: c :".to_vec()).unwrap();
    assert_eq!(
        fields(&mut sh, vec![w(vec![var("x")])]),
        ["a", "", "b", "c"]
    );
    sh.vars.set(b"x", b" : a".to_vec()).unwrap();
    assert_eq!(fields(&mut sh, vec![w(vec![var("x")])]), ["", "a"]);
    sh.vars.set(b"IFS", b"".to_vec()).unwrap();
    sh.vars.set(b"x", b" a b ".to_vec()).unwrap();
    assert_eq!(fields(&mut sh, vec![w(vec![var("x")])]), [" a b "]);
    sh.vars.unset(b"IFS").unwrap();
    assert_eq!(fields(&mut sh, vec![w(vec![var("x")])]), ["a", "b"]);
}

#[test]
fn at_and_star() {
    let mut sh = shell();
    sh.positional = vec![b"a b".to_vec(), b"".to_vec(), b"c".to_vec()];
    assert_eq!(
        fields(&mut sh, vec![w(vec![dq(vec![special(b'@')])])]),
        ["a b", "", "c"]
    );
    assert_eq!(
        fields(
            &mut sh,
            vec![w(vec![dq(vec![q("x"), special(b'@'), q("y")])])]
        ),
        ["xa b", "", "cy"]
    );
    assert_eq!(
        fields(&mut sh, vec![w(vec![special(b'@')])]),
        ["a", "b", "c"]
    );
    assert_eq!(
        fields(&mut sh, vec![w(vec![dq(vec![special(b'*')])])]),
        ["a b  c"]
    );
    sh.vars.set(b"IFS", b":".to_vec()).unwrap();
    assert_eq!(
        fields(&mut sh, vec![w(vec![dq(vec![special(b'*')])])]),
        ["a b::c"]
    );
    sh.positional.clear();
    assert_eq!(
        fields(&mut sh, vec![w(vec![dq(vec![special(b'@')])])]),
        Vec::<String>::new()
    );
    assert_eq!(
        fields(
            &mut sh,
            vec![w(vec![dq(vec![q("a"), special(b'@'), q("b")])])]
        ),
        ["ab"]
    );
    assert_eq!(
        fields(&mut sh, vec![w(vec![dq(vec![special(b'*')])])]),
        [""]
    );
}

#[test]
fn param_ops() {
    let mut sh = shell();
    sh.vars.set(b"x", b"file.tar.gz".to_vec()).unwrap();
    let word = |p: Vec<WordPart>| w(p);
    let e = |sh: &mut Shell, part: WordPart| {
        String::from_utf8(expand_word(sh, &w(vec![part])).unwrap()).unwrap()
    };
    assert_eq!(
        e(
            &mut sh,
            pop("x", ParamOp::RemoveSmallestSuffix(word(vec![lit(".*")])))
        ),
        "file.tar"
    );
    assert_eq!(
        e(
            &mut sh,
            pop("x", ParamOp::RemoveLargestSuffix(word(vec![lit(".*")])))
        ),
        "file"
    );
    assert_eq!(
        e(
            &mut sh,
            pop("x", ParamOp::RemoveSmallestPrefix(word(vec![lit("*.")])))
        ),
        "tar.gz"
    );
    assert_eq!(
        e(
            &mut sh,
            pop("x", ParamOp::RemoveLargestPrefix(word(vec![lit("*.")])))
        ),
        "gz"
    );
    assert_eq!(
        e(
            &mut sh,
            pop("x", ParamOp::RemoveLargestPrefix(word(vec![q("*.")])))
        ),
        "file.tar.gz"
    );
    assert_eq!(
        e(
            &mut sh,
            pop(
                "u",
                ParamOp::Default {
                    colon: false,
                    word: word(vec![lit("d")])
                }
            )
        ),
        "d"
    );
    assert_eq!(
        e(
            &mut sh,
            pop(
                "u",
                ParamOp::Assign {
                    colon: true,
                    word: word(vec![lit("v")])
                }
            )
        ),
        "v"
    );
    assert_eq!(sh.vars.get(b"u"), Some(&b"v"[..]));
    assert_eq!(e(&mut sh, pop("x", ParamOp::Length)), "11");
    let err = expand_word(
        &mut sh,
        &w(vec![pop(
            "nope",
            ParamOp::Error {
                colon: false,
                word: word(vec![lit("gone")]),
            },
        )]),
    )
    .unwrap_err();
    assert_eq!(err.message, "nope: gone");
    sh.options.nounset = true;
    let err = expand_word(&mut sh, &w(vec![var("nope")])).unwrap_err();
    assert_eq!(err.message, "nope: parameter not set");
}

#[test]
fn arithmetic() {
    let mut sh = shell();
    let num = |n| Box::new(ArithExpr::Number(n));
    let e = ArithExpr::Assign {
        name: b"n".to_vec(),
        op: None,
        value: Box::new(ArithExpr::Binary(
            BinaryOp::Add,
            num(2),
            Box::new(ArithExpr::Binary(BinaryOp::Mul, num(3), num(4))),
        )),
        at: 0,
    };
    let text: Box<[u8]> = Box::from(&b"n = 2 + 3 * 4"[..]);
    let word = w(vec![WordPart::Arith(Box::new(Arith::Static { expr: e, text }))]);
    assert_eq!(expand_word(&mut sh, &word).unwrap(), b"14");
    assert_eq!(sh.vars.get(b"n"), Some(&b"14"[..]));
    let div = ArithExpr::Checked { op: BinaryOp::Div, lhs: num(1), rhs: num(0), at: 2 };
    let text: Box<[u8]> = Box::from(&b"1/0"[..]);
    let word = w(vec![WordPart::Arith(Box::new(Arith::Static { expr: div, text }))]);
    assert_eq!(
        expand_word(&mut sh, &word).unwrap_err().message,
        "1/0: division by 0 (error token is \"0\")"
    );
}

#[test]
fn patterns() {
    let mut sh = shell();
    let p = expand_pattern(&mut sh, &w(vec![lit("a*"), q("*")]), Default::default()).unwrap();
    assert!(p.matches(b"axx*"));
    assert!(!p.matches(b"axx"));
    sh.vars.set(b"p", b"x?".to_vec()).unwrap();
    let p = expand_pattern(&mut sh, &w(vec![var("p")]), Default::default()).unwrap();
    assert!(p.matches(b"xy"));
    let p = expand_pattern(&mut sh, &w(vec![dq(vec![var("p")])]), Default::default()).unwrap();
    assert!(!p.matches(b"xy"));
    assert!(p.matches(b"x?"));
}

/// A fresh directory under the system temp dir, unique to this test.
fn tempdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("chitin-expand-{}-{}", tag, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn globbing_bytes() {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let d = tempdir("glob");
    let names: [&[u8]; 6] = [b"b", b"a", b".hidden", b"caf\xe9", b"B", b"\xff\xfe"];
    for n in names {
        std::fs::write(d.join(std::ffi::OsStr::from_bytes(n)), b"").unwrap();
    }
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/x"), b"").unwrap();
    let base = d.clone().into_os_string().into_vec();
    let mut sh = shell();
    let mut pat = base.clone();
    pat.extend_from_slice(b"/*");
    let got = expand_words(&mut sh, &[w(vec![WordPart::Literal(pat)])]).unwrap();
    let rel: Vec<Vec<u8>> = got.iter().map(|f| f[base.len() + 1..].to_vec()).collect();
    let want: Vec<&[u8]> = vec![b"B", b"a", b"b", b"caf\xe9", b"sub", b"\xff\xfe"];
    assert_eq!(rel, want);
    // Quoted star is literal: no match, the word stays.
    let got = expand_words(&mut sh, &[w(vec![WordPart::Quoted(base.clone()), q("/*")])]).unwrap();
    assert_eq!(got.len(), 1);
    assert!(got[0].ends_with(b"/*"));
    // Explicit dot, directories only, nested components.
    let mk = |suffix: &str| {
        let mut p = base.clone();
        p.extend_from_slice(suffix.as_bytes());
        w(vec![WordPart::Literal(p)])
    };
    let rel = |got: Vec<Vec<u8>>| -> Vec<String> {
        got.iter()
            .map(|f| String::from_utf8_lossy(&f[base.len() + 1..]).into_owned())
            .collect()
    };
    assert_eq!(
        rel(expand_words(&mut sh, &[mk("/.h*")]).unwrap()),
        [".hidden"]
    );
    assert_eq!(rel(expand_words(&mut sh, &[mk("/*/")]).unwrap()), ["sub/"]);
    assert_eq!(
        rel(expand_words(&mut sh, &[mk("/s*/?")]).unwrap()),
        ["sub/x"]
    );
    assert_eq!(
        rel(expand_words(&mut sh, &[mk("/[ab]")]).unwrap()),
        ["a", "b"]
    );
    assert_eq!(rel(expand_words(&mut sh, &[mk("/[!ab]")]).unwrap()), ["B"]);
    assert_eq!(
        rel(expand_words(&mut sh, &[mk("/*/nope")]).unwrap()),
        ["*/nope"]
    );
    sh.options.noglob = true;
    assert_eq!(rel(expand_words(&mut sh, &[mk("/*")]).unwrap()), ["*"]);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn glob_many_files_sorted() {
    let d = tempdir("many");
    for i in 0..500 {
        std::fs::write(d.join(format!("f{i:05}")), b"").unwrap();
    }
    use std::os::unix::ffi::OsStringExt;
    let mut pat = d.clone().into_os_string().into_vec();
    pat.extend_from_slice(b"/*");
    let mut sh = shell();
    let t = std::time::Instant::now();
    let got = expand_words(&mut sh, &[w(vec![WordPart::Literal(pat)])]).unwrap();
    let el = t.elapsed();
    assert_eq!(got.len(), 500);
    assert!(got.windows(2).all(|p| p[0] < p[1]));
    eprintln!("glob of 500 files: {el:?}");
    let _ = std::fs::remove_dir_all(&d);
}
