//! Reading one complete command at a time, alias expansion while reading, PS2 continuation
//! requests and recovery after an error.
mod common;
use std::collections::HashMap;

use chitin::syntax::{LineSource, Parser, SliceSource};

fn aliases(pairs: &[(&str, &str)]) -> HashMap<Vec<u8>, Vec<u8>> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect()
}

/// Each command `next_command` returns, rendered, with the parser's line after it.
fn commands(src: &str, al: &HashMap<Vec<u8>, Vec<u8>>) -> String {
    let mut p = Parser::new(SliceSource::new(src.as_bytes()), 1);
    let mut out = String::new();
    for _ in 0..50 {
        match p.next_command(al) {
            Ok(Some(list)) => out.push_str(&format!(
                "-- command (now at line {})\n{}",
                p.line(),
                common::render(&list)
            )),
            Ok(None) => {
                out.push_str("-- end of input\n");
                break;
            }
            Err(e) => {
                out.push_str(&format!("-- error line {}: {}\n", e.line, e.message));
                p.recover();
            }
        }
    }
    out
}

#[test]
fn one_command_at_a_time() {
    insta::assert_snapshot!(commands(
        "echo 1; echo 2\n\n# comment\nif a\nthen b\nfi; echo 3\ncat <<EOF\nbody\nEOF\necho 4",
        &HashMap::new()
    ));
}

#[test]
fn error_then_recover() {
    insta::assert_snapshot!(commands(
        "echo 1\necho 2 )\necho 3\nfi\necho 4\n",
        &HashMap::new()
    ));
}

/// A source that records the continuation flag of each request.
struct Recorder<'a> {
    inner: SliceSource<'a>,
    log: std::rc::Rc<std::cell::RefCell<Vec<bool>>>,
}

impl LineSource for Recorder<'_> {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        self.log.borrow_mut().push(continuation);
        self.inner.next_line(continuation)
    }
}

#[test]
fn continuation_flag_asks_for_ps2() {
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let src = "echo a\n\nif true\nthen\n  echo 'x\ny'\nfi\necho b\n";
    let mut p = Parser::new(
        Recorder {
            inner: SliceSource::new(src.as_bytes()),
            log: log.clone(),
        },
        1,
    );
    let al = HashMap::new();
    let mut seen = Vec::new();
    while let Ok(Some(_)) = p.next_command(&al) {
        seen.push(std::mem::take(&mut *log.borrow_mut()));
    }
    // echo a: one PS1 read; blank line + if...fi: PS1, PS1, then PS2 for the rest; echo b: PS1.
    assert_eq!(
        seen,
        vec![
            vec![false],
            vec![false, false, true, true, true, true],
            vec![false]
        ]
    );
}

#[test]
fn aliases_expand_in_command_position() {
    let al = aliases(&[
        ("ll", "ls -l"),
        ("say", "echo "),
        ("x", "X"),
        ("loop", "loop again"),
        ("a", "b"),
        ("b", "a"),
        ("begin", "if true; then"),
        ("q", "'quoted' "),
    ]);
    insta::assert_snapshot!(commands(
        "ll /tmp\necho ll\nsay ll x\nloop\na\nbegin echo; fi\nq ll\nV=1 ll\n\\ll\n'll'\nll; ll | ll && ll\n",
        &al
    ));
}

#[test]
fn alias_defined_by_earlier_command_applies_to_later_lines() {
    let mut p = Parser::new(SliceSource::new(b"alias greet='echo hi'\ngreet there\n"), 1);
    let mut al = HashMap::new();
    let first = p.next_command(&al).expect("ok").expect("command");
    assert_eq!(first.items.len(), 1);
    // The "executor" defines the alias before the next command is read.
    al.insert(b"greet".to_vec(), b"echo hi".to_vec());
    let second = p.next_command(&al).expect("ok").expect("command");
    insta::assert_snapshot!(common::render(&second));
}
