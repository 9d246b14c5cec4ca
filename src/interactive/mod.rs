//! The interactive shell: line editor, prompts, history, completion, startup files.
//!
//! Scripts, `-c` and piped standard input never come here, so they never load terminal code.
//!
//! ## How the run loop drives an interactive shell
//!
//! ```text
//! let ia = Interactive::new(&mut sh);          // after startup files; picks the reader
//! let mut parser = Parser::new(ia.source(), 1);
//! loop {
//!     ia.before_prompt(&mut sh);               // (after Done notices and reclaiming the tty)
//!     match parser.next_command(&sh.aliases) {
//!         Ok(Some(cmd)) => { ia.command_read(&mut sh); run cmd }
//!         Ok(None) | Err(_) if ia.take_interrupted() => { sh.last_status = 130; parser.recover() }
//!         Ok(None) => break,                   // Ctrl-D on an empty line: EOF
//!         Err(e) => { ia.command_read(&mut sh); report e; parser.recover() }
//!     }
//! }
//! ```
//!
//! `before_prompt` expands PS1 and PS2 (the source cannot reach the shell while the parser
//! owns it) and hands the editor what completion needs. `command_read` turns every line read
//! since the last `before_prompt` into ONE history entry, so an `if` typed over three PS2
//! lines is recalled as a whole. Ctrl-C makes the source return end of input with the
//! interrupt flag set; `take_interrupted` tells the loop to discard the command.

pub mod complete;
pub mod dumb;
pub mod editor;
pub mod editor_text;
pub mod highlight;
pub mod histexp;
pub mod keys;
pub mod history;
pub mod progcomp;
pub mod prompt;
pub mod readline;
pub mod repl;
pub mod startup;
pub mod time;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::os::fd::AsFd;
use std::rc::Rc;

use crate::shell::Shell;
use crate::syntax::LineSource;
use prompt::PromptText;

/// What one read from the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadResult {
    /// A line without its newline (may hold newlines when a multi-line entry was recalled).
    Line(Vec<u8>),
    /// Ctrl-X Ctrl-E on this line: it goes to history and `fc -e` edits and runs it.
    EditThenRun(Vec<u8>),
    /// Ctrl-C: the line (and the command being entered) is discarded.
    Interrupted,
    /// Ctrl-D on an empty line, or the input is gone.
    Eof,
}

/// A way of reading lines from the user: the rustyline editor on a terminal, or plain reads
/// when standard input is not one (`chitin -i < file`, tests).
pub trait LineReader {
    /// Shows `prompt` (on stderr / the terminal) and reads one line.
    fn read_line(&mut self, prompt: &PromptText, continuation: bool) -> ReadResult;
    /// Called before every PS1 with the shell, to pick up option changes (`set -o vi`),
    /// history and the names completion offers.
    fn prepare(&mut self, _sh: &mut Shell) {}
}

/// Reads from fd 0 a byte at a time (never past the newline: commands share the input).
pub struct PlainReader;

impl LineReader for PlainReader {
    fn read_line(&mut self, prompt: &PromptText, _continuation: bool) -> ReadResult {
        crate::sys::fd::write_all(2, prompt.raw.as_bytes());
        let stdin = std::io::stdin();
        let mut line = Vec::new();
        let mut b = [0u8; 1];
        loop {
            match nix::unistd::read(stdin.as_fd(), &mut b) {
                Ok(0) => {
                    return if line.is_empty() {
                        ReadResult::Eof
                    } else {
                        ReadResult::Line(line)
                    };
                }
                Ok(_) if b[0] == b'\n' => return ReadResult::Line(line),
                Ok(_) => line.push(b[0]),
                // A hangup ends the read (the shell then leaves); other signals do not.
                Err(nix::errno::Errno::EINTR) if !crate::sys::signal::hangup_pending() => continue,
                Err(_) => return ReadResult::Eof,
            }
        }
    }
}

