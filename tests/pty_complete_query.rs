//! readline's questions before a completion list: `Display all N possibilities? (y or n)`
//! from completion-query-items matches on (100; 0 never asks), and the pager's `--More--` for
//! a list longer than the screen (page-completions). Each answer as readline's get_y_or_n
//! takes it; screens as bash shows them (compared in tmux, `bash --norc -i`).

mod pty;
use pty::*;

const TAB: &str = "\t";

fn home(name: &str) -> TempDir {
    TempDir::new(&format!("pcq-{name}"))
}

/// A shell without bash-completion (the test's own specs only), in `home`.
fn plain_shell(home: &str) -> Session {
    let mut s = Session::shell_with(&["-i"], &[("HOME", home), ("CHITIN_BASH_COMPLETION", "off"), ("NO_COLOR", "1")]);
    s.run("cd \"$HOME\"");
    s
}

/// The screen's last `n` lines.
fn last_lines(s: &Session, n: usize) -> Vec<String> {
    let screen = s.screen();
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(n)..].iter().map(|l| l.to_string()).collect()
}

/// Clears the screen at an empty prompt: what a test waits for next is not an old row.
fn clear(s: &mut Session, gone: &str) {
    s.send("\x0c");
    s.wait_for("a clear screen", |s| !s.screen().contains(gone));
}

