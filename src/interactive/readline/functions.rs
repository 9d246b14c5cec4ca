//! The readline functions chitin's editor has (what `bind -l` lists and a binding may name),
//! what each does in rustyline's terms, and the keys the editor binds them to in emacs mode
//! (what `bind -p` shows before any binding is changed).

use rustyline::{Anchor, At, Cmd, Movement, Word};

/// What a function does: a rustyline command, or one of chitin's key handlers (`keys.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Abort,
    AcceptLine,
    BackwardChar,
    BackwardDeleteChar,
    BackwardKillLine,
    BackwardKillWord,
    BackwardWord,
    BeginningOfHistory,
    BeginningOfLine,
    CapitalizeWord,
    ClearScreen,
    Complete,
    DeleteChar,
    DowncaseWord,
    EndOfHistory,
    EndOfLine,
    ForwardChar,
    ForwardSearchHistory,
    ForwardWord,
    HistorySearchBackward,
    HistorySearchForward,
    KillLine,
    KillWholeLine,
    KillWord,
    NextHistory,
    PreviousHistory,
    QuotedInsert,
    RedrawCurrentLine,
    ReverseSearchHistory,
    SelfInsert,
    TabInsert,
    TransposeChars,
    TransposeWords,
    Undo,
    UnixLineDiscard,
    UnixWordRubout,
    UpcaseWord,
    Yank,
    YankPop,
    // chitin's handlers.
    EditAndExecuteCommand,
    InsertComment,
    OperateAndGetNext,
    ReReadInitFile,
    YankLastArg,
}

/// One readline function: its name and the keys bound to it by default (emacs keymap, in
/// `bind -p`'s notation), sorted by name as `bind -l` lists them.
pub struct Function {
    pub name: &'static str,
    pub action: Action,
    pub emacs_keys: &'static [&'static str],
}

const fn f(name: &'static str, action: Action, emacs_keys: &'static [&'static str]) -> Function {
    Function { name, action, emacs_keys }
}

use Action as A;

/// Every function, sorted by name.
pub static FUNCTIONS: &[Function] = &[
    f("abort", A::Abort, &[r"\C-g", r"\C-x\C-g", r"\e\C-g"]),
    f("accept-line", A::AcceptLine, &[r"\C-j", r"\C-m"]),
    f("backward-char", A::BackwardChar, &[r"\C-b", r"\eOD", r"\e[D"]),
    f("backward-delete-char", A::BackwardDeleteChar, &[r"\C-h", r"\C-?"]),
    f("backward-kill-line", A::BackwardKillLine, &[r"\C-x\C-?"]),
    f("backward-kill-word", A::BackwardKillWord, &[r"\e\C-h", r"\e\C-?"]),
    f("backward-word", A::BackwardWord, &[r"\e[1;3D", r"\e[1;5D", r"\eb"]),
    f("beginning-of-history", A::BeginningOfHistory, &[r"\e<"]),
    f("beginning-of-line", A::BeginningOfLine, &[r"\C-a", r"\eOH", r"\e[1~", r"\e[H"]),
    f("capitalize-word", A::CapitalizeWord, &[r"\ec"]),
    f("clear-screen", A::ClearScreen, &[r"\C-l"]),
    f("complete", A::Complete, &[r"\C-i"]),
    f("delete-char", A::DeleteChar, &[r"\C-d", r"\e[3~"]),
    f("downcase-word", A::DowncaseWord, &[r"\el"]),
    f("edit-and-execute-command", A::EditAndExecuteCommand, &[r"\C-x\C-e"]),
    f("end-of-history", A::EndOfHistory, &[r"\e>"]),
    f("end-of-line", A::EndOfLine, &[r"\C-e", r"\eOF", r"\e[4~", r"\e[F"]),
    f("forward-char", A::ForwardChar, &[r"\C-f", r"\eOC", r"\e[C"]),
    f("forward-search-history", A::ForwardSearchHistory, &[r"\C-s"]),
    f("forward-word", A::ForwardWord, &[r"\e[1;3C", r"\e[1;5C", r"\ef"]),
    f("history-search-backward", A::HistorySearchBackward, &[]),
    f("history-search-forward", A::HistorySearchForward, &[]),
    f("insert-comment", A::InsertComment, &[r"\e#"]),
    f("insert-last-argument", A::YankLastArg, &[]),
    f("kill-line", A::KillLine, &[r"\C-k"]),
    f("kill-whole-line", A::KillWholeLine, &[]),
    f("kill-word", A::KillWord, &[r"\ed"]),
    f("next-history", A::NextHistory, &[r"\C-n", r"\eOB", r"\e[B"]),
    f("operate-and-get-next", A::OperateAndGetNext, &[r"\C-o"]),
    f("previous-history", A::PreviousHistory, &[r"\C-p", r"\eOA", r"\e[A"]),
    f("quoted-insert", A::QuotedInsert, &[r"\C-q", r"\C-v"]),
    f("re-read-init-file", A::ReReadInitFile, &[]),
    f("redraw-current-line", A::RedrawCurrentLine, &[]),
    f("reverse-search-history", A::ReverseSearchHistory, &[r"\C-r"]),
    f("self-insert", A::SelfInsert, &[]),
    f("tab-insert", A::TabInsert, &[]),
    f("transpose-chars", A::TransposeChars, &[r"\C-t"]),
    f("transpose-words", A::TransposeWords, &[r"\et"]),
    f("undo", A::Undo, &[r"\C-_", r"\C-x\C-u"]),
    f("unix-line-discard", A::UnixLineDiscard, &[r"\C-u"]),
    f("unix-word-rubout", A::UnixWordRubout, &[r"\C-w"]),
    f("upcase-word", A::UpcaseWord, &[r"\eu"]),
    f("yank", A::Yank, &[r"\C-y"]),
    f("yank-last-arg", A::YankLastArg, &[r"\e.", r"\e_"]),
    f("yank-pop", A::YankPop, &[r"\ey"]),
];

/// The function of that name.
pub fn find(name: &[u8]) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name.as_bytes() == name)
}

