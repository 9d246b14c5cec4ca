//! The rustyline line editor behind [`LineReader`]; only built when fd 0 and fd 2 are terminals.
//!
//! - rustyline draws on fd 1: each read runs with fd 1 pointed at stderr (`StdoutToStderr`).
//! - Ctrl-Z is rebound to nothing (rustyline would stop the whole process group).
//! - History: the shell's list (`sh.history`) is the truth; the editor's copy is refreshed
//!   before each prompt (new tail added, or rebuilt after `history -c`/`-d`).

use std::borrow::Cow;
use std::cell::RefCell;

use rustyline::completion::{Completer, Pair};
use rustyline::config::{BellStyle, ColorMode, CompletionType, Config, Configurer, EditMode};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::{DefaultHistory, History as _, SearchDirection};
use rustyline::validate::Validator;
use rustyline::{Cmd, Context, Editor, EventHandler, Helper, KeyEvent};

use super::complete::{self, Names, PathCache};
use super::editor_text::{from_bytes, to_bytes};
use super::highlight;
use super::prompt::PromptText;
use super::{LineReader, ReadResult};
use crate::shell::Shell;

/// What the editor's callbacks can see of the shell.
pub struct ShellHelper {
    pub names: Names,
    pub cache: RefCell<PathCache>,
    pub colors: bool,
    /// The shell itself while the editor reads (see [`super::ShellSlot`]): programmable
    /// completion runs its functions.
    pub shell: super::ShellSlot,
}

impl ShellHelper {
    /// The candidates of the spec `complete` registered for the command, if one applies.
    fn programmable(&self, line: &str, pos: usize) -> Option<(usize, Vec<Pair>)> {
        let mut slot = self.shell.try_borrow_mut().ok()?;
        let sh = slot.as_mut()?;
        super::progcomp::load_bash_completion(sh);
        let bytes = to_bytes(line);
        let point = to_bytes(&line[..pos]).len();
        let w = complete::word_at(line, pos);
        let command = w.command.as_deref().map(to_bytes);
        let outcome = {
            // ^C stops a completion function that does not end.
            let _keys = crate::sys::tty::KeySignals::enable();
            let _int = crate::sys::signal::ShellCatchesInterrupt::new();
            // A job the function runs in the foreground must hand back the editor's modes,
            // not the ones the shell keeps for its prompt.
            let editing = crate::sys::tty::tcgetattr(crate::sys::tty::borrow(0)).ok();
            let kept = sh.jobs.terminal.as_mut().map(|t| std::mem::replace(&mut t.shell_modes, editing));
            let outcome = super::progcomp::complete(sh, &bytes, point, w.command_pos, command.as_deref());
            if let (Some(t), Some(kept)) = (sh.jobs.terminal.as_mut(), kept) {
                t.shell_modes = kept;
            }
            outcome
        };
        crate::sys::signal::clear(libc::SIGINT);
        match outcome {
            super::progcomp::Outcome::Fallback => None,
            super::progcomp::Outcome::Done(done) => {
                let start = from_bytes(&bytes[..done.start]).len();
                let pairs = done
                    .candidates
                    .into_iter()
                    .map(|(shown, insert)| Pair {
                        display: from_bytes(&shown).into_owned(),
                        replacement: from_bytes(&insert).into_owned(),
                    })
                    .collect();
                Some((start, pairs))
            }
        }
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        // A spec's answer is final, even when it finds nothing (bash); only a spec with
        // `-o default`/`bashdefault` that found nothing, or no spec, gives way to the shell's
        // own completion (files, `$VAR/` paths, quoting).
        if let Some(found) = self.programmable(line, pos) {
            return Ok(found);
        }
        let (start, c) = complete::complete(line, pos, &self.names, &self.cache);
        Ok((
            start,
            c.into_iter()
                .map(|c| Pair {
                    display: c.display,
                    replacement: c.replacement,
                })
                .collect(),
        ))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if !self.colors || pos < line.len() {
            return None;
        }
        let h = ctx.history();
        let n = h.len();
        // Newest first; stop at the first match.
        for i in (0..n).rev() {
            let Ok(Some(r)) = h.get(i, SearchDirection::Reverse) else {
                continue;
            };
            if let Some(s) = highlight::hint(line, std::iter::once(r.entry.as_ref())) {
                return Some(s);
            }
        }
        None
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.colors {
            return Cow::Borrowed(line);
        }
        match highlight::highlight(line, &self.names, &self.cache) {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(line),
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colors {
            Cow::Owned(highlight::grey(hint))
        } else {
            Cow::Borrowed(hint)
        }
    }

    /// True makes the editor redraw the whole line (for the colours). An empty line has none:
    /// redrawing it on Enter would draw the prompt again below whatever a background job
    /// wrote over it, leaving a second, empty prompt line (bash redraws nothing).
    fn highlight_char(&self, line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.colors && kind != CmdKind::MoveCursor && !line.is_empty()
    }
}

impl Validator for ShellHelper {}
impl Helper for ShellHelper {}

type Printer = std::sync::Arc<std::sync::Mutex<Box<dyn rustyline::ExternalPrinter + Send>>>;

pub struct RlReader {
    ed: Editor<ShellHelper, DefaultHistory>,
    /// `set -b`: the jobs to watch during the next read, and the printer for their notices.
    watch: Option<crate::jobs::table::JobTable>,
    printer: Option<Printer>,
    /// (generation, length) of `sh.history` the editor's copy matches.
    synced: (u64, usize),
    vi: bool,
    /// Shared with the key handlers (`keys`).
    keys: super::keys::Shared,
    /// What the next PS1 line starts with (the entry Ctrl-O fetched).
    initial: Option<String>,
    /// The readline generation and editing mode the key bindings were made for.
    applied: Option<(u64, bool)>,
    /// The key sequences bound, to take back when the bindings change.
    bound: Vec<rustyline::Event>,
}

impl RlReader {
    pub fn new(sh: &mut Shell, shell: super::ShellSlot) -> Option<RlReader> {
        // The init file may choose the editing mode.
        super::readline::load_init_file(sh);
        let vi = sh.options.vi;
        let config = Config::builder()
            .completion_type(CompletionType::List)
            .edit_mode(if vi { EditMode::Vi } else { EditMode::Emacs })
            .auto_add_history(false)
            // The shell's history decides what is kept (HISTCONTROL); the editor's copy
            // matches it entry for entry (Ctrl-O finds entries by number).
            .history_ignore_dups(false)
            .ok()?
            .bell_style(BellStyle::None)
            .max_history_size(super::history::histsize(sh).max(1))
            .ok()?
            .build();
        let _fd1 = crate::sys::redirect_guard::StdoutToStderr::new();
        let mut ed = Editor::with_config(config).ok()?;
        ed.set_helper(Some(ShellHelper {
            names: Names::default(),
            cache: RefCell::new(PathCache::default()),
            colors: false,
            shell,
        }));
        let keys = super::keys::Shared::default();
        Some(RlReader {
            ed,
            synced: (u64::MAX, 0),
            vi,
            keys,
            watch: None,
            printer: None,
            initial: None,
            applied: None,
            bound: Vec::new(),
        })
    }

