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

/// `shopt -u interactive_comments` (or `set +o interactive-comments`) makes `#` an ordinary
/// character at the prompt, as in bash; scripts always take comments.
#[test]
fn interactive_comments_can_be_turned_off() {
    let mut s = Session::shell();
    s.run("echo a #b");
    s.run("shopt -u interactive_comments; set -o | grep interactive-comments | tr -d ' \\t'");
    s.wait_text("interactive-commentsoff");
    s.run("echo c #d");
    s.wait_text("\nc #d\n");
    // The line is read before `set` runs (bash too), so `#` takes effect from the next one.
    s.run("set -o interactive-comments; echo e #f");
    s.wait_text("\ne #f\n");
    s.run("echo g #h");
    s.wait_text("\ng\n");
    assert!(s.screen().contains("$ echo a #b\na\n$ shopt"), "{}", s.screen());
}
