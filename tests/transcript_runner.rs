//! `chitin --transcript`, the cram-style transcript runner: the corpus of tests/cram (checked
//! against prysk by scripts/check-cram.sh), `--update`, `--tap`, `--junit`, `-j`, timeouts and
//! bad input.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod transcript_cli;
use transcript_cli::{Scratch, chitin, run};

#[test]
fn corpus_verdicts_and_diffs() {
    let s = Scratch::corpus("corpus");
    let (out, err, status) = run(&s.0, &["--color=never", "."]);
    assert_eq!(status, 1, "{out}");
    assert_eq!(err, "re-bad.t:4: bad (re): multiple repeat at position 3\n");
    insta::assert_snapshot!(out);
    // A failing file leaves its actual output beside it, as cram does.
    assert_eq!(s.read("fail-output.t.err"), "  $ echo hello\n  hello\n  $ echo same\n  same\n");
    assert!(!s.0.join("basic.t.err").exists());
}

#[test]
fn parallel_runs_report_in_order() {
    let s = Scratch::corpus("jobs");
    let (one, _, st1) = run(&s.0, &["--color=never", "-j1", "."]);
    let (four, _, st4) = run(&s.0, &["--color=never", "-j", "4", "."]);
    assert_eq!((st1, st4), (1, 1));
    assert_eq!(one, four);
}

#[test]
fn update_round_trip_keeps_matching_patterns() {
    let s = Scratch::corpus("update");
    let (_, _, status) = run(&s.0, &["--update", "."]);
    assert_eq!(status, 1);
    let (out, _, status) = run(&s.0, &["--color=never", "."]);
    assert_eq!(status, 0, "{out}");
    assert!(out.ends_with("# Ran 49 tests: 46 passed, 0 failed, 3 skipped.\n"), "{out}");
    // Lines whose (re)/(glob) still match are kept as written; the rest is the new output.
    insta::assert_snapshot!(s.read("fail-re-alignment.t"));
    assert_eq!(s.read("glob-fail.t"), "  $ echo abcd\n  abcd\n  $ echo '*star'\n  *star\n");
}

#[test]
fn tap_and_junit() {
    let s = Scratch::new("tap");
    s.write("pass.t", b"  $ echo a\n  a\n");
    s.write("fail.t", b"  $ echo a\n  b\n");
    s.write("skip.t", b"  $ exit 80\n");
    let (out, _, status) = run(&s.0, &["--tap", "--junit", "report.xml", "pass.t", "fail.t", "skip.t"]);
    assert_eq!(status, 1);
    insta::assert_snapshot!(out, @r"
    TAP version 13
    1..3
    ok 1 - pass.t
    not ok 2 - fail.t
    # --- fail.t
    # +++ fail.t.err
    # @@ -1,2 +1,2 @@
    #    $ echo a
    # -  b
    # +  a
    ok 3 - skip.t # SKIP exit status 80
    ");
    let xml = s.read("report.xml");
    let xml: String = xml
        .lines()
        .map(|l| match l.find("time=\"") {
            Some(i) => format!("{}time=\"T\"{}", &l[..i], &l[i + 6..].split_once('"').unwrap().1),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(xml, @r#"
    <?xml version="1.0" encoding="utf-8"?>
    <testsuite name="chitin-transcript" tests="3" failures="1" skipped="1" time="T">
      <testcase classname="pass.t" name="pass.t" time="T"/>
      <testcase classname="fail.t" name="fail.t" time="T">
        <failure>--- fail.t
    +++ fail.t.err
    @@ -1,2 +1,2 @@
       $ echo a
    -  b
    +  a
    </failure>
      </testcase>
      <testcase classname="skip.t" name="skip.t" time="T">
        <skipped/>
      </testcase>
    </testsuite>
    "#);
}

#[test]
fn a_command_that_never_ends_is_killed_and_the_others_still_run() {
    let s = Scratch::new("timeout");
    s.write("hang.t", b"  $ echo started\n  started\n  $ sleep 1000 & echo $! > \"$TESTDIR/pid\"; wait\n");
    s.write("quick.t", b"  $ echo ok\n  ok\n");
    let started = Instant::now();
    let (out, _, status) = run(&s.0, &["--color=never", "--timeout", "1", "hang.t", "quick.t"]);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "!\nhang.t: timed out after 1 s; its processes were killed\n.\n# Ran 2 tests: 1 passed, 1 failed, 0 skipped.\n"
    );
    // The background sleep went with the file's process group.
    let pid = s.read("pid").trim().to_string();
    let gone = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map_or(true, |st| st.rsplit(')').next().is_some_and(|r| r.trim_start().starts_with('Z')))
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while !gone() && Instant::now() < deadline {
        std::thread::yield_now();
    }
    assert!(gone(), "sleep {pid} survived the timeout");
}

#[test]
fn bad_input_names_the_file_and_line() {
    let s = Scratch::new("bad");
    s.write("cont.t", b"prose\n  > echo orphan\n  $ echo ok\n  ok\n");
    s.write("re.t", b"  $ echo x\n  (x (re)\n");
    let (out, err, status) = run(&s.0, &["--color=never", "cont.t", "re.t"]);
    assert_eq!(status, 1);
    assert_eq!(err, "re.t:2: bad (re): missing ), unterminated subpattern at position 2\n");
    insta::assert_snapshot!(out, @r"
    !
    cont.t:2: a '> ' continuation line with no '$ ' command before it
    !
    --- re.t
    +++ re.t.err
    @@ -1,2 +1,2 @@
       $ echo x
    -  (x (re)
    +  x
    
    # Ran 2 tests: 0 passed, 2 failed, 0 skipped.
    ");
    let (_, err, status) = run(&s.0, &["missing.t"]);
    assert_eq!((err.as_str(), status), ("chitin: --transcript: no such file: missing.t\n", 2));
    let (_, err, status) = run(&s.0, &["--jobs"]);
    assert_eq!(status, 2, "{err}");
}

#[test]
fn interactive_accepts_the_change() {
    let s = Scratch::new("interactive");
    s.write("a.t", b"  $ echo new; echo id 7\n  old\n  id \\d (re)\n");
    let out = Command::new(chitin())
        .args(["--transcript", "--color=never", "-i", "a.t"])
        .current_dir(&s.0)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b"y\n")?;
            c.wait_with_output()
        })
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Accept this change? [yN] a.t: merged output\n"), "{text}");
    assert_eq!(s.read("a.t"), "  $ echo new; echo id 7\n  new\n  id \\d (re)\n");
    assert!(!s.0.join("a.t.err").exists());
}

/// chitin's own job-control scenarios as interactive transcripts (`(pty)` files): ^Z then
/// `fg`, ^C of a pipeline, `cat &` stopped by SIGTTIN, Ctrl-R, Tab completion, compared as
/// rendered screens; and a file with one section on a pty.
#[test]
fn interactive_transcripts_of_job_control() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let s = Scratch::new("pty");
    for e in std::fs::read_dir(&dir).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), s.0.join(e.file_name())).unwrap();
    }
    let (out, err, status) = run(&s.0, &["--color=never", "-v", "."]);
    assert_eq!((status, err.as_str()), (0, ""), "{out}");
    insta::assert_snapshot!(out, @r"
    background-reader.t: passed
    history-search.t: passed
    interrupt-pipeline.t: passed
    sections.t: passed
    suspend-and-fg.t: passed
    tab-completion.t: passed
    # Ran 6 tests: 6 passed, 0 failed, 0 skipped.
    ");
}

