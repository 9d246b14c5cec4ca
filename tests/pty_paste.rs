//! Blocks pasted at the prompt (bracketed paste), as people paste from a README or a chat:
//! every line runs, and history holds the commands as they were typed.

mod pty;
use pty::*;

#[test]
fn a_paste_ending_in_a_newline_leaves_nothing_behind_for_the_next_command() {
    let mut s = Session::shell();
    let before = s.prompt_count();
    // The copied text ends with its last line's newline; Enter then runs the block.
    s.send_bytes(b"\x1b[200~echo p1\necho p2\n\x1b[201~");
    s.send("\r");
    s.wait_prompts(before + 1);
    s.wait_text("p2");
    s.run("echo next");
    s.wait_text("next");
    // The next command is stored as typed, one line, not behind an empty line (bash: the same).
    s.run("echo \"entry=$(fc -ln -1 -1 | tr '\\t\\n' _.)\"");
    s.wait_text("entry=_echo next.");
}

#[test]
fn blank_lines_inside_and_after_a_paste_are_skipped() {
    let mut s = Session::shell();
    let before = s.prompt_count();
    s.send_bytes(b"\x1b[200~echo q1\n\n# a comment\necho q2\n\n\x1b[201~");
    s.send("\r");
    s.wait_prompts(before + 1);
    s.wait_text("q2");
    s.run("echo after-$?");
    s.wait_text("after-0");
    s.run("echo \"entry=$(fc -ln -1 -1 | tr '\\t\\n' _.)\"");
    s.wait_text("entry=_echo after-$?.");
}
