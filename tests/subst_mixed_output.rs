//! Command substitutions whose output mixes the shell's own writes (builtins, functions) and
//! programs': once a program shares fd 1 it is a pipe, as in bash, so a program opening
//! `/dev/stdout` itself appends to what the shell wrote instead of writing over it
//! (`sys::capture`, `sys::drain`). Each script runs twice, as usual and with
//! `CHITIN_FORK_SUBSHELLS=1` (every substitution forked): stdout, stderr and status must be
//! equal, and stdout and status must be bash's. The snapshot keeps the transcript.
mod transcript;

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};

fn run(name: &str, script: &str, fork: bool) -> Output {
    let dir = std::env::temp_dir().join(format!("chitin-smo-{name}-{fork}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("t.sh"), script.trim_start()).expect("write script");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitin"));
    cmd.arg("t.sh")
        .current_dir(&dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &dir)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if fork {
        cmd.env("CHITIN_FORK_SUBSHELLS", "1");
    }
    let out = cmd.output().expect("run chitin");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn key(o: &Output) -> (String, String, Option<i32>, Option<i32>) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&o.stdout), text(&o.stderr), o.status.code(), o.status.signal())
}

/// Runs `script` both ways, asserts they agree and that stdout and status are bash's, and
/// returns the transcript.
fn like_bash_both_ways(name: &str, script: &str) -> String {
    let ours = run(name, script, false);
    let forked = run(name, script, true);
    assert_eq!(key(&ours), key(&forked), "{name}: in-process (left) and forked (right) substitutions differ on\n{script}");
    if transcript::available("bash") {
        let theirs = transcript::run_under(Some("bash"), name, script);
        assert_eq!(
            (String::from_utf8_lossy(&ours.stdout), ours.status.code()),
            (String::from_utf8_lossy(&theirs.stdout), theirs.status.code()),
            "{name}: chitin (left) and bash (right) differ on\n{script}"
        );
    }
    transcript::render(script, &ours)
}

macro_rules! like_bash_both_ways {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), like_bash_both_ways(stringify!($name), $script));
        }
    };
}

