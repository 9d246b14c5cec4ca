//! Transcript tests of the executor: each script is written to `t.sh` in a fresh directory
//! (also HOME), run as `chitin t.sh`, and its stdout, stderr and status are snapshotted.
#![allow(dead_code)]

use std::path::PathBuf;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("chitin-ex-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// Runs `script` as a script file and renders the transcript.
pub fn run(name: &str, script: &str) -> String {
    run_with_stdin(name, script, None)
}

/// Makes `cmd` run `t.sh` in `dir` (also HOME) with the small fixed environment every
/// transcript uses, its output captured.
fn script_environment<'c>(cmd: &'c mut Command, dir: &std::path::Path) -> &'c mut Command {
    cmd.arg("t.sh")
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir)
        .env("LC_ALL", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
}

/// Runs `script` as a script file under `shell` (a program on PATH, or chitin when `None`) in a
/// fresh directory, and returns its raw output.
pub fn run_under(shell: Option<&str>, name: &str, script: &str) -> std::process::Output {
    let tag = shell.map(|s| s.replace(['/', ' '], "_")).unwrap_or_else(|| "chitin".into());
    let dir = scratch(&format!("{name}-{tag}"));
    std::fs::write(dir.join("t.sh"), script.trim_start()).expect("write script");
    let mut cmd = match shell {
        None => Command::new(env!("CARGO_BIN_EXE_chitin")),
        Some(s) => {
            let mut words = s.split(' ');
            let mut c = Command::new(words.next().expect("shell name"));
            c.args(words);
            c
        }
    };
    script_environment(&mut cmd, &dir).stdin(Stdio::null());
    let out = cmd.output().expect("run the shell");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// Whether `program` can be run (a reference shell may be missing on a bare machine).
pub fn available(program: &str) -> bool {
    Command::new(program)
        .args(["-c", ":"])
        .stdin(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `script` under chitin and under each reference shell present (dash, `bash --posix`),
/// asserts that chitin's stdout and status are theirs, and returns chitin's transcript for a
/// snapshot. Error messages (stderr) differ in wording between shells, so only the snapshot
/// holds them.
pub fn run_like_references(name: &str, script: &str) -> String {
    let ours = run_under(None, name, script);
    for reference in ["dash", "bash --posix"] {
        let program = reference.split(' ').next().unwrap_or(reference);
        if !available(program) {
            eprintln!("{name}: {program} is not installed; not compared with it");
            continue;
        }
        let theirs = run_under(Some(reference), name, script);
        assert_eq!(
            (String::from_utf8_lossy(&ours.stdout), ours.status.code(), ours.status.signal()),
            (String::from_utf8_lossy(&theirs.stdout), theirs.status.code(), theirs.status.signal()),
            "{name}: chitin (left) and {reference} (right) differ on\n{script}"
        );
    }
    render(script, &ours)
}

/// Like [`run`], with `stdin` bytes fed to the shell (otherwise /dev/null).
pub fn run_with_stdin(name: &str, script: &str, stdin: Option<&[u8]>) -> String {
    let dir = scratch(name);
    std::fs::write(dir.join("t.sh"), script.trim_start()).expect("write script");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitin"));
    script_environment(&mut cmd, &dir);
    let out = match stdin {
        None => cmd.stdin(Stdio::null()).output().expect("run chitin"),
        Some(data) => {
            use std::io::Write;
            let mut child = cmd.stdin(Stdio::piped()).spawn().expect("run chitin");
            let mut input = child.stdin.take().expect("stdin");
            let data = data.to_vec();
            let writer = std::thread::spawn(move || {
                let _ = input.write_all(&data);
            });
            let out = child.wait_with_output().expect("wait chitin");
            let _ = writer.join();
            out
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    render(script, &out)
}

/// Runs `chitin` with no operand and `input` as its standard input: through a pipe, or
/// (`seekable`) from a file.
pub fn run_script_on_stdin(name: &str, input: &str, seekable: bool) -> String {
    let dir = scratch(name);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitin"));
    cmd.current_dir(&dir).env_clear().env("PATH", "/usr/bin:/bin").env("HOME", &dir).env("LC_ALL", "C");
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let out = if seekable {
        let f = dir.join("input");
        std::fs::write(&f, input).expect("write input");
        cmd.stdin(std::fs::File::open(&f).expect("open input")).output().expect("run chitin")
    } else {
        use std::io::Write;
        let mut child = cmd.stdin(Stdio::piped()).spawn().expect("run chitin");
        let mut stdin = child.stdin.take().expect("stdin");
        let data = input.as_bytes().to_vec();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&data);
        });
        let out = child.wait_with_output().expect("wait chitin");
        let _ = writer.join();
        out
    };
    let _ = std::fs::remove_dir_all(&dir);
    render(input, &out)
}

pub fn render(script: &str, out: &std::process::Output) -> String {
    let mut s = String::new();
    s.push_str("--- script\n");
    s.push_str(script.trim());
    s.push_str("\n--- stdout\n");
    s.push_str(&String::from_utf8_lossy(&out.stdout));
    s.push_str("--- stderr\n");
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    match out.status.code() {
        Some(c) => s.push_str(&format!("--- status {c}\n")),
        None => {
            s.push_str(&format!("--- killed by signal {}\n", out.status.signal().unwrap_or(0)));
        }
    }
    s
}

/// What a [`like_bash!`] test holds equal between chitin and bash.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BashCompare {
    /// stdout and exit status; messages differ in wording, so only the snapshot holds ours.
    Output,
    /// stdout, stderr (with chitin's name dropped from message prefixes) and exit status.
    WithStderr,
}

/// Runs `script` under chitin and under bash (when installed), asserts what `what` names is
/// equal, and returns chitin's transcript for a snapshot.
pub fn run_like_bash(name: &str, script: &str, what: BashCompare) -> String {
    let ours = run_under(None, name, script);
    if !available("bash") {
        eprintln!("{name}: bash is not installed; not compared with it");
        return render(script, &ours);
    }
    let theirs = run_under(Some("bash"), name, script);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    // bash names only the script in its messages; chitin puts its own name first.
    let stderr = |b: &[u8]| match what {
        BashCompare::WithStderr => text(b).replace("chitin: t.sh:", "t.sh:"),
        BashCompare::Output => String::new(),
    };
    assert_eq!(
        (text(&ours.stdout), stderr(&ours.stderr), ours.status.code()),
        (text(&theirs.stdout), stderr(&theirs.stderr), theirs.status.code()),
        "{name}: chitin (left) and bash (right) differ on\n{script}"
    );
    render(script, &ours)
}

/// A transcript test whose stdout and status (`with_stderr`: stderr too) must be bash's.
#[macro_export]
macro_rules! like_bash {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(
                stringify!($name),
                transcript::run_like_bash(stringify!($name), $script, transcript::BashCompare::Output)
            );
        }
    };
    (with_stderr $name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(
                stringify!($name),
                transcript::run_like_bash(stringify!($name), $script, transcript::BashCompare::WithStderr)
            );
        }
    };
}

/// A transcript test whose stdout and status must also be those of dash and `bash --posix`.
#[macro_export]
macro_rules! like_references {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(
                stringify!($name),
                transcript::run_like_references(stringify!($name), $script)
            );
        }
    };
}

#[macro_export]
macro_rules! transcript {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), transcript::run(stringify!($name), $script));
        }
    };
}
