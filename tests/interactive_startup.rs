//! What a shell started by another program prints and reads: `$SHELL -c` callers (editors,
//! scp, rsync, git over ssh) depend on a silent stdout.

use std::process::{Command, Stdio};

/// A test's own HOME, removed when the test ends.
struct Home(String);

impl std::ops::Deref for Home {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn home(name: &str) -> Home {
    let dir = std::env::temp_dir().join(format!("chitin-st-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the test HOME");
    // Startup files that would be noticed if they were read.
    std::fs::write(dir.join(".chitinrc"), "echo chitinrc was read\n").expect("write rc");
    std::fs::write(dir.join("envfile"), "echo ENV was read\n").expect("write env file");
    Home(dir.display().to_string())
}

/// Runs chitin with `args` and `stdin`; returns (stdout, status).
fn run(home: &str, args: &[&str], env: &[(&str, &str)], stdin: &str) -> (String, i32) {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitin"));
    cmd.args(args)
        .env_clear()
        .env("HOME", home)
        .env(
            "PATH",
            std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start chitin");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("wait for chitin");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn non_interactive_shells_read_nothing_and_print_only_output() {
    let h = home("quiet");
    let env = [("ENV", "$HOME/envfile")];
    let mut t = String::new();
    for (args, stdin) in [
        (&["-c", "echo ok"][..], ""),
        (&[][..], "echo ok from stdin\n"),
        (&["-s"][..], "echo ok from -s\n"),
    ] {
        let (out, status) = run(&h, args, &env, stdin);
        t.push_str(&format!("{args:?} -> status {status}, stdout {out:?}\n"));
    }
    insta::assert_snapshot!(t);
}

#[test]
fn login_interactive_c_prints_exactly_its_output() {
    // `chitin -l -i -c 'echo ok'` is how editors read a user's environment.
    let h = home("login-c");
    let (out, status) = run(&h, &["-l", "-i", "--norc", "-c", "echo ok"], &[], "");
    assert_eq!((out.as_str(), status), ("ok\n", 0));
    let (out, _) = run(&h, &["-l", "-i", "-c", "echo ok"], &[], "");
    assert_eq!(
        out, "chitinrc was read\nok\n",
        "an interactive shell reads ~/.chitinrc"
    );
}

#[test]
fn interactive_reads_env_expanded_and_counts_shlvl() {
    let h = home("env");
    let (out, _) = run(
        &h,
        &["-i"],
        &[("ENV", "$HOME/envfile"), ("SHLVL", "3")],
        "echo $SHLVL\n",
    );
    assert_eq!(out, "ENV was read\n4\n");
    let (out, _) = run(
        &h,
        &["-i", "--norc"],
        &[("ENV", "$HOME/envfile")],
        "echo plain\n",
    );
    assert_eq!(out, "plain\n");
    let (out, _) = run(&h, &["-c", "echo $SHLVL"], &[], "");
    assert_eq!(out, "1\n");
}

#[test]
fn builtins_of_the_interactive_shell() {
    let h = home("builtins");
    let script = "cd /\npushd /tmp >/dev/null\ndirs -l\npopd\ndirs\nhelp pushd\nhelp 'his*'\nlogout\necho status $?\n";
    let (out, status) = run(&h, &[], &[], script);
    insta::assert_snapshot!(format!("{out}status {status}"));
}

#[test]
fn history_and_fc_in_a_piped_interactive_shell() {
    let h = home("fc");
    let script = "echo one\necho two\nhistory\nfc -l\nfc -ln -2\nfc -s two=three echo\nhistory -d 1\nhistory 2\n";
    let (out, _) = run(&h, &["-i"], &[("HISTFILE", "")], script);
    insta::assert_snapshot!(out);
}