struct Inner {
    reader: Box<dyn LineReader>,
    ps1: PromptText,
    ps2: PromptText,
    /// Lines of a recalled multi-line entry not yet handed to the parser.
    pending: VecDeque<Vec<u8>>,
    /// Every line read for the command being entered, for its history entry.
    current: Vec<u8>,
    interrupted: bool,
    /// ^D at a PS2 prompt cut the command being entered short.
    eof_at_ps2: bool,
    ignoreeof: bool,
    /// Consecutive Ctrl-D refused because of `ignoreeof`.
    eofs: u32,
    /// [`Interactive::read_ahead`] met end of input: the parser's next read gets `None`.
    eof: bool,
    /// History expansion of the lines read (`set -H`).
    expansion: Expansion,
    /// History expansion failed (or `:p` only printed): the command being entered is
    /// dropped, as after ^C but leaving `$?` alone.
    discarded: bool,
    /// Ctrl-X Ctrl-E: the line typed, stored in history before the `fc` command that edits it.
    edited: Option<Vec<u8>>,
}

/// What history expansion needs while the parser owns the source: the options and a copy
/// of the history as it was at the prompt (refreshed like the editor's).
#[derive(Default)]
struct Expansion {
    on: bool,
    chars: Option<histexp::Chars>,
    extglob: bool,
    entries: Vec<Vec<u8>>,
    first: usize,
    /// (generation, length) of `sh.history` that `entries` matches.
    synced: (u64, usize),
    state: histexp::State,
}

impl Expansion {
    fn prepare(&mut self, sh: &Shell) {
        self.on = sh.options.histexpand;
        if !self.on {
            return;
        }
        self.chars = Some(histexp::Chars::from_var(sh.vars.get(b"histchars")));
        self.extglob = sh.options.shopts.get(crate::shell::options::Shopt::Extglob);
        self.state = sh.history.expansion.clone();
        let h = &sh.history;
        let (generation, len) = self.synced;
        if generation != h.generation() || len > h.len() {
            self.entries = h.entries().to_vec();
        } else {
            self.entries.extend_from_slice(&h.entries()[len..]);
        }
        self.first = h.first_number();
        self.synced = (h.generation(), h.len());
    }

    /// Expands one line read; prints the result when it changed (bash shows it on stderr).
    fn apply(&mut self, line: Vec<u8>) -> Result<Vec<u8>, Option<Vec<u8>>> {
        use histexp::Expanded;
        let Some(chars) = self.chars.filter(|_| self.on) else {
            return Ok(line);
        };
        let events = histexp::Events {
            entries: &self.entries,
            first: self.first,
        };
        match histexp::expand(&line, events, chars, self.extglob, &mut self.state) {
            Ok(Expanded::Unchanged) => Ok(line),
            Ok(Expanded::Changed(mut l)) => {
                l.push(b'\n');
                crate::sys::fd::write_all(2, &l);
                l.pop();
                Ok(l)
            }
            Ok(Expanded::PrintOnly(mut l)) => {
                l.push(b'\n');
                crate::sys::fd::write_all(2, &l);
                l.pop();
                Err(Some(l))
            }
            Err(e) => {
                crate::sys::fd::write_all(2, format!("chitin: {e}\n").as_bytes());
                Err(None)
            }
        }
    }
}

/// The interactive front end; cheap handles to it are the parser's [`LineSource`].
pub struct Interactive {
    inner: Rc<RefCell<Inner>>,
    shell: ShellSlot,
}

/// Where the shell is while the line editor reads: the parser reading the command holds the
/// source, not the shell, so the shell is moved here for that time ([`Interactive::lend`])
/// and the editor's completion can run shell functions with it.
pub type ShellSlot = Rc<RefCell<Option<Shell>>>;

/// The [`LineSource`] the parser reads an interactive shell's commands from.
pub struct InteractiveSource {
    inner: Rc<RefCell<Inner>>,
}

/// True when the shell should use the line editor: fd 0 and fd 2 are terminals.
pub fn use_editor() -> bool {
    nix::unistd::isatty(std::io::stdin()).unwrap_or(false)
        && nix::unistd::isatty(std::io::stderr()).unwrap_or(false)
}

