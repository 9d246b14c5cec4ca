//! The interactive shell at a real terminal: line editing, history, completion, hints, prompts,
//! startup files. Each test gets its own HOME (history file, profile) so tests never share
//! state; every wait is for a screen condition with a deadline.

mod pty;
use pty::*;

const LEFT: &str = "\x1b[D";
const RIGHT: &str = "\x1b[C";
const UP: &str = "\x1b[A";
const TAB: &str = "\t";
const CTRL_R: &str = "\x12";

/// A fresh, empty HOME for one test, removed when the test ends.
fn home(name: &str) -> TempDir {
    TempDir::new(&format!("ia-{name}"))
}

fn shell(home: &str) -> Session {
    Session::shell_with(&["-i"], &[("HOME", home)])
}

#[test]
fn left_arrow_inserts_in_the_middle() {
    let h = home("left");
    let mut s = shell(&h);
    s.send("echo hllo world");
    s.send(&LEFT.repeat(9));
    s.send("e");
    s.line("");
    s.wait_prompts(2);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn up_arrow_and_ctrl_r_recall_history() {
    let h = home("recall");
    let mut s = shell(&h);
    s.run("echo alpha");
    s.run("echo beta");
    s.send(UP);
    s.wait_text("$ echo beta");
    s.line("");
    s.wait_prompts(4);
    s.send(CTRL_R);
    s.send("alp");
    s.wait_text("`alp': echo alpha");
    s.line("");
    s.wait_prompts(5);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn tab_completes_commands_files_and_variables() {
    let h = home("tab");
    std::fs::write(format!("{h}/my file.txt"), "contents of my file\n").expect("write file");
    let mut s = shell(&h);
    s.run("cd \"$HOME\"");
    s.run("chitinuniquefn() { echo function ran; }");
    s.send("chitinuniq");
    s.send(TAB);
    s.wait_text("$ chitinuniquefn");
    s.line("");
    s.wait_prompts(4);
    s.send("cat my");
    s.send(TAB);
    s.wait_text("$ cat my\\ file.txt");
    s.line("");
    s.wait_text("contents of my file");
    s.wait_prompts(5);
    s.run("CHITIN_LONG_VARIABLE=value-of-it");
    s.send("echo ${CHITIN_LONG");
    s.send(TAB);
    s.wait_text("$ echo ${CHITIN_LONG_VARIABLE}");
    s.line("");
    s.wait_prompts(7);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_discards_the_line_and_ctrl_z_does_nothing() {
    let h = home("ctrlc");
    let mut s = shell(&h);
    s.send("echo never printed");
    s.ctrl_c();
    s.wait_prompts(2);
    s.ctrl_z();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn an_if_continues_at_ps2_and_is_one_history_entry() {
    let h = home("ps2");
    let mut s = shell(&h);
    s.line("if true");
    s.wait_for("the PS2 prompt", |s| {
        s.screen().lines().last() == Some(PS2.trim_end())
    });
    s.line("then echo inside");
    s.line("fi");
    s.wait_prompts(2);
    s.run("history");
    // No pids here; the screen as is (history numbers must not be taken for pids).
    insta::assert_snapshot!(s.screen());
}

#[test]
fn login_shell_reads_profile_and_env() {
    let h = home("login");
    // /etc/profile may set PS1 for root: the profile puts the test prompt back.
    std::fs::write(
        format!("{h}/.profile"),
        "PS1='$ '\necho profile read\nENV=$HOME/rc\n",
    )
    .expect("write .profile");
    std::fs::write(format!("{h}/rc"), "echo rc read from \"$ENV\"\n").expect("write rc");
    let mut s = Session::shell_with(&["-l", "-i"], &[("HOME", h.as_str())]);
    s.run("echo done");
    let t = s.screen().replace(h.as_str(), "<HOME>");
    insta::assert_snapshot!(t);
}

#[test]
fn env_is_parameter_expanded_and_sourced() {
    let h = home("env");
    std::fs::write(format!("{h}/envfile"), "alias hi='echo hello from env'\n")
        .expect("write env file");
    let mut s = Session::shell_with(&["-i"], &[("HOME", h.as_str()), ("ENV", "$HOME/envfile")]);
    s.run("hi");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn history_is_kept_across_runs() {
    let h = home("across");
    {
        let mut s = shell(&h);
        s.run("echo from the first shell");
        s.line("exit");
        s.wait_exit();
    }
    use std::os::unix::fs::PermissionsExt;
    let mode =
        std::fs::metadata(format!("{h}/.chitin_history")).map(|m| m.permissions().mode() & 0o777);
    assert_eq!(mode.ok(), Some(0o600), "history file is private");
    let mut s = shell(&h);
    s.send(UP);
    s.wait_text("$ exit");
    s.send(UP);
    s.wait_text("$ echo from the first shell");
    s.line("");
    s.wait_prompts(2);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn hint_from_history_is_accepted_with_right_arrow() {
    let h = home("hint");
    let mut s = shell(&h);
    s.run("echo a suggestion from history");
    s.send("echo a sug");
    s.wait_text("$ echo a suggestion from history");
    // The hint is grey and not part of the line until accepted.
    s.wait_raw("\x1b[90mgestion from history");
    s.send(RIGHT);
    s.line("");
    s.wait_prompts(3);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn no_hint_without_colours() {
    let h = home("nocolor");
    let mut s = Session::shell_with(&["-i"], &[("HOME", h.as_str()), ("NO_COLOR", "1")]);
    s.run("echo remembered");
    s.send("echo rem");
    s.wait_text("$ echo rem");
    s.line("");
    s.wait_prompts(3);
    assert!(
        !String::from_utf8_lossy(s.raw()).contains("\x1b[90m"),
        "no grey hint"
    );
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn time_reports_real_user_sys() {
    let h = home("time");
    let mut s = shell(&h);
    s.run("time sleep 0.1");
    s.run("TIMEFORMAT='took %1R'; time true");
    // Durations vary: keep the layout, hide the digits.
    let t: String = s
        .transcript()
        .chars()
        .map(|c| if c.is_ascii_digit() { 'N' } else { c })
        .collect();
    insta::assert_snapshot!(t);
}

#[test]
fn prompt_escapes_and_expansions() {
    let h = home("prompt");
    let mut s = shell(&h);
    s.line("cd \"$HOME\"; X=expanded; PS1='[\\W|$X|$(echo sub)|\\?|!] $ '");
    s.wait_text("|expanded|sub|0|");
    let t = s.transcript().replace(h.as_str(), "<HOME>");
    let base = std::path::Path::new(&h)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    insta::assert_snapshot!(t.replace(&base, "<BASE>"));
}

#[test]
fn set_o_vi_switches_to_vi_keys() {
    let h = home("vi");
    let mut s = shell(&h);
    s.run("set -o vi");
    // Esc to command mode, `0` to the start, `w` to the next word, `ra` replaces the `x`.
    s.send("echo xbc\x1b");
    s.send("0wra");
    s.wait_text("$ echo abc");
    s.line("");
    s.wait_prompts(3);
    insta::assert_snapshot!(s.screen());
}
