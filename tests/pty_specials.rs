//! COLUMNS and LINES at an interactive prompt follow the terminal's size (checkwinsize, on
//! by default as in bash).

mod pty;
use pty::*;

#[test]
fn columns_and_lines_follow_the_terminal() {
    let mut s = Session::shell();
    s.run("echo \"size=$COLUMNS,$LINES\"");
    assert!(s.screen().contains("size=100,50"), "{}", s.screen());
    s.run("shopt -u checkwinsize; COLUMNS=7; echo \"kept=$COLUMNS\"");
    s.run("echo \"still=$COLUMNS\"");
    assert!(s.screen().contains("still=7"), "{}", s.screen());
}

/// An interactive shell's `$-` and editing options read as bash's (`himBHs`, emacs on until
/// `set -o vi`).
#[test]
fn dollar_dash_and_editing_mode_at_the_prompt() {
    let mut s = Session::shell();
    s.run("echo \"flags=$-\"");
    s.wait_text("flags=himBHs");
    s.run("set -o vi; echo \"opts=$SHELLOPTS\"");
    s.wait_text("opts=braceexpand:hashall:histexpand:history:interactive-comments:monitor:vi");
    s.run("set -o emacs; echo \"opts=$SHELLOPTS\"");
    s.wait_text("opts=braceexpand:emacs:hashall:histexpand:history:interactive-comments:monitor");
}
