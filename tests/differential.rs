//! Differential test: scripts generated from a small grammar of POSIX constructs run under
//! chitin and under dash, and their standard output and exit status must agree. Where dash and
//! `bash --posix` disagree with each other (POSIX leaves room), matching either one is fine.
//!
//! The grammar favours what real scripts trip on: quoted and unquoted parameter expansions with
//! every operator, empty and unset values, `$@` and `$*`, field splitting with IFS, command
//! substitutions, arithmetic, here-documents, compound commands, functions, and-or lists,
//! subshells and redirections. Output goes through `printf '<%s>'` so fields are visible.
//!
//! `CHITIN_DIFF_CASES=100000 cargo test --release --test differential` runs a longer search by
//! hand (`CHITIN_DIFF_SEED` picks another sequence); each difference found is written to
//! `target/differential/` as a script with both outputs, for a regression transcript.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod rng;
use rng::Rng;

/// Builds one script. `depth` bounds the nesting of compound commands and expansions.
struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    /// Loop counters in use, so nested loops do not share one.
    loops: usize,
    /// Inside the body of `f`, which must not call itself.
    in_function: bool,
}

const VARS: &[&str] = &["a", "b", "e", "u", "n", "p", "1", "2"];
const LITERALS: &[&str] = &[
    "x", "'q r'", "\"s t\"", "\\*", "-", "''", "\"\"", "a.b", "'*'", "f*", "?", "[fg]1", "~", "=",
    "%", "#", "'\\'", "\"\\$\"", "' '", "\\ ", ":",
];
const OPS: &[&str] = &["-", ":-", "+", ":+", "#", "##", "%", "%%", "=", ":="];
const PATTERNS: &[&str] = &["*", "?", "x*", "*y", "a", "*.*", "*/", "[ax]*", "\\*", "'*'", "\"*\""];

