//! `read` on a terminal: `-s` turns echo off (and back on), `-n` takes a key without Enter,
//! `-t` times out with bash's 142 while the terminal has nothing to read, `-p` prompts.
//! Each prompt is made from a variable, so its text shows only once `read` prints it (not
//! in the command line), and keys are typed only then.

mod pty;
use pty::*;

/// Whether the terminal echoes input, as a command run at the prompt sees it.
fn echo_is_on(s: &mut Session, tag: &str) -> bool {
    s.run(&format!("stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo | sed 's/^/{tag}=/'"));
    s.wait_for("stty's answer", |s| {
        s.screen().contains(&format!("{tag}=echo")) || s.screen().contains(&format!("{tag}=-echo"))
    });
    s.screen().contains(&format!("{tag}=echo"))
}

#[test]
fn silent_read_does_not_echo_and_restores_echo() {
    let mut s = Session::shell();
    s.run("p=pw");
    s.line("read -s -p \"$p:\" x; echo \"[$x]\"");
    s.wait_text("pw:");
    s.send("hunter2\r");
    s.wait_text("[hunter2]");
    s.wait_prompts(3);
    assert_eq!(s.screen().matches("hunter2").count(), 1, "typed text echoed:\n{}", s.screen());
    assert!(echo_is_on(&mut s, "after"), "echo left off:\n{}", s.screen());
}

#[test]
fn read_n_takes_a_key_without_enter() {
    let mut s = Session::shell();
    s.run("k=key l=line");
    s.line("read -n 1 -p \"$k:\" k; echo \"[$k]\"");
    s.wait_text("key:");
    s.send("z");
    s.wait_text("[z]");
    s.wait_prompts(3);
    // Line mode is back: a whole line is read again.
    s.line("read -p \"$l:\" l; echo \"<$l>\"");
    s.wait_text("line:");
    s.send("a b\r");
    s.wait_text("<a b>");
}

#[test]
fn read_t_times_out_on_a_quiet_terminal() {
    let mut s = Session::shell();
    s.run("read -t 0; echo \"poll=$?\"");
    s.wait_text("poll=1");
    s.run("read -t 0.2 -p 'wait:' x; echo \"st=$? [$x]\"");
    s.wait_text("st=142 []");
    s.run("p=in");
    s.line("read -t 30 -p \"$p:\" x; echo \"in-time=$? [$x]\"");
    s.wait_text("in:");
    s.send("typed\r");
    s.wait_text("in-time=0 [typed]");
}

#[test]
fn read_e_edits_the_line_from_the_initial_text() {
    let mut s = Session::shell();
    s.run("p=edit");
    s.line("read -e -i start -p \"$p:\" x; echo \"[$x]\"");
    s.wait_text("edit:start");
    // Editing keys work: Backspace takes the last t away.
    s.send("\x7fed\r");
    s.wait_text("[stared]");
}

#[test]
fn read_e_completes_file_names() {
    let mut s = Session::shell();
    s.run("cd \"$HOME\" && : > uniquely-named-file && p=file");
    s.line("read -e -p \"$p:\" f; echo \"<$f>\"");
    s.wait_text("file:");
    s.send("uniq\t");
    s.wait_text("file:uniquely-named-file");
    s.send("\r");
    s.wait_text("<uniquely-named-file>");
}

#[test]
fn read_e_without_a_terminal_reads_plainly() {
    let mut s = Session::shell();
    s.run("echo piped | { read -e -i ignored x; echo \"[$x]\"; }");
    s.wait_text("[piped]");
}
