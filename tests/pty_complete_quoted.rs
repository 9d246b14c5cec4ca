//! Completing file names that hold spaces, typed with a backslash or inside quotes, through
//! completion specs as bash-completion writes them (found at the prompt: `ls dog\ d<Tab>`
//! and `ls "dog <Tab>` completed nothing). Each test types keys, then a marker character, and
//! waits for the marker, so everything the keys drew is on the screen when it is checked.

mod pty;
use pty::*;

const TAB: &str = "\t";

/// A shell without bash-completion, in a HOME holding `dog dir/a file.txt`, with the specs:
/// `fcmd`, bash-completion's `_filedir` in short (the word as typed, quoted with `printf %q`
/// unless it opens a single quote, then `compgen -f`); `acmd`, the `-f` action itself.
/// Every line completed here gives the same in bash 5.2.
fn shell(name: &str) -> (TempDir, Session) {
    let h = TempDir::new(&format!("pcq-{name}"));
    std::fs::create_dir_all(format!("{h}/dog dir")).expect("mkdir");
    std::fs::write(format!("{h}/dog dir/a file.txt"), "").expect("write");
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h), ("CHITIN_BASH_COMPLETION", "off")]);
    s.run("cd \"$HOME\"");
    s.run(
        "_fd() { local IFS=$'\\n' q cur=${COMP_WORDS[COMP_CWORD]}; \
         if [[ $cur == \\'* ]]; then q=${cur:1}; else printf -v q %q \"$cur\"; fi; \
         COMPREPLY=($(compgen -f -- \"$q\")); compopt -o filenames; }; \
         complete -F _fd fcmd; complete -f acmd",
    );
    (h, s)
}

/// Types `keys`, Tab and a marker; waits until the line shows `expected` then the marker.
fn completes(s: &mut Session, keys: &str, expected: &str) {
    s.send(keys);
    s.send(TAB);
    s.send("Z");
    s.wait_text(&format!("$ {expected}Z"));
    s.ctrl_c();
}

#[test]
fn a_backslashed_space_completes_through_compgen_in_a_function() {
    let (_h, mut s) = shell("backslash");
    completes(&mut s, "fcmd dog\\ d", "fcmd dog\\ dir/");
    completes(&mut s, "fcmd dog\\ dir/a\\ ", "fcmd dog\\ dir/a\\ file.txt ");
}

#[test]
fn an_open_quote_completes_and_a_directory_closes_it_before_the_slash() {
    // bash (readline): `"dog dir"/` and `'dog dir'/`, so Enter does not leave a quote open.
    let (_h, mut s) = shell("quotes");
    completes(&mut s, "fcmd \"dog ", "fcmd \"dog dir\"/");
    completes(&mut s, "fcmd 'dog ", "fcmd 'dog dir'/");
    completes(&mut s, "fcmd \"dog dir/a", "fcmd \"dog dir/a file.txt\" ");
}

#[test]
fn the_file_action_dequotes_the_typed_word() {
    let (_h, mut s) = shell("action");
    completes(&mut s, "acmd dog\\ d", "acmd dog\\ dir/");
    completes(&mut s, "acmd \"dog dir/a", "acmd \"dog dir/a file.txt\" ");
    completes(&mut s, "acmd 'dog ", "acmd 'dog dir'/");
}
