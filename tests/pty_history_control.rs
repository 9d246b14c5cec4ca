//! What the prompt keeps in history, as bash does: every line by default (repeats too, as
//! typed), and HISTCONTROL (ignorespace, ignoredups, ignoreboth, erasedups) and HISTIGNORE
//! (patterns, `&` for the previous line) leave lines out. A line typed with a leading space
//! under `ignorespace` (Debian's default ~/.bashrc sets ignoreboth) must never be stored.

mod pty;
use pty::*;

/// The history list as `history` prints it, read from a file the session wrote.
fn history_of(s: &mut Session, file: &str) -> String {
    s.run(&format!("history > \"$HOME/{file}\"; echo listed-{file}"));
    s.wait_text_n(&format!("listed-{file}"), 2);
    std::fs::read_to_string(s.home().join(file)).expect("read the listing")
}

#[test]
fn every_line_is_kept_by_default() {
    let mut s = Session::shell();
    s.run("echo a");
    s.run("echo a");
    s.run(" echo b");
    let h = history_of(&mut s, "h");
    assert_eq!(
        h,
        "    1  echo a\n    2  echo a\n    3  echo b\n    4  history > \"$HOME/h\"; echo listed-h\n"
    );
}

#[test]
fn histcontrol_and_histignore_leave_lines_out() {
    let mut s = Session::shell();
    s.run("HISTCONTROL=ignoreboth");
    s.run(" echo secret");
    s.run("echo c");
    s.run("echo c");
    s.run("HISTIGNORE='ls*:&'");
    s.run("ls /");
    s.run("echo d");
    s.run("echo d");
    s.run("HISTCONTROL=erasedups HISTIGNORE=");
    s.run("echo c");
    let h = history_of(&mut s, "h");
    assert_eq!(
        h,
        "    1  HISTCONTROL=ignoreboth\n    2  HISTIGNORE='ls*:&'\n    3  echo d\n    4  HISTCONTROL=erasedups HISTIGNORE=\n    5  echo c\n    6  history > \"$HOME/h\"; echo listed-h\n"
    );
    assert!(!s.screen().contains("secret\n    "), "{}", s.screen());
}
