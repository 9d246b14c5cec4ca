//! Redirections: every operator, fd save/restore around builtins, noclobber, errors.
mod transcript;

transcript!(
    operators,
    r#"
echo one > f; echo two >> f; cat < f
echo rw <> g; cat g
exec 3> h; echo via3 >&3; exec 3>&-; cat h
{ echo out; echo err >&2; } 2>&1 > o; echo "o=$(cat o)"
cat <&- 2>/dev/null || echo "stdin closed: $?"
echo x >&7 || echo "bad fd: $?"
"#
);

transcript!(
    restored_after_builtins,
    r#"
echo a > f
read x < f
echo "read $x"
echo still-stdout
f() { echo in-f; }
f > g
echo after-f; cat g
{ echo group; } > k; echo after-group; cat k
while false; do :; done > w; echo after-loop
"#
);

transcript!(
    noclobber,
    r#"
echo first > f
set -C
echo second > f || echo refused
echo forced >| f
cat f
echo fine > /dev/null && echo devnull-ok
set +C
echo third > f; cat f
"#
);

transcript!(
    errors,
    r#"
cat < missing
echo "status $?"
echo x > /nonexistent/dir/f
echo "status $?"
: > missing2/x
echo "special: not reached"
"#
);

transcript!(
    no_fd_leak,
    r#"
exec 5> f
# Only fd 5 (made by the script) may show up between 4 and 9; the shell's own fds are
# close-on-exec.
ls /proc/self/fd/ | awk '$1 >= 4 && $1 < 10' | tr '\n' ' '
echo
"#
);

/// The script being read sits on fd 10 (the shell's first own fd): `exec 10>file` must move the
/// shell's descriptor out of the way, not cut the script short. The script is longer than the
/// shell reads at once, so the rest of it really comes from the fd after the exec.
#[test]
fn exec_onto_the_scripts_own_fd_number() {
    let dir = std::env::temp_dir().join(format!("chitin-fd10-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut script = String::from("exec 10>ten.out 11>eleven.out\necho to-ten >&10\n");
    for i in 0..3000 {
        script.push_str(&format!("x={i} # a line of padding so the script is long\n"));
    }
    script.push_str("{ exec 12>twelve.out; echo in-group >&12; } >group.out\necho \"end x=$x\"\n");
    std::fs::write(dir.join("t.sh"), &script).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chitin"))
        .arg("t.sh")
        .current_dir(&dir)
        .output()
        .expect("run chitin");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let result = (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        read("ten.out"),
        read("twelve.out"),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        result,
        (Some(0), "end x=2999\n".into(), String::new(), "to-ten\n".into(), "in-group\n".into())
    );
}