impl Interactive {
    /// Sets up an interactive shell: default prompts, history loaded from `$HISTFILE`, the
    /// rustyline editor when on a terminal (plain reads otherwise; see `dumb` for terminals
    /// that cannot move the cursor).
    pub fn new(sh: &mut Shell) -> Interactive {
        let shell: ShellSlot = Rc::default();
        let dumb = dumb::is_dumb(sh.vars.get(b"TERM"));
        let reader: Box<dyn LineReader> = if dumb && dumb::inside_emacs(sh) {
            Box::new(PlainReader)
        } else if dumb && use_editor() {
            Box::new(dumb::DumbReader::default())
        } else if use_editor() {
            match editor::RlReader::new(sh, Rc::clone(&shell)) {
                Some(r) => Box::new(r),
                None => Box::new(PlainReader),
            }
        } else {
            Box::new(PlainReader)
        };
        let mut ia = Self::with_reader(sh, reader);
        ia.shell = shell;
        ia
    }

    /// As [`Interactive::new`] with a given reader (tests).
    pub fn with_reader(sh: &mut Shell, reader: Box<dyn LineReader>) -> Interactive {
        init_vars(sh);
        load_history(sh);
        Interactive {
            inner: Rc::new(RefCell::new(Inner {
                reader,
                ps1: PromptText::default(),
                ps2: PromptText::default(),
                pending: VecDeque::new(),
                current: Vec::new(),
                interrupted: false,
                eof_at_ps2: false,
                ignoreeof: false,
                eofs: 0,
                eof: false,
                expansion: Expansion::default(),
                discarded: false,
                edited: None,
            })),
            shell: Rc::default(),
        }
    }

    /// Runs `read` (which reads from the user) with the shell moved into the slot the
    /// editor's completion reaches, and puts it back after, whatever happened.
    pub fn lend<R>(&self, sh: &mut Shell, read: impl FnOnce() -> R) -> R {
        struct Back<'a> {
            sh: &'a mut Shell,
            slot: &'a ShellSlot,
        }
        impl Drop for Back<'_> {
            fn drop(&mut self) {
                if let Some(shell) = self.slot.borrow_mut().take() {
                    *self.sh = shell;
                }
            }
        }
        let lent = std::mem::replace(sh, Shell::placeholder());
        *self.shell.borrow_mut() = Some(lent);
        let _back = Back { sh, slot: &self.shell };
        read()
    }

    pub fn source(&self) -> InteractiveSource {
        InteractiveSource {
            inner: Rc::clone(&self.inner),
        }
    }

    /// Before reading a new command: expands PS1 and PS2 and prepares the editor.
    pub fn before_prompt(&self, sh: &mut Shell) {
        let ps1 = prompt::render(sh, prompt::Which::Ps1);
        let ps2 = prompt::render(sh, prompt::Which::Ps2);
        let mut inner = self.inner.borrow_mut();
        inner.ps1 = ps1;
        inner.ps2 = ps2;
        inner.ignoreeof = sh.options.ignoreeof;
        inner.current.clear();
        inner.interrupted = false;
        inner.eof_at_ps2 = false;
        inner.eof = false;
        inner.discarded = false;
        inner.expansion.prepare(sh);
        inner.reader.prepare(sh);
    }

    /// After the parser returned a command (or an error): the lines read since
    /// [`before_prompt`](Self::before_prompt) become one history entry.
    pub fn command_read(&self, sh: &mut Shell) {
        let mut inner = self.inner.borrow_mut();
        let entry = std::mem::take(&mut inner.current);
        let edited = inner.edited.take();
        if inner.expansion.on {
            sh.history.expansion = inner.expansion.state.clone();
        }
        drop(inner);
        if let Some(line) = edited {
            add_history(sh, &line);
        }
        add_history(sh, &entry);
    }

    /// True (once) when history expansion dropped the command being entered (an error, or
    /// `:p`); what is to be stored in history then has been.
    pub fn take_discarded(&self, sh: &mut Shell) -> bool {
        let mut inner = self.inner.borrow_mut();
        if !std::mem::take(&mut inner.discarded) {
            return false;
        }
        inner.pending.clear();
        drop(inner);
        self.command_read(sh);
        true
    }

    /// Reads the first line of the next command at PS1 before the parser asks for it. True
    /// when that line is blank or only a comment: the parser never sees it and the loop goes
    /// straight back to the before-prompt work (job notices, terminal) and a fresh PS1, as
    /// bash does. Otherwise the line waits for the parser (as do end of input and Ctrl-C).
    /// Only call it when the parser holds no unparsed input.
    pub fn read_ahead(&self) -> bool {
        let mut inner = self.inner.borrow_mut();
        if inner.interrupted || inner.eof {
            return false;
        }
        if !inner.pending.is_empty() {
            // Lines of a paste still to run. Empty lines in front of the next command (the
            // one after the paste's final newline, above all) are skipped, as are trailing
            // comments: read as the first lines of the next command, they would be stored in
            // front of it in history.
            while inner.pending.front().is_some_and(|l| l.iter().all(|&c| c == b' ' || c == b'\t')) {
                inner.pending.pop_front();
            }
            if !inner.pending.iter().all(|l| is_blank_line(l)) {
                return false;
            }
            let comments: Vec<Vec<u8>> = inner.pending.drain(..).collect();
            inner.current.extend_from_slice(&comments.join(&b'\n'));
            return true;
        }
        match inner.read(false) {
            Some(line) if inner.pending.is_empty() && is_blank_line(&line) => {
                // A comment still goes to history (bash keeps it); blanks are dropped there.
                inner.current.extend_from_slice(&line);
                true
            }
            Some(line) => {
                inner.pending.push_front(line);
                false
            }
            None => {
                if !inner.interrupted {
                    inner.eof = true;
                }
                false
            }
        }
    }

    /// True (once) when ^D at a PS2 prompt ended the input of the command being entered:
    /// the parser has seen end of input and must be started afresh for the next command.
    pub fn take_eof_at_ps2(&self) -> bool {
        std::mem::take(&mut self.inner.borrow_mut().eof_at_ps2)
    }

    /// True (once) when the command being entered was discarded by Ctrl-C.
    pub fn take_interrupted(&self) -> bool {
        let mut inner = self.inner.borrow_mut();
        if inner.interrupted {
            inner.interrupted = false;
            inner.pending.clear();
            inner.current.clear();
            return true;
        }
        false
    }
}

