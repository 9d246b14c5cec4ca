//! Reading one record (a line, or up to a delimiter, or a number of characters) from a
//! descriptor for `read`, without consuming input past it.
//!
//! POSIX forbids consuming input past the delimiter, since the rest belongs to the next
//! command. On seekable input we read blocks and keep what was not used for the next `read`
//! (`sys::readahead`, which seeks back before anyone else can see the offset); elsewhere
//! (pipes, terminals) one byte a read, waiting with poll when a timeout or a trapped signal
//! may end the wait.

use std::time::Instant;

use crate::sys::{io, readahead};

/// Where a record ends.
#[derive(Clone, Copy)]
pub struct Limits {
    /// The delimiter; `None` for `read -N`, which ignores it.
    pub delim: Option<u8>,
    /// At most this many characters (`-n`, `-N`).
    pub nchars: Option<usize>,
    /// Backslash is an ordinary byte (`-r`).
    pub raw: bool,
    /// Characters are UTF-8 (for counting them).
    pub utf8: bool,
}

/// How a record ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum End {
    /// The delimiter was read.
    Delim,
    /// The count of characters was reached.
    Count,
    /// End of input first.
    Eof,
    /// The timeout passed first (what was read is kept).
    Timeout,
    /// A signal with a trap arrived first (nothing is assigned).
    Signal(i32),
}

pub struct Record {
    pub text: Vec<u8>,
    /// Per byte: it was escaped by a backslash (so never a field separator). Empty when no
    /// byte was.
    pub escaped: Vec<bool>,
    pub end: End,
}

pub enum ReadError {
    Os(nix::errno::Errno),
    /// The record does not fit in the memory left.
    NoMemory,
}

impl From<nix::errno::Errno> for ReadError {
    fn from(e: nix::errno::Errno) -> Self {
        ReadError::Os(e)
    }
}

/// Accumulates a record, handling backslashes unless raw and counting characters.
struct Builder {
    rec: Record,
    limits: Limits,
    backslash: bool,
    chars: usize,
    /// Continuation bytes still expected for the current UTF-8 character.
    continuation: usize,
}

impl Builder {
    fn push(&mut self, b: u8, escaped: bool) -> Result<(), ReadError> {
        let text = &mut self.rec.text;
        if text.len() == text.capacity() && text.try_reserve(text.len().max(64)).is_err() {
            return Err(ReadError::NoMemory);
        }
        if escaped {
            let esc = &mut self.rec.escaped;
            let want = text.len() + 1;
            if esc.capacity() < want && esc.try_reserve(want.max(64) - esc.len()).is_err() {
                return Err(ReadError::NoMemory);
            }
            esc.resize(text.len(), false);
            esc.push(true);
        }
        text.push(b);
        if self.continuation > 0 && (0x80..0xc0).contains(&b) {
            self.continuation -= 1;
        } else {
            self.chars += 1;
            self.continuation = match b {
                0xc0..=0xdf if self.limits.utf8 => 1,
                0xe0..=0xef if self.limits.utf8 => 2,
                0xf0..=0xf7 if self.limits.utf8 => 3,
                _ => 0,
            };
        }
        Ok(())
    }

    fn counted_out(&self) -> bool {
        self.limits.nchars.is_some_and(|n| self.chars >= n && self.continuation == 0)
    }

    /// Feeds bytes; returns how many were used once the record is complete. The text grows
    /// with fallible allocation: a record bigger than the memory left (`ulimit -v`) fails
    /// `read` instead of aborting the shell.
    fn feed(&mut self, bytes: &[u8]) -> Result<Option<usize>, ReadError> {
        for (i, &b) in bytes.iter().enumerate() {
            if self.backslash {
                self.backslash = false;
                // A backslash-newline continues the line; NUL bytes cannot live in variables.
                if b != b'\n' && b != 0 {
                    self.push(b, true)?;
                }
            } else if Some(b) == self.limits.delim {
                self.rec.end = End::Delim;
                return Ok(Some(i + 1));
            } else if b == b'\\' && !self.limits.raw {
                self.backslash = true;
                continue;
            } else if b != 0 {
                self.push(b, false)?;
            }
            if self.counted_out() {
                self.rec.end = End::Count;
                return Ok(Some(i + 1));
            }
        }
        Ok(None)
    }
}

/// A record made from bytes already read (a line from the editor for `read -e`).
pub fn from_bytes(bytes: &[u8], limits: Limits) -> Result<Record, ReadError> {
    let mut b = Builder {
        rec: Record { text: Vec::new(), escaped: Vec::new(), end: End::Eof },
        limits,
        backslash: false,
        chars: 0,
        continuation: 0,
    };
    b.feed(bytes)?;
    let mut rec = b.rec;
    if !rec.escaped.is_empty() {
        rec.escaped.resize(rec.text.len(), false);
    }
    Ok(rec)
}

/// Reads one record from `fd`, consuming nothing after it. `deadline` (`read -t`) ends a wait
/// on a pipe or terminal; `interrupt`, when given, is asked which trapped signal (if any)
/// should end a blocking wait, which then also watches the signal self-pipe.
pub fn read_record(
    fd: i32,
    limits: Limits,
    deadline: Option<Instant>,
    interrupt: Option<&dyn Fn() -> Option<i32>>,
) -> Result<Record, ReadError> {
    let mut b = Builder {
        rec: Record { text: Vec::new(), escaped: Vec::new(), end: End::Eof },
        limits,
        backslash: false,
        chars: 0,
        continuation: 0,
    };
    if limits.nchars == Some(0) {
        b.rec.end = End::Count;
        return Ok(b.rec);
    }
    if readahead::holds(fd) || io::tell(fd).is_some() {
        // Seekable: what is read past the record waits in `readahead` for the next `read`.
        loop {
            if readahead::consume(fd, |bytes| b.feed(bytes))?.is_some() {
                break;
            }
            if readahead::fill(fd)? == 0 {
                break;
            }
        }
    } else {
        let mut byte = [0u8; 1];
        let wake = match interrupt {
            Some(_) => crate::sys::signal::wake_fd(),
            None => -1,
        };
        loop {
            if let Some(check) = interrupt
                && let Some(sig) = check()
            {
                b.rec.end = End::Signal(sig);
                break;
            }
            if wake >= 0 || deadline.is_some() {
                match io::wait_readable(fd, wake, deadline) {
                    io::Ready::Fd => {}
                    io::Ready::Wake => {
                        crate::sys::signal::drain();
                        continue;
                    }
                    io::Ready::Interrupted => continue,
                    io::Ready::Timeout => {
                        b.rec.end = End::Timeout;
                        break;
                    }
                }
            }
            if io::read(fd, &mut byte)? == 0 {
                break;
            }
            if b.feed(&byte)?.is_some() {
                break;
            }
        }
    }
    let mut rec = b.rec;
    if !rec.escaped.is_empty() {
        rec.escaped.resize(rec.text.len(), false);
    }
    Ok(rec)
}
