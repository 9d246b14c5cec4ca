//! History expansion at the prompt: the expanded line is shown and run, stored in history,
//! and errors drop the line; `set +H` turns it off.

mod pty;
use pty::*;

#[test]
fn bang_bang_shows_and_runs_the_previous_command() {
    let mut s = Session::shell();
    s.run("echo one two");
    s.run("!!");
    s.wait_text("$ !!\necho one two\none two\n$");
    s.run("history");
    // The expanded line is stored even when it repeats the previous one (bash, without
    // HISTCONTROL).
    s.wait_text("    1  echo one two\n    2  echo one two\n    3  history");
}

#[test]
fn last_argument_and_quick_substitution() {
    let mut s = Session::shell();
    s.run("echo abc def");
    s.run("echo !$");
    s.wait_text("$ echo !$\necho def\ndef\n$");
    s.run("^d^X");
    s.wait_text("$ ^d^X\necho Xef\nXef\n$");
    s.run("history");
    s.wait_text("    2  echo def\n    3  echo Xef\n");
}

#[test]
fn sudo_bang_bang_prefixes_the_previous_command() {
    let mut s = Session::shell();
    s.run("sudo() { echo \"as root: $*\"; }");
    s.run("cat /etc/shadow-of-a-test");
    s.run("sudo !!");
    s.wait_text("$ sudo !!\nsudo cat /etc/shadow-of-a-test\nas root: cat /etc/shadow-of-a-test\n$");
}

#[test]
fn a_failed_expansion_drops_the_line_and_keeps_the_status() {
    let mut s = Session::shell();
    s.run("false");
    s.run("echo ran !nope");
    s.wait_text("$ echo ran !nope\nchitin: !nope: event not found\n$");
    s.run("echo status=$?");
    s.wait_text("\nstatus=1\n");
    assert!(!s.screen().contains("\nran"), "{}", s.screen());
    s.run("history");
    s.wait_text("    1  false\n    2  echo status=$?\n    3  history");
}

#[test]
fn print_modifier_stores_without_running() {
    let mut s = Session::shell();
    s.run("echo p1");
    s.run("!!:s/p1/p2/:p");
    s.wait_text("$ !!:s/p1/p2/:p\necho p2\n$");
    s.run("!!");
    s.wait_text("$ !!\necho p2\np2\n$");
}

#[test]
fn set_plus_h_turns_it_off_and_quotes_protect() {
    let mut s = Session::shell();
    s.run("echo $- | grep -c H");
    s.wait_text("\n1\n");
    s.run("echo '!!' \\!! x!");
    s.wait_text("\n!! !! x!\n");
    s.run("set +H");
    s.run("echo !!");
    s.wait_text("$ echo !!\n!!\n$");
}