impl Gen<'_> {
    fn var(&mut self) -> &'static str {
        *self.rng.pick(VARS)
    }

    /// A parameter expansion, maybe with an operator and a nested word.
    fn param(&mut self, depth: usize) -> String {
        let v = self.var();
        match self.rng.below(10) {
            0 => format!("${v}"),
            1 => format!("${{#{v}}}"),
            2 => ["$@", "$*", "$#", "${@}", "${*}"][self.rng.below(5)].to_string(),
            3 | 4 => {
                let op = *self.rng.pick(OPS);
                let w = if op.starts_with('#') || op.starts_with('%') {
                    if self.rng.chance(30) && depth > 0 {
                        self.part(depth - 1)
                    } else {
                        self.rng.pick(PATTERNS).to_string()
                    }
                } else if depth > 0 {
                    self.word(depth - 1)
                } else {
                    self.rng.pick(LITERALS).to_string()
                };
                // Assigning to a positional parameter is an error in every shell: keep to names.
                let v = if op.contains('=') && v.as_bytes()[0].is_ascii_digit() { "u" } else { v };
                format!("${{{v}{op}{w}}}")
            }
            5 => {
                let op = *self.rng.pick(&["-", ":-", "+", ":+", "#", "%"]);
                let v = *self.rng.pick(&["@", "*"]);
                let w = *self.rng.pick(LITERALS);
                format!("${{{v}{op}{w}}}")
            }
            _ => format!("${{{v}}}"),
        }
    }

    /// One piece of a word.
    fn part(&mut self, depth: usize) -> String {
        match self.rng.below(14) {
            0..=3 => self.rng.pick(LITERALS).to_string(),
            4..=7 => self.param(depth),
            8 => format!("\"{}\"", self.param(depth)),
            9 if depth > 0 => {
                let w = self.word(depth - 1);
                match self.rng.below(3) {
                    0 => format!("$(printf %s {w})"),
                    1 => format!("\"$(printf '%s ' {w})\""),
                    _ => format!("$(echo {w})"),
                }
            }
            10 => {
                let e = *self.rng.pick(&["n+1", "n*2-1", "n>2", "n%2", "(n+3)/2", "-n", "n<<2", "n==3"]);
                format!("$(({e}))")
            }
            11 => format!("\"{}{}\"", *self.rng.pick(&["", "x", " "]), self.param(depth)),
            _ => self.rng.pick(LITERALS).to_string(),
        }
    }

    fn word(&mut self, depth: usize) -> String {
        let n = 1 + self.rng.below(3);
        (0..n).map(|_| self.part(depth)).collect()
    }

    fn words(&mut self, depth: usize) -> String {
        let n = self.rng.below(4);
        (0..n).map(|_| format!(" {}", self.word(depth))).collect()
    }

    fn line(&mut self, s: &str, indent: usize) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn status_cmd(&mut self) -> String {
        match self.rng.below(8) {
            0 => "true".into(),
            1 => "false".into(),
            2 => format!("(exit {})", self.rng.below(4)),
            3 => format!("[ -n {} ]", self.word(1)),
            4 => format!("[ -z \"{}\" ]", self.param(1)),
            5 => format!("test {} = {}", self.word(0), self.word(0)),
            6 => {
                let w = self.word(1);
                format!("case {w} in {}) true;; *) false;; esac", *self.rng.pick(PATTERNS))
            }
            _ if self.in_function => "true".into(),
            _ => "f".into(),
        }
    }

    fn command(&mut self, depth: usize, indent: usize) {
        let choice = if depth == 0 { self.rng.below(8) } else { self.rng.below(30) };
        match choice {
            0..=2 => {
                let w = self.words(2);
                self.line(&format!("printf '<%s>'{w}; echo"), indent);
            }
            3 => {
                let v = *self.rng.pick(&["a", "b", "e", "n", "p", "v"]);
                let w = self.word(1);
                self.line(&format!("{v}={w}"), indent);
            }
            4 => {
                let w = self.words(1);
                self.line(&format!("set --{w}"), indent);
            }
            5 => {
                let s = self.status_cmd();
                let op = *self.rng.pick(&["&&", "||"]);
                let w = self.words(1);
                self.line(&format!("{s} {op} printf '[%s]'{w}; echo \" st=$?\""), indent);
            }
            6 => {
                let ifs = *self.rng.pick(&["IFS=:", "IFS=' :'", "IFS=", "unset IFS", "IFS=' '", "IFS='a'"]);
                self.line(ifs, indent);
            }
            7 => {
                let s = self.status_cmd();
                self.line(&format!("{s}; echo \"status $?\""), indent);
            }
            8 => {
                let s = self.status_cmd();
                self.line(&format!("if {s}; then"), indent);
                self.body(depth - 1, indent + 1);
                if self.rng.chance(50) {
                    self.line("else", indent);
                    self.body(depth - 1, indent + 1);
                }
                self.line("fi", indent);
            }
            9 => {
                let w = self.words(1);
                self.line(&format!("for i in{w}; do"), indent);
                self.line("printf '(%s)' \"$i\"", indent + 1);
                self.body(depth - 1, indent + 1);
                self.line("done; echo", indent);
            }
            10 => {
                let c = format!("c{}", self.loops);
                self.loops += 1;
                self.line(&format!("{c}=0"), indent);
                let kw = *self.rng.pick(&["while [", "until ! ["]);
                let limit = 1 + self.rng.below(3);
                self.line(&format!("{kw} ${c} -lt {limit} ]; do"), indent);
                self.line(&format!("{c}=$(({c} + 1))"), indent + 1);
                self.body(depth - 1, indent + 1);
                if self.rng.chance(25) {
                    let s = self.status_cmd();
                    let flow = *self.rng.pick(&["break", "continue"]);
                    self.line(&format!("{s} && {flow}"), indent + 1);
                }
                self.line("done", indent);
            }
            11 => {
                let w = self.word(1);
                self.line(&format!("case {w} in"), indent);
                for _ in 0..1 + self.rng.below(3) {
                    let p = *self.rng.pick(PATTERNS);
                    let alt = if self.rng.chance(30) {
                        format!("|{}", *self.rng.pick(LITERALS))
                    } else {
                        String::new()
                    };
                    self.line(&format!("{p}{alt})"), indent + 1);
                    self.body(depth - 1, indent + 2);
                    self.line(";;", indent + 1);
                }
                self.line("esac", indent);
            }
            12 => {
                self.line("(", indent);
                self.body(depth - 1, indent + 1);
                if self.rng.chance(30) {
                    let status = self.rng.below(3);
                    self.line(&format!("exit {status}"), indent + 1);
                }
                self.line(")", indent);
                self.line("echo \"sub $?\"", indent);
            }
            13 => {
                self.line("{", indent);
                self.body(depth - 1, indent + 1);
                self.line("} >out 2>/dev/null", indent);
                self.line("cat out", indent);
            }
            14 => {
                let q = *self.rng.pick(&["EOF", "'EOF'", "\\EOF"]);
                self.line(&format!("cat <<{q}"), indent);
                let w = self.words(1);
                let p = self.param(1);
                // Here-document lines are not indented: their leading blanks are kept.
                self.out.push_str(&format!("line{w} {p}\n"));
                self.out.push_str("EOF\n");
            }
            15 if !self.in_function => {
                let w = self.words(1);
                self.line(&format!("f{w}; echo \"f $?\""), indent);
            }
            16 => {
                let w = self.word(1);
                self.line(&format!("v=$(printf '%s|' {w}); printf '<%s>' \"$v\" $v; echo"), indent);
            }
            17 => {
                // Assignments keep their value whole: no splitting, no globbing.
                let w = self.word(1);
                let v = *self.rng.pick(&["v", "e", "p"]);
                self.line(&format!("{v}={w}; printf '<%s>' \"${v}\" ${v}; echo"), indent);
            }
            18 => {
                let w = self.words(1);
                self.line(&format!("printf '%s\\n'{w} | while read -r l; do printf '[%s]' \"$l\"; done; echo"), indent);
            }
            19 => {
                let w = self.words(1);
                let pipe = *self.rng.pick(&["cat", "tr a-z A-Z", "sed 's/^/>/'", "wc -l | tr -d ' '"]);
                self.line(&format!("printf '%s\\n'{w} | {pipe}"), indent);
            }
            20 => {
                let e = *self.rng.pick(&["n+=2", "n=n*2", "n-=1", "(n+=1)*2", "n>2 ? n : -n", "n+1 + 1"]);
                self.line(&format!("echo \"$(({e}))\" \"$n\""), indent);
            }
            21 => {
                let s = self.status_cmd();
                self.line(&format!("! {s}; echo \"not $?\""), indent);
            }
            22 => {
                // Quoting changes under eval; a `$` pair would become the pid.
                let w = self.words(1).replace('\'', "\"").replace('$', "");
                self.line(&format!("eval 'printf \"<%s>\"'{w}; echo"), indent);
            }
            23 => {
                let n = self.rng.below(3);
                self.line(&format!("shift {n} 2>/dev/null; echo \"shift $? $#\""), indent);
            }
            24 => {
                let fmt = *self.rng.pick(&["%5s|", "%-4s|", "%.2s|", "%d|", "%x|", "%c|", "%s %s|", "%%|%s|", "%b|"]);
                let w = self.words(1);
                self.line(&format!("printf '{fmt}'{w} 2>/dev/null; echo \" pf $?\""), indent);
            }
            25 => {
                let v = *self.rng.pick(&["a", "b", "e", "u", "n"]);
                let what = *self.rng.pick(&["unset", "export", "readonly"]);
                if what == "readonly" {
                    self.line(&format!("(readonly {v}; {v}=1) 2>/dev/null; echo \"ro $?\""), indent);
                } else {
                    self.line(&format!("{what} {v}; printf '<%s>' \"${{{v}-unset}}\"; echo"), indent);
                }
            }
            26 => {
                let w = self.word(1);
                self.line(&format!("x=`printf '%s' {w}`; printf '<%s>' \"$x\"; echo"), indent);
            }
            27 => {
                let fd = *self.rng.pick(&["3", "4"]);
                let w = self.words(1);
                self.line(&format!("{{ printf '<%s>'{w} >&{fd}; }} {fd}>&1; echo"), indent);
            }
            _ => {
                let w = self.words(1);
                self.line(&format!("set -- {w}; printf '%s|' \"$#\" \"$@\"; echo"), indent);
            }
        }
    }

    fn body(&mut self, depth: usize, indent: usize) {
        for _ in 0..1 + self.rng.below(3) {
            self.command(depth, indent);
        }
    }

    fn script(&mut self) -> String {
        self.out.push_str("a='x  y'; b='*'; e=; unset u; n=3; p='d/e.f.g'; set -- 'one two' '' three\n");
        self.out.push_str("f() {\n");
        self.in_function = true;
        self.body(1, 1);
        self.in_function = false;
        self.out.push_str(&format!("  return {}\n}}\n", self.rng.below(3)));
        for _ in 0..2 + self.rng.below(5) {
            self.command(2, 0);
        }
        self.out.push_str("echo \"end $?\"\n");
        std::mem::take(&mut self.out)
    }
}

