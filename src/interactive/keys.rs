//! Readline habits rustyline lacks, as key handlers: Alt-. (yank-last-arg), Alt-# (insert-comment),
//! Ctrl-O (operate-and-get-next) and Ctrl-X Ctrl-E (edit-and-execute-command). They see only the
//! line and the cursor, so what they need of the shell is shared with
//! [`super::editor::RlReader`] through [`KeyState`].

use std::sync::{Arc, Mutex};

use rustyline::{Cmd, ConditionalEventHandler, Event, EventContext, RepeatCount};

/// What the handlers share with the reader.
#[derive(Default)]
pub struct KeyState {
    /// The history number of the editor's oldest entry (its entries are read through the
    /// handlers' `EventContext`: no copy is kept here).
    pub first_number: usize,
    /// What the last Alt-. did, while nothing else was typed since.
    yanked: Option<Yanked>,
    /// Ctrl-X Ctrl-E was pressed on this line: the reader runs the editor on it.
    pub edit_request: Option<String>,
    /// Ctrl-O was pressed: the history number of the entry to put in the next line.
    pub operate_next: Option<usize>,
    /// The history number of the entry the line being edited started as (after a Ctrl-O).
    pub initial_number: Option<usize>,
    /// readline's `comment-begin` (Alt-#).
    pub comment_begin: String,
    /// re-read-init-file was pressed: the reader reads it before the next prompt.
    pub reread: bool,
}

/// A yank-last-arg that a repeated Alt-. continues from.
struct Yanked {
    /// The line and the cursor it left.
    line: String,
    pos: usize,
    /// Where the inserted word starts.
    start: usize,
    /// How many entries back from the newest the word came from.
    back: usize,
    /// The word asked for: `None` the last one, else its index (negative from the end).
    word: Option<isize>,
}

pub type Shared = Arc<Mutex<KeyState>>;

/// Word `which` (`None`: the last) of the history entry `back` entries before the newest
/// (words are split only when asked for).
fn word(ctx: &EventContext, back: usize, which: Option<isize>) -> Option<String> {
    let entry = ctx.history_len().checked_sub(back + 1).and_then(|i| ctx.history_entry(i))?;
    let bytes = super::editor_text::to_bytes(&entry);
    let words = super::histexp::tokenize(&bytes);
    let i = match which {
        None => words.len().checked_sub(1)?,
        Some(i) if i < 0 => words.len().checked_sub(i.unsigned_abs())?,
        Some(i) => i.unsigned_abs(),
    };
    words.get(i).map(|w| super::editor_text::from_bytes(w).into_owned())
}

/// Alt-.: the last word of the previous command; again (nothing typed since), the last word
/// of the command before, and so on. With a numeric argument (Alt-1 Alt-.) word n instead
/// (word 0 is the command name; negative counts from the end), and again further back.
pub struct YankLastArg(pub Shared);

impl ConditionalEventHandler for YankLastArg {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let mut st = self.0.lock().ok()?;
        let (line, pos) = (ctx.line(), ctx.pos());
        let again = st.yanked.as_ref().filter(|y| y.line == line && y.pos == pos);
        let (start, back, which) = match again {
            Some(y) => (y.start, y.back + 1, y.word),
            None => {
                (pos, 0, ctx.explicit_arg().map(isize::from))
            }
        };
        // No such entry or word: the line stays (readline rings the bell).
        let Some(word) = word(ctx, back, which) else {
            return Some(Cmd::Noop);
        };
        let new_line = format!("{}{word}{}", &line[..start], &line[pos..]);
        let new_pos = start + word.len();
        st.yanked = Some(Yanked { line: new_line.clone(), pos: new_pos, start, back, word: which });
        Some(Cmd::Rewrite { line: new_line, pos: new_pos, accept: false })
    }
}

/// Alt-#: `comment-begin` at the start of the line, then accept it (it goes to history, runs
/// nothing). With a numeric argument, a line that starts with it has it removed instead.
pub struct InsertComment(pub Shared);

impl ConditionalEventHandler for InsertComment {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let st = self.0.lock().ok()?;
        let begin = if st.comment_begin.is_empty() { "#" } else { st.comment_begin.as_str() };
        let line = ctx.line();
        let new_line = match line.strip_prefix(begin) {
            Some(rest) if ctx.explicit_arg().is_some() => rest.to_string(),
            _ => format!("{begin}{line}"),
        };
        Some(Cmd::Rewrite { pos: new_line.len(), line: new_line, accept: true })
    }
}

/// Ctrl-O: accept the line; the next prompt starts with the history entry after the one
/// being edited (run a recalled sequence of commands one Ctrl-O at a time).
pub struct OperateAndGetNext(pub Shared);

impl ConditionalEventHandler for OperateAndGetNext {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let mut st = self.0.lock().ok()?;
        let index = ctx.history_index();
        // On the line a Ctrl-O put there (not moved away in history), the entry it was.
        let current = if index < ctx.history_len() { Some(st.first_number + index) } else { st.initial_number };
        st.operate_next = current.map(|n| n + 1);
        Some(Cmd::AcceptLine)
    }
}

/// Ctrl-X Ctrl-E: accept the line, marked for the reader to hand to `fc -e` (bash runs the
/// line through `fc` the same way).
pub struct EditAndExecute(pub Shared);

impl ConditionalEventHandler for EditAndExecute {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let mut st = self.0.lock().ok()?;
        st.edit_request = Some(ctx.line().to_string());
        Some(Cmd::AcceptLine)
    }
}

/// re-read-init-file: the init file is read again before the next prompt (the editor cannot
/// change its bindings while it reads a line).
pub struct ReReadInitFile(pub Shared);

impl ConditionalEventHandler for ReReadInitFile {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, _: &EventContext) -> Option<Cmd> {
        self.0.lock().ok()?.reread = true;
        Some(Cmd::Noop)
    }
}

/// What a key sequence does in each vi keymap (`set keymap vi-command` in an inputrc): the
/// editor's own bindings hold in every input mode, so one handler picks by the mode.
#[derive(Default)]
pub struct ViKeymaps {
    pub insert: Option<rustyline::EventHandler>,
    pub command: Option<rustyline::EventHandler>,
}

impl ConditionalEventHandler for ViKeymaps {
    fn handle(&self, evt: &Event, n: RepeatCount, positive: bool, ctx: &EventContext) -> Option<Cmd> {
        let handler = match ctx.input_mode() {
            rustyline::InputMode::Command => self.command.as_ref(),
            _ => self.insert.as_ref(),
        }?;
        match handler {
            rustyline::EventHandler::Simple(cmd) => Some(cmd.clone()),
            rustyline::EventHandler::Conditional(h) => h.handle(evt, n, positive, ctx),
        }
    }
}
