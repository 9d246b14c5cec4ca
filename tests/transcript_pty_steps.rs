//! Interactive transcripts (`(pty)`): when a step is over. A step that started a job lasts
//! until the shell's next prompt, or, for a job that goes on (for the `^C`, `^Z` or text the
//! next lines send it), until the job waits for something outside it and the expected rows are
//! on the screen; never while the job is still at work.

mod transcript_cli;
use transcript_cli::{Scratch, run};

/// A job busy for a while (a tenth of a second or more), printing nothing.
const BUSY: &str = "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'";

/// A command with no output whose job is still at work: the next command is typed at the next
/// prompt, not ahead of it (where the terminal would echo it once more, in cooked mode).
#[test]
fn the_next_command_waits_for_the_prompt_after_a_busy_job() {
    let s = Scratch::new("busy");
    s.write("a.t", format!("(pty)\n\n  $ {BUSY}\n  $ echo next\n  next\n").as_bytes());
    let (out, err, status) = run(&s.0, &["--color=never", "a.t"]);
    assert_eq!((status, err.as_str()), (0, ""), "{out}");
}

/// Expected rows that are only the start of a command's output do not end its step: the rest
/// is the command's, shown under it (not under the next command).
#[test]
fn a_step_holds_all_the_output_of_its_command() {
    let s = Scratch::new("prefix");
    s.write("a.t", format!("(pty)\n\n  $ echo one; {BUSY}; echo two\n  one\n  $ echo end\n  end\n").as_bytes());
    let (out, _, status) = run(&s.0, &["--color=never", "a.t"]);
    assert_eq!(status, 1, "{out}");
    insta::assert_snapshot!(out, @r"
    !
    --- a.t
    +++ a.t.err
    @@ -2,5 +2,6 @@
     
       $ echo one; sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; echo two
       one
    +  two
       $ echo end
       end

    # Ran 1 test: 0 passed, 1 failed, 0 skipped.
    ");
}

/// A job that printed and then waits (here, sleeps) ends its step as soon as its rows are
/// there, so that the `^C` meant for it is sent to it.
#[test]
fn a_waiting_job_ends_its_step_on_its_rows() {
    let s = Scratch::new("waiting");
    s.write(
        "a.t",
        b"(pty)\n\n  $ echo one; sleep 1000\n  one\n  ^C\n  $ echo \"status $?\"\n  status 130\n  $ cat\n  $ typed\n  typed\n  typed\n  ^D\n",
    );
    let (out, err, status) = run(&s.0, &["--color=never", "a.t"]);
    assert_eq!((status, err.as_str()), (0, ""), "{out}");
}