/// The rustyline command of a plain function (`None` for chitin's handlers, and for
/// `self-insert` bound to a key that is not one character).
pub fn command(action: Action, last_key: Option<char>) -> Option<Cmd> {
    let emacs = Word::Emacs;
    Some(match action {
        A::Abort => Cmd::Abort,
        A::AcceptLine => Cmd::AcceptLine,
        A::BackwardChar => Cmd::Move(Movement::BackwardChar(1)),
        A::BackwardDeleteChar => Cmd::Kill(Movement::BackwardChar(1)),
        A::BackwardKillLine | A::UnixLineDiscard => Cmd::Kill(Movement::BeginningOfLine),
        A::BackwardKillWord => Cmd::Kill(Movement::BackwardWord(1, emacs)),
        A::BackwardWord => Cmd::Move(Movement::BackwardWord(1, emacs)),
        A::BeginningOfHistory => Cmd::BeginningOfHistory,
        A::BeginningOfLine => Cmd::Move(Movement::BeginningOfLine),
        A::CapitalizeWord => Cmd::CapitalizeWord,
        A::ClearScreen => Cmd::ClearScreen,
        A::Complete => Cmd::Complete,
        A::DeleteChar => Cmd::Kill(Movement::ForwardChar(1)),
        A::DowncaseWord => Cmd::DowncaseWord,
        A::EndOfHistory => Cmd::EndOfHistory,
        A::EndOfLine => Cmd::Move(Movement::EndOfLine),
        A::ForwardChar => Cmd::Move(Movement::ForwardChar(1)),
        A::ForwardSearchHistory => Cmd::ForwardSearchHistory,
        A::ForwardWord => Cmd::Move(Movement::ForwardWord(1, At::AfterEnd, emacs)),
        A::HistorySearchBackward => Cmd::HistorySearchBackward,
        A::HistorySearchForward => Cmd::HistorySearchForward,
        A::KillLine => Cmd::Kill(Movement::EndOfLine),
        A::KillWholeLine => Cmd::Kill(Movement::WholeLine),
        A::KillWord => Cmd::Kill(Movement::ForwardWord(1, At::AfterEnd, emacs)),
        A::NextHistory => Cmd::NextHistory,
        A::PreviousHistory => Cmd::PreviousHistory,
        A::QuotedInsert => Cmd::QuotedInsert,
        A::RedrawCurrentLine => Cmd::Repaint,
        A::ReverseSearchHistory => Cmd::ReverseSearchHistory,
        A::SelfInsert => Cmd::SelfInsert(1, last_key?),
        A::TabInsert => Cmd::SelfInsert(1, '\t'),
        A::TransposeChars => Cmd::TransposeChars,
        A::TransposeWords => Cmd::TransposeWords(1),
        A::Undo => Cmd::Undo(1),
        A::UnixWordRubout => Cmd::Kill(Movement::BackwardWord(1, Word::Big)),
        A::UpcaseWord => Cmd::UpcaseWord,
        A::Yank => Cmd::Yank(1, Anchor::Before),
        A::YankPop => Cmd::YankPop,
        A::EditAndExecuteCommand
        | A::InsertComment
        | A::OperateAndGetNext
        | A::ReReadInitFile
        | A::YankLastArg => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_by_name_for_bind_l() {
        assert!(FUNCTIONS.windows(2).all(|w| w[0].name < w[1].name));
    }
}
