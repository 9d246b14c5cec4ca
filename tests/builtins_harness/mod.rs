//! Transcript harness for the builtin tests: runs a script with the built shell in a fresh
//! directory (also HOME) with a minimal environment, and renders stdout, stderr and status.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("chitin-bt-{}-{}", std::process::id(), n));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        // Canonical, so that $PWD and pwd -P agree in the transcripts.
        TempDir(std::fs::canonicalize(&p).expect("canonical temp dir"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `script` as `chitin t.sh` with `stdin` as input; returns the rendered transcript.
/// The temporary directory's path is replaced by `$TMP` so snapshots are stable.
pub fn run_with_input(script: &str, stdin: &[u8]) -> String {
    let dir = TempDir::new();
    std::fs::write(dir.0.join("t.sh"), script).expect("write script");
    let mut child = Command::new(env!("CARGO_BIN_EXE_chitin"))
        .arg("t.sh")
        .current_dir(&dir.0)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &dir.0)
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn chitin");
    {
        let mut input = child.stdin.take().expect("stdin");
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().expect("wait chitin");
    let tmp = dir.0.to_string_lossy().into_owned();
    let show = |b: &[u8]| String::from_utf8_lossy(b).replace(&tmp, "$TMP");
    let status = match out.status.code() {
        Some(c) => c.to_string(),
        None => format!("{:?}", out.status),
    };
    format!(
        "--- stdout\n{}--- stderr\n{}--- status {}\n",
        show(&out.stdout),
        show(&out.stderr),
        status
    )
}

pub fn run(script: &str) -> String {
    run_with_input(script, b"")
}
