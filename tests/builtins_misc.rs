//! Transcripts for umask, ulimit, kill, alias and unalias.

mod builtins_harness;
use builtins_harness::run;

#[test]
fn umask_forms() {
    insta::assert_snapshot!(run(r#"
umask 022; umask; umask -S
umask 077; umask g+rx; umask
umask 000; umask go-w; umask
umask u=rwx,g=rx,o=; umask
umask a=; umask -S
umask 8; echo "status $?"
umask q+r; echo "status $?"
umask 077; touch f; ls -l f | cut -c1-10
"#));
}

#[test]
fn ulimit_forms() {
    insta::assert_snapshot!(run(r#"
ulimit -n 64; ulimit -n; ulimit -Sn
ulimit -f 100; ulimit -f; ulimit
ulimit -H -c 0; ulimit -H -c
ulimit -t unlimited 2>/dev/null; echo "status $?"
ulimit -a | grep -c 'open files'
ulimit -n abc; echo "status $?"
ulimit -Q; echo "status $?"
"#));
}

#[test]
fn kill_forms() {
    insta::assert_snapshot!(run(r#"
kill -l 9 15 143 INT
kill -l | head -n 3
sleep 5 & p=$!
kill -s TERM $p; wait $p; echo "status $?"
sleep 5 & p=$!
kill -KILL $p; wait $p; echo "status $?"
sleep 5 & p=$!
kill -n 1 $p; wait $p; echo "status $?"
kill -0 $$; echo "self $?"
kill -s NOPE $$; echo "status $?"
kill; echo "status $?"
kill abc; echo "status $?"
"#));
}

#[test]
fn alias_forms() {
    insta::assert_snapshot!(run(r#"
alias ll='ls -l' q="it's"
alias
alias ll
alias nope; echo "status $?"
unalias ll; alias
unalias ll; echo "status $?"
unalias -a; alias; echo "empty $?"
"#));
}
