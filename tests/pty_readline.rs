//! Readline habits at a real prompt: Alt-. repeated and with a numeric argument, Alt-#
//! (insert-comment), Ctrl-O (operate-and-get-next), and the `~/.inputrc` settings and `bind`
//! bindings the editor honours.

mod pty;
use pty::*;

/// The line being edited: the last line of the screen.
fn ends_with(s: &mut Session, what: &str) {
    let want = what.to_string();
    s.wait_for(&format!("the screen to end with {what:?}"), move |s| s.screen().ends_with(&want));
}

fn three_commands(s: &mut Session) {
    s.run("echo a1 b1 c1");
    s.run("echo a2 b2 c2");
    s.run("echo a3 b3 c3");
}

#[test]
fn alt_dot_again_takes_the_last_word_of_older_commands() {
    let mut s = Session::shell();
    three_commands(&mut s);
    s.send("x \x1b.");
    ends_with(&mut s, "$ x c3");
    s.send("\x1b.");
    ends_with(&mut s, "$ x c2");
    s.send("\x1b.");
    ends_with(&mut s, "$ x c1");
    // Past the oldest entry the line stays.
    s.send("\x1b.");
    s.send("!");
    ends_with(&mut s, "$ x c1!");
    // Typing something in between starts again from the newest.
    s.send("\x1b.");
    ends_with(&mut s, "$ x c1!c3");
    s.send("\x15");
    ends_with(&mut s, "$");
}

#[test]
fn alt_digit_alt_dot_yanks_word_n_then_the_same_word_further_back() {
    let mut s = Session::shell();
    three_commands(&mut s);
    s.send("x \x1b1\x1b.");
    ends_with(&mut s, "$ x a3");
    s.send("\x1b.");
    ends_with(&mut s, "$ x a2");
    s.send(" \x1b0\x1b.");
    ends_with(&mut s, "$ x a2 echo");
    s.send("\r");
    s.wait_text("\nchitin: x: command not found\n");
}

#[test]
fn alt_hash_comments_the_line_out_and_stores_it_in_history() {
    let mut s = Session::shell();
    s.send("echo hi");
    ends_with(&mut s, "$ echo hi");
    s.send_then_prompt("\x1b#");
    // Nothing ran: the next line after the commented one is the prompt.
    s.wait_text("$ #echo hi\n$");
    s.run("history");
    s.wait_text("    1  #echo hi\n    2  history\n");
    // With a numeric argument, a commented line is uncommented (and run).
    s.send("\x1b[A\x1b[A");
    ends_with(&mut s, "$ #echo hi");
    s.send("\x1b1\x1b#");
    s.wait_text("$ echo hi\nhi\n$");
}

#[test]
fn ctrl_o_runs_the_line_and_brings_the_next_history_entry() {
    let mut s = Session::shell();
    three_commands(&mut s);
    s.send("\x1b[A\x1b[A\x1b[A");
    ends_with(&mut s, "$ echo a1 b1 c1");
    s.send("\x0f");
    ends_with(&mut s, "a1 b1 c1\n$ echo a2 b2 c2");
    // The line Ctrl-O brought, run with Ctrl-O again, brings the one after it.
    s.send("\x0f");
    ends_with(&mut s, "a2 b2 c2\n$ echo a3 b3 c3");
    s.send("\r");
    ends_with(&mut s, "a3 b3 c3\n$");
    // On a new line there is no next entry: an empty prompt follows.
    s.send_then_prompt("echo new\x0f");
    s.wait_text("$ echo new\nnew\n$");
    s.run("history");
    s.wait_text(
        "    1  echo a1 b1 c1\n    2  echo a2 b2 c2\n    3  echo a3 b3 c3\n    4  echo a1 b1 c1\n    5  echo a2 b2 c2\n    6  echo a3 b3 c3\n    7  echo new\n    8  history",
    );
}

/// A HOME of the test's own holding `.inputrc`.
fn home_with_inputrc(tag: &str, inputrc: &str) -> TempDir {
    let home = TempDir::new(tag);
    std::fs::write(home.path().join(".inputrc"), inputrc).expect("write .inputrc");
    home
}

