//! Each file's fresh directory ($TESTTMP), recycled: when a file is done, its worker empties
//! the directory and renames it for its next file instead of removing it and making another.
//! Removing a directory frees its block, and on a file system mounted with `discard` that is a
//! synchronous trim: some 4 ms a directory, more than running a short transcript.
//!
//! A directory is reused only when it is empty again with the mode it was made with (a file
//! that changed its directory's mode, or left something the runner cannot remove, keeps it,
//! and the next file gets a new one). The root and what is left in it go at the end.

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// One worker's spare directory.
pub struct Recycler {
    /// Keep every directory (`--keep-tmpdir`): nothing is reused.
    keep: bool,
    spare: Option<PathBuf>,
    /// The mode of the directories this worker made.
    mode: Option<u32>,
}

impl Recycler {
    pub fn new(keep: bool) -> Recycler {
        Recycler { keep, spare: None, mode: None }
    }

    /// Makes `dir`, empty: the spare one renamed when there is one.
    pub fn make(&mut self, dir: &Path) -> io::Result<()> {
        if let Some(spare) = self.spare.take()
            && std::fs::rename(&spare, dir).is_ok()
        {
            return Ok(());
        }
        std::fs::create_dir(dir)?;
        if self.mode.is_none() && !self.keep {
            self.mode = Some(std::fs::metadata(dir)?.permissions().mode());
        }
        Ok(())
    }

    /// The file that ran in `dir` is done: empties the directory to reuse it.
    pub fn done(&mut self, dir: &Path) {
        if self.keep || self.spare.is_some() {
            return;
        }
        let Ok(meta) = std::fs::symlink_metadata(dir) else { return };
        if !meta.is_dir() || Some(meta.permissions().mode()) != self.mode {
            return;
        }
        if empty(dir).is_ok() {
            self.spare = Some(dir.to_path_buf());
        }
    }
}

/// Removes everything in `dir`.
fn empty(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}
