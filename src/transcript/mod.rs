//! `chitin --transcript`: a runner for cram-style `.t` transcript tests (cram, prysk, dune's
//! cram tests), compatible with prysk's format, diffs and verdicts, without Python's start-up.
//!
//! Each file runs in one shell process reading the whole file's commands (`parse.rs`), in a
//! fresh directory with a normalised environment (`run.rs`); its output is split back per
//! command and compared (`annotate.rs` for `(re)`/`(glob)`/`(esc)` lines, `diff.rs` for
//! difflib's alignment), and reported (`report.rs`). Files run in parallel on worker threads
//! and are reported in the order given.

mod annotate;
pub mod diff;
pub mod escape;
pub mod parse;
pub mod pyre;
mod pty;
mod report;
mod run;
mod sections;
mod tmpdirs;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use report::{Counts, FileResult, Verdict};

use crate::sys::forkserver::ForkServer;

const HELP: &str = "\
usage: chitin --transcript [option...] FILE.t|DIR...

Runs cram-style transcript tests: each file's `  $ ` commands (with `  > `
continuation lines) run in one shell, in a fresh directory ($TESTTMP, also
$HOME), and their output (stdout and stderr merged) is compared with the
indented lines below them. Expected lines may end with (re) (a Python regular
expression, anchored), (glob) (`*` and `?`), (esc) (escaped bytes) or
(no-eol); `[N]` is a non-zero exit status. A file that exits with status 80 is
skipped. Directories are searched for *.t files.

A prose line `(pty)` runs the file from there on a pseudo-terminal, in an
interactive chitin (`^C`, `^Z`, `^D` lines send those keys, `<Tab>`, `<C-r>`,
`<Up>`... are keys in a `$ ` line; the expected lines are the screen), up to a
prose line `(end pty)`. Each such section runs in a shell of its own: files
carry over from one section to the next, shell variables do not.

  -j, --jobs N        run N files at once (default: the number of CPUs)
  --timeout S         kill a file's processes after S seconds (a failure)
  -u, --update        rewrite failing files with the actual output, keeping
                      (re)/(glob)/(esc) lines that still match
  -i, --interactive   show each failing file's diff and ask to update it
  -q, --quiet         do not print diffs
  -v, --verbose       print each file's name and verdict
  --tap               print TAP instead of the progress marks
  --junit FILE        also write a JUnit XML report to FILE
  --shell PATH        run the files with another shell (default: this chitin,
                      forked already started for each file)
  --shell-arg ARG     pass ARG to the shell (repeatable)
  --indent N          commands are indented by N spaces (default 2)
  --color WHEN        colour diffs: auto (on a terminal), always, never
  --keep-tmpdir       keep the temporary directories
  -h, --help          show this help

Exit status: 0 when no file failed, 1 when one did, 2 for a usage error.
";

/// The command line of `--transcript`.
struct Options {
    paths: Vec<PathBuf>,
    jobs: usize,
    timeout: Option<Duration>,
    update: bool,
    interactive: bool,
    quiet: bool,
    verbose: bool,
    tap: bool,
    junit: Option<PathBuf>,
    shell: Vec<OsString>,
    indent: usize,
    colour: bool,
    keep_tmpdir: bool,
    /// No `--shell`: the shell is this chitin, forked already started by a fork server.
    own_shell: bool,
}

fn usage(msg: &str) -> i32 {
    let _ = writeln!(std::io::stderr(), "chitin: --transcript: {msg}");
    let _ = writeln!(std::io::stderr(), "usage: chitin --transcript [option...] FILE.t|DIR... (see --transcript --help)");
    2
}

