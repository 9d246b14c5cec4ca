//! Bash indexed and associative arrays (issue 10): assignments, expansions, subscripts in
//! arithmetic, unset, errors. Each script's stdout and exit status must equal bash's (when
//! bash is installed); the snapshot keeps chitin's whole transcript, messages included.
mod transcript;

/// A transcript whose stdout and exit status must equal `bash`'s.
macro_rules! like_bash {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            let name = stringify!($name);
            let ours = transcript::run_under(None, name, $script);
            if transcript::available("bash") {
                let theirs = transcript::run_under(Some("bash"), name, $script);
                assert_eq!(
                    (String::from_utf8_lossy(&ours.stdout), ours.status.code()),
                    (String::from_utf8_lossy(&theirs.stdout), theirs.status.code()),
                    "{name}: chitin (left) and bash (right) differ"
                );
            }
            insta::assert_snapshot!(name, transcript::render($script, &ours));
        }
    };
}

/// `chitin -n` accepts (status 0) and refuses what `bash -n` does (bash's status for a
/// refused script is 1 or 2 depending on the error; chitin's is always 2).
#[test]
fn syntax_check_agrees_with_bash_n() {
    let cases = [
        "a=(x y z) b=([3]=c [1]=a) c+=(d)",
        "a[1]=v a[i + 1]=w m[a b]=sp m['q r']+=x",
        "a=( [5]=x\n  # a comment\n  y\n)",
        "x+=str; a[1]+=s",
        "f() { local a=(1 2) b; readonly r=(1); export e=(1); }",
        "x=1 a=(1 2) echo hi",
        "a=([k]=v [j]+=w \"[x y]\"=z)",
        "echo a=(1)",
        "a=(1 (2))",
        "a=(1",
        "a[1]=(x)",
        "echo ${a[1]} ${a[@]} ${#a[@]} ${!a[@]} ${a[@]:1:2}",
    ];
    let chitin = format!("{} -n", env!("CARGO_BIN_EXE_chitin"));
    for script in cases {
        let script = script.replace("\\n", "\n");
        let ours = transcript::run_under(Some(&chitin), "n", &script);
        let want = if transcript::available("bash") {
            transcript::run_under(Some("bash -n"), "n", &script).status.success()
        } else {
            !(script.contains("a=(1 (2)") || script.starts_with("echo a=") || script == "a=(1")
        };
        assert_eq!(ours.status.success(), want, "chitin -n on {script:?}: {}", String::from_utf8_lossy(&ours.stderr));
    }
}

like_bash!(
    assignment_errors_end_the_script_with_status_1,
    r#"
(a[]=x; echo no); echo "status $?"
(a=(1); a[-5]=x; echo no); echo "status $?"
(i=-3; a=(1); a[i]=x; echo no); echo "status $?"
(a[1]=(x); echo no); echo "status $?"
(readonly r=1; r+=2; echo no); echo "status $?"
(readonly r=(1); r=(2); echo no); echo "status $?"
(readonly r=(1); r[1]=2; echo no); echo "status $?"
"#
);

like_bash!(
    append_assignments,
    r#"
x=a; x+=b; x+=; echo "$x"
x+=c env | grep '^x='
echo "$x"
unset y; y+=new; echo "$y"
"#
);
