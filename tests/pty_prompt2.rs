//! The prompt, part 2: PROMPT_COMMAND, PS0, bash's newer escapes, and `\[ \]` keeping the
//! cursor in the right column when a long line wraps under a coloured prompt.

mod pty;
use pty::*;

#[test]
fn prompt_command_runs_before_each_prompt_and_keeps_the_status() {
    let mut s = Session::shell();
    s.run("PROMPT_COMMAND='echo \"pc saw $?\"; (exit 7)'");
    s.wait_text("\npc saw 0\n$");
    s.run("false");
    s.wait_text("$ false\npc saw 1\n$");
    s.run("echo status=$?");
    s.wait_text("\nstatus=1\npc saw 0\n$");
    // An empty line gets a fresh prompt, and PROMPT_COMMAND before it.
    s.run("");
    s.wait_text("$\npc saw 0\n$");
    // An array: each element in turn (bash 5.1).
    s.run("PROMPT_COMMAND=('echo first' 'echo second')");
    s.run("true");
    s.wait_text("$ true\nfirst\nsecond\n$");
}

#[test]
fn ps0_shows_after_reading_with_the_command_number() {
    let mut s = Session::shell();
    s.run("PS0='<ps0 \\#>\\n'");
    s.run("echo ran");
    s.wait_text("$ echo ran\n<ps0 2>\nran\n$");
    s.run("");
    s.run("echo again");
    s.wait_text("$ echo again\n<ps0 3>\nagain\n$");
}

#[test]
fn newer_escapes() {
    let mut s = Session::shell();
    s.line("PS1='[\\s \\v \\V \\D{%Y-x} \\# \\j \\l]\\$ '; sleep 100 &");
    s.wait_text(&format!(
        "[chitin {} {} {}-x 2 1 ",
        env!("CARGO_PKG_VERSION").rsplit_once('.').map_or("", |v| v.0),
        env!("CARGO_PKG_VERSION"),
        year()
    ));
    s.send("kill %1\r");
}

fn year() -> String {
    let out = std::process::Command::new("date")
        .arg("+%Y")
        .output()
        .expect("date");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn coloured_prompt_cursor_after_a_long_line_wraps() {
    let mut s = Session::shell();
    // Visible: "me@host:~/src$ " (15 columns); the colour codes take none.
    s.line("PS1='\\[\\e[1;32m\\]me@host\\[\\e[0m\\]:\\[\\e[34m\\]~/src\\[\\e[0m\\]$ '");
    s.wait_for("the coloured prompt", |s| {
        s.screen().ends_with("me@host:~/src$") && s.cursor().1 == 15
    });
    let (row, _) = s.cursor();
    // 15 + 5 + 150 = 170 columns: the cursor is on the next row at column 70.
    s.send(&format!("echo {}", "x".repeat(150)));
    s.wait_for("the cursor after the wrapped line", |s| s.cursor() == (row + 1, 70));
    // Home and End move over the wrap and back.
    s.send("\x01");
    s.wait_for("the cursor at the start of the line", |s| s.cursor() == (row, 15));
    s.send("\x05");
    s.wait_for("the cursor at the end again", |s| s.cursor() == (row + 1, 70));
    s.send("\r");
    s.wait_for("the output and a new prompt", |s| {
        s.cursor() == (row + 4, 15) && s.screen().ends_with("me@host:~/src$")
    });
}
