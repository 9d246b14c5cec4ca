//! A login shell now that `BASH`, `BASH_VERSION` and `BASH_VERSINFO` are set: Debian's
//! /etc/profile sources /etc/bash.bashrc and /etc/profile.d/bash_completion.sh sources
//! bash-completion, as for bash. Sourcing bash-completion from a startup file is left to the
//! first Tab, so the first prompt does not wait for it; the specs the startup files define
//! keep their place over bash-completion's.

mod pty;
use pty::*;

#[test]
fn bash_completion_sourced_by_a_startup_file_loads_at_the_first_tab() {
    let home = TempDir::new("b11-deferred-completion");
    let system = format!("{home}/system_completion");
    std::fs::write(
        &system,
        "loaded=yes\ncomplete -W 'alpha beta' mycmd\ncomplete -W 'from-system' usercmd\n",
    )
    .expect("write the completion script");
    std::fs::write(format!("{home}/.profile"), "PS1='$ '\nENV=$HOME/rc\n").expect("write .profile");
    std::fs::write(
        format!("{home}/rc"),
        ". \"$CHITIN_BASH_COMPLETION\"; echo \"sourced: status $?, loaded ${loaded-no}\"\n\
         complete -W 'from-user' usercmd\n",
    )
    .expect("write rc");
    let mut s = Session::shell_with(
        &["-l", "-i"],
        &[("HOME", home.as_str()), ("CHITIN_BASH_COMPLETION", system.as_str())],
    );
    assert!(s.screen().contains("sourced: status 0, loaded no"), "{}", s.screen());
    s.run("echo \"first prompt: ${loaded-no}\"");
    assert!(s.screen().contains("first prompt: no"), "{}", s.screen());
    s.send("mycmd al\t");
    s.wait_text("mycmd alpha");
    s.send("\x15");
    s.send("usercmd \t");
    s.wait_text("usercmd from-user");
    s.send("\x15");
    s.run("echo \"after a tab: $loaded\"");
    assert!(s.screen().contains("after a tab: yes"), "{}", s.screen());
}

/// The real /etc/profile of this machine (Debian's, when bash-completion is installed): the
/// first prompt comes with bash-completion not loaded yet, the first Tab loads it.
#[test]
fn a_login_shell_leaves_the_systems_bash_completion_to_the_first_tab() {
    let script = "/usr/share/bash-completion/bash_completion";
    let hook = "/etc/profile.d/bash_completion.sh";
    if !std::path::Path::new(script).exists() || !std::path::Path::new(hook).exists() {
        eprintln!("bash-completion is not installed with {hook}: nothing to check");
        return;
    }
    let home = TempDir::new("b11-login-completion");
    // /etc/bash.bashrc sets PS1: the profile puts the test prompt back.
    std::fs::write(format!("{home}/.profile"), "PS1='$ '\n").expect("write .profile");
    let mut s = Session::spawn(
        "env",
        &["-u", "CHITIN_BASH_COMPLETION", &chitin().display().to_string(), "-l", "-i"],
        &[("HOME", home.as_str())],
    );
    s.wait_prompt();
    s.run("echo \"versinfo ${BASH_COMPLETION_VERSINFO-unset}, $(complete -p | wc -l) specs\"");
    assert!(s.screen().contains("versinfo unset, 0 specs"), "{}", s.screen());
    s.send("kill -KI\t");
    s.wait_text("kill -KILL");
    s.send("\x15");
    s.run("echo \"versinfo ${BASH_COMPLETION_VERSINFO[0]-unset}\"");
    assert!(s.screen().contains("versinfo 2"), "{}", s.screen());
}
