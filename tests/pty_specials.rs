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