fn shell_in(home: &TempDir) -> Session {
    let h = home.path().display().to_string();
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h)]);
    s.run("cd");
    s
}

#[test]
fn inputrc_bindings_and_conditionals_are_read_at_start() {
    let home = home_with_inputrc(
        "inputrc",
        "$if mode=emacs\n\"\\C-xq\": kill-whole-line\n$endif\n$if mode=vi\n\"\\C-xw\": kill-whole-line\n$endif\n$if Bash\nControl-t: insert-comment\n$endif\n$include ~/more.rc\n",
    );
    std::fs::write(home.path().join("more.rc"), "set comment-begin #:\n").expect("write more.rc");
    let mut s = shell_in(&home);
    s.send("echo gone\x18q");
    ends_with(&mut s, "$");
    s.send("echo kept\x14");
    s.wait_text("$ #:echo kept\n$");
    s.run("bind -q kill-whole-line");
    s.wait_text("kill-whole-line can be invoked via \"\\C-xq\".");
}

#[test]
fn inputrc_editing_mode_vi_selects_vi_editing() {
    let home = home_with_inputrc("inputrc-vi", "set editing-mode vi\n");
    let mut s = shell_in(&home);
    s.run("shopt -oq vi && ! shopt -oq emacs && echo vi is on");
    s.wait_text("\nvi is on\n");
    // Esc (the cursor steps back onto the last character), then `0` and `x` in command
    // mode: the first character goes.
    s.send("xecho vi");
    ends_with(&mut s, "$ xecho vi");
    let (row, col) = s.cursor();
    s.send("\x1b");
    s.wait_for("command mode", move |s| s.cursor() == (row, col - 1));
    s.send("0x\r");
    s.wait_text("\nvi\n");
}

#[test]
fn bind_at_the_prompt_takes_effect_on_the_next_line() {
    let mut s = Session::shell();
    s.run(r#"bind '"\C-xq": insert-comment'"#);
    s.send("echo hi\x18q");
    s.wait_text("$ #echo hi\n$");
    s.run("bind -r '\\C-xq'");
    s.send("echo hi\x18q\r");
    s.wait_text("\nhi\n$");
}

#[test]
fn completion_ignore_case_and_show_all_if_ambiguous() {
    let home = home_with_inputrc(
        "inputrc-complete",
        "set completion-ignore-case on\nset show-all-if-ambiguous on\n",
    );
    std::fs::write(home.path().join("Makefile.test"), "").expect("file");
    std::fs::write(home.path().join("ab1"), "").expect("file");
    std::fs::write(home.path().join("ab2"), "").expect("file");
    let mut s = shell_in(&home);
    s.send("cat makef\t");
    ends_with(&mut s, "$ cat Makefile.test");
    s.send("\x15");
    ends_with(&mut s, "$");
    // One Tab lists the candidates.
    s.send("cat ab\t");
    s.wait_text("ab1  ab2");
    s.send("\x15");
}

#[test]
fn re_read_init_file_applies_a_changed_inputrc() {
    let home = home_with_inputrc("inputrc-reread", "\"\\C-xr\": re-read-init-file\n");
    let mut s = shell_in(&home);
    s.run("printf '%s\\n' '\"\\C-xr\": re-read-init-file' '\"\\C-xq\": insert-comment' > ~/.inputrc");
    s.send_then_prompt("\x18r\r");
    s.send("echo hi\x18q");
    s.wait_text("$ #echo hi\n$");
}

#[test]
fn a_vi_command_binding_leaves_insert_mode_alone() {
    let home = home_with_inputrc(
        "inputrc-vicmd",
        "set editing-mode vi\n$if mode=vi\nset keymap vi-command\n\"j\": kill-whole-line\n$endif\n",
    );
    let mut s = shell_in(&home);
    // In insert mode `j` is a letter.
    s.send("echo jj");
    ends_with(&mut s, "$ echo jj");
    let (row, col) = s.cursor();
    s.send("\x1b");
    s.wait_for("command mode", move |s| s.cursor() == (row, col - 1));
    // In command mode it is what the keymap says.
    s.send("j");
    s.wait_for("the line killed", |s| s.screen().ends_with("\n$"));
    s.send("iecho ok\r");
    s.wait_text("\nok\n");
}
