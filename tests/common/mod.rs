//! Shared helpers for the parser tests: a readable, span-free rendering of the AST.
#![allow(dead_code)]

use chitin::syntax::parse_program;

/// The AST of `src`, rendered readably (byte strings as text, spans dropped), or the error.
pub fn dump(src: &str) -> String {
    match parse_program(src.as_bytes()) {
        Ok(list) => render(&list),
        Err(e) => format!("error at {}:{}: {}", e.line, e.column, e.message),
    }
}

/// `dump` of several inputs, each headed by its source.
pub fn dump_all(srcs: &[&str]) -> String {
    let mut out = String::new();
    for s in srcs {
        out.push_str("=== ");
        out.push_str(&s.replace('\n', "\\n"));
        out.push('\n');
        out.push_str(&dump(s));
        out.push('\n');
    }
    out
}

/// The syntax error message for `src` (with line and column).
pub fn error(src: &str) -> String {
    match parse_program(src.as_bytes()) {
        Ok(_) => "no error".to_string(),
        Err(e) => format!(
            "line {}, column {}{}: {}",
            e.line,
            e.column,
            if e.incomplete { " (incomplete)" } else { "" },
            e.message
        ),
    }
}

pub fn render<T: std::fmt::Debug>(v: &T) -> String {
    let s = format!("{v:?}");
    let s = strip_spans(&s);
    let s = bytes_to_text(&s);
    pretty(&s)
}

fn strip_spans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(", span: Span {") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let close = after.find('}').map(|j| j + 1).unwrap_or(after.len());
        rest = &after[close..];
    }
    out.push_str(rest);
    out.replace("Span { start: 0, end: 0, line: 0 }", "-")
}

/// `[104, 105]` (a `Vec<u8>`) becomes `"hi"`.
fn bytes_to_text(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'[' {
            let mut j = i + 1;
            let mut nums = Vec::new();
            let mut ok = false;
            loop {
                let st = j;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if j == st {
                    break;
                }
                match s[st..j].parse::<u32>() {
                    Ok(n) if n < 256 => nums.push(n as u8),
                    _ => break,
                }
                if b.get(j) == Some(&b']') {
                    ok = true;
                    j += 1;
                    break;
                }
                if s[j..].starts_with(", ") {
                    j += 2;
                } else {
                    break;
                }
            }
            if ok {
                out.push('"');
                for c in nums {
                    match c {
                        b'"' => out.push_str("\\\""),
                        b'\\' => out.push_str("\\\\"),
                        b'\n' => out.push_str("\\n"),
                        b'\t' => out.push_str("\\t"),
                        0x20..=0x7e => out.push(c as char),
                        _ => out.push_str(&format!("\\x{c:02x}")),
                    }
                }
                out.push('"');
                i = j;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Breaks Debug output into indented lines, keeping short groups on one line.
fn pretty(s: &str) -> String {
    #[derive(Debug)]
    enum Node {
        Text(String),
        Group(String, char, Vec<Node>, char),
    }
    fn parse(chars: &[char], i: &mut usize) -> Vec<Node> {
        // Items separated by ", " until a closer.
        let mut items = Vec::new();
        let mut cur = String::new();
        while *i < chars.len() {
            let c = chars[*i];
            match c {
                '"' => {
                    cur.push(c);
                    *i += 1;
                    while *i < chars.len() {
                        let d = chars[*i];
                        cur.push(d);
                        *i += 1;
                        if d == '\\' && *i < chars.len() {
                            cur.push(chars[*i]);
                            *i += 1;
                        } else if d == '"' {
                            break;
                        }
                    }
                }
                '(' | '[' | '{' => {
                    *i += 1;
                    let close = match c {
                        '(' => ')',
                        '[' => ']',
                        _ => '}',
                    };
                    let kids = parse(chars, i);
                    *i += 1; // closer
                    let head = std::mem::take(&mut cur);
                    items.push(Node::Group(head, c, kids, close));
                }
                ')' | ']' | '}' => break,
                ',' => {
                    if !cur.trim().is_empty() {
                        items.push(Node::Text(std::mem::take(&mut cur).trim().to_string()));
                    }
                    cur.clear();
                    *i += 1;
                }
                _ => {
                    cur.push(c);
                    *i += 1;
                }
            }
        }
        if !cur.trim().is_empty() {
            items.push(Node::Text(cur.trim().to_string()));
        }
        items
    }
    fn head(h: &str, o: char) -> String {
        let h = h.trim();
        if !h.is_empty() && (o == '{' || h.ends_with(':')) {
            format!("{h} ")
        } else {
            h.to_string()
        }
    }
    fn flat(n: &Node) -> String {
        match n {
            Node::Text(t) => t.clone(),
            Node::Group(h, o, kids, c) => {
                let inner: Vec<String> = kids.iter().map(flat).collect();
                if *o == '{' {
                    format!("{}{{ {} }}", head(h, *o), inner.join(", "))
                } else {
                    format!("{}{}{}{}", head(h, *o), o, inner.join(", "), c)
                }
            }
        }
    }
    fn render(n: &Node, indent: usize, out: &mut String) {
        let f = flat(n);
        if f.len() + indent <= 100 {
            out.push_str(&" ".repeat(indent));
            out.push_str(&f);
            out.push('\n');
            return;
        }
        match n {
            Node::Text(t) => {
                out.push_str(&" ".repeat(indent));
                out.push_str(t);
                out.push('\n');
            }
            Node::Group(h, o, kids, c) => {
                out.push_str(&" ".repeat(indent));
                out.push_str(&head(h, *o));
                out.push(*o);
                out.push('\n');
                for k in kids {
                    render(k, indent + 2, out);
                }
                out.push_str(&" ".repeat(indent));
                out.push(*c);
                out.push('\n');
            }
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let nodes = parse(&chars, &mut i);
    let mut out = String::new();
    for n in &nodes {
        render(n, 0, &mut out);
    }
    out
}
