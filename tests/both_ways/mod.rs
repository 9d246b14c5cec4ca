//! Runs a script in chitin twice, as usual and with `CHITIN_FORK_SUBSHELLS=1` (every subshell
//! forked), and asserts both give the same stdout, stderr and status; `like_bash` also asserts
//! bash's stdout and status. Used by the suites of subshells run in the shell process.
#![allow(dead_code)]

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};

use crate::transcript;

pub fn run(name: &str, script: &str, fork: bool) -> Output {
    let dir = std::env::temp_dir().join(format!("chitin-both-{name}-{fork}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("t.sh"), script.trim_start()).expect("write script");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitin"));
    cmd.arg("t.sh")
        .current_dir(&dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &dir)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if fork {
        cmd.env("CHITIN_FORK_SUBSHELLS", "1");
    }
    let out = cmd.output().expect("run chitin");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

pub fn key(o: &Output) -> (String, String, Option<i32>, Option<i32>) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&o.stdout), text(&o.stderr), o.status.code(), o.status.signal())
}

/// Runs `script` both ways, asserts they agree (and with bash's stdout and status when
/// `bash` is set), and returns the transcript.
pub fn both_ways(name: &str, script: &str, bash: bool) -> String {
    let ours = run(name, script, false);
    let forked = run(name, script, true);
    assert_eq!(key(&ours), key(&forked), "{name}: in-process (left) and forked (right) subshells differ on\n{script}");
    if bash && transcript::available("bash") {
        let theirs = transcript::run_under(Some("bash"), name, script);
        assert_eq!(
            (String::from_utf8_lossy(&ours.stdout), ours.status.code()),
            (String::from_utf8_lossy(&theirs.stdout), theirs.status.code()),
            "{name}: chitin (left) and bash (right) differ on\n{script}"
        );
    }
    transcript::render(script, &ours)
}

#[macro_export]
macro_rules! both_ways {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), $crate::both_ways::both_ways(stringify!($name), $script, false));
        }
    };
    (like_bash $name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), $crate::both_ways::both_ways(stringify!($name), $script, true));
        }
    };
}