fn parse_options(args: &[OsString]) -> Result<Option<Options>, String> {
    let mut o = Options {
        paths: Vec::new(),
        jobs: std::thread::available_parallelism().map_or(1, usize::from),
        timeout: None,
        update: false,
        interactive: false,
        quiet: false,
        verbose: false,
        tap: false,
        junit: None,
        shell: Vec::new(),
        indent: 2,
        colour: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        keep_tmpdir: false,
        own_shell: false,
    };
    let mut shell = None;
    let mut shell_args = Vec::new();
    let mut i = 0;
    let mut only_paths = false;
    while i < args.len() {
        let arg = args[i].as_bytes();
        i += 1;
        if only_paths || !arg.starts_with(b"-") || arg == b"-" {
            o.paths.push(PathBuf::from(OsString::from_vec(arg.to_vec())));
            continue;
        }
        // `--name=value` and `-jN` forms.
        let (name, inline) = match arg.iter().position(|&b| b == b'=') {
            Some(eq) if arg.starts_with(b"--") => (&arg[..eq], Some(arg[eq + 1..].to_vec())),
            _ if arg.starts_with(b"-j") && arg.len() > 2 => (&b"-j"[..], Some(arg[2..].to_vec())),
            _ => (arg, None),
        };
        let mut value = |what: &str| -> Result<Vec<u8>, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            let v = args.get(i).ok_or(format!("{what}: option requires an argument"))?;
            i += 1;
            Ok(v.as_bytes().to_vec())
        };
        let number = |v: Vec<u8>, what: &str| -> Result<f64, String> {
            String::from_utf8_lossy(&v)
                .parse::<f64>()
                .ok()
                .filter(|n| *n >= 0.0 && n.is_finite())
                .ok_or(format!("{what}: {}: invalid number", String::from_utf8_lossy(&v)))
        };
        match name {
            b"--" => only_paths = true,
            b"-h" | b"--help" => return Ok(None),
            b"-j" | b"--jobs" => o.jobs = (number(value("-j")?, "-j")? as usize).max(1),
            b"--timeout" => {
                let s = number(value("--timeout")?, "--timeout")?;
                o.timeout = (s > 0.0).then(|| Duration::from_secs_f64(s));
            }
            b"-u" | b"--update" => o.update = true,
            b"-i" | b"--interactive" => o.interactive = true,
            b"-q" | b"--quiet" => o.quiet = true,
            b"-v" | b"--verbose" => o.verbose = true,
            b"--tap" => o.tap = true,
            b"--junit" => o.junit = Some(PathBuf::from(OsString::from_vec(value("--junit")?))),
            b"--shell" => shell = Some(OsString::from_vec(value("--shell")?)),
            b"--shell-arg" => shell_args.push(OsString::from_vec(value("--shell-arg")?)),
            b"--indent" => o.indent = number(value("--indent")?, "--indent")? as usize,
            b"--color" | b"--colour" => {
                o.colour = match value("--color")?.as_slice() {
                    b"always" => true,
                    b"never" => false,
                    b"auto" => o.colour,
                    v => return Err(format!("--color: {}: expected auto, always or never", String::from_utf8_lossy(v))),
                }
            }
            b"--keep-tmpdir" => o.keep_tmpdir = true,
            _ => return Err(format!("{}: invalid option", String::from_utf8_lossy(arg))),
        }
    }
    o.own_shell = shell.is_none();
    let shell = match shell {
        Some(s) => s,
        None => std::env::current_exe().map_err(|e| format!("cannot find this shell: {e}"))?.into_os_string(),
    };
    o.shell = std::iter::once(shell).chain(shell_args).collect();
    if o.interactive && o.update {
        return Err("--update and --interactive are mutually exclusive".into());
    }
    Ok(Some(o))
}