/// A failing interactive transcript shows the screen it got, and `--update` records it.
#[test]
fn interactive_transcript_diff_and_update() {
    let s = Scratch::new("ptyupdate");
    s.write("a.t", b"(pty)\n\n  $ echo one; echo two\n  one\n  $ sleep 1000\n  ^Z\n  $ echo $?\n");
    let (out, _, status) = run(&s.0, &["--color=never", "a.t"]);
    assert_eq!(status, 1);
    insta::assert_snapshot!(out, @r"
    !
    --- a.t
    +++ a.t.err
    @@ -2,6 +2,9 @@
     
       $ echo one; echo two
       one
    +  two
       $ sleep 1000
       ^Z
    +  [1]+  Stopped                 sleep 1000
       $ echo $?
    +  148
    
    # Ran 1 test: 0 passed, 1 failed, 0 skipped.
    ");
    let (_, _, status) = run(&s.0, &["--update", "a.t"]);
    assert_eq!(status, 1);
    let (out, _, status) = run(&s.0, &["a.t"]);
    assert_eq!(status, 0, "{out}");
}

/// Files run one after another on a worker get each an empty directory of its own ($TESTTMP,
/// named for the file), whatever the file before left in its directory: the runner reuses a
/// directory it emptied, never removing anything through a symbolic link.
#[test]
fn each_file_gets_an_empty_directory() {
    let s = Scratch::new("fresh");
    s.write("keep", b"kept\n");
    s.write(
        "a.t",
        b"  $ mkdir -p sub/deeper && touch f .hidden sub/deeper/g && ln -s \"$TESTDIR\" link && ls -A\n  .hidden\n  f\n  link\n  sub\n",
    );
    s.write("b.t", b"  $ ls -A; basename \"$PWD\"; [ \"$PWD\" = \"$TESTTMP\" ] && [ \"$HOME\" = \"$PWD\" ] && echo same\n  b.t\n  same\n");
    s.write("c.t", b"  $ ls -A; basename \"$PWD\"\n  c.t\n");
    let (out, _, status) = run(&s.0, &["--color=never", "-j1", "a.t", "b.t", "c.t"]);
    assert_eq!(status, 0, "{out}");
    assert_eq!(s.read("keep"), "kept\n");
}

/// A file that changes its directory's mode leaves the next file a directory as made.
#[test]
fn a_directory_whose_mode_changed_is_not_reused() {
    let s = Scratch::new("mode");
    s.write("a.t", b"  $ stat -c %a . > \"$TESTDIR/mode-a\"; chmod 711 .\n");
    s.write("b.t", b"  $ stat -c %a . > \"$TESTDIR/mode-b\"\n");
    let (out, _, status) = run(&s.0, &["--color=never", "-j1", "a.t", "b.t"]);
    assert_eq!(status, 0, "{out}");
    assert_eq!(s.read("mode-a"), s.read("mode-b"));
    assert_ne!(s.read("mode-b"), "711\n");
}

/// Without `--shell`, each file's shell is forked from an already started chitin (a fork
/// server) rather than run anew: what the files see is the same either way, up to a shell
/// killed by a signal in the middle of a file.
#[test]
fn forked_shells_behave_as_started_ones() {
    let s = Scratch::corpus("forked");
    s.write(
        "state.t",
        b"  $ echo \"$0 $-\"; umask; trap; set +o | head -4; echo \"$SHLVL\"\n\
          \x20 $ env | grep -v -e '^_=' -e '^OLDPWD=' | sed \"s|$TESTTMP|T|\" | sort\n\
          \x20 $ ulimit -a | md5sum\n\
          \x20 $ grep -e '^SigIgn' -e '^Umask' /proc/$$/status; grep -e '^Sig[IB]' /proc/self/status\n\
          \x20 $ read -r line; echo \"$line\" | sed 's/[0-9]//g'\n\
          \x20 $ kill -9 $$\n\
          \x20 $ echo never\n",
    );
    let chitin = chitin();
    let (forked, _, st1) = run(&s.0, &["--color=never", "-j1", "."]);
    let (started, _, st2) = run(&s.0, &["--color=never", "-j1", "--shell", chitin.to_str().unwrap(), "."]);
    assert_eq!((st1, st2), (1, 1));
    assert_eq!(forked, started);
    // The script is the shell's standard input, so `read` gets its next line.
    assert!(forked.contains("+  echo CHITINxx  $? (no-eol)\n"), "{forked}");
    assert!(forked.contains("+  TESTTMP=T\n"), "{forked}");
}

/// The runner ignores SIGXFSZ no more than a shell's children see it: a program writing past
/// `ulimit -f` in a transcript is killed by it, as under prysk (it used to get EFBIG, the
/// runner's own start-up having ignored the signal for itself), forked shell or started one.
#[test]
fn programs_in_transcripts_get_sigxfsz_at_its_default() {
    let s = Scratch::new("xfsz");
    s.write(
        "x.t",
        b"  $ (ulimit -f 1; head -c 5000 /dev/zero > big); echo \"status $?\"\n  File size limit exceeded\n  status 153\n",
    );
    let chitin = chitin();
    for shell in [&["--color=never"][..], &["--color=never", "--shell", chitin.to_str().unwrap()]] {
        let (out, _, status) = run(&s.0, &[shell, &["x.t"]].concat());
        assert_eq!(status, 0, "{out}");
    }
}

/// A section of a file can run on a pty: from a prose line `(pty)` to one reading `(end pty)`,
/// in an interactive shell of its own; the sections around it run as usual. Files carry over
/// from one section to the next, shell variables do not. A failing section shows in the
/// file's diff, and `--update` records what it got.
#[test]
fn a_section_runs_on_a_pty() {
    let s = Scratch::new("sections");
    let file = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts/sections.t")).unwrap();
    s.write("mixed.t", &file);
    let (out, _, status) = run(&s.0, &["--color=never", "-v", "mixed.t"]);
    assert_eq!(status, 0, "{out}");
    s.write("fail.t", b"  $ echo plain\n  plain\n(pty)\n  $ echo one; [ -t 0 ] && echo tty\n  one\n(end pty)\n  $ [ -t 0 ] || echo none\n  nothing\n");
    let (out, _, status) = run(&s.0, &["--color=never", "fail.t"]);
    assert_eq!(status, 1);
    insta::assert_snapshot!(out, @r"
    !
    --- fail.t
    +++ fail.t.err
    @@ -3,6 +3,7 @@
     (pty)
       $ echo one; [ -t 0 ] && echo tty
       one
    +  tty
     (end pty)
       $ [ -t 0 ] || echo none
    -  nothing
    +  none

    # Ran 1 test: 0 passed, 1 failed, 0 skipped.
    ");
    let (_, _, status) = run(&s.0, &["--update", "fail.t"]);
    assert_eq!(status, 1);
    let (out, _, status) = run(&s.0, &["--color=never", "fail.t"]);
    assert_eq!(status, 0, "{out}");
}