    fn sync_history(&mut self, sh: &Shell) {
        let h = &sh.history;
        let (generation, len) = self.synced;
        let hist = self.ed.history_mut();
        let Ok(mut keys) = self.keys.lock() else {
            return;
        };
        keys.first_number = h.first_number();
        // Ctrl-O: the entry after the one just run, by number (the oldest may have gone).
        let next = keys.operate_next.take();
        self.initial = next.and_then(|n| h.get(n)).map(|e| from_bytes(e).into_owned());
        keys.initial_number = next.filter(|_| self.initial.is_some());
        if generation != h.generation() || len > h.len() {
            let _ = hist.clear();
            for e in h.entries() {
                let _ = hist.add(&from_bytes(e));
            }
        } else {
            for e in &h.entries()[len..] {
                let _ = hist.add(&from_bytes(e));
            }
        }
        drop(keys);
        self.synced = (h.generation(), h.len());
    }
}

impl RlReader {
    /// Makes the editor do what `bind` and the init file said, when that changed: the
    /// settings, then the keys (chitin's own handlers first, the user's bindings of the
    /// current editing mode's keymaps over them).
    fn apply_readline(&mut self, sh: &Shell) {
        use super::readline::{Bell, Keymap, functions, keyseq};
        let rl = &sh.readline;
        let vi = sh.options.vi;
        if self.applied == Some((rl.generation, vi)) {
            return;
        }
        self.applied = Some((rl.generation, vi));
        let s = &rl.settings;
        self.ed.set_completion_show_all_if_ambiguous(s.show_all_if_ambiguous);
        self.ed.set_completion_prompt_limit(s.completion_query_items.max(0) as usize);
        self.ed.set_page_completions(s.page_completions);
        self.ed.set_bell_style(match s.bell_style {
            Bell::None => BellStyle::None,
            Bell::Visible => BellStyle::Visible,
            Bell::Audible => BellStyle::Audible,
        });
        if let Ok(mut k) = self.keys.lock() {
            k.comment_begin = from_bytes(&s.comment_begin).into_owned();
        }
        for ev in self.bound.drain(..) {
            self.ed.unbind_sequence(ev);
        }
        let mut wanted: Vec<(rustyline::Event, EventHandler)> = vec![
            // Ctrl-Z at the prompt does nothing.
            (KeyEvent::ctrl('Z').into(), EventHandler::Simple(Cmd::Noop)),
            // Ctrl-\ too (rustyline takes VQUIT for ^C; bash ignores it at the prompt).
            (KeyEvent::ctrl('\\').into(), EventHandler::Simple(Cmd::Noop)),
        ];
        for f in functions::FUNCTIONS {
            if functions::command(f.action, None).is_none() && f.action != functions::Action::SelfInsert {
                for k in f.emacs_keys {
                    if let Some(events) = keyseq::events(&keyseq::parse_quoted(k.as_bytes())) {
                        wanted.push((rustyline::Event::KeySeq(events), self.handler(f.action, None)));
                    }
                }
            }
        }
        let keymaps: &[Keymap] = if vi { &[Keymap::ViInsert, Keymap::ViCommand] } else { &[Keymap::Emacs] };
        // A vi keymap's bindings hold only in its input mode (`"j"` bound in vi-command
        // must not take the letter away in insert mode).
        let mut vi_keys: Vec<(Vec<KeyEvent>, super::keys::ViKeymaps)> = Vec::new();
        for b in rl.bindings.iter().filter(|b| keymaps.contains(&b.keymap)) {
            let Some(events) = keyseq::events(&b.keys) else {
                continue;
            };
            let last_key = std::str::from_utf8(&b.keys).ok().and_then(|k| {
                let mut chars = k.chars();
                chars.next().filter(|_| chars.next().is_none())
            });
            let handler = match b.function {
                Some(f) => self.handler(f.action, last_key),
                None => EventHandler::Simple(Cmd::Noop),
            };
            if b.keymap == Keymap::Emacs {
                wanted.push((rustyline::Event::KeySeq(events), handler));
                continue;
            }
            let i = match vi_keys.iter().position(|(k, _)| *k == events) {
                Some(i) => i,
                None => {
                    vi_keys.push((events, Default::default()));
                    vi_keys.len() - 1
                }
            };
            let slot = &mut vi_keys[i].1;
            match b.keymap {
                Keymap::ViCommand => slot.command = Some(handler),
                _ => slot.insert = Some(handler),
            }
        }
        for (events, by_mode) in vi_keys {
            wanted.push((rustyline::Event::KeySeq(events), EventHandler::Conditional(Box::new(by_mode))));
        }
        for (ev, handler) in wanted {
            self.ed.bind_sequence(ev.clone(), handler);
            self.bound.push(ev);
        }
    }

