//! Command substitutions whose output mixes the shell's own writes (builtins, functions) and
//! programs': once a program shares fd 1 it is a pipe, as in bash, so a program opening
//! `/dev/stdout` itself appends to what the shell wrote instead of writing over it
//! (`sys::capture`, `sys::drain`). Each script runs twice, as usual and with
//! `CHITIN_FORK_SUBSHELLS=1` (every substitution forked): stdout, stderr and status must be
//! equal, and stdout and status must be bash's. The snapshot keeps the transcript.
mod transcript;

#[macro_use]
mod both_ways;

both_ways!(like_bash program_opening_stdout_after_echo, r#"
x=$(echo a; sh -c "echo b > /dev/stdout"); echo "[$x]"
x=$(echo a; sh -c "echo b > /dev/fd/1"; echo c); echo "[$x]"
x=$(printf a; sh -c "printf b > /proc/self/fd/1"); echo "[$x]"
"#);

both_ways!(like_bash echo_after_program_opening_stdout, r#"
y=$(sh -c "echo b > /dev/stdout"; echo c); echo "[$y]"
y=$(sh -c "echo b > /dev/stdout"; sh -c "echo c > /dev/stdout"; echo d); echo "[$y]"
"#);

both_ways!(like_bash program_opening_stdout_in_a_function, r#"
z=$(f() { sh -c "echo b >/dev/stdout"; }; echo a; f; echo c); echo "[$z]"
g() { echo "g1"; sh -c "echo g2 >/dev/stdout"; echo g3; }
z=$(g; g); echo "[$z]"
"#);

both_ways!(like_bash tee_to_stdout_in_a_pipeline, r#"
w=$(echo a; ls -d / | tee /dev/stdout; echo e); echo "[$w]"
w=$(echo a; echo b | tee /dev/stdout | tr b B; echo e); echo "[$w]"
"#);

both_ways!(like_bash status_of_the_last_program, r#"
x=$(echo a; sh -c 'echo b >/dev/stdout; exit 3'); echo "$? [$x]"
x=$(sh -c 'exit 4'; echo a); echo "$? [$x]"
"#);

// The shell writes far more than a pipe holds (64 KiB) after a program started: the pipe is
// read while the shell writes, nothing blocks.
both_ways!(like_bash builtins_write_more_than_a_pipe_holds, r#"
x=$(/bin/true; i=0; while [ $i -lt 4000 ]; do echo "line $i, some padding to fill a pipe"; i=$((i+1)); done)
echo "${#x}"; printf '%s\n' "$x" | cksum
x=$(echo start; sh -c 'echo b >/dev/stdout'; printf '%0200000d' 0; head -c 100000 /dev/zero | tr '\0' y; echo end)
echo "${#x}"; printf '%s\n' "$x" | cksum
x=$(sh -c 'head -c 300000 /dev/zero | tr "\0" z >/dev/stdout'; echo end); echo "${#x}"
"#);

// A background job keeps the pipe: the substitution ends when it closes it (as in bash).
both_ways!(like_bash background_jobs_keep_the_output_open, r#"
x=$(/bin/echo bg >/dev/null & echo x); echo "[$x]"
x=$(echo a; { /bin/true; /bin/echo late; } & ); echo "[$x]"
x=$(/bin/echo bg & wait $!; echo x); echo "[$x]"
x=$(echo a; sh -c 'echo b >/dev/stdout' & wait; echo c); echo "[$x]"
"#);

both_ways!(like_bash stderr_joined_to_the_substitution, r#"
x=$( { echo out; /bin/true; echo err >&2; printf '%s\n' more >&2; sh -c 'echo prog >&2'; } 2>&1 ); echo "[$x]"
x=$(exec 2>&1; /bin/true; echo err >&2; echo out); echo "[$x]"
x=$(exec 3>&1; /bin/true; echo three >&3; echo one; sh -c 'echo four >&3' 3>&3); echo "[$x]"
x=$(echo a >&2; /bin/true) 2>/dev/null; echo "[$x]"
"#);

both_ways!(like_bash nested_substitutions, r#"
x=$(echo a; y=$(echo b; sh -c 'echo c >/dev/stdout'; echo d); echo "<$y>"; sh -c 'echo e >/dev/stdout'); echo "[$x]"
x=$(sh -c 'echo a >/dev/stdout'; echo "<$(echo b; sh -c 'echo c >/dev/stdout')>"; echo d); echo "[$x]"
x=$(echo a; echo "<$(echo b)>"; /bin/echo c); echo "[$x]"
( x=$(echo a; sh -c "echo b > /dev/stdout"); echo "paren [$x]" )
"#);

both_ways!(like_bash exec_redirecting_stdout_inside, r#"
x=$(echo a; /bin/true; exec >out.txt; echo to-file; sh -c 'echo also >/dev/stdout'); echo "[$x]"
cat out.txt
x=$(echo a; exec >out2.txt; /bin/echo file; sh -c 'echo b >/dev/stdout'); echo "[$x]"
cat out2.txt
echo after
"#);

// A program started in a substitution gets the descriptors one started outside gets (0 to 2,
// whatever the test's environment passed on, and ls's own directory): no end of the pipe,
// and no copy the shell keeps, leaks into it. Its fd 1 is a pipe.
both_ways!(like_bash no_descriptor_leaks_into_programs, r#"
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
both_ways!(like_bash closed_stdout_exec_and_forks_inside, r#"
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
