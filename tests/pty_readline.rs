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