/// `chitin --transcript ARGS`: returns the exit status.
pub fn main(args: &[OsString]) -> i32 {
    let opts = match parse_options(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            let _ = std::io::stdout().write_all(HELP.as_bytes());
            return 0;
        }
        Err(msg) => return usage(&msg),
    };
    if opts.paths.is_empty() {
        return usage("no test files given");
    }
    // The runner is no shell: the shells it starts find SIGXFSZ as chitin found it.
    crate::sys::signal::restore_sigxfsz();
    let files = match find_tests(&opts.paths) {
        Ok(f) => f,
        Err(msg) => {
            let _ = writeln!(std::io::stderr(), "chitin: --transcript: {msg}");
            return 2;
        }
    };
    if files.is_empty() {
        let _ = writeln!(std::io::stderr(), "chitin: --transcript: no tests found");
        return 2;
    }
    let root = match make_root() {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "chitin: --transcript: cannot make a temporary directory: {e}");
            return 2;
        }
    };
    // Before any thread starts and before anything is printed (see ForkServer::start). When it
    // cannot start, each file runs the shell program instead.
    let server = if opts.own_shell { ForkServer::start(crate::cli::main).ok() } else { None };
    let status = run_all(&opts, &files, &root, server.as_ref());
    drop(server);
    if opts.keep_tmpdir {
        let _ = writeln!(std::io::stdout(), "# Kept temporary directory: {}", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
    status
}

/// The `.t` files named or found under the directories named, as cram collects them: each
/// directory's files sorted by path, hidden ones left out, duplicates once.
fn find_tests(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|_| format!("no such file: {}", p.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            collect_dir(p, &mut found);
            found.sort_by(|a, b| a.components().cmp(b.components()));
            files.extend(found);
        } else {
            files.push(normalise(p));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(files)
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        if name.as_bytes().starts_with(b".") {
            continue;
        }
        let path = normalise(&dir.join(&name));
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            collect_dir(&path, out);
        } else if meta.is_file() && name.as_bytes().ends_with(b".t") {
            out.push(path);
        }
    }
}

/// The path as Python's pathlib shows it (no `.` components, no doubled slashes), which is
/// how the runners name files in diff headers.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        if c != std::path::Component::CurDir {
            out.push(c);
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

fn make_root() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir().join("chitin-transcript-XXXXXX");
    let root = nix::unistd::mkdtemp(&base).map_err(std::io::Error::from)?;
    std::fs::create_dir(root.join("tmp"))?;
    Ok(root)
}

/// Runs every file on `opts.jobs` threads and reports them in order; the exit status.
fn run_all(opts: &Options, files: &[PathBuf], root: &Path, server: Option<&ForkServer>) -> i32 {
    let started = Instant::now();
    // Each file's own directory, named for the file (`name-N` for a name seen before).
    let mut names = std::collections::HashSet::new();
    let dirs: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let base = f.file_name().map(OsString::from).unwrap_or_default();
            let name = if names.insert(base.clone()) {
                base
            } else {
                let mut n = base;
                n.push(format!("-{i}"));
                n
            };
            root.join(name)
        })
        .collect();
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut results: Vec<FileResult> = Vec::with_capacity(files.len());
    let mut counts = Counts::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if opts.tap {
        let _ = writeln!(out, "TAP version 13\n1..{}", files.len());
    }
    let mut any_failed_output = false;
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.min(files.len()) {
            let tx = tx.clone();
            let (next, dirs) = (&next, &dirs);
            scope.spawn(move || {
                let mut recycler = tmpdirs::Recycler::new(opts.keep_tmpdir);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() {
                        break;
                    }
                    let r = run_file(opts, &files[i], &dirs[i], root, server, &mut recycler);
                    recycler.done(&dirs[i]);
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut shown = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&shown) {
                shown += 1;
                counts.add(&r.verdict);
                any_failed_output |= show(opts, &mut out, shown, &files[shown - 1], &r);
                results.push(r);
            }
        }
    });
    if !opts.tap {
        if !opts.verbose || any_failed_output {
            let _ = writeln!(out);
        }
        let _ = out.write_all(counts.summary().as_bytes());
    }
    let _ = out.flush();
    if let Some(path) = &opts.junit
        && let Err(e) = std::fs::write(path, report::junit(&results, &counts, started.elapsed()))
    {
        let _ = writeln!(std::io::stderr(), "chitin: --transcript: {}: {e}", path.display());
    }
    if counts.failed > 0 { 1 } else { 0 }
}

