//! Text typed ahead, while the previous line is still being run, belongs to whatever reads
//! the terminal next: a command's `read`, `cat`, or the next prompt. bash's readline reads
//! one byte at a time for this; the line editor must not swallow it into its buffer.

mod pty;
use pty::*;

#[test]
fn typeahead_reaches_the_command_that_reads_it() {
    let mut s = Session::shell_with(&["-i"], &[("NO_COLOR", "1")]);
    s.run(": ---");
    // One write: the command line and the text its `read` is to get. The text arrives while
    // the terminal is still raw, so the kernel keeps its Enter as \r, which `read` takes for a
    // plain byte (bash alike); a newline ends it.
    s.send("read x; echo \"[$x]\"\rtyped ahead\n");
    s.wait_text("[typed ahead]");
    s.wait_prompt();
    // And a whole second command line typed ahead is run, once.
    s.send("echo one\recho two\r");
    s.wait_for("the second line run", |s| s.screen().lines().any(|l| l == "two"));
    s.wait_prompt();
    s.run("head -n 1 </dev/null; echo end");
    insta::assert_snapshot!(s.transcript_from(": ---"));
}
