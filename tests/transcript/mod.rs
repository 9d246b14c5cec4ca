//! Transcript tests of the executor: each script is written to `t.sh` in a fresh directory
//! (also HOME), run as `chitin t.sh`, and its stdout, stderr and status are snapshotted.
#![allow(dead_code)]

use std::path::PathBuf;
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

/// Like [`run`], with `stdin` bytes fed to the shell (otherwise /dev/null).
pub fn run_with_stdin(name: &str, script: &str, stdin: Option<&[u8]>) -> String {
    let dir = scratch(name);
    std::fs::write(dir.join("t.sh"), script.trim_start()).expect("write script");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitin"));
    cmd.arg("t.sh")
        .current_dir(&dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &dir)
        .env("LC_ALL", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
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
            use std::os::unix::process::ExitStatusExt;
            s.push_str(&format!("--- killed by signal {}\n", out.status.signal().unwrap_or(0)));
        }
    }
    s
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