/// Prints one file's result (and asks about updating it); true when it printed a diff.
fn show(opts: &Options, out: &mut dyn Write, n: usize, path: &Path, r: &FileResult) -> bool {
    for w in &r.warnings {
        let _ = out.flush();
        let _ = writeln!(std::io::stderr(), "{w}");
    }
    if opts.tap {
        report::tap(out, n, r);
        let _ = out.flush();
        return false;
    }
    let name = String::from_utf8_lossy(&r.name);
    if opts.verbose {
        let _ = writeln!(out, "{name}: {}", report::verbose_word(&r.verdict));
    } else {
        let _ = write!(out, "{}", report::mark(&r.verdict, opts.colour));
    }
    let mut printed = false;
    if r.verdict.is_failure() && !opts.quiet {
        if !opts.verbose {
            let _ = writeln!(out);
        }
        if let Verdict::Error(msg) = &r.verdict {
            let _ = writeln!(out, "{msg}");
        }
        report::write_diff(out, &r.diff, opts.colour);
        printed = true;
    }
    let _ = out.flush();
    if r.verdict == Verdict::Failed && opts.interactive && !r.diff.is_empty() {
        let _ = write!(out, "Accept this change? [yN] ");
        let _ = out.flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if answer.trim().eq_ignore_ascii_case("y") {
            accept(out, path, r.merged.as_deref());
        }
    }
    printed
}

/// Rewrites `path` with the actual output merged in, as applying the diff does.
fn accept(out: &mut dyn Write, path: &Path, merged: Option<&[u8]>) {
    let written = match merged {
        Some(m) => std::fs::write(path, m),
        None => Err(std::io::Error::other("no output to merge")),
    };
    match written {
        Ok(()) => {
            let _ = std::fs::remove_file(err_path(path));
            let _ = writeln!(out, "{}: merged output", path.display());
        }
        Err(e) => {
            let _ = writeln!(out, "{}: merge failed: {e}", path.display());
        }
    }
}

fn err_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".err");
    PathBuf::from(p)
}