impl LineSource for InteractiveSource {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        self.inner.borrow_mut().take_line(continuation)
    }
}

impl Inner {
    fn take_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        if self.interrupted || self.discarded {
            return None;
        }
        if self.eof {
            self.eof = false;
            return None;
        }
        let line = match self.pending.pop_front() {
            Some(l) => l,
            None => self.read(continuation)?,
        };
        let mut line = match self.expansion.apply(line) {
            Ok(l) => l,
            Err(print_only) => {
                // Nothing of this command runs; a `:p` line goes to history all the same.
                self.discarded = true;
                match print_only {
                    Some(l) => self.current.extend_from_slice(&l),
                    None => self.current.clear(),
                }
                return None;
            }
        };
        line.push(b'\n');
        self.current.extend_from_slice(&line);
        Some(line)
    }

    /// One read from the user (the rest of a recalled multi-line entry goes to `pending`).
    /// `None` at end of input or on Ctrl-C (then `interrupted` is set).
    fn read(&mut self, continuation: bool) -> Option<Vec<u8>> {
        loop {
            let prompt = if continuation { &self.ps2 } else { &self.ps1 };
            // A hangup ends the read, whichever reader (see `HangupEndsRead`).
            let hangup = crate::sys::signal::HangupEndsRead::arm();
            let read = if crate::sys::signal::hangup_pending() {
                ReadResult::Eof
            } else {
                self.reader.read_line(prompt, continuation)
            };
            drop(hangup);
            match read {
                ReadResult::Line(l) => {
                    self.eofs = 0;
                    let mut parts = l.split(|&c| c == b'\n').map(|p| p.to_vec());
                    let first = parts.next().unwrap_or_default();
                    self.pending.extend(parts);
                    return Some(first);
                }
                ReadResult::EditThenRun(line) => {
                    // What bash's edit-and-execute-command runs: the line (already stored)
                    // edited in $VISUAL or $EDITOR, then run and shown.
                    self.eofs = 0;
                    self.edited = Some(line);
                    return Some(b"fc -e \"${VISUAL:-${EDITOR:-vi}}\"".to_vec());
                }
                ReadResult::Interrupted => {
                    self.interrupted = true;
                    self.pending.clear();
                    return None;
                }
                ReadResult::Eof => {
                    let hangup = crate::sys::signal::hangup_pending();
                    if self.ignoreeof && !continuation && self.eofs < 10 && !hangup {
                        self.eofs += 1;
                        crate::sys::fd::write_all(2, b"Use \"exit\" to leave the shell.\n");
                        continue;
                    }
                    self.eof_at_ps2 = continuation;
                    return None;
                }
            }
        }
    }
}

