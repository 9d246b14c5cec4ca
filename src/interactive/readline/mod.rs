//! The readline configuration the line editor honours: the variables and key bindings that
//! `bind` and `~/.inputrc` set. The shell keeps it ([`Readline`] in `Shell`); the editor
//! applies it before a prompt when it changed (`editor.rs`).
//!
//! - `functions.rs`: the readline functions the editor has, and their default keys.
//! - `keyseq.rs`: key sequences in readline's notation, as bytes and as rustyline key events.
//! - `inputrc.rs`: init file lines (`set`, bindings, `$if`/`$else`/`$endif`/`$include`).

pub mod functions;
pub mod inputrc;
pub mod keyseq;

use functions::Function;

/// A keymap a binding goes to (`set keymap`, `bind -m`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keymap {
    Emacs,
    ViInsert,
    ViCommand,
}

impl Keymap {
    /// readline's keymap names (`emacs-standard`, `vi-move`... are other names of these).
    pub fn from_name(name: &[u8]) -> Option<Keymap> {
        Some(match name.to_ascii_lowercase().as_slice() {
            b"emacs" | b"emacs-standard" | b"emacs-meta" | b"emacs-ctlx" => Keymap::Emacs,
            b"vi" | b"vi-move" | b"vi-command" => Keymap::ViCommand,
            b"vi-insert" => Keymap::ViInsert,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Keymap::Emacs => "emacs",
            Keymap::ViInsert => "vi-insert",
            Keymap::ViCommand => "vi-command",
        }
    }
}

/// A key sequence bound (or unbound: `None`) by `bind` or an init file.
#[derive(Clone)]
pub struct Binding {
    pub keymap: Keymap,
    pub keys: Vec<u8>,
    pub function: Option<&'static Function>,
}

/// `bell-style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bell {
    None,
    Visible,
    Audible,
}

/// The readline variables the editor honours.
#[derive(Clone)]
pub struct Settings {
    pub completion_ignore_case: bool,
    pub show_all_if_ambiguous: bool,
    /// chitin's editor has always been silent (readline's default is audible).
    pub bell_style: Bell,
    pub comment_begin: Vec<u8>,
    pub completion_query_items: i64,
    /// A list longer than the screen pauses at `--More--`.
    pub page_completions: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            completion_ignore_case: false,
            show_all_if_ambiguous: false,
            bell_style: Bell::None,
            comment_begin: b"#".to_vec(),
            completion_query_items: 100,
            page_completions: true,
        }
    }
}

/// What `bind` and the init file have set.
#[derive(Clone, Default)]
pub struct Readline {
    pub settings: Settings,
    pub bindings: Vec<Binding>,
    /// Bumped by every change, so the editor knows when to apply it again.
    pub generation: u64,
    /// The init file has been read (at the first prompt, or by the first `bind`).
    pub loaded: bool,
    /// `set keymap` in the file being read: where its bindings go.
    pub keymap: Option<Keymap>,
}

/// Every variable readline has: one that chitin does not honour is accepted and ignored (an
/// `~/.inputrc` written for bash loads without complaint); any other name is an error.
const BASH_VARIABLES: &[&str] = &[
    "active-region-end-color", "active-region-start-color", "bell-style", "bind-tty-special-chars",
    "blink-matching-paren", "byte-oriented", "colored-completion-prefix", "colored-stats",
    "comment-begin", "completion-display-width", "completion-ignore-case", "completion-map-case",
    "completion-prefix-display-length", "completion-query-items", "convert-meta",
    "disable-completion", "echo-control-characters", "editing-mode", "emacs-mode-string",
    "enable-active-region", "enable-bracketed-paste", "enable-keypad", "enable-meta-key",
    "expand-tilde", "force-meta-prefix", "history-preserve-point", "history-size",
    "horizontal-scroll-mode", "input-meta", "isearch-terminators", "keymap", "keyseq-timeout",
    "mark-directories", "mark-modified-lines", "mark-symlinked-directories", "match-hidden-files",
    "menu-complete-display-prefix", "meta-flag", "output-meta", "page-completions",
    "prefer-visible-bell", "print-completions-horizontally", "revert-all-at-newline",
    "search-ignore-case", "show-all-if-ambiguous", "show-all-if-unmodified", "show-mode-in-prompt",
    "skip-completed-text", "vi-cmd-mode-string", "vi-ins-mode-string", "visible-stats",
];

