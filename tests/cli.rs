//! The command line: argument parsing and the binary's own outputs (`--help`, `--version`,
//! usage errors, `-n` syntax checks).
use std::ffi::OsString;
use std::io::Write;
use std::process::{Command, Stdio};

use chitin::cli::{Parsed, parse_args};

fn parsed(args: &[&str]) -> String {
    let argv: Vec<OsString> = args.iter().map(OsString::from).collect();
    match parse_args(&argv) {
        Parsed::Run(inv) => {
            let o = &inv.options;
            let flags: Vec<&str> = [
                (o.allexport, "allexport"),
                (o.notify, "notify"),
                (o.noclobber, "noclobber"),
                (o.errexit, "errexit"),
                (o.noglob, "noglob"),
                (o.hashall.0, "hashall"),
                (o.interactive, "interactive"),
                (o.monitor, "monitor"),
                (o.noexec, "noexec"),
                (o.nounset, "nounset"),
                (o.verbose, "verbose"),
                (o.xtrace, "xtrace"),
                (o.pipefail, "pipefail"),
                (o.ignoreeof, "ignoreeof"),
                (o.vi, "vi"),
                (o.stdin, "stdin"),
                (o.command_string, "command_string"),
                (o.login, "login"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect();
            let source = match &inv.source {
                chitin::cli::Source::CommandString(c) => {
                    format!("CommandString({:?})", String::from_utf8_lossy(c))
                }
                other => format!("{other:?}"),
            };
            format!(
                "source={} $0={:?} args={:?} flags={:?}{}{}",
                source,
                String::from_utf8_lossy(&inv.arg0),
                inv.args
                    .iter()
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect::<Vec<_>>(),
                flags,
                if inv.norc { " norc" } else { "" },
                if inv.noprofile { " noprofile" } else { "" },
            )
        }
        other => format!("{other:?}"),
    }
}

#[test]
fn argument_parsing() {
    let cases: &[&[&str]] = &[
        &["chitin"],
        &["chitin", "script.sh", "a", "b"],
        &["chitin", "-c", "echo hi"],
        &["chitin", "-c", "echo hi", "name", "a", "b"],
        &["chitin", "-ec", "cmds", "n"],
        &["chitin", "-cl", "cmds"],
        &["chitin", "-xc", "cmds"],
        &["chitin", "-c", "-e", "cmds"],
        &["chitin", "-s", "a", "b"],
        &["chitin", "-s"],
        &["-chitin"],
        &["chitin", "-l"],
        &["chitin", "--login", "--norc", "--noprofile"],
        &["chitin", "-i"],
        &["chitin", "-abCefhmnuvx", "f"],
        &["chitin", "-eu", "+u", "f"],
        &[
            "chitin", "-o", "errexit", "-o", "pipefail", "+o", "errexit", "f",
        ],
        &["chitin", "-o", "vi", "-o", "emacs"],
        &["chitin", "--", "-file", "a"],
        &["chitin", "-e", "--", "-c"],
        &["chitin", "-", "a"],
        &["chitin", "f", "-e"],
        &["chitin", "-c"],
        &["chitin", "-z"],
        &["chitin", "+z"],
        &["chitin", "-o"],
        &["chitin", "-o", "nosuch"],
        &["chitin", "--nosuch"],
        &["chitin", "--help"],
        &["chitin", "--version"],
    ];
    let mut out = String::new();
    for c in cases {
        out.push_str(&format!("{:?}\n  => {}\n", c, parsed(c)));
    }
    insta::assert_snapshot!(out);
}

struct Out {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &str) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chitin"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn chitin");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin.as_bytes());
    }
    let o = child.wait_with_output().expect("wait");
    Out {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn transcript(o: &Out) -> String {
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        o.status, o.stdout, o.stderr
    )
}

#[test]
fn help_and_version() {
    let help = run(&["--help"], "");
    assert_eq!(help.status, 0);
    assert!(
        help.stdout.starts_with("chitin: a POSIX shell"),
        "{}",
        help.stdout
    );
    assert!(help.stderr.is_empty());
    let version = run(&["--version"], "");
    assert_eq!(
        (version.status, version.stdout.as_str()),
        (0, concat!("chitin ", env!("CARGO_PKG_VERSION"), "\n"))
    );
}

#[test]
fn usage_error() {
    insta::assert_snapshot!(transcript(&run(&["-z"], "")));
}

