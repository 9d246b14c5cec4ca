//! Things a person meets at the prompt: ^D at a PS2 prompt, ^C and ^\ at the prompt, `help`.

mod pty;
use pty::*;

/// Types `line`, waits for the PS2 prompt after it.
fn continue_with(s: &mut Session, line: &str) {
    s.drain();
    let before = s.screen().matches(PS2.trim_end()).count();
    s.line(line);
    s.wait_for("a PS2 prompt", |s| {
        s.screen().matches(PS2.trim_end()).count() > before
    });
}

/// ^D at PS2, then the next command runs normally and the shell stays.
fn then_next_command_runs(s: &mut Session, n: usize) {
    s.run(&format!("echo next-{n} status=$?"));
    s.wait_text(&format!("\nnext-{n} status="));
    s.run(&format!("echo again-{n}"));
    s.wait_text(&format!("\nagain-{n}"));
    assert!(alive(s.pid()));
}

#[test]
fn ctrl_d_in_a_here_document_runs_it_with_a_warning() {
    let mut s = Session::shell();
    continue_with(&mut s, "cat <<EOF");
    continue_with(&mut s, "body line");
    s.drain();
    let before = s.prompt_count();
    s.ctrl_d();
    s.wait_prompts(before + 1);
    s.wait_text("warning: here-document at line 1 delimited by end-of-file (wanted `EOF')");
    s.wait_text("\nbody line\n");
    then_next_command_runs(&mut s, 1);
}

#[test]
fn ctrl_d_in_an_unfinished_command_reports_it_and_goes_on() {
    let mut s = Session::shell();
    for (n, start) in ["for i in 1", "echo \"abc", "echo a |", "if true; then"]
        .into_iter()
        .enumerate()
    {
        continue_with(&mut s, start);
        s.drain();
        let before = s.prompt_count();
        s.ctrl_d();
        s.wait_prompts(before + 1);
        s.run("echo status=$?");
        s.wait_text_n("status=2", n + 1);
        then_next_command_runs(&mut s, n);
    }
    // Nothing of the unfinished commands ran.
    assert!(!s.screen().contains("\nabc"), "{}", s.screen());
}

/// Every option letter `help` shows in a `[-abc]` group is one the builtin accepts.
#[test]
fn help_lists_only_options_that_exist() {
    let help = std::process::Command::new(chitin())
        .args(["-c", "help"])
        .output()
        .expect("run help");
    let text = String::from_utf8_lossy(&help.stdout).into_owned();
    let mut checked = 0;
    for line in text.lines() {
        let Some(name) = line.split_whitespace().next() else {
            continue;
        };
        for group in line.split('[').skip(1) {
            let group = group.split(']').next().unwrap_or("");
            let Some(letters) = group.strip_prefix('-') else {
                continue;
            };
            // `[-N]` is a number (dirs, popd), not an option.
            if letters.is_empty()
                || letters == "N"
                || !letters.bytes().all(|c| c.is_ascii_alphabetic())
            {
                continue;
            }
            for letter in letters.chars() {
                let script = format!("{name} -{letter} </dev/null");
                let out = std::process::Command::new(chitin())
                    .args(["-c", &script])
                    .output()
                    .expect("run the builtin");
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(
                    !err.contains("invalid option")
                        && !err.contains(&format!("-{letter}: not found"))
                        && !err.contains(&format!("-{letter}: invalid")),
                    "help shows `{line}`, but `{script}` says: {err}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} options found in:\n{text}");
    // echo takes bash's -n, -e and -E.
    let echo = std::process::Command::new(chitin())
        .args(["-c", "help echo"])
        .output()
        .expect("run help echo");
    assert_eq!(
        String::from_utf8_lossy(&echo.stdout),
        "echo: echo [-neE] [arg ...]\n    Write arguments to the standard output.\n"
    );
}

/// The screen row the cursor is on.
fn cursor_row_text(s: &Session) -> String {
    s.screen().lines().last().unwrap_or("").to_string()
}

#[test]
fn ctrl_c_leaves_the_line_as_typed_with_a_caret_c_and_no_hint() {
    let mut s = Session::shell();
    s.run("echo alpha-hint-text");
    s.send("echo al");
    // The grey hint from history shows the rest of the entry.
    s.wait_text("$ echo alpha-hint-text\n");
    s.wait_for("the hint after the typed text", |s| {
        cursor_row_text(s) == "$ echo alpha-hint-text"
    });
    s.interrupt();
    let screen = s.screen();
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines[lines.len() - 2], "$ echo al^C", "{screen}");
    s.run("echo status=$?");
    s.wait_text("status=130");
}

#[test]
fn ctrl_backslash_at_the_prompt_is_ignored() {
    let mut s = Session::shell();
    s.send("echo xy");
    s.send("\x1c");
    s.line("z");
    s.wait_text("\nxyz\n");
    assert!(alive(s.pid()));
}

const LEFT: &str = "\x1b[D";
const UP: &str = "\x1b[A";

#[test]
fn term_dumb_never_puts_control_bytes_in_the_command() {
    let mut s = Session::shell_with(&["-i"], &[("TERM", "dumb")]);
    // Arrows, ^L, Tab and an Alt key are not text; backspace erases.
    s.send("printf %s hllo");
    s.send(LEFT);
    s.send("\x0c");
    s.send("\t\x1bf");
    s.send("ab\x7f\x7f");
    s.line(" | od -An -c");
    s.wait_text("   h   l   l   o\n");
    s.wait_prompts(3);
    assert!(!s.raw().windows(3).any(|w| w == b"\x1b[D"), "an arrow was echoed");
    // History with Up; ^C discards; ^D on an empty line leaves.
    s.send(UP);
    s.wait_text("$ printf %s hllo | od -An -c");
    s.send_then_prompt("\r");
    s.wait_text_n("   h   l   l   o\n", 2);
    s.send("echo discarded");
    s.interrupt();
    s.run("echo status=$?");
    s.wait_text("status=130");
    s.ctrl_d();
    assert!(s.wait_exit().success());
}

#[test]
fn inside_emacs_a_dumb_terminal_reads_whole_lines() {
    let mut s = Session::shell_with(&["-i"], &[("TERM", "dumb"), ("INSIDE_EMACS", "29.1,comint")]);
    s.run("echo emacs-$((1+2))");
    s.wait_text("\nemacs-3\n");
}
