//! The call stack behind `FUNCNAME`, `BASH_SOURCE`, `BASH_LINENO` and `caller`: one frame per
//! function call or sourced file being run, and at the bottom the script itself (`main`).
//!
//! Entering a function pushes a frame (two reference counts, no allocation once the stack has
//! grown); the arrays are only built when a script reads them (`shell::dynamic`).

use std::rc::Rc;

use super::function::Function;

enum FrameKind {
    Function(Function),
    /// A file run by `.` or `source`.
    Source(Rc<[u8]>),
}

struct Frame {
    kind: FrameKind,
    /// The line it was called from, in the caller's file.
    call_line: u32,
}

/// One level as the arrays show it: `FUNCNAME[i]`, `BASH_SOURCE[i]`, `BASH_LINENO[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level<'a> {
    pub name: &'a [u8],
    pub source: &'a [u8],
    pub line: u32,
}

pub struct CallStack {
    frames: Vec<Frame>,
    /// The script the shell runs; none for `-c`, standard input and the prompt, where the
    /// arrays have no `main` level (bash).
    main: Option<Rc<[u8]>>,
    /// What a function defined outside any file records as its file.
    outside: Rc<[u8]>,
}

impl Default for CallStack {
    fn default() -> Self {
        CallStack { frames: Vec::new(), main: None, outside: Rc::from(&b"main"[..]) }
    }
}

impl CallStack {
    /// The shell runs the script `path`: the bottom level is `main` in that file.
    pub fn set_script(&mut self, path: &[u8]) {
        self.main = Some(Rc::from(path));
    }

    /// The shell runs a `-c` string: functions defined there come from `environment` (bash).
    pub fn set_command_string(&mut self) {
        self.outside = Rc::from(&b"environment"[..]);
    }

    pub fn push_function(&mut self, f: &Function, call_line: u32) {
        self.frames.push(Frame { kind: FrameKind::Function(f.clone()), call_line });
    }

    pub fn push_source(&mut self, path: &[u8], call_line: u32) {
        self.frames.push(Frame { kind: FrameKind::Source(Rc::from(path)), call_line });
    }

    pub fn pop(&mut self) {
        self.frames.pop();
    }

    /// The file now running, which a function defined now records (`BASH_SOURCE[0]`).
    pub fn current_source(&self) -> Rc<[u8]> {
        match self.frames.last() {
            Some(Frame { kind: FrameKind::Function(f), .. }) => f.source.clone(),
            Some(Frame { kind: FrameKind::Source(s), .. }) => s.clone(),
            None => self.main.clone().unwrap_or_else(|| self.outside.clone()),
        }
    }

    /// The levels, innermost first, ending with `main` when a script runs.
    pub fn levels(&self) -> impl Iterator<Item = Level<'_>> {
        let frames = self.frames.iter().rev().map(|f| match &f.kind {
            FrameKind::Function(func) => Level { name: &func.name, source: &func.source, line: f.call_line },
            FrameKind::Source(s) => Level { name: b"source", source: s, line: f.call_line },
        });
        let main = self.main.as_deref().map(|s| Level { name: b"main", source: s, line: 0 });
        frames.chain(main)
    }

    /// The `n`-th level from the innermost.
    pub fn level(&self, n: usize) -> Option<Level<'_>> {
        self.levels().nth(n)
    }
}