/// A line with nothing to run: only blanks, or a comment.
fn is_blank_line(line: &[u8]) -> bool {
    match line.iter().position(|&c| c != b' ' && c != b'\t') {
        None => true,
        Some(i) => line[i] == b'#',
    }
}

/// Interactive defaults: PS1/PS2/PS4 and COMP_WORDBREAKS when unset.
fn init_vars(sh: &mut Shell) {
    for (name, default) in [
        (&b"PS1"[..], prompt::DEFAULT_PS1),
        (b"PS2", prompt::DEFAULT_PS2),
        (b"PS4", prompt::DEFAULT_PS4),
        (b"COMP_WORDBREAKS", progcomp::DEFAULT_WORDBREAKS),
    ] {
        if sh.vars.var(name).is_none() {
            let _ = sh.vars.set(name, default.to_vec());
        }
    }
}

fn load_history(sh: &mut Shell) {
    let limit = history::histsize(sh);
    if let Some(path) = history::histfile(sh) {
        let entries = history::read_file(&path);
        sh.history.load(entries, limit);
    }
    sh.history.file_enabled = true;
}

/// Adds a command to the history and appends it to the history file.
pub fn add_history(sh: &mut Shell, entry: &[u8]) {
    let limit = history::histsize(sh);
    if limit == 0 {
        return;
    }
    let policy = history::SavePolicy::of(sh);
    let Some(stored) = sh.history.push(entry, limit, &policy) else {
        return;
    };
    if sh.history.file_enabled {
        if let Some(path) = history::histfile(sh) {
            history::append_file(&path, &stored, history::histfilesize(sh));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Script(VecDeque<ReadResult>, Vec<(String, bool)>);
    impl LineReader for Rc<RefCell<Script>> {
        fn read_line(&mut self, p: &PromptText, c: bool) -> ReadResult {
            let mut s = self.borrow_mut();
            s.1.push((p.raw.clone(), c));
            s.0.pop_front().unwrap_or(ReadResult::Eof)
        }
    }

    #[test]
    fn multi_line_entry_and_interrupt() {
        let mut sh = Shell::new();
        let _ = sh.vars.set(b"HISTFILE", Vec::new());
        let script = Rc::new(RefCell::new(Script(
            VecDeque::from(vec![
                ReadResult::Line(b"if true".to_vec()),
                ReadResult::Line(b"then echo x\nfi".to_vec()),
                ReadResult::Interrupted,
            ]),
            Vec::new(),
        )));
        let ia = Interactive::with_reader(&mut sh, Box::new(Rc::clone(&script)));
        let _ = sh.vars.set(b"PS1", b"$ ".to_vec());
        let mut src = ia.source();
        ia.before_prompt(&mut sh);
        assert_eq!(src.next_line(false), Some(b"if true\n".to_vec()));
        assert_eq!(src.next_line(true), Some(b"then echo x\n".to_vec()));
        assert_eq!(src.next_line(true), Some(b"fi\n".to_vec()));
        ia.command_read(&mut sh);
        assert_eq!(
            sh.history.entries(),
            &[b"if true\nthen echo x\nfi".to_vec()]
        );
        ia.before_prompt(&mut sh);
        assert_eq!(src.next_line(false), None);
        assert!(ia.take_interrupted());
        assert!(!ia.take_interrupted());
        let prompts: Vec<_> = script.borrow().1.clone();
        assert_eq!(
            prompts,
            vec![
                ("$ ".into(), false),
                ("> ".into(), true),
                ("$ ".into(), false)
            ]
        );
    }
}

/// `(spec, command)` for each job, for completion after `%`.
pub fn job_specs(sh: &Shell) -> Vec<(String, String)> {
    sh.jobs
        .jobs
        .iter()
        .filter(|j| !j.foreground)
        .map(|j| (j.id.to_string(), j.command.clone()))
        .collect()
}
