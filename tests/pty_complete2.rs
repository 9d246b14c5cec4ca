//! Completion at a real terminal where scripts/check-completions.sh found chitin differing
//! from bash (readline): each test types keys, then a marker character, and waits for the
//! marker, so everything the keys drew is on the screen when it is checked.

mod pty;
use pty::*;

const TAB: &str = "\t";

fn home(name: &str) -> TempDir {
    TempDir::new(&format!("pc2-{name}"))
}

/// A shell without bash-completion (the test's own specs only), in `home`.
fn plain_shell(home: &str) -> Session {
    let mut s = Session::shell_with(&["-i"], &[("HOME", home), ("CHITIN_BASH_COMPLETION", "off")]);
    s.run("cd \"$HOME\"");
    s
}

#[test]
fn a_spec_that_finds_nothing_offers_nothing() {
    // bash: a function leaving COMPREPLY empty, without -o default or bashdefault, completes
    // nothing (bash-completion's `tar xf a.tar <Tab>` or `ssh -o ConnectTimeout=<Tab>`).
    let h = home("none");
    std::fs::write(format!("{h}/afile"), "").expect("write");
    let mut s = plain_shell(&h);
    s.run("_none() { COMPREPLY=(); }; complete -F _none nonecmd; complete -o default -F _none defcmd");
    s.send("nonecmd ");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ nonecmd Z");
    assert!(!s.screen().contains("afile"), "{}", s.screen());
    s.ctrl_c();
    // -o default: readline's file names instead.
    s.send("defcmd a");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ defcmd afile Z");
    s.ctrl_c();
    s.wait_prompts(4);
}

#[test]
fn file_names_include_hidden_ones_as_readline_does() {
    // readline's match-hidden-files is on by default: an empty word lists dot files (not `.`
    // and `..`), as `git commit <Tab><Tab>` lists `.git/` through -o default.
    let h = home("hidden");
    std::fs::create_dir_all(format!("{h}/.hid")).expect("mkdir");
    std::fs::write(format!("{h}/.dotf"), "").expect("write");
    std::fs::write(format!("{h}/vis"), "").expect("write");
    let mut s = plain_shell(&h);
    s.run("complete -o default -F _none defcmd; _none() { COMPREPLY=(); }");
    s.send("cat ");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ cat Z");
    let screen = s.screen();
    assert!(screen.contains(".hid/") && screen.contains(".dotf") && screen.contains("vis"), "{screen}");
    assert!(!screen.contains("../"), "{screen}");
    s.ctrl_c();
    s.send("defcmd .d");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ defcmd .dotf Z");
    s.ctrl_c();
    s.wait_prompts(3);
}

/// How many times the screen lists `alpha-one  alpha-two`.
fn listings(screen: &str) -> usize {
    screen.lines().filter(|l| l.starts_with("alpha-one")).count()
}

#[test]
fn the_tab_after_a_partial_completion_does_not_list_yet() {
    // readline: a Tab that inserted the common prefix of several matches ends there; the next
    // Tab finds nothing to add (bell), the one after lists. Tab Tab on a line that cannot grow
    // lists at once.
    let h = home("third");
    let mut s = plain_shell(&h);
    s.run("complete -W 'alpha-one alpha-two' twocmd");
    s.send("twocmd a");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ twocmd alpha-Z");
    assert_eq!(listings(&s.screen()), 0, "{}", s.screen());
    s.ctrl_c();
    s.send("twocmd a");
    s.send(TAB);
    s.send(TAB);
    s.send(TAB);
    s.send("Y");
    s.wait_text("$ twocmd alpha-Y");
    assert_eq!(listings(&s.screen()), 1, "{}", s.screen());
    s.ctrl_c();
    s.send("twocmd alpha-");
    s.send(TAB);
    s.send(TAB);
    s.send("X");
    s.wait_text("$ twocmd alpha-X");
    assert_eq!(listings(&s.screen()), 2, "{}", s.screen());
    s.ctrl_c();
    // Each further Tab that can add nothing lists again.
    s.send("twocmd alpha-");
    s.send(TAB);
    s.send(TAB);
    s.send(TAB);
    s.send("W");
    s.wait_text("$ twocmd alpha-W");
    assert_eq!(listings(&s.screen()), 4, "{}", s.screen());
    s.ctrl_c();
    s.wait_prompts(5);
}

const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

#[test]
fn a_file_name_with_a_newline_with_bash_completion_lists_as_bash_does() {
    // bash-completion's _filedir splits compgen's output at newlines: for `cat nl<Tab>` with
    // only `nl<newline>x` there, bash completes nothing and Tab Tab lists `nl` and `x`.
    if !std::path::Path::new(BASH_COMPLETION).is_file() {
        eprintln!("bash-completion is not installed: apt-get install bash-completion");
        return;
    }
    let h = home("nl-bc");
    std::fs::write(format!("{h}/nl\nx"), "").expect("write");
    let mut s = Session::shell_with(&["-i"], &[("HOME", &h), ("CHITIN_BASH_COMPLETION", BASH_COMPLETION)]);
    s.run("cd \"$HOME\"");
    s.send("cat nl");
    s.send(TAB);
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ cat nlZ");
    assert!(s.screen().lines().any(|l| l.split_whitespace().eq(["nl", "x"])), "{}", s.screen());
    s.ctrl_c();
    s.wait_prompts(3);
}

#[test]
fn a_file_name_with_a_newline_completes_shows_and_shares_a_prefix() {
    // The shell's own completion (bash without bash-completion): the common prefix of
    // `nl<newline>x` and `nl2` is inserted, the list shows the newline as readline does (^J),
    // and the lone match is a word that reads back as the name.
    let h = home("nl");
    std::fs::write(format!("{h}/nl\nx"), "").expect("write");
    std::fs::write(format!("{h}/nl2"), "").expect("write");
    let mut s = plain_shell(&h);
    s.send("cat n");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ cat nlZ");
    s.ctrl_c();
    s.send("cat nl");
    s.send(TAB);
    s.send(TAB);
    s.send("Y");
    s.wait_text("$ cat nlY");
    assert!(s.screen().lines().any(|l| l.split_whitespace().eq(["nl^Jx", "nl2"])), "{}", s.screen());
    s.ctrl_c();
    std::fs::remove_file(format!("{h}/nl2")).expect("rm");
    s.send("printf '<%s>\\n' nl");
    s.send(TAB);
    s.send("\r");
    s.wait_text("<nl");
    s.wait_text("x>");
    s.wait_prompts(5);
}
