//! Line input on a terminal that cannot move the cursor (`TERM=dumb`, `emacs`, `cons25`).
//!
//! rustyline gives up on such terminals and reads a plain line, so the arrow keys' escape
//! sequences and ^L went into the command as raw bytes. Here, as readline does there, the line
//! is only ever added to or erased at its end (erasing with backspace, space, backspace):
//! escape sequences and other control characters are read and dropped, ^L shows the line again
//! on a new line, and Up/Down replace the line with a history entry. The line is bytes all
//! along (nothing to decode).
//!
//! Inside Emacs (`INSIDE_EMACS` or `EMACS` set) the terminal is Emacs's buffer, which edits
//! the line itself and sends it whole: the shell then reads plain lines ([`super::PlainReader`]).

use std::os::fd::AsFd;

use nix::sys::termios::{InputFlags, LocalFlags, SpecialCharacterIndices, Termios};

use super::prompt::PromptText;
use super::{LineReader, PlainReader, ReadResult};
use crate::shell::Shell;
use crate::sys::fd::write_all;

/// Terminals rustyline cannot drive (its own list).
pub fn is_dumb(term: Option<&[u8]>) -> bool {
    matches!(term, Some(b"dumb" | b"emacs" | b"cons25"))
}

/// Whether the shell runs in an Emacs buffer (shell-mode sets these).
pub fn inside_emacs(sh: &Shell) -> bool {
    sh.vars.get(b"INSIDE_EMACS").is_some() || sh.vars.get(b"EMACS").is_some()
}

#[derive(Default)]
pub struct DumbReader {
    /// The shell's single-line history entries, for Up and Down.
    history: Vec<Vec<u8>>,
    /// (generation, length) of the shell's history that `history` was copied from.
    synced: Option<(u64, usize)>,
}

/// Restores the terminal's modes when the read ends, however it ends.
struct RawMode(Termios);

impl RawMode {
    fn enter() -> Option<RawMode> {
        let stdin = std::io::stdin();
        let saved = crate::sys::tty::tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        // Keys one at a time, no echo (we echo), ^C/^Z as bytes; output processing stays on.
        raw.local_flags &=
            !(LocalFlags::ECHO | LocalFlags::ICANON | LocalFlags::IEXTEN | LocalFlags::ISIG);
        raw.input_flags &= !(InputFlags::ICRNL | InputFlags::IXON);
        raw.control_chars[SpecialCharacterIndices::VMIN as usize] = 1;
        raw.control_chars[SpecialCharacterIndices::VTIME as usize] = 0;
        crate::sys::tty::tcsetattr(stdin.as_fd(), &raw).ok()?;
        Some(RawMode(saved))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crate::sys::tty::tcsetattr(std::io::stdin().as_fd(), &self.0);
    }
}

/// One byte from fd 0; `None` at end of input or on an error.
fn read_byte() -> Option<u8> {
    let mut b = [0u8; 1];
    loop {
        match nix::unistd::read(std::io::stdin().as_fd(), &mut b) {
            Ok(1) => return Some(b[0]),
            Ok(_) => return None,
            // A hangup ends the read (the shell then leaves); other signals do not.
            Err(nix::errno::Errno::EINTR) if !crate::sys::signal::hangup_pending() => continue,
            Err(_) => return None,
        }
    }
}

/// Reads the rest of an escape sequence (ESC already read); the key it names, if we use it.
fn escape_sequence() -> Option<u8> {
    match read_byte()? {
        // CSI: parameters, then a final byte in 0x40..=0x7e.
        b'[' => loop {
            let b = read_byte()?;
            if (0x40..=0x7e).contains(&b) {
                return Some(b);
            }
        },
        // SS3: one byte (keypad arrows).
        b'O' => read_byte(),
        // Alt-key: dropped.
        _ => None,
    }
}

/// Bytes of the last character of `line` (a UTF-8 sequence, or one byte).
fn last_char_len(line: &[u8]) -> usize {
    let mut n = 1;
    while n < line.len().min(4) && line[line.len() - n] & 0xC0 == 0x80 {
        n += 1;
    }
    let lead = line.len().saturating_sub(n);
    if n > 1 && line.get(lead).is_some_and(|&b| b >= 0xC0) {
        n
    } else {
        1.min(line.len())
    }
}

