//! The terminal and its modes around jobs: SIGTTIN and SIGTTOU for background jobs, a program
//! in raw mode suspended and resumed, modes reset before the prompt, facts from the probe.

mod pty;
use pty::*;

#[test]
fn background_reader_is_stopped_then_reads_after_fg() {
    let mut s = Session::shell();
    s.run("cat &");
    // It tries to read the terminal from the background: SIGTTIN stops it (not the shell).
    s.wait_for("cat stopped by SIGTTIN", |s| {
        s.session_pids()
            .into_iter()
            .filter_map(stat)
            .any(|p| p.comm == "cat" && p.state == 'T')
    });
    // The notice comes before one of the next prompts (which one depends on timing).
    s.run(":");
    assert_eq!(
        s.screen()
            .matches("[1]+  Stopped (tty input)     cat")
            .count(),
        1
    );
    s.run(": ---");
    s.line("fg");
    s.wait_fg_job(&["cat"]);
    s.line("hello");
    s.wait_text_n("hello", 2);
    s.send_then_prompt("\x04");
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript_from(": ---"));
}

#[test]
fn tostop_stops_a_background_writer() {
    let mut s = Session::shell();
    s.run("stty tostop");
    s.run("probe write hi &");
    s.wait_for("the writer stopped by SIGTTOU", |s| {
        s.session_pids()
            .into_iter()
            .filter_map(stat)
            .any(|p| p.comm == "probe" && p.state == 'T')
    });
    s.run(":");
    assert_eq!(
        s.screen()
            .matches("[1]+  Stopped (tty output)    probe write hi")
            .count(),
        1
    );
    s.run(": ---");
    s.send_then_prompt("fg\r");
    s.wait_text("probe: hi");
    s.run("stty -tostop");
    insta::assert_snapshot!(s.transcript_from(": ---"));
}

#[test]
fn raw_mode_program_suspended_and_resumed() {
    let mut s = Session::shell();
    s.line("probe raw");
    s.wait_text("probe: raw echo=off icanon=off");
    s.send("a");
    s.wait_text("probe: got a echo=off icanon=off");
    s.suspend();
    // The prompt echoes again: the shell's modes are back.
    s.run("echo typed-and-seen");
    s.run("probe modes");
    s.line("fg");
    s.wait_fg_job(&["probe"]);
    // fg gave the program its own modes back: no echo, no line buffering.
    s.send("b");
    s.wait_text("probe: got b echo=off icanon=off");
    // `q` exits without restoring the modes, as a crashed program would.
    s.send_then_prompt("q");
    s.run("probe modes");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn a_deliberate_stty_change_persists() {
    let mut s = Session::shell();
    s.run("stty -ixon; probe modes");
    s.run("stty -a | grep -o -- '-ixon'");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn job_members_get_their_own_group_default_signals_and_the_terminal() {
    let mut s = Session::shell();
    s.run("probe info fg | cat");
    s.run("probe info bg > out & wait; cat out; rm out");
    let screen = s.screen();
    let facts: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("probe: "))
        .collect();
    assert_eq!(facts.len(), 2, "{screen}");
    let field = |line: &str, key: &str| -> String {
        line.split_whitespace()
            .find_map(|f| f.strip_prefix(&format!("{key}=")).map(str::to_string))
            .unwrap_or_default()
    };
    for line in &facts {
        assert_ne!(
            field(line, "pgid"),
            s.pid().to_string(),
            "not in the shell's group: {line}"
        );
        assert_eq!(field(line, "leader"), "yes", "{line}");
        assert_eq!(field(line, "ignored"), "none", "nothing ignored: {line}");
        assert_eq!(field(line, "blocked"), "none", "nothing blocked: {line}");
    }
    assert_eq!(
        field(facts[0], "owns_tty"),
        "yes",
        "the foreground job has the terminal"
    );
    assert_eq!(
        field(facts[1], "owns_tty"),
        "no",
        "a background job has not"
    );
}

/// Runs `probe stopcont` in the foreground, stops it with ^Z, continues it with `fg` and ends
/// it with ^C: SIGTSTP and SIGCONT must reach the job.
fn stop_and_continue_a_probe(s: &mut Session) {
    s.line("probe stopcont");
    s.wait_text("probe: ready");
    s.wait_fg_job(&["probe"]);
    s.suspend();
    s.wait_text("probe: SIGTSTP");
    s.line("fg");
    s.wait_text("probe: SIGCONT");
    s.interrupt();
}

#[test]
fn sigtstp_and_sigcont_reach_the_job() {
    let mut s = Session::shell();
    stop_and_continue_a_probe(&mut s);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn a_program_leaving_stdin_nonblocking_does_not_break_the_prompt() {
    let mut s = Session::shell();
    s.run("probe nonblock");
    s.run("echo still-reading");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn sighup_ignored_at_startup_stays_ignored_in_jobs() {
    let sh = chitin();
    let cmd = format!("trap '' HUP; exec {} -i", sh.display());
    let mut s = Session::spawn("/bin/sh", &["-c", &cmd], &[]);
    s.wait_prompt();
    s.run("probe info nohup | cat");
    let screen = s.screen();
    let line = screen
        .lines()
        .find(|l| l.starts_with("probe: nohup"))
        .expect("probe output");
    assert!(line.contains("ignored=SIGHUP "), "{line}");
}

#[test]
fn a_shell_started_in_the_background_waits_for_the_foreground_and_gives_the_terminal_back() {
    let mut s = Session::spawn("/bin/bash", &["--norc", "--noprofile", "-i"], &[]);
    s.wait_prompt();
    let inner = chitin();
    s.run(&format!("{} -i &", inner.display()));
    // It stopped itself (SIGTTIN) instead of stealing the terminal from bash.
    s.wait_for("the inner shell stopped", |s| {
        s.session_pids()
            .into_iter()
            .filter_map(stat)
            .any(|p| p.comm == "chitin" && p.state == 'T')
    });
    s.run("jobs");
    s.line("fg");
    s.wait_for("the inner shell owning the terminal", |s| {
        group_members(s.tty_owner())
            .iter()
            .any(|p| p.comm == "chitin")
    });
    s.wait_prompt();
    s.run("echo inner=$$");
    s.line("exit");
    s.wait_for("bash owning the terminal again", |s| {
        s.tty_owner() == s.pid()
    });
    s.wait_prompt();
    s.run("echo back-in-bash");
    let t = s.transcript();
    assert!(t.contains("inner="), "{t}");
    assert!(t.lines().any(|l| l == "back-in-bash"), "{t}");
}

#[test]
fn redirecting_the_shells_own_fd_numbers_keeps_job_control_working() {
    let mut s = Session::shell();
    // Wait for a job once, so the signal self-pipe exists too.
    s.run("true | true");
    let own: Vec<String> = std::fs::read_dir(format!("/proc/{}/fd", s.pid()))
        .map(|d| d.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    let high: Vec<String> = own.into_iter().filter(|n| n.parse::<i32>().is_ok_and(|n| n >= 10)).collect();
    assert!(!high.is_empty(), "the shell has no fds of its own at 10 and above");
    // Take every one of those numbers for files of the user's.
    let redirs: Vec<String> = high.iter().map(|n| format!("{n}>/dev/null")).collect();
    s.run(&format!("exec {}", redirs.join(" ")));
    s.run("probe info fg | cat");
    let screen = s.screen();
    assert!(screen.contains("owns_tty=yes"), "the job did not get the terminal: {screen}");
    stop_and_continue_a_probe(&mut s);
    s.run("echo still here");
    s.wait_text("still here");
}