like_bash_both_ways!(program_opening_stdout_after_echo, r#"
x=$(echo a; sh -c "echo b > /dev/stdout"); echo "[$x]"
x=$(echo a; sh -c "echo b > /dev/fd/1"; echo c); echo "[$x]"
x=$(printf a; sh -c "printf b > /proc/self/fd/1"); echo "[$x]"
"#);

like_bash_both_ways!(echo_after_program_opening_stdout, r#"
y=$(sh -c "echo b > /dev/stdout"; echo c); echo "[$y]"
y=$(sh -c "echo b > /dev/stdout"; sh -c "echo c > /dev/stdout"; echo d); echo "[$y]"
"#);

like_bash_both_ways!(program_opening_stdout_in_a_function, r#"
z=$(f() { sh -c "echo b >/dev/stdout"; }; echo a; f; echo c); echo "[$z]"
g() { echo "g1"; sh -c "echo g2 >/dev/stdout"; echo g3; }
z=$(g; g); echo "[$z]"
"#);

like_bash_both_ways!(tee_to_stdout_in_a_pipeline, r#"
w=$(echo a; ls -d / | tee /dev/stdout; echo e); echo "[$w]"
w=$(echo a; echo b | tee /dev/stdout | tr b B; echo e); echo "[$w]"
"#);

like_bash_both_ways!(status_of_the_last_program, r#"
x=$(echo a; sh -c 'echo b >/dev/stdout; exit 3'); echo "$? [$x]"
x=$(sh -c 'exit 4'; echo a); echo "$? [$x]"
"#);

// The shell writes far more than a pipe holds (64 KiB) after a program started: the pipe is
// read while the shell writes, nothing blocks.
like_bash_both_ways!(builtins_write_more_than_a_pipe_holds, r#"
x=$(/bin/true; i=0; while [ $i -lt 4000 ]; do echo "line $i, some padding to fill a pipe"; i=$((i+1)); done)
echo "${#x}"; printf '%s\n' "$x" | cksum
x=$(echo start; sh -c 'echo b >/dev/stdout'; printf '%0200000d' 0; head -c 100000 /dev/zero | tr '\0' y; echo end)
echo "${#x}"; printf '%s\n' "$x" | cksum
x=$(sh -c 'head -c 300000 /dev/zero | tr "\0" z >/dev/stdout'; echo end); echo "${#x}"
"#);

// A background job keeps the pipe: the substitution ends when it closes it (as in bash).
like_bash_both_ways!(background_jobs_keep_the_output_open, r#"
x=$(/bin/echo bg >/dev/null & echo x); echo "[$x]"
x=$(echo a; { /bin/true; /bin/echo late; } & ); echo "[$x]"
x=$(/bin/echo bg & wait $!; echo x); echo "[$x]"
x=$(echo a; sh -c 'echo b >/dev/stdout' & wait; echo c); echo "[$x]"
"#);

like_bash_both_ways!(stderr_joined_to_the_substitution, r#"
x=$( { echo out; /bin/true; echo err >&2; printf '%s\n' more >&2; sh -c 'echo prog >&2'; } 2>&1 ); echo "[$x]"
x=$(exec 2>&1; /bin/true; echo err >&2; echo out); echo "[$x]"
x=$(exec 3>&1; /bin/true; echo three >&3; echo one; sh -c 'echo four >&3' 3>&3); echo "[$x]"
x=$(echo a >&2; /bin/true) 2>/dev/null; echo "[$x]"
"#);

like_bash_both_ways!(nested_substitutions, r#"
x=$(echo a; y=$(echo b; sh -c 'echo c >/dev/stdout'; echo d); echo "<$y>"; sh -c 'echo e >/dev/stdout'); echo "[$x]"
x=$(sh -c 'echo a >/dev/stdout'; echo "<$(echo b; sh -c 'echo c >/dev/stdout')>"; echo d); echo "[$x]"
x=$(echo a; echo "<$(echo b)>"; /bin/echo c); echo "[$x]"
( x=$(echo a; sh -c "echo b > /dev/stdout"); echo "paren [$x]" )
"#);

like_bash_both_ways!(exec_redirecting_stdout_inside, r#"
x=$(echo a; /bin/true; exec >out.txt; echo to-file; sh -c 'echo also >/dev/stdout'); echo "[$x]"
cat out.txt
x=$(echo a; exec >out2.txt; /bin/echo file; sh -c 'echo b >/dev/stdout'); echo "[$x]"
cat out2.txt
echo after
"#);

// A program started in a substitution gets the descriptors one started outside gets (0 to 2,
// whatever the test's environment passed on, and ls's own directory): no end of the pipe,
// and no copy the shell keeps, leaks into it. Its fd 1 is a pipe.
like_bash_both_ways!(no_descriptor_leaks_into_programs, r#"
ls /proc/self/fd >outside.txt; outside=$(cat outside.txt)
same() { if [ "$1" = "$2" ]; then echo same; else echo "leak: $1"; fi; }
x=$(echo a; ls /proc/self/fd); same "$x" "a
$outside"
x=$(ls /proc/self/fd; echo a); same "$x" "$outside
a"
x=$(echo a; /bin/true; y=$(echo b; /bin/true; ls /proc/self/fd); echo "$y"); same "$x" "a
b
$outside"
x=$(echo a; (ls /proc/self/fd; :)); same "$x" "a
$outside"
x=$(echo a; ls /proc/self/fd & wait); same "$x" "a
$outside"
x=$(echo a; readlink /proc/self/fd/1); case $x in a?pipe:*) echo pipe;; *) echo "not a pipe: $x";; esac
"#);

// fd 1 closed inside or outside, a program replacing the subshell, and what forks the rest of
// a substitution ($BASHPID, ulimit, a pipeline, a background job) after fd 1 became a pipe.
like_bash_both_ways!(closed_stdout_exec_and_forks_inside, r#"
x=$(echo a; /bin/true; exec >&-; echo gone 2>/dev/null; /bin/echo gone2 2>/dev/null); echo "1[$x] $?"
x=$(echo a; /bin/true) >&-; echo "2[$x]"
{ x=$(echo a; /bin/true; echo b); echo "3[$x]" >&2; } 2>&1 >&-
x=$(echo a; exec /bin/echo b); echo "4[$x]"
x=$(echo a; exec sh -c 'echo b >/dev/stdout'; echo no); echo "5[$x]"
x=$(echo a; /bin/true; echo $BASHPID >/dev/null; sh -c 'echo c >/dev/stdout'); echo "6[$x]"
x=$(echo a; ulimit -n 100; /bin/echo b); echo "7[$x]"
x=$(echo a; /bin/true; echo b | { y=$(cat; /bin/echo z; sh -c 'echo w >/dev/stdout'); echo "<$y>"; }); echo "8[$x]"
x=$(echo a; /bin/true; { y=$(echo in; /bin/echo in2); echo "<$y>"; } & wait); echo "9[$x]"
x=$(trap 'echo trapped; sh -c "echo t2 >/dev/stdout"' EXIT; echo a; /bin/true); echo "10[$x]"
"#);