    /// What a key bound to `action` runs.
    fn handler(&self, action: super::readline::functions::Action, last_key: Option<char>) -> EventHandler {
        use super::keys;
        use super::readline::functions::{Action, command};
        if let Some(cmd) = command(action, last_key) {
            return EventHandler::Simple(cmd);
        }
        let k = self.keys.clone();
        EventHandler::Conditional(match action {
            Action::YankLastArg => Box::new(keys::YankLastArg(k)),
            Action::InsertComment => Box::new(keys::InsertComment(k)),
            Action::OperateAndGetNext => Box::new(keys::OperateAndGetNext(k)),
            Action::EditAndExecuteCommand => Box::new(keys::EditAndExecute(k)),
            Action::ReReadInitFile => Box::new(keys::ReReadInitFile(k)),
            // self-insert on a key that is not one character.
            _ => return EventHandler::Simple(Cmd::Noop),
        })
    }

    /// `set -b`: a thread that prints job notices above the line being edited.
    fn start_watcher(&mut self) -> Option<crate::jobs::watch::Watcher> {
        let table = self.watch.take()?;
        if self.printer.is_none() {
            let p = self.ed.create_external_printer().ok()?;
            let boxed: Box<dyn rustyline::ExternalPrinter + Send> = Box::new(p);
            self.printer = Some(std::sync::Arc::new(std::sync::Mutex::new(boxed)));
        }
        let printer = std::sync::Arc::clone(self.printer.as_ref()?);
        crate::jobs::watch::Watcher::start(
            table,
            Box::new(move |msg| {
                if let Ok(mut p) = printer.lock() {
                    let _ = p.print(msg);
                }
            }),
        )
    }
}

/// The names completion and colouring need, copied from the shell.
pub fn snapshot_names(sh: &Shell) -> Names {
    let s = |b: &[u8]| from_bytes(b).into_owned();
    Names {
        values: sh
            .vars
            .iter()
            .filter_map(|(k, v)| Some((s(k), v.scalar()?.to_vec())))
            .collect(),
        functions: sh.functions.keys().map(|k| s(k)).collect(),
        aliases: sh.aliases.keys().map(|k| s(k)).collect(),
        vars: sh
            .vars
            .iter()
            .filter(|(_, v)| v.scalar().is_some())
            .map(|(k, _)| s(k))
            .collect(),
        jobs: super::job_specs(sh),
        path: sh.vars.get(b"PATH").map(s).unwrap_or_default(),
        home: sh.vars.get(b"HOME").map(s).unwrap_or_default(),
        ignore_case: sh.readline.settings.completion_ignore_case,
    }
}

impl LineReader for RlReader {
    fn read_line(&mut self, prompt: &PromptText, continuation: bool) -> ReadResult {
        let _fd1 = crate::sys::redirect_guard::StdoutToStderr::new();
        let p = (prompt.raw.as_str(), prompt.styled.as_str());
        let watcher = self.start_watcher();
        // A hangup ends the read (and any retry): the shell leaves (`jobs::hangup`).
        let mut failures = 0;
        let r = loop {
            if crate::sys::signal::hangup_pending() {
                break ReadResult::Eof;
            }
            let read = match self.initial.take().filter(|_| !continuation) {
                Some(initial) => self.ed.readline_with_initial(&p, (&initial, "")),
                None => self.ed.readline(&p),
            };
            match read {
                Ok(line) => {
                    let edit = self.keys.lock().ok().and_then(|mut k| k.edit_request.take());
                    break match edit {
                        Some(_) => ReadResult::EditThenRun(to_bytes(&line)),
                        None => ReadResult::Line(to_bytes(&line)),
                    };
                }
                Err(ReadlineError::Interrupted) => break ReadResult::Interrupted,
                Err(ReadlineError::Eof) => break ReadResult::Eof,
                Err(_) if crate::sys::signal::hangup_pending() => break ReadResult::Eof,
                // Any other error of the editor must not end the shell (only ^D does): say
                // so and read again; when it keeps failing, read this line without editing
                // (a terminal that is really gone gives end of input there).
                Err(e) => {
                    let msg = format!("chitin: line editor: {e}\n");
                    crate::sys::fd::write_all(2, msg.as_bytes());
                    failures += 1;
                    if failures >= 3 {
                        break super::PlainReader.read_line(prompt, false);
                    }
                }
            }
        };
        if let Some(w) = watcher {
            w.stop();
        }
        r
    }

