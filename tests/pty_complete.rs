//! Programmable completion at a real terminal: Tab runs the spec `complete` registered
//! (a function of the test's own, and bash-completion's, which the prompt loads by itself
//! on the first Tab), and a completion function that fails, loops or prints never breaks the
//! prompt.

mod pty;
use pty::*;

const TAB: &str = "\t";
const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

fn home(name: &str) -> TempDir {
    TempDir::new(&format!("pc-{name}"))
}

/// A shell without bash-completion (the test's own specs only).
fn plain_shell(home: &str) -> Session {
    Session::shell_with(&["-i"], &[("HOME", home), ("CHITIN_BASH_COMPLETION", "off")])
}

/// A shell that loads bash-completion on the first Tab, as a user's would.
fn shell(home: &str) -> Session {
    Session::shell_with(&["-i"], &[("HOME", home), ("CHITIN_BASH_COMPLETION", BASH_COMPLETION)])
}

fn have_bash_completion() -> bool {
    std::path::Path::new(BASH_COMPLETION).is_file()
}

#[test]
fn a_complete_f_function_of_our_own_fills_the_line() {
    let h = home("own");
    let mut s = plain_shell(&h);
    s.run(r#"_mine() { COMPREPLY=($(compgen -W "alpha beta bravo" -- "$2")); echo "$1|$2|$3|$COMP_CWORD|${COMP_WORDS[*]}|$COMP_LINE|$COMP_POINT|$COMP_TYPE|$COMP_KEY" > "$HOME/seen"; }"#);
    s.run("complete -F _mine mycmd");
    s.send("mycmd x al");
    s.send(TAB);
    s.wait_text("$ mycmd x alpha");
    s.send("b");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("beta");
    s.wait_text("bravo");
    s.send("r");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ mycmd x alpha bravo Z");
    s.ctrl_c();
    s.wait_prompts(4);
    s.run("cat \"$HOME/seen\"");
    s.wait_text("mycmd|br|alpha|3|mycmd x alpha br|mycmd x alpha br|16|9|9");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn w_specs_filenames_and_nospace_options() {
    let h = home("opts");
    std::fs::create_dir_all(format!("{h}/sub dir")).expect("mkdir");
    std::fs::write(format!("{h}/a file"), "").expect("write");
    let mut s = plain_shell(&h);
    s.run("cd \"$HOME\"");
    s.run("complete -W 'start stop' svc");
    s.run("complete -o nospace -W 'key=' setter");
    s.run("complete -o filenames -f files");
    s.send("svc sta");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ svc start Z");
    s.ctrl_c();
    s.send("setter k");
    s.send(TAB);
    s.wait_text("$ setter key=");
    s.ctrl_c();
    s.send("files a");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ files a\\ file Z");
    s.ctrl_c();
    s.send("files su");
    s.send(TAB);
    s.wait_text("$ files sub\\ dir/");
    s.ctrl_c();
    s.wait_prompts(8);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn failing_looping_and_noisy_functions_never_break_the_prompt() {
    let h = home("bad");
    let mut s = plain_shell(&h);
    s.run("_fails() { no_such_command_xyz; return 1; }; complete -F _fails failer");
    s.run(r#"_loops() { : > "$HOME/looping"; while :; do :; done; }; complete -F _loops looper"#);
    s.run("_noisy() { echo garbage-out; echo garbage-err >&2; COMPREPLY=(noisy-done); }; complete -F _noisy noisy");
    s.run("complete -F _not_defined undefined");
    s.send("failer x");
    s.send(TAB);
    s.wait_text("no_such_command_xyz: command not found");
    // ^C while the function still runs stops the function and keeps the line (see the looper
    // below), so wait until the editor reads again before ^C clears the line.
    s.send("Q");
    s.wait_text("failer xQ");
    s.ctrl_c();
    s.run("echo after-failer");
    s.wait_text_n("after-failer", 2);
    // A function that never ends: ^C stops it, and the prompt goes on.
    s.send("looper x");
    s.send(TAB);
    let looping = std::path::Path::new(&*h).join("looping");
    s.wait_for("the completion function to start", |_| looping.exists());
    s.ctrl_c();
    s.send("Q");
    s.wait_text("looper xQ");
    s.ctrl_c();
    s.run("echo after-looper");
    s.wait_text_n("after-looper", 2);
    s.send("noisy ");
    s.send(TAB);
    s.send("Z");
    s.wait_text("noisy noisy-done Z");
    s.ctrl_c();
    s.send("undefined ");
    s.send(TAB);
    s.wait_text("function `_not_defined' not found");
    s.send("Q");
    s.wait_text("undefined Q");
    s.ctrl_c();
    s.run("echo still-alive");
    s.wait_text_n("still-alive", 2);
    let screen = s.screen();
    assert!(screen.contains("garbage-out") && screen.contains("garbage-err"), "{screen}");
}

#[test]
fn kill_dash_offers_signals_from_bash_completion_on_the_first_tab() {
    if !have_bash_completion() {
        eprintln!("bash-completion is not installed: apt-get install bash-completion");
        return;
    }
    let h = home("kill");
    let mut s = shell(&h);
    // (bash-completion offers signals without `SIG`, as `kill -l` names them.)
    s.send("kill -US");
    s.send(TAB);
    s.wait_text("$ kill -USR");
    // (readline: the Tab after one that inserted text rings the bell, the next lists.)
    s.send(TAB);
    s.send(TAB);
    s.wait_text("-USR1");
    s.wait_text("-USR2");
    s.ctrl_c();
    s.send("kill -TER");
    s.send(TAB);
    s.send("Z");
    s.wait_text("$ kill -TERM Z");
    s.ctrl_c();
    s.wait_prompts(3);
}

#[test]
fn cd_offers_only_directories() {
    if !have_bash_completion() {
        eprintln!("bash-completion is not installed: apt-get install bash-completion");
        return;
    }
    let h = home("cd");
    for d in ["dir-one", "dir-two"] {
        std::fs::create_dir_all(format!("{h}/{d}")).expect("mkdir");
    }
    std::fs::write(format!("{h}/dir-file"), "").expect("write");
    let mut s = shell(&h);
    s.run("cd \"$HOME\"");
    s.send("cd di");
    s.send(TAB);
    s.wait_text("$ cd dir-");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("dir-one/");
    s.wait_text("dir-two/");
    assert!(!s.screen().contains("dir-file"), "{}", s.screen());
    s.send("o");
    s.send(TAB);
    s.wait_text("$ cd dir-one/");
    s.ctrl_c();
    s.wait_prompts(3);
}

#[test]
fn git_checkout_offers_both_branches() {
    if !have_bash_completion() || std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("bash-completion or git is not installed");
        return;
    }
    let h = home("git");
    let repo = format!("{h}/repo");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("HOME", &*h)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git {args:?}");
    };
    std::fs::create_dir_all(&repo).expect("mkdir");
    git(&["init", "-q", "-b", "main"]);
    git(&["commit", "-q", "--allow-empty", "-m", "init"]);
    git(&["branch", "feature-one"]);
    git(&["branch", "feature-two"]);
    let mut s = shell(&h);
    s.run("cd \"$HOME/repo\"");
    s.send("git checkout feat");
    s.send(TAB);
    s.wait_text("$ git checkout feature-");
    s.send(TAB);
    s.send(TAB);
    s.wait_text("feature-one");
    s.wait_text("feature-two");
    s.ctrl_c();
    s.wait_prompts(3);
}
