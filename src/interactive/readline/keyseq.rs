//! Key sequences as readline writes them (`"\C-x\C-r"`, `"\e[A"`, `Meta-Rubout`): parsed into
//! the bytes a terminal sends, shown back in bash's form (`bind -p`), and turned into the key
//! events rustyline decodes those bytes into.

use rustyline::{KeyCode as K, KeyEvent, Modifiers as M};

/// The bytes of a quoted key sequence's inside (`\C-x\C-r`, `\e[A`, `\M-.`, `\t`, `\177`,
/// `\x7f`, `\\`, `\"`). `\M-x` is ESC then x, as readline sends meta with convert-meta off.
pub fn parse_quoted(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    // A pending \C- or \M- applies to the next key.
    let (mut ctrl, mut meta) = (false, false);
    while i < text.len() {
        let c = text[i];
        let mut key = c;
        if c == b'\\' && i + 1 < text.len() {
            let next = text[i + 1];
            if (next == b'C' || next == b'M') && text.get(i + 2) == Some(&b'-') {
                if next == b'C' {
                    ctrl = true;
                } else {
                    meta = true;
                }
                i += 3;
                continue;
            }
            i += 2;
            key = match next {
                b'e' => 0x1b,
                b'a' => 0x07,
                b'b' => 0x08,
                b'd' => 0x7f,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'v' => 0x0b,
                b'0'..=b'7' => {
                    let mut v = u32::from(next - b'0');
                    let mut n = 1;
                    while n < 3 && i < text.len() && (b'0'..=b'7').contains(&text[i]) {
                        v = v * 8 + u32::from(text[i] - b'0');
                        i += 1;
                        n += 1;
                    }
                    (v & 0xff) as u8
                }
                b'x' => {
                    let mut v = 0u32;
                    let mut n = 0;
                    while n < 2 && i < text.len() && text[i].is_ascii_hexdigit() {
                        v = v * 16 + (text[i] as char).to_digit(16).unwrap_or(0);
                        i += 1;
                        n += 1;
                    }
                    v as u8
                }
                other => other,
            };
        } else {
            i += 1;
        }
        if ctrl {
            key = control(key);
            ctrl = false;
        }
        if meta {
            out.push(0x1b);
            meta = false;
        }
        out.push(key);
    }
    out
}

/// `C-` applied to a key: `?` is DEL, letters and `@[\]^_` their control codes.
fn control(key: u8) -> u8 {
    match key {
        b'?' => 0x7f,
        k => k.to_ascii_uppercase() & 0x1f,
    }
}