/// What a shell did with a script: standard output and how it ended.
#[derive(PartialEq, Eq, Debug)]
struct Outcome {
    stdout: String,
    status: String,
}

/// Runs `script` under `shell` in `dir`, made afresh with a few files for patterns to match (each
/// shell gets its own: the script's redirections create files a glob would then see).
fn run(shell: &[&str], dir: &Path, script: &str) -> Outcome {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("scratch dir");
    for f in ["f1", "f2", "g 3", "x.y"] {
        std::fs::write(dir.join(f), "").expect("scratch file");
    }
    std::fs::write(dir.join("t.sh"), script).expect("write script");
    let mut child = Command::new(shell[0])
        .args(&shell[1..])
        .arg("t.sh")
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", "/nonexistent-home")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a shell");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        // A runaway script is cut off at 64 KB: enough to compare, small enough to report.
        let _ = stdout.by_ref().take(64 * 1024).read_to_end(&mut buf);
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        buf
    });
    // A generated script always ends (its loops are bounded): this only guards against a hang.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Outcome { stdout: String::new(), status: "hung".into() };
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let out = reader.join().expect("reader");
    use std::os::unix::process::ExitStatusExt;
    let status = match (status.code(), status.signal()) {
        (Some(c), _) => format!("exit {c}"),
        (_, Some(s)) => format!("signal {s}"),
        _ => "?".into(),
    };
    Outcome { stdout: String::from_utf8_lossy(&out).into_owned(), status }
}

