//! `mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback]
//! [-c quantum] [array]` and its synonym `readarray`: lines of input into an indexed array.
//!
//! Input is read in large blocks and split with memchr. On seekable input the offset is put
//! back after the last line used, so a `-n` count leaves the rest for the next command; on a
//! pipe a count means one byte a read (as bash), since what is read cannot be given back.

use super::util::{error, lossy, parse_decimal};
use crate::shell::{Shell, Value, is_name};
use crate::shell::vars::IndexedArray;
use crate::sys::io;

/// bash's default for `-c`.
const DEFAULT_QUANTUM: i64 = 5000;

struct Options<'a> {
    delim: u8,
    /// Lines to store; 0 is all.
    count: i64,
    origin: Option<i64>,
    skip: i64,
    chop: bool,
    fd: i32,
    callback: Option<&'a [u8]>,
    quantum: i64,
    array: &'a [u8],
}

fn parse<'a>(sh: &Shell, args: &'a [Vec<u8>]) -> Result<Options<'a>, i32> {
    let mut o = Options {
        delim: b'\n',
        count: 0,
        origin: None,
        skip: 0,
        chop: false,
        fd: 0,
        callback: None,
        quantum: DEFAULT_QUANTUM,
        array: b"MAPFILE",
    };
    let mut scanner = super::options::Scanner::new(args, b"d:n:O:s:u:C:c:t");
    while let Some(opt) = scanner.next(sh)? {
        let (c, Some(val)) = (opt.letter, opt.value) else {
            o.chop = true;
            continue;
        };
        {
            let number = |what: &str, min: i64| -> Result<i64, i32> {
                match parse_decimal(val) {
                    Some(n) if n >= min => Ok(n),
                    _ => {
                        error(sh, args, format!("{}: invalid {what}", lossy(val)));
                        Err(1)
                    }
                }
            };
            match c {
                b'd' => o.delim = val.first().copied().unwrap_or(0),
                b'n' => o.count = number("line count", 0)?,
                b'O' => o.origin = Some(number("array origin", 0)?),
                b's' => o.skip = number("line count", 0)?,
                b'u' => match parse_decimal(val).and_then(|n| i32::try_from(n).ok()) {
                    Some(n) if n >= 0 => o.fd = n,
                    _ => {
                        error(sh, args, format!("{}: invalid file descriptor specification", lossy(val)));
                        return Err(1);
                    }
                },
                b'C' => o.callback = Some(val),
                _ => o.quantum = number("callback quantum", 1)?,
            }
        }
    }
    let i = scanner.index();
    // Operands after the first are ignored, as in bash.
    if let Some(name) = args.get(i) {
        o.array = name;
    }
    Ok(o)
}

pub fn mapfile(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let o = match parse(sh, args) {
        Ok(o) => o,
        Err(status) => return status,
    };
    if !is_name(o.array) {
        error(sh, args, format!("`{}': not a valid identifier", lossy(o.array)));
        return 1;
    }
    if let Err(e) = io::is_open(o.fd) {
        error(sh, args, format!("{}: invalid file descriptor: {}", o.fd, super::util::errno_desc(e)));
        return 1;
    }
    if sh.vars.is_assoc(o.array) {
        error(sh, args, format!("{}: not an indexed array", lossy(o.array)));
        return 1;
    }
    // The array is taken out of the variable (cleared, or kept with -O) and filled here;
    // with a callback, which must see it grow, it stays in the variable instead.
    let taken = sh.vars.modify(o.array, |v, _| match std::mem::take(v) {
        Value::Indexed(a) if o.origin.is_some() => *a,
        Value::Scalar(s) if o.origin.is_some() => IndexedArray::from_values(vec![s]),
        _ => IndexedArray::new(),
    });
    let mut array = match taken {
        Ok(a) => a,
        Err(e) => {
            sh.report_error(&e.to_string());
            return 1;
        }
    };
    if o.callback.is_some() {
        let _ = sh.vars.set_value(o.array, Value::Indexed(Box::new(std::mem::take(&mut array))));
    }
    let mut index = o.origin.unwrap_or(0);
    let mut reader = Lines::new(o.fd, o.delim, o.count > 0);
    let mut status = 0;
    for _ in 0..o.skip {
        match reader.next_line() {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                status = read_error(sh, args, o.fd, e);
                break;
            }
        }
    }
    let mut stored = 0i64;
    while status == 0 && (o.count == 0 || stored < o.count) {
        let mut line = match reader.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => {
                status = read_error(sh, args, o.fd, e);
                break;
            }
        };
        if o.chop && line.last() == Some(&o.delim) {
            line.pop();
        }
        // A variable holds no NUL byte: the line ends at the first one, as in bash.
        if let Some(nul) = crate::sys::mem::find_byte(&line, 0) {
            line.truncate(nul);
        }
        stored += 1;
        let Some(cb) = o.callback else {
            array.set(index, line);
            index += 1;
            continue;
        };
        if stored % o.quantum == 0 {
            // `callback index 'line'`, run before the element is assigned.
            let mut cmd = cb.to_vec();
            cmd.extend_from_slice(format!(" {index} ").as_bytes());
            cmd.extend_from_slice(&crate::shell::quote::single_quote(&line));
            let _ = crate::exec::run_commands(sh, &cmd, sh.lineno);
            if sh.flow.is_some() {
                break;
            }
        }
        if let Err(e) = sh.vars.set_element(o.array, crate::shell::Key::Index(index), line) {
            sh.report_error(&e.to_string());
            status = 1;
        }
        index += 1;
    }
    reader.give_back();
    if o.callback.is_none() {
        let _ = sh.vars.set_value(o.array, Value::Indexed(Box::new(array)));
    }
    status
}