/// The bytes of a key name as an unquoted binding names it: `Control-u`, `C-u`, `Meta-Rubout`,
/// `M-x`, `TAB`, `ESC`, `RET`, a plain character.
pub fn parse_name(name: &[u8]) -> Option<Vec<u8>> {
    let mut rest = name;
    let (mut ctrl, mut meta) = (false, false);
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = [&b"control-"[..], b"c-"].iter().find_map(|p| lower.strip_prefix(*p)) {
            ctrl = true;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = [&b"meta-"[..], b"m-"].iter().find_map(|p| lower.strip_prefix(*p)) {
            meta = true;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let key = match rest.to_ascii_lowercase().as_slice() {
        b"del" | b"rubout" => 0x7f,
        b"esc" | b"escape" => 0x1b,
        b"lfd" | b"newline" => b'\n',
        b"ret" | b"return" => b'\r',
        b"space" | b"spc" => b' ',
        b"tab" => b'\t',
        _ if rest.len() == 1 => rest[0],
        _ => return None,
    };
    let key = if ctrl { control(key) } else { key };
    Some(if meta { vec![0x1b, key] } else { vec![key] })
}

/// A key sequence in bash's `bind -p` form: `\C-a`, `\e`, `\C-?`, `\\`, `\"`. With `meta`
/// (bash in a locale that is not UTF-8, where readline converts meta characters), an ESC
/// followed by a key shows as `\M-`.
pub fn show(keys: &[u8], meta: bool) -> String {
    let mut out = String::new();
    for (i, &b) in keys.iter().enumerate() {
        match b {
            0x1b if meta && i + 1 < keys.len() => out.push_str("\\M-"),
            0x1b => out.push_str("\\e"),
            0x7f => out.push_str("\\C-?"),
            0..=0x1f => {
                out.push_str("\\C-");
                match (b + 0x40).to_ascii_lowercase() {
                    b'\\' => out.push_str("\\\\"),
                    c => out.push(c as char),
                }
            }
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out
}

/// The key events rustyline reads for these bytes (escape sequences of the arrow and editing
/// keys decoded as its terminal reader does), or `None` for a sequence it cannot tell apart.
pub fn events(keys: &[u8]) -> Option<Vec<KeyEvent>> {
    let text = std::str::from_utf8(keys).ok()?;
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\x1b' || i + 1 >= chars.len() {
            out.push(KeyEvent::new(c, M::NONE));
            i += 1;
            continue;
        }
        let next = chars[i + 1];
        match next {
            '[' | 'O' => {
                // CSI or SS3: parameters, then a final letter or `~`.
                let start = i + 2;
                let end = (start..chars.len()).find(|&j| chars[j].is_ascii_alphabetic() || chars[j] == '~')?;
                let params: String = chars[start..end].iter().collect();
                out.push(special_key(&params, chars[end])?);
                i = end + 1;
            }
            _ => {
                out.push(KeyEvent::new(next, M::ALT));
                i += 2;
            }
        }
    }
    Some(out)
}

/// The key of `ESC [ params final` (or `ESC O final`), with xterm's `1;m` modifiers.
fn special_key(params: &str, last: char) -> Option<KeyEvent> {
    let mut parts = params.split(';');
    let first = parts.next().unwrap_or("");
    let mods = match parts.next() {
        None => M::NONE,
        Some(m) => match m {
            "2" => M::SHIFT,
            "3" => M::ALT,
            "4" => M::ALT | M::SHIFT,
            "5" => M::CTRL,
            "6" => M::CTRL | M::SHIFT,
            "7" => M::CTRL | M::ALT,
            "8" => M::CTRL | M::ALT | M::SHIFT,
            _ => return None,
        },
    };
    let code = match (first, last) {
        (_, 'A') => K::Up,
        (_, 'B') => K::Down,
        (_, 'C') => K::Right,
        (_, 'D') => K::Left,
        (_, 'H') => K::Home,
        (_, 'F') => K::End,
        (_, 'Z') => K::BackTab,
        ("1" | "7", '~') => K::Home,
        ("2", '~') => K::Insert,
        ("3", '~') => K::Delete,
        ("4" | "8", '~') => K::End,
        ("5", '~') => K::PageUp,
        ("6", '~') => K::PageDown,
        _ => return None,
    };
    // `ESC [ 5 C` (old rxvt) is Ctrl with the arrow.
    let mods = if first == "5" && last != '~' { M::CTRL } else { mods };
    Some(KeyEvent(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_sequences() {
        assert_eq!(parse_quoted(br"\C-x\C-r"), b"\x18\x12");
        assert_eq!(parse_quoted(br"\e[A"), b"\x1b[A");
        assert_eq!(parse_quoted(br"\M-."), b"\x1b.");
        assert_eq!(parse_quoted(br"\C-?\177\x7f\t"), b"\x7f\x7f\x7f\t");
        assert_eq!(parse_quoted(br#"\\\"a"#), b"\\\"a");
        assert_eq!(parse_quoted(br"\M-\C-h"), b"\x1b\x08");
    }

    #[test]
    fn key_names() {
        assert_eq!(parse_name(b"Control-u"), Some(b"\x15".to_vec()));
        assert_eq!(parse_name(b"Meta-Rubout"), Some(b"\x1b\x7f".to_vec()));
        assert_eq!(parse_name(b"C-M-h"), Some(b"\x1b\x08".to_vec()));
        assert_eq!(parse_name(b"TAB"), Some(b"\t".to_vec()));
        assert_eq!(parse_name(b"nonsense"), None);
    }

    #[test]
    fn shown_as_bash_does() {
        assert_eq!(show(b"\x18\x12", false), r"\C-x\C-r");
        assert_eq!(show(b"\x1b.", false), r"\e.");
        assert_eq!(show(b"\x1b\x1b[D", true), r"\M-\M-[D");
        assert_eq!(show(b"\x7f\t\"", false), r#"\C-?\C-i\""#);
    }

    #[test]
    fn events_as_rustyline_reads_them() {
        assert_eq!(events(b"\x18\x12"), Some(vec![KeyEvent::ctrl('X'), KeyEvent::ctrl('R')]));
        assert_eq!(events(b"\x1b."), Some(vec![KeyEvent::alt('.')]));
        assert_eq!(events(b"\x1b[1;5C"), Some(vec![KeyEvent(K::Right, M::CTRL)]));
        assert_eq!(events(b"\x1b[3~"), Some(vec![KeyEvent(K::Delete, M::NONE)]));
        assert_eq!(events(b"\x1bOA"), Some(vec![KeyEvent(K::Up, M::NONE)]));
        assert_eq!(events(b"\x1b[200~"), None);
    }
}
