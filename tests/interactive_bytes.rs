//! Bytes that are not UTF-8, typed or pasted at the prompt: the shell never ends on them, the
//! command gets exactly the bytes typed, and history gives them back byte-exact.

mod pty;
use pty::*;

const UP: &str = "\x1b[A";

/// Types `bytes` (a command that pipes into `od`) and Enter; waits for the next prompt.
fn run_bytes(s: &mut Session, bytes: &[u8]) {
    s.drain();
    let before = s.prompt_count();
    s.send_bytes(bytes);
    s.send("\r");
    s.wait_prompts(before + 1);
}

#[test]
fn a_typed_invalid_byte_goes_into_the_command() {
    let mut s = Session::shell();
    run_bytes(&mut s, b"printf %s A\xe9B | od -An -tx1");
    s.wait_text("41 e9 42");
    // The shell is still there and still reads commands.
    s.run("echo still-here");
    s.wait_text("still-here");
    // The line showed a replacement glyph where the byte is, not a raw byte (vt100 draws no
    // glyph for U+FFFD: look at the output).
    s.wait_raw("printf\x1b[0m %s A\u{fffd}B");
}

#[test]
fn every_kind_of_invalid_sequence_is_kept() {
    let mut s = Session::shell();
    // A lone lead byte, 0xff, a stray continuation byte, a lead byte followed by ASCII, a
    // truncated three-byte sequence, an encoded surrogate, and valid UTF-8 around them.
    run_bytes(
        &mut s,
        b"printf %s '\xff\x80\xc3(\xe2\x82x\xed\xa0\x80\xc3\xa9' | od -An -tx1",
    );
    s.wait_text("ff 80 c3 28 e2 82 78 ed a0 80 c3 a9");
    s.run("echo alive");
    s.wait_text("alive");
}

#[test]
fn a_lone_byte_before_enter_ends_nothing() {
    let mut s = Session::shell();
    s.send_bytes(b"echo A\xe9");
    s.wait_raw("A\u{fffd}");
    s.send("\r");
    s.wait_prompts(2);
    s.run("echo after=$?");
    s.wait_text("after=0");
}

#[test]
fn history_gives_the_bytes_back() {
    let mut s = Session::shell();
    run_bytes(&mut s, b"printf %s x\xe9\xff | od -An -tx1");
    s.wait_text_n("78 e9 ff", 1);
    s.send(UP);
    s.wait_text_n("$ printf %s x | od -An -tx1", 2);
    s.send_then_prompt("\r");
    s.wait_text_n("78 e9 ff", 2);
    // The shell's own history holds the bytes too.
    s.run("fc -ln -1 | od -An -tx1 | tr -d ' \\n'; echo");
    s.wait_text("78e9ff20");
}

#[test]
fn pasted_latin1_text_is_kept() {
    let mut s = Session::shell();
    // Bracketed paste of Latin-1 text ("café", "naïve").
    run_bytes(
        &mut s,
        b"\x1b[200~printf %s caf\xe9-na\xefve | od -An -tx1\x1b[201~",
    );
    s.wait_text("63 61 66 e9 2d 6e 61 ef 76 65");
    s.run("echo pasted-ok");
    s.wait_text("pasted-ok");
}

#[test]
fn characters_of_the_private_range_used_for_bytes_stay_themselves() {
    // U+10FFE9 typed as UTF-8 must not turn into the byte 0xe9.
    let mut s = Session::shell();
    run_bytes(&mut s, b"printf %s \xf4\x8f\xbf\xa9 | od -An -tx1");
    s.wait_text("f4 8f bf a9");
}

/// A HOME with a `docs` directory, a file named `nl<newline>x`, and a Latin-1 name.
fn completion_home(tag: &str) -> TempDir {
    let h = TempDir::new(&format!("bytes-{tag}"));
    std::fs::create_dir_all(format!("{h}/docs")).expect("mkdir docs");
    std::fs::write(format!("{h}/docs/inside"), "").expect("write");
    std::fs::write(format!("{h}/nl\nx"), "newline file\n").expect("write nl");
    use std::os::unix::ffi::OsStrExt;
    let latin = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(h.path().join(latin), "latin file\n").expect("write latin");
    h
}

#[test]
fn tab_completes_after_a_variable_and_after_an_assignment() {
    let h = completion_home("vars");
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h)]);
    s.send("echo $HOME/do\t");
    s.wait_text("$ echo $HOME/docs/");
    s.send("\t");
    s.wait_text("$ echo $HOME/docs/inside");
    s.send_then_prompt("\r");
    s.wait_text(&format!("\n{h}/docs/inside\n"));
    s.send("X=~/do\t");
    s.wait_text("$ X=~/docs/");
    s.send_then_prompt("\r");
    s.run("echo \"x=$X\"");
    s.wait_text(&format!("\nx={h}/docs/\n"));
    s.send("echo ${HOME}/d\t");
    s.wait_text("$ echo ${HOME}/docs/");
}

#[test]
fn tab_quotes_a_newline_so_the_command_is_right() {
    let h = completion_home("nl");
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h)]);
    s.run("cd \"$HOME\"");
    s.send("cat nl\t");
    s.wait_text("$ cat nl$'\\nx'");
    s.send_then_prompt("\r");
    s.wait_text("\nnewline file\n");
}

#[test]
fn tab_offers_names_that_are_not_utf8() {
    let h = completion_home("latin");
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h)]);
    s.run("cd \"$HOME\"");
    s.send("cat caf\t");
    s.wait_raw("caf\u{fffd}.txt ");
    s.send_then_prompt("\r");
    s.wait_text("\nlatin file\n");
}

#[test]
fn tab_offers_commands_whose_names_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("bytes-cmd");
    let prog = dir.path().join(std::ffi::OsStr::from_bytes(b"zq\xe9x"));
    std::fs::write(&prog, "#!/bin/sh\necho latin command ran\n").expect("write the program");
    std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{dir}:{}", std::env::var("PATH").unwrap_or_default());
    let mut s = Session::shell_with(&["-i"], &[("PATH", &path)]);
    s.send("zq\t");
    s.wait_raw("zq\u{fffd}x\x1b[0m ");
    s.send_then_prompt("\r");
    s.wait_text("\nlatin command ran\n");
}

#[test]
fn tab_completes_after_a_variable_inside_double_quotes() {
    let h = completion_home("dquote");
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h)]);
    s.send("echo \"$HOME/do\t");
    s.wait_text("$ echo \"$HOME/docs/");
    s.send("\t");
    s.wait_text("$ echo \"$HOME/docs/inside\"");
    s.send_then_prompt("\r");
    s.wait_text(&format!("\n{h}/docs/inside\n"));
}