/// Whether `ours` is bash's, or every line of it, and its status, is what one reference or the
/// other gave.
fn each_line_is_one_of(ours: &Outcome, dash: &Outcome, bash: &Outcome) -> bool {
    let (o, d, b): (Vec<_>, Vec<_>, Vec<_>) =
        (ours.stdout.lines().collect(), dash.stdout.lines().collect(), bash.stdout.lines().collect());
    if ours == bash {
        return true;
    }
    (ours.status == dash.status || ours.status == bash.status)
        && o.len() == d.len()
        && o.len() == b.len()
        && o.iter().zip(d.iter().zip(&b)).all(|(o, (d, b))| o == d || o == b)
}

fn have(program: &str) -> bool {
    Command::new(program).args(["-c", ":"]).status().is_ok_and(|s| s.success())
}

#[test]
fn generated_scripts_agree_with_dash() {
    if !have("dash") {
        eprintln!("dash is not installed: the differential test has nothing to compare with");
        return;
    }
    let bash = have("bash");
    let cases: usize = std::env::var("CHITIN_DIFF_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(300);
    let seed: u64 = std::env::var("CHITIN_DIFF_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_c417);
    let chitin = env!("CARGO_BIN_EXE_chitin");
    let dir = std::env::temp_dir().join(format!("chitin-diff-{}", std::process::id()));
    let report_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("differential");
    let mut rng = Rng(seed);
    let mut differences = Vec::new();
    for case in 0..cases {
        let script = Gen { rng: &mut rng, out: String::new(), loops: 0, in_function: false }.script();
        let ours = run(&[chitin], &dir, &script);
        let theirs = run(&["dash"], &dir, &script);
        if ours == theirs {
            continue;
        }
        // Where the references disagree, POSIX leaves room: either answer is fine, line by line.
        if bash && each_line_is_one_of(&ours, &theirs, &run(&["bash", "--posix"], &dir, &script)) {
            continue;
        }
        let _ = std::fs::create_dir_all(&report_dir);
        let report = report_dir.join(format!("case-{seed:x}-{case}.sh"));
        let text = format!(
            "{script}\n# --- chitin ({}):\n{}\n# --- dash ({}):\n{}\n",
            ours.status,
            ours.stdout.lines().map(|l| format!("# {l}")).collect::<Vec<_>>().join("\n"),
            theirs.status,
            theirs.stdout.lines().map(|l| format!("# {l}")).collect::<Vec<_>>().join("\n"),
        );
        let _ = std::fs::write(&report, text);
        differences.push(report.display().to_string());
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        differences.is_empty(),
        "{} of {cases} generated scripts behave differently under chitin and dash:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