/// Erases `n` characters before the cursor on the screen.
fn rub_out(n: usize) {
    write_all(2, &b"\x08 \x08".repeat(n));
}

/// How many characters `bytes` shows as (UTF-8 sequences count once, any other byte once).
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl DumbReader {
    /// Shows `entry` in place of `line`.
    fn replace(line: &mut Vec<u8>, entry: &[u8]) {
        rub_out(char_count(line));
        line.clear();
        line.extend_from_slice(entry);
        write_all(2, line);
    }
}

impl LineReader for DumbReader {
    fn read_line(&mut self, prompt: &PromptText, continuation: bool) -> ReadResult {
        let Some(_mode) = RawMode::enter() else {
            return PlainReader.read_line(prompt, continuation);
        };
        write_all(2, prompt.raw.as_bytes());
        let mut line: Vec<u8> = Vec::new();
        // Position in history while Up/Down browse it (len: the line being typed).
        let mut at = self.history.len();
        let mut typed: Vec<u8> = Vec::new();
        loop {
            let Some(b) = read_byte() else {
                write_all(2, b"\n");
                return if line.is_empty() {
                    ReadResult::Eof
                } else {
                    ReadResult::Line(line)
                };
            };
            match b {
                b'\r' | b'\n' => {
                    write_all(2, b"\n");
                    return ReadResult::Line(line);
                }
                0x03 => {
                    write_all(2, b"^C\n");
                    return ReadResult::Interrupted;
                }
                0x04 if line.is_empty() => {
                    write_all(2, b"\n");
                    return ReadResult::Eof;
                }
                0x7f | 0x08 => {
                    let n = last_char_len(&line);
                    if n > 0 {
                        line.truncate(line.len() - n);
                        rub_out(1);
                    }
                }
                // ^U: the whole line; ^W: the word before the cursor.
                0x15 => Self::replace(&mut line, b""),
                0x17 => {
                    let end = line.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
                    let start = line[..end].iter().rposition(|&c| c == b' ').map_or(0, |i| i + 1);
                    rub_out(char_count(&line[start..]));
                    line.truncate(start);
                }
                // ^L: the prompt and the line again, on a line of their own.
                0x0c => {
                    write_all(2, b"\n");
                    write_all(2, prompt.raw.as_bytes());
                    write_all(2, &line);
                }
                0x1b => match escape_sequence() {
                    Some(b'A') if at > 0 => {
                        if at == self.history.len() {
                            typed = line.clone();
                        }
                        at -= 1;
                        Self::replace(&mut line, &self.history[at]);
                    }
                    Some(b'B') if at < self.history.len() => {
                        at += 1;
                        let entry = self.history.get(at).unwrap_or(&typed).clone();
                        Self::replace(&mut line, &entry);
                    }
                    _ => {}
                },
                // Other control characters (Tab included) are not part of a typed command.
                0x00..=0x1f => {}
                _ => {
                    line.push(b);
                    write_all(2, &[b]);
                }
            }
        }
    }

    fn prepare(&mut self, sh: &mut Shell) {
        let now = (sh.history.generation(), sh.history.len());
        if self.synced == Some(now) {
            return;
        }
        self.synced = Some(now);
        // Only single-line entries: a multi-line one cannot be shown on one line here.
        self.history = sh
            .history
            .entries()
            .iter()
            .filter(|e| !e.contains(&b'\n'))
            .cloned()
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_erased_whole() {
        assert_eq!(last_char_len(b""), 0);
        assert_eq!(last_char_len(b"ab"), 1);
        assert_eq!(last_char_len("a\u{e9}".as_bytes()), 2);
        assert_eq!(last_char_len("\u{1F600}".as_bytes()), 4);
        assert_eq!(last_char_len(b"a\xe9"), 1);
        assert_eq!(last_char_len(b"\x80\x80"), 1);
        assert_eq!(char_count("a\u{e9}b".as_bytes()), 3);
    }
}