/// A marker no command prints: the runner's pid and the time.
fn salt() -> Vec<u8> {
    static SEQ: AtomicUsize = AtomicUsize::new(0);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!(
        "CHITIN{}x{}x{}",
        std::process::id(),
        now.as_nanos(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    )
    .into_bytes()
}

/// Runs one file: its verdict, diff and the `.err` file (written on failure, removed on
/// success), or with `--update` the file itself rewritten.
fn run_file(
    opts: &Options,
    path: &Path,
    testtmp: &Path,
    root: &Path,
    server: Option<&ForkServer>,
    recycler: &mut tmpdirs::Recycler,
) -> FileResult {
    let started = Instant::now();
    let name = path.as_os_str().as_bytes().to_vec();
    let mut result = FileResult {
        name,
        verdict: Verdict::Passed,
        diff: Vec::new(),
        merged: None,
        warnings: Vec::new(),
        time: Duration::ZERO,
    };
    let display = path.display().to_string();
    let content = match std::fs::read(path) {
        Ok(c) => c,
        Err(e) => {
            result.verdict = Verdict::Error(format!("{display}: {}", crate::sys::fd::strerror(&e)));
            return result;
        }
    };
    if content.is_empty() {
        result.verdict = Verdict::Empty;
        return result;
    }
    let t = parse::parse(&content, opts.indent, &salt());
    if !t.errors.is_empty() {
        let msgs: Vec<String> = t.errors.iter().map(|(line, msg)| format!("{display}:{line}: {msg}")).collect();
        result.verdict = Verdict::Error(msgs.join("\n"));
        return result;
    }
    for (i, line) in t.lines.iter().enumerate() {
        if let Some(e) = annotate::pattern_error(line) {
            result.warnings.push(format!("{display}:{}: bad (re): {e}", i + 1));
        }
    }
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let testdir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let testfile = abs.file_name().map(OsString::from).unwrap_or_default();
    let tmpdir = root.join("tmp");
    if let Err(e) = recycler.make(testtmp) {
        result.verdict = Verdict::Error(format!("{display}: cannot make {}: {e}", testtmp.display()));
        return result;
    }
    let env = run::Env { shell: &opts.shell, testdir: &testdir, testfile: &testfile, tmpdir: &tmpdir, testtmp };
    let sections = sections::split(&t.lines, opts.indent);
    if sections.len() > 1 || sections[0].pty {
        return run_sections(opts, path, &t, &sections, &env, server, started, result);
    }
    let outcome = match run::execute(&t.script, &env, server, opts.timeout) {
        Ok(o) => o,
        Err(e) => {
            result.verdict = Verdict::Error(format!("{display}: cannot run {}: {e}", opts.shell[0].to_string_lossy()));
            return result;
        }
    };
    result.time = started.elapsed();
    if outcome.status == Some(80) {
        result.verdict = Verdict::Skipped;
        return result;
    }
    let actual = parse::actual_lines(&t, &outcome.output, opts.indent, tmpdir.as_os_str().as_bytes());
    let timed_out = outcome.status.is_none().then(|| opts.timeout.unwrap_or_default());
    compare(opts, path, &t, actual, timed_out, result)
}

/// Runs a file with sections on a pty (`sections.rs`): each section in a shell of its own, one
/// after the other; then compares.
#[allow(clippy::too_many_arguments)]
fn run_sections(
    opts: &Options,
    path: &Path,
    t: &parse::Transcript,
    sections: &[sections::Section],
    env: &run::Env<'_>,
    server: Option<&ForkServer>,
    started: Instant,
    mut result: FileResult,
) -> FileResult {
    let display = path.display().to_string();
    let pty_timeout = opts.timeout.unwrap_or(Duration::from_secs(30));
    let mut actual = Vec::new();
    let mut timed_out = None;
    for section in sections {
        let lines = &t.lines[section.lines.clone()];
        // After a timeout the rest of the file does not run; its lines stay as written.
        if timed_out.is_some() {
            actual.extend_from_slice(lines);
            continue;
        }
        if section.pty {
            match pty::run(lines, opts.indent, env, pty_timeout) {
                Ok((rows, late)) => {
                    actual.extend(rows);
                    timed_out = late.then_some(pty_timeout);
                }
                Err(e) => {
                    result.verdict = Verdict::Error(format!("{display}: cannot run on a pty: {e}"));
                    return result;
                }
            }
            continue;
        }
        let part = parse::parse(&lines.concat(), opts.indent, &salt());
        let outcome = match run::execute(&part.script, env, server, opts.timeout) {
            Ok(o) => o,
            Err(e) => {
                result.verdict = Verdict::Error(format!("{display}: cannot run {}: {e}", opts.shell[0].to_string_lossy()));
                return result;
            }
        };
        if outcome.status == Some(80) {
            result.verdict = Verdict::Skipped;
            return result;
        }
        actual.extend(parse::actual_lines(&part, &outcome.output, opts.indent, env.tmpdir.as_os_str().as_bytes()));
        timed_out = outcome.status.is_none().then(|| opts.timeout.unwrap_or_default());
    }
    result.time = started.elapsed();
    compare(opts, path, t, actual, timed_out, result)
}

/// Compares the file with what ran: the verdict, diff, `.err` file or update.
fn compare(
    opts: &Options,
    path: &Path,
    t: &parse::Transcript,
    actual: Vec<Vec<u8>>,
    timed_out: Option<Duration>,
    mut result: FileResult,
) -> FileResult {
    let display = path.display().to_string();
    let mut ann = annotate::Annotations::default();
    let codes = diff::opcodes(&t.lines, &actual, |el, l| ann.matches(el, l));
    let err_file = err_path(path);
    let to = err_file.as_os_str().as_bytes();
    result.diff = diff::unified(&t.lines, &actual, &codes, &result.name, to);
    if let Some(timeout) = timed_out {
        let secs = timeout.as_secs_f64();
        result.verdict = Verdict::Error(format!("{display}: timed out after {secs} s; its processes were killed"));
    } else if diff::differs(&codes) {
        result.verdict = Verdict::Failed;
    }
    if result.verdict.is_failure() {
        let merged = diff::merged(&t.lines, &actual, &codes).concat();
        if opts.update && result.verdict == Verdict::Failed {
            match std::fs::write(path, &merged) {
                Ok(()) => result.warnings.push(format!("{display}: updated")),
                Err(e) => result.warnings.push(format!("{display}: cannot update: {e}")),
            }
            let _ = std::fs::remove_file(&err_file);
        } else if let Err(e) = std::fs::write(&err_file, actual.concat()) {
            result.warnings.push(format!("{}: {e}", err_file.display()));
        }
        result.merged = Some(merged);
    } else {
        let _ = std::fs::remove_file(&err_file);
    }
    result
}
