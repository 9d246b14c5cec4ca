//! What the tests of `chitin --transcript` share: scratch directories and a run of the runner.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn chitin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chitin"))
}

/// A scratch directory removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("chitin-tr-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// A copy of the corpus.
    pub fn corpus(tag: &str) -> Scratch {
        let s = Scratch::new(tag);
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cram");
        for e in std::fs::read_dir(src).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), s.0.join(e.file_name())).unwrap();
        }
        s
    }

    pub fn write(&self, name: &str, content: &[u8]) {
        std::fs::write(self.0.join(name), content).unwrap();
    }

    pub fn read(&self, name: &str) -> String {
        String::from_utf8_lossy(&std::fs::read(self.0.join(name)).unwrap()).into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `chitin --transcript ARGS` in `dir`: stdout, stderr, status.
pub fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(chitin())
        .arg("--transcript")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}