#[test]
fn the_question_before_a_long_list_is_readlines() {
    // readline asks from completion-query-items (100) matches on, takes y, Y or a space as
    // yes and n, N or Rubout as no; 99 matches list without asking.
    let h = home("query");
    let mut s = plain_shell(&h);
    s.run(r#"complete -W "$(echo w{001..100})" hund; complete -W "$(echo w{001..099})" nn"#);
    // w001..w099 share `w0`: the first Tab inserts it, the next lists.
    s.send("nn w0");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ nn w0Z");
    assert!(s.screen().contains("w099") && !s.screen().contains("possibilities"), "{}", s.screen());
    s.ctrl_c();
    clear(&mut s, "w099");
    for yes in [" ", "y", "Y"] {
        s.send("hund w");
        s.send(TAB);
        s.send(TAB);
        s.wait_text("Display all 100 possibilities? (y or n)");
        s.send(yes);
        s.send("Y");
        s.wait_text("$ hund wY");
        assert!(s.screen().contains("w100"), "{}", s.screen());
        s.ctrl_c();
        clear(&mut s, "w100");
    }
    for no in ["n", "N", "\x7f"] {
        s.send("hund w");
        s.send(TAB);
        s.send(TAB);
        s.wait_text("Display all 100 possibilities? (y or n)");
        s.send(no);
        s.send("X");
        s.wait_text("$ hund wX");
        assert!(!s.screen().contains("w100"), "{}", s.screen());
        s.ctrl_c();
        clear(&mut s, "possibilities");
    }
}

#[test]
fn after_no_the_question_stays_and_the_line_is_drawn_below_it() {
    // bash: the question stays on the screen, the prompt and line come again below it; a
    // key that is no answer rings the bell and is not inserted.
    let h = home("no");
    let mut s = plain_shell(&h);
    s.run(r#"complete -W "$(echo w{001..100})" hund"#);
    s.send("hund w");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("Display all 100 possibilities? (y or n)");
    s.send("xn");
    s.send("Z");
    s.wait_text("$ hund wZ");
    assert_eq!(
        last_lines(&s, 3),
        ["$ hund w", "Display all 100 possibilities? (y or n)", "$ hund wZ"],
        "{}",
        s.screen()
    );
}

#[test]
fn ctrl_c_at_the_question_abandons_the_line() {
    // bash: `^C` after the question, and a fresh prompt below it.
    let h = home("intr");
    let mut s = plain_shell(&h);
    s.run(r#"complete -W "$(echo w{001..100})" hund"#);
    s.send("hund w");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("Display all 100 possibilities? (y or n)");
    s.ctrl_c();
    s.wait_text("(y or n)^C");
    s.wait_prompt();
    s.run("echo \"after $?\"");
    assert_eq!(
        last_lines(&s, 5),
        ["$ hund w", "Display all 100 possibilities? (y or n)^C", "$ echo \"after $?\"", "after 130", "$"],
        "{}",
        s.screen()
    );
}

#[test]
fn completion_query_items_sets_where_the_question_starts_and_0_never_asks() {
    let h = home("items");
    let mut s = plain_shell(&h);
    s.run("complete -W 'a1 a2 a3 a4 a5' five; bind 'set completion-query-items 5'");
    s.send("five a");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("Display all 5 possibilities? (y or n)");
    s.send("y");
    s.wait_text("a1  a2  a3  a4  a5");
    s.ctrl_c();
    clear(&mut s, "a5");
    s.run("bind 'set completion-query-items 6'");
    s.send("five a");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ five aZ");
    assert!(s.screen().contains("a1  a2  a3  a4  a5") && !s.screen().contains("possibilities"), "{}", s.screen());
    s.ctrl_c();
    clear(&mut s, "a5");
    s.run(r#"complete -W "$(echo w{001..500})" many; bind 'set completion-query-items 0'"#);
    s.send("many w");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ many wZ");
    assert!(s.screen().contains("w500") && !s.screen().contains("possibilities"), "{}", s.screen());
    s.ctrl_c();
}

/// The rows of the list `w0001`..`w1000` as readline lays it out on 100 columns: 14 columns
/// of 7, 72 rows, sorted down the columns.
fn list_row(row: usize) -> String {
    let words: Vec<String> = (0..14).map(|c| c * 72 + row + 1).filter(|&n| n <= 1000).map(|n| format!("w{n:04}")).collect();
    words.join("  ")
}

#[test]
fn a_list_longer_than_the_screen_pauses_at_more() {
    // 72 rows on a screen of 50: 49 rows, then `--More--` (erased once answered); Return
    // shows one row more, a space a screenful more; q stops, the line comes back in its place.
    let h = home("more");
    let mut s = plain_shell(&h);
    s.run(r#"complete -W "$(echo w{0001..1000})" thou"#);
    clear(&mut s, "thou");
    s.send("thou w");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("Display all 1000 possibilities? (y or n)");
    s.send("y");
    s.wait_text("--More--");
    let rows: Vec<String> = (0..49).map(list_row).chain(["--More--".to_string()]).collect();
    assert_eq!(last_lines(&s, 50), rows, "{}", s.screen());
    s.send("\r");
    s.wait_text(&list_row(49));
    s.wait_text("--More--");
    assert_eq!(last_lines(&s, 2), [list_row(49), "--More--".to_string()], "{}", s.screen());
    s.send(" ");
    s.wait_text(&list_row(71));
    s.send("Z");
    s.wait_text("$ thou wZ");
    assert_eq!(last_lines(&s, 2), [list_row(71), "$ thou wZ".to_string()], "{}", s.screen());
    assert!(!s.screen().contains("--More--"), "{}", s.screen());
    s.ctrl_c();
    clear(&mut s, "w1000");
    s.send("thou w");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("Display all 1000 possibilities? (y or n)");
    s.send("y");
    s.wait_text("--More--");
    s.send("q");
    s.send("Q");
    s.wait_text("$ thou wQ");
    assert_eq!(last_lines(&s, 2), [list_row(48), "$ thou wQ".to_string()], "{}", s.screen());
    s.ctrl_c();
    // page-completions off: the whole list at once.
    clear(&mut s, "w0");
    s.run("bind 'set page-completions off'; bind -v | grep page-");
    s.wait_text("set page-completions off");
    s.send("thou w");
    s.send(TAB);
    s.send(TAB);
    s.send("y");
    s.send("Z");
    s.wait_text("$ thou wZ");
    assert_eq!(last_lines(&s, 2), [list_row(71), "$ thou wZ".to_string()], "{}", s.screen());
    assert!(!s.screen().contains("--More--"), "{}", s.screen());
    s.ctrl_c();
}

#[test]
fn a_list_of_more_than_65535_matches_does_not_end_the_shell() {
    // The editor counted the matches in 16 bits and panicked.
    let h = home("huge");
    let mut s = plain_shell(&h);
    s.run(r#"complete -W "$(seq 100000 170000)" huge"#);
    s.send("huge 1");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("Display all 70001 possibilities? (y or n)");
    s.send("y");
    s.wait_text("--More--");
    s.send("q");
    s.send("Z");
    s.wait_text("$ huge 1Z");
    s.ctrl_c();
    s.run("echo alive");
    s.wait_text("alive");
}

#[test]
fn a_list_below_a_line_of_two_rows_keeps_all_its_rows() {
    // The line was redrawn as if it still were just above the cursor: the rows it took were
    // cleared upwards from the cursor, erasing the end of the list.
    let h = home("tworows");
    let mut s = plain_shell(&h);
    s.run("complete -W 'a1 a2 a3 a4 a5' five");
    let long = "x".repeat(110);
    s.send(&format!("five {long} a"));
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("aZ");
    // (The screen's text joins the rows of a line that wrapped.)
    let lines = last_lines(&s, 2);
    assert_eq!(lines[0], "a1  a2  a3  a4  a5", "{}", s.screen());
    assert_eq!(lines[1], format!("$ five {long} aZ"), "{}", s.screen());
}
