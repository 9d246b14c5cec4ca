//! What the runner prints: cram's progress marks and diffs, the summary line, TAP, JUnit XML.

use std::io::Write;
use std::time::Duration;

/// How a file ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    /// The file exited with status 80.
    Skipped,
    /// An empty file: counted as skipped, as cram does.
    Empty,
    /// The file could not be run as written (bad input, timeout, I/O error): a failure, with
    /// the message that says why.
    Error(String),
}

impl Verdict {
    pub fn is_failure(&self) -> bool {
        matches!(self, Verdict::Failed | Verdict::Error(_))
    }
}

/// One file's result.
pub struct FileResult {
    /// The file's name as shown (and in diff headers).
    pub name: Vec<u8>,
    pub verdict: Verdict,
    /// The unified diff, one line per entry (each ending with a newline).
    pub diff: Vec<Vec<u8>>,
    /// The file with the actual output merged in (what `--interactive` writes if accepted).
    pub merged: Option<Vec<u8>>,
    /// Problems to show whatever the verdict (a bad `(re)`): `file:line: message`.
    pub warnings: Vec<String>,
    pub time: Duration,
}

#[derive(Default)]
pub struct Counts {
    pub total: usize,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Counts {
    pub fn add(&mut self, v: &Verdict) {
        self.total += 1;
        match v {
            Verdict::Passed => self.passed += 1,
            Verdict::Skipped | Verdict::Empty => self.skipped += 1,
            Verdict::Failed | Verdict::Error(_) => self.failed += 1,
        }
    }

    pub fn summary(&self) -> String {
        let tests = if self.total == 1 { "test" } else { "tests" };
        format!(
            "# Ran {} {tests}: {} passed, {} failed, {} skipped.\n",
            self.total, self.passed, self.failed, self.skipped
        )
    }
}

/// Writes the diff, coloured for a terminal when `colour`.
pub fn write_diff(out: &mut dyn Write, diff: &[Vec<u8>], colour: bool) {
    for line in diff {
        let code = match line.first() {
            Some(b'+') => "32",
            Some(b'-') => "31",
            Some(b'@') => "35",
            _ => "",
        };
        if colour && !code.is_empty() {
            let body = line.strip_suffix(b"\n").unwrap_or(line);
            let _ = write!(out, "\x1b[{code}m");
            let _ = out.write_all(body);
            let _ = out.write_all(b"\x1b[0m\n");
        } else {
            let _ = out.write_all(line);
        }
    }
}

/// cram's progress mark for a verdict, coloured when `colour`.
pub fn mark(v: &Verdict, colour: bool) -> String {
    let (text, code) = match v {
        Verdict::Passed => (".", "32"),
        Verdict::Skipped | Verdict::Empty => ("s", "33"),
        Verdict::Failed | Verdict::Error(_) => ("!", "31"),
    };
    if colour { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}

/// The verbose line for a verdict: `name: passed`.
pub fn verbose_word(v: &Verdict) -> &'static str {
    match v {
        Verdict::Passed => "passed",
        Verdict::Failed | Verdict::Error(_) => "failed",
        Verdict::Skipped => "skipped",
        Verdict::Empty => "empty",
    }
}

/// One TAP line (and the diff or error as comments) for test number `n`.
pub fn tap(out: &mut dyn Write, n: usize, r: &FileResult) {
    let name = String::from_utf8_lossy(&r.name);
    let _ = match &r.verdict {
        Verdict::Passed => writeln!(out, "ok {n} - {name}"),
        Verdict::Skipped => writeln!(out, "ok {n} - {name} # SKIP exit status 80"),
        Verdict::Empty => writeln!(out, "ok {n} - {name} # SKIP empty file"),
        Verdict::Failed | Verdict::Error(_) => writeln!(out, "not ok {n} - {name}"),
    };
    if let Verdict::Error(msg) = &r.verdict {
        let _ = writeln!(out, "# {msg}");
    }
    for line in &r.diff {
        let _ = out.write_all(b"# ");
        let _ = out.write_all(line);
    }
}

fn xml_escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A JUnit XML report of all results (the layout prysk's `--xunit-file` writes).
pub fn junit(results: &[FileResult], counts: &Counts, total_time: Duration) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<testsuite name=\"chitin-transcript\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{:.6}\">\n",
        counts.total,
        counts.failed,
        counts.skipped,
        total_time.as_secs_f64()
    ));
    for r in results {
        let path = String::from_utf8_lossy(&r.name);
        let name = path.rsplit('/').next().unwrap_or(&path);
        xml.push_str(&format!(
            "  <testcase classname=\"{}\" name=\"{}\" time=\"{:.6}\"",
            xml_escape(&path, true),
            xml_escape(name, true),
            r.time.as_secs_f64()
        ));
        match &r.verdict {
            Verdict::Passed => xml.push_str("/>\n"),
            Verdict::Skipped | Verdict::Empty => xml.push_str(">\n    <skipped/>\n  </testcase>\n"),
            Verdict::Failed | Verdict::Error(_) => {
                let mut text = String::new();
                if let Verdict::Error(msg) = &r.verdict {
                    text.push_str(msg);
                    text.push('\n');
                }
                text.push_str(&String::from_utf8_lossy(&r.diff.concat()));
                xml.push_str(&format!(
                    ">\n    <failure>{}</failure>\n  </testcase>\n",
                    xml_escape(&text, false)
                ));
            }
        }
    }
    xml.push_str("</testsuite>\n");
    xml
}