    fn prepare(&mut self, sh: &mut Shell) {
        let reread = self.keys.lock().map(|mut k| std::mem::take(&mut k.reread)).unwrap_or(false);
        if reread {
            super::readline::reread_init_file(sh);
        }
        if sh.options.vi != self.vi {
            self.vi = sh.options.vi;
            self.ed.set_edit_mode(if self.vi {
                EditMode::Vi
            } else {
                EditMode::Emacs
            });
        }
        let colors = highlight::colors_wanted(sh.vars.get(b"TERM"), sh.vars.get(b"NO_COLOR"));
        self.ed.set_color_mode(if colors {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        });
        let _ = self
            .ed
            .set_max_history_size(super::history::histsize(sh).max(1));
        self.sync_history(sh);
        self.apply_readline(sh);
        self.watch = crate::jobs::watch::snapshot(sh);
        let names = snapshot_names(sh);
        if let Some(h) = self.ed.helper_mut() {
            h.cache.borrow_mut().check(&names.path);
            h.names = names;
            h.colors = colors;
        }
    }
}

/// The helper of `read -e`: file name completion, nothing else.
struct FileNames(rustyline::completion::FilenameCompleter);

impl Completer for FileNames {
    type Candidate = Pair;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        self.0.complete(line, pos, ctx)
    }
}

impl Hinter for FileNames {
    type Hint = String;
}
impl Highlighter for FileNames {}
impl Validator for FileNames {}
impl Helper for FileNames {}

/// What `read -e` got from the editor.
pub enum EditedLine {
    Line(Vec<u8>),
    Eof,
    /// ^C.
    Interrupted,
}

/// `read -e`: one line from the terminal on fd 0, edited with rustyline (file names complete
/// on Tab), starting as `initial` (`-i`), after `prompt` (shown on stderr). `None` when the
/// editor cannot run here (the caller reads without it).
pub fn read_edited(prompt: &[u8], initial: &[u8]) -> Option<EditedLine> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .bell_style(BellStyle::None)
        .build();
    let _fd1 = crate::sys::redirect_guard::StdoutToStderr::new();
    let mut ed: Editor<FileNames, DefaultHistory> = Editor::with_config(config).ok()?;
    ed.set_helper(Some(FileNames(rustyline::completion::FilenameCompleter::new())));
    ed.bind_sequence(KeyEvent::ctrl('Z'), EventHandler::Simple(Cmd::Noop));
    let prompt = from_bytes(prompt);
    let initial = from_bytes(initial);
    Some(match ed.readline_with_initial(&*prompt, (&initial, "")) {
        Ok(line) => EditedLine::Line(to_bytes(&line)),
        Err(ReadlineError::Interrupted) => EditedLine::Interrupted,
        Err(ReadlineError::Eof) => EditedLine::Eof,
        Err(_) => return None,
    })
}