fn read_error(sh: &Shell, args: &[Vec<u8>], fd: i32, e: nix::errno::Errno) -> i32 {
    error(sh, args, format!("read error: {}: {}", fd, super::util::errno_desc(e)));
    1
}

/// Lines of a descriptor, read in blocks.
struct Lines {
    fd: i32,
    delim: u8,
    buf: Vec<u8>,
    /// The unused bytes are `buf[pos..]`.
    pos: usize,
    /// The descriptor's offset at the end of `buf` (seekable input), to give back the rest.
    offset: Option<i64>,
    /// One byte a read: input that cannot be given back, when not all of it is wanted.
    bytewise: bool,
    eof: bool,
}

impl Lines {
    fn new(fd: i32, delim: u8, counted: bool) -> Lines {
        let offset = io::tell(fd);
        Lines {
            fd,
            delim,
            buf: Vec::new(),
            pos: 0,
            offset,
            bytewise: counted && offset.is_none(),
            eof: false,
        }
    }

    /// The next line with its delimiter (the last may have none); `None` at end of input.
    fn next_line(&mut self) -> Result<Option<Vec<u8>>, nix::errno::Errno> {
        // Bytes after `pos` already searched (`fill` may move the unused bytes to the start).
        let mut scanned = 0;
        loop {
            let from = self.pos + scanned;
            if let Some(k) = crate::sys::mem::find_byte(&self.buf[from..], self.delim) {
                let end = from + k + 1;
                let line = self.buf[self.pos..end].to_vec();
                self.pos = end;
                return Ok(Some(line));
            }
            scanned = self.buf.len() - self.pos;
            if self.eof || !self.fill()? {
                self.eof = true;
                if self.pos == self.buf.len() {
                    return Ok(None);
                }
                let line = self.buf[self.pos..].to_vec();
                self.pos = self.buf.len();
                return Ok(Some(line));
            }
        }
    }

    /// Reads more input after what is buffered; `false` at end of input.
    fn fill(&mut self) -> Result<bool, nix::errno::Errno> {
        // Drop the lines already handed out, so the buffer holds about one block.
        if self.pos > 0 && (self.pos == self.buf.len() || self.pos >= 32 * 1024) {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let want = if self.bytewise { 1 } else { 64 * 1024 };
        let len = self.buf.len();
        self.buf.resize(len + want, 0);
        let n = match io::read(self.fd, &mut self.buf[len..]) {
            Ok(n) => n,
            Err(e) => {
                self.buf.truncate(len);
                return Err(e);
            }
        };
        self.buf.truncate(len + n);
        if let Some(off) = self.offset.as_mut() {
            *off += n as i64;
        }
        Ok(n > 0)
    }

    /// Puts a seekable descriptor's offset back after the last line used.
    fn give_back(&self) {
        if let Some(off) = self.offset {
            let unused = (self.buf.len() - self.pos) as i64;
            if unused > 0 {
                let _ = io::seek_to(self.fd, off - unused);
            }
        }
    }
}
