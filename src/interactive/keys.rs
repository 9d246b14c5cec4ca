//! Readline habits rustyline lacks, as key handlers: Alt-. (yank-last-arg) and Ctrl-X Ctrl-E
//! (edit-and-execute-command). They see only the line and the cursor, so what they need of
//! the shell is shared with [`super::editor::RlReader`] through [`KeyState`].

use std::sync::{Arc, Mutex};

use rustyline::{Cmd, ConditionalEventHandler, Event, EventContext, RepeatCount};

/// What the handlers share with the reader.
#[derive(Default)]
pub struct KeyState {
    /// The last word of each history entry, oldest first (what Alt-. offers).
    pub last_args: Vec<String>,
    /// The line and cursor the last Alt-. left, the text it inserted, and how many entries it
    /// went back: a repeated Alt-. (nothing typed since) replaces that text by the previous
    /// entry's last word.
    yanked: Option<(String, usize, String, usize)>,
    /// Ctrl-X Ctrl-E was pressed on this line: the reader runs the editor on it.
    pub edit_request: Option<String>,
}

pub type Shared = Arc<Mutex<KeyState>>;

/// Alt-.: the last word of the previous command.
pub struct YankLastArg(pub Shared);

impl ConditionalEventHandler for YankLastArg {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let mut st = self.0.lock().ok()?;
        let (line, pos) = (ctx.line(), ctx.pos());
        // Pressed again with nothing typed since: bash goes back one more command. rustyline
        // cannot replace text behind the cursor and leave the cursor after it in one command
        // (Replace takes a count of 1 and keeps the cursor), so for now this does nothing.
        if st.yanked.as_ref().is_some_and(|(l, p, _, _)| l == line && *p == pos) {
            return Some(Cmd::Noop);
        }
        let Some(arg) = st.last_args.last().cloned() else {
            return Some(Cmd::Noop);
        };
        let new_line = format!("{}{arg}{}", &line[..pos], &line[pos..]);
        st.yanked = Some((new_line, pos + arg.len(), arg.clone(), 0));
        Some(Cmd::Insert(1, arg))
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

/// The last word of `entry`, as `!$` finds it.
pub fn last_arg(entry: &[u8]) -> String {
    let words = super::histexp::tokenize(entry);
    super::editor_text::from_bytes(words.last().copied().unwrap_or(b"")).into_owned()
}
