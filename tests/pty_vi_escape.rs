//! vi editing mode with keys typed fast, as a pasted or scripted sequence arrives (found in
//! tmux: `echo hello world`, Escape, `bcw`, `there`, Escape, Enter left the line unaccepted).
//! readline: Escape followed within keyseq-timeout by a key that makes no known sequence with
//! it is Escape (vi-movement-mode, the cursor back one), then that key in command mode. Each
//! test writes its keys in one write, so the editor sees them back to back.

mod pty;
use pty::*;

fn vi_shell() -> Session {
    let mut s = Session::shell();
    s.run("set -o vi");
    s
}

#[test]
fn escape_then_enter_at_once_accepts_the_line() {
    let mut s = vi_shell();
    s.send("echo first\x1b\r");
    s.wait_text("\nfirst");
    s.run("echo alive");
    s.wait_text("\nalive");
}

#[test]
fn escape_then_a_command_moves_back_first_as_readline_does() {
    let mut s = vi_shell();
    // Escape puts the cursor on `1`; b goes to the start of `b1`; cw changes it.
    s.send("echo b1\x1bbcwx1\x1b\r");
    s.wait_text("\nx1");
    // Escape then k at once recalls the previous line, as pressing them quickly does.
    s.send("\x1bk");
    s.wait_text("$ echo x1");
}