#[test]
fn syntax_check_of_a_script() {
    let dir = std::env::temp_dir().join(format!("chitin-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let bad = dir.join("bad.sh");
    std::fs::write(
        &bad,
        "echo one\nif true; then\n  echo two\nfi\nfi\necho never\n",
    )
    .expect("write");
    let good = dir.join("good.sh");
    std::fs::write(&good, "touch should-not-exist\ncase x in x) echo;; esac\n").expect("write");
    let b = run(&["-n", bad.to_str().unwrap_or("")], "");
    let g = run(&["-n", good.to_str().unwrap_or("")], "");
    let missing = run(&["-n", dir.join("missing.sh").to_str().unwrap_or("")], "");
    let _ = std::fs::remove_dir_all(&dir);
    let dirs = dir.to_string_lossy().into_owned();
    insta::assert_snapshot!(format!(
        "bad:\n{}\ngood:\n{}\nmissing:\n{}",
        transcript(&b).replace(&dirs, "DIR"),
        transcript(&g),
        transcript(&missing).replace(&dirs, "DIR")
    ));
}

#[test]
fn syntax_check_of_command_string_and_stdin() {
    let c = run(&["-nc", "echo 'open"], "");
    let s = run(&["-n"], "echo ok\ncase x in\n");
    let ok = run(&["-n"], "echo ok\n");
    insta::assert_snapshot!(format!(
        "-c:\n{}\nstdin:\n{}\nok:\n{}",
        transcript(&c),
        transcript(&s),
        transcript(&ok)
    ));
}

/// `-n` reads reserved words and names from the source bytes without building words: it must
/// judge every script as running it does (a syntax error there too, or none).
#[test]
fn syntax_check_agrees_with_running_on_tricky_words() {
    let cases = [
        "i\\\nf true; then :; f\\\ni\n",
        "\"if\" true; then :; fi\n",
        "for x i\\\nn a b; do :; done\n",
        "for x 'in' a; do :; done\n",
        "f\\\noo() { :; }; foo\n",
        "'f'() { :; }\n",
        "for 'x' in a; do :; done\n",
        "for 1x in a; do :; done\n",
        "for if in a; do :; done\n",
        "time -p : | :\n",
        "x=1 y=\\\n2 :\n",
        "cat <<EOF\n$(if)\nEOF\n",
        "cat <<'EOF'\n$(if)\nEOF\n",
        "cat <<E\\\nOF\nbody\nEOF\n",
        "case x in (a) ;; esac\n",
        "case x in a) : ;& b) : esac\n",
        "{ : ; }\n",
        "{ :; }}\n",
        "echo $(( 1 +\\\n2 )) `if`\n",
        "! ! :\n",
        "echo }; d\\\none\n",
    ];
    let mut out = String::new();
    for src in cases {
        let check = run(&["-n"], src);
        let ran = run(&[], src);
        let ran_syntax_error = ran.status == 2 && ran.stderr.contains("syntax error");
        assert_eq!(
            check.status != 0,
            ran_syntax_error,
            "-n and running disagree on {src:?}: {}{}",
            check.stderr,
            ran.stderr
        );
        out.push_str(&format!("{src:?}\n{}\n", transcript(&check)));
    }
    insta::assert_snapshot!(out);
}

/// The last command of `-c` replaces the shell (one process instead of two, as in dash),
/// unless something must still happen after it: an EXIT trap, a job to look after.
#[test]
fn command_string_execs_its_last_command_in_place() {
    let pids = |script: &str| -> Vec<String> {
        let o = run(&["-c", script], "");
        assert_eq!(o.status, 0, "{script}: {}", o.stderr);
        o.stdout.lines().map(str::to_string).collect()
    };
    let same = pids("echo $$; /bin/sh -c 'echo $$'");
    assert_eq!(same.len(), 2);
    assert_eq!(same[0], same[1], "the last command was forked");
    let with_trap = pids("trap 'echo bye' EXIT; echo $$; /bin/sh -c 'echo $$'");
    assert_eq!(with_trap.len(), 3);
    assert_ne!(with_trap[0], with_trap[1], "exec'd in place with an EXIT trap set");
    assert_eq!(with_trap[2], "bye");
    let not_last = pids("echo $$; /bin/sh -c 'echo $$'; true");
    assert_ne!(not_last[0], not_last[1], "a command that is not last was exec'd");
    let with_job = pids("sleep 0 & echo $$; /bin/sh -c 'echo $$'");
    assert_ne!(with_job[0], with_job[1], "exec'd in place with a job running");
    // Signals the shell ignores for itself are given back: the program ignores what the shell
    // found ignored on entry (what grep started from here ignores), no more.
    let direct = Command::new("grep").args(["SigIgn", "/proc/self/status"]).output().expect("grep");
    let direct: Vec<String> =
        String::from_utf8_lossy(&direct.stdout).lines().map(str::to_string).collect();
    assert_eq!(pids("grep SigIgn /proc/self/status"), direct);
}

/// `time -p` reports in the POSIX format whatever TIMEFORMAT says: three lines, each a name,
/// one space and seconds with two decimals (the values themselves are not checked).
#[test]
fn time_dash_p_uses_the_posix_format() {
    let o = run(&["-c", "TIMEFORMAT='%R'; time -p true; echo status $?"], "");
    assert_eq!((o.status, o.stdout.as_str()), (0, "status 0\n"));
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", o.stderr);
    for (line, name) in lines.iter().zip(["real", "user", "sys"]) {
        let secs = line.strip_prefix(name).and_then(|r| r.strip_prefix(' ')).unwrap_or("");
        let (int, frac) = secs.split_once('.').unwrap_or(("", ""));
        assert!(
            !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.len() == 2
                && frac.bytes().all(|b| b.is_ascii_digit()),
            "not POSIX time -p output: {line:?}"
        );
    }
}