/// readline's boolean values: empty, `on` or `1` is on, anything else off.
fn boolean(value: &[u8]) -> bool {
    value.is_empty() || value.eq_ignore_ascii_case(b"on") || value == b"1"
}

fn on_off(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

impl Readline {
    /// The keymap bindings go to now: `set keymap`'s, else the editing mode's.
    pub fn current_keymap(&self, vi: bool) -> Keymap {
        self.keymap.unwrap_or(if vi { Keymap::ViInsert } else { Keymap::Emacs })
    }

    /// `set NAME VALUE`. `vi` is the shell's `set -o vi`, which `editing-mode` sets. The error
    /// is readline's message.
    pub fn set_variable(&mut self, name: &[u8], value: &[u8], vi: &mut bool) -> Result<(), String> {
        let lower = name.to_ascii_lowercase();
        let first_word = value.split(|c| c.is_ascii_whitespace()).next().unwrap_or(b"");
        let bad = || {
            format!(
                "{}: could not set value to `{}'",
                String::from_utf8_lossy(name),
                String::from_utf8_lossy(value)
            )
        };
        let s = &mut self.settings;
        match lower.as_slice() {
            b"completion-ignore-case" => s.completion_ignore_case = boolean(first_word),
            b"show-all-if-ambiguous" => s.show_all_if_ambiguous = boolean(first_word),
            b"page-completions" => s.page_completions = boolean(first_word),
            b"bell-style" => {
                s.bell_style = match first_word.to_ascii_lowercase().as_slice() {
                    b"none" | b"off" => Bell::None,
                    b"visible" => Bell::Visible,
                    b"audible" | b"on" => Bell::Audible,
                    _ => return Err(bad()),
                }
            }
            b"comment-begin" => s.comment_begin = value.to_vec(),
            b"completion-query-items" => {
                s.completion_query_items = crate::builtins::util::parse_decimal(first_word).unwrap_or(0)
            }
            b"editing-mode" => {
                *vi = match first_word {
                    w if w.starts_with(b"vi") => true,
                    b"emacs" => false,
                    _ => return Err(bad()),
                };
                self.keymap = None;
            }
            b"keymap" => self.keymap = Some(Keymap::from_name(first_word).ok_or_else(bad)?),
            _ if BASH_VARIABLES.iter().any(|v| v.as_bytes() == lower.as_slice()) => {}
            _ => return Err(format!("{}: unknown variable name", String::from_utf8_lossy(name))),
        }
        self.generation += 1;
        Ok(())
    }

    /// `(name, value)` of every variable honoured, in `bind -v`'s order (on/off ones first).
    pub fn variables(&self, vi: bool) -> Vec<(&'static str, String)> {
        let s = &self.settings;
        let bell = match s.bell_style {
            Bell::None => "none",
            Bell::Visible => "visible",
            Bell::Audible => "audible",
        };
        vec![
            ("completion-ignore-case", on_off(s.completion_ignore_case).into()),
            ("page-completions", on_off(s.page_completions).into()),
            ("show-all-if-ambiguous", on_off(s.show_all_if_ambiguous).into()),
            ("bell-style", bell.into()),
            ("comment-begin", String::from_utf8_lossy(&s.comment_begin).into_owned()),
            ("completion-query-items", s.completion_query_items.to_string()),
            ("editing-mode", if vi { "vi" } else { "emacs" }.into()),
            ("keymap", self.current_keymap(vi).name().into()),
        ]
    }

    /// Binds `keys` in `keymap` (to nothing when `function` is `None`).
    pub fn bind(&mut self, keymap: Keymap, keys: Vec<u8>, function: Option<&'static Function>) {
        self.bindings.retain(|b| !(b.keymap == keymap && b.keys == keys));
        self.bindings.push(Binding { keymap, keys, function });
        self.generation += 1;
    }

    /// What each key sequence does in `keymap` now, sorted by the bytes (`bind -p`'s order):
    /// the editor's defaults (emacs) with the bindings made since on top.
    pub fn effective(&self, keymap: Keymap) -> Vec<(Vec<u8>, &'static Function)> {
        let mut map: std::collections::BTreeMap<Vec<u8>, Option<&'static Function>> = Default::default();
        if keymap == Keymap::Emacs {
            for f in functions::FUNCTIONS {
                for k in f.emacs_keys {
                    map.insert(keyseq::parse_quoted(k.as_bytes()), Some(f));
                }
            }
        }
        for b in self.bindings.iter().filter(|b| b.keymap == keymap) {
            map.insert(b.keys.clone(), b.function);
        }
        map.into_iter().filter_map(|(k, f)| Some((k, f?))).collect()
    }

    /// The key sequences that run `function` in `keymap`, in `bind -p`'s notation (see
    /// [`keyseq::show`] for `meta`).
    pub fn keys_of(&self, keymap: Keymap, function: &Function, meta: bool) -> Vec<String> {
        self.effective(keymap)
            .into_iter()
            .filter(|(_, f)| std::ptr::eq(*f, function))
            .map(|(k, _)| keyseq::show(&k, meta))
            .collect()
    }
}

/// Reads the init file once (the editor's first prompt, or the first `bind`, whichever comes
/// first): `$INPUTRC`, `~/.inputrc` or `/etc/inputrc`. A missing file is no error.
pub fn load_init_file(sh: &mut crate::shell::Shell) {
    if sh.readline.loaded {
        return;
    }
    sh.readline.loaded = true;
    let home = sh.vars.get(b"HOME");
    if let Some(path) = inputrc::init_file(sh.vars.get(b"INPUTRC"), home) {
        let _ = read_file(sh, &path);
    }
}

/// re-read-init-file: the init file again, over what is set.
pub fn reread_init_file(sh: &mut crate::shell::Shell) {
    sh.readline.loaded = false;
    load_init_file(sh);
}

/// Reads an init file (`bind -f`, `re-read-init-file`).
pub fn read_file(sh: &mut crate::shell::Shell, path: &std::path::Path) -> std::io::Result<()> {
    with_reader(sh, |r| r.read_file(path))
}

/// One `bind` argument, its bindings going to `keymap` when `-m` named one.
pub fn parse_line(sh: &mut crate::shell::Shell, keymap: Option<Keymap>, line: &[u8]) {
    with_reader(sh, |r| {
        let saved = r.rl.keymap;
        if keymap.is_some() {
            r.rl.keymap = keymap;
        }
        r.line(line);
        if keymap.is_some() {
            r.rl.keymap = saved;
        }
    })
}

/// Runs `read` with a [`inputrc::Reader`] over the shell's settings; `editing-mode` there
/// is `set -o vi`/`-o emacs`.
fn with_reader<R>(sh: &mut crate::shell::Shell, read: impl FnOnce(&mut inputrc::Reader) -> R) -> R {
    let term = sh.vars.get(b"TERM").unwrap_or_default().to_vec();
    let home = sh.vars.get(b"HOME").map(<[u8]>::to_vec);
    let mut vi = sh.options.vi;
    let result = read(&mut inputrc::Reader::new(&mut sh.readline, &mut vi, term, home));
    if vi != sh.options.vi {
        sh.options.vi = vi;
        sh.options.emacs = !vi;
    }
    result
}
