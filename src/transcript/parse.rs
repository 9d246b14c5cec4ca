//! Reading a `.t` file: cram's format.
//!
//! Lines starting with the indent (two spaces) and `$ ` are commands, with `> ` continuation
//! lines; other indented lines are the output expected of the command above them; `[N]` is its
//! exit status when not 0; anything at column 0 is prose, kept as it is. The commands are
//! turned into one script for one shell, each preceded by `echo SALT LINE $?`, so the output of
//! the whole file splits back into each command's output and status.

use std::collections::HashMap;

/// A parsed transcript, ready to run.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    /// The file's lines, each ending with a newline (one is added to a last line without).
    pub lines: Vec<Vec<u8>>,
    /// The script the shell reads on its standard input.
    pub script: Vec<u8>,
    /// The lines that follow a command's output (its next command, continuation and prose
    /// lines), by the index of the command's `$ ` line; -1 for what precedes the first command.
    pub after: HashMap<isize, Vec<Vec<u8>>>,
    /// The marker the shell echoes between commands.
    pub salt: Vec<u8>,
    /// Problems in the file, with their line numbers (1-based).
    pub errors: Vec<(usize, String)>,
}

/// Parses `content` with commands at `indent` spaces; `salt` is a marker no command prints.
pub fn parse(content: &[u8], indent: usize, salt: &[u8]) -> Transcript {
    let pad = vec![b' '; indent];
    let cmdline = [pad.as_slice(), b"$ "].concat();
    let conline = [pad.as_slice(), b"> "].concat();
    let mut t = Transcript { salt: salt.to_vec(), ..Transcript::default() };
    let (mut pos, mut prepos): (isize, isize) = (-1, -1);
    let mut count = 0;
    for (i, raw) in content.split_inclusive(|&b| b == b'\n').enumerate() {
        count = i + 1;
        let mut line = raw.to_vec();
        if !line.ends_with(b"\n") {
            line.push(b'\n');
        }
        if line.starts_with(&cmdline) {
            t.after.entry(pos).or_default().push(line.clone());
            prepos = pos;
            pos = i as isize;
            push_salt(&mut t.script, salt, i);
            t.script.extend_from_slice(&line[cmdline.len()..]);
        } else if line.starts_with(&conline) {
            if pos < 0 {
                t.errors.push((i + 1, "a '> ' continuation line with no '$ ' command before it".into()));
            }
            t.after.entry(prepos).or_default().push(line.clone());
            t.script.extend_from_slice(&line[conline.len()..]);
        } else if !line.starts_with(&pad) {
            t.after.entry(pos).or_default().push(line.clone());
        }
        t.lines.push(line);
    }
    push_salt(&mut t.script, salt, count);
    t
}

fn push_salt(script: &mut Vec<u8>, salt: &[u8], line: usize) {
    script.extend_from_slice(b"echo ");
    script.extend_from_slice(salt);
    script.extend_from_slice(format!(" {line} $?\n").as_bytes());
}

/// The file as it would read with the output the shell gave: `output` is everything the
/// shell wrote (stdout and stderr merged). `tmpdir` is replaced by `$TMPDIR` in it.
pub fn actual_lines(t: &Transcript, output: &[u8], indent: usize, tmpdir: &[u8]) -> Vec<Vec<u8>> {
    let pad = vec![b' '; indent];
    let mut after = t.after.clone();
    let mut post = Vec::new();
    let mut pos: isize = -1;
    let body = &output[..output.len().saturating_sub(1)];
    for line in body.split_inclusive(|&b| b == b'\n') {
        let (out, cmd) = match find(line, &t.salt) {
            Some(at) => (&line[..at], Some(&line[at + t.salt.len()..])),
            None => (line, None),
        };
        if !out.is_empty() {
            // prysk escapes after adding ` (no-eol)`, so such a line reads `... (no-eol) (esc)`.
            let mut text = match out.strip_suffix(b"\n") {
                Some(text) => super::escape::escape_output(text),
                None => super::escape::escape_output(&[out, b" (no-eol)"].concat()),
            };
            if !tmpdir.is_empty() {
                text = replace_all(&text, tmpdir, b"$TMPDIR");
            }
            post.push([pad.as_slice(), &text, b"\n"].concat());
        }
        if let Some(cmd) = cmd {
            let mut fields = cmd.split(|b| b.is_ascii_whitespace()).filter(|f| !f.is_empty());
            let line_no = fields.next().and_then(parse_int);
            let status = fields.next().and_then(parse_int);
            if let Some(status) = status
                && status != 0
            {
                post.push(format!("{}[{status}]\n", " ".repeat(indent)).into_bytes());
            }
            post.extend(after.remove(&pos).unwrap_or_default());
            if let Some(n) = line_no {
                pos = n;
            }
        }
    }
    post.extend(after.remove(&pos).unwrap_or_default());
    post
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn parse_int(b: &[u8]) -> Option<isize> {
    std::str::from_utf8(b).ok()?.parse().ok()
}

fn replace_all(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_output_by_command() {
        let file = b"prose\n  $ echo hi\n  hi\n  $ false\n";
        let t = parse(file, 2, b"SALT");
        assert_eq!(t.script, b"echo SALT 1 $?\necho hi\necho SALT 3 $?\nfalse\necho SALT 4 $?\n");
        let out = b"SALT 1 0\nhi\nSALT 3 0\nSALT 4 1\n";
        let post = actual_lines(&t, out, 2, b"");
        let post: Vec<u8> = post.concat();
        assert_eq!(post, b"prose\n  $ echo hi\n  hi\n  $ false\n  [1]\n");
    }
}
