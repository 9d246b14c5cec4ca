//! Job-control builtins and `cd`/`pwd` in scripts: `wait` for jobs that do not exist, and a
//! current directory removed from under the shell.

mod transcript;

// bash: `no such job` / `not a child of this shell`, status 127 (dash says it differently,
// with status 2 for a job spec).
transcript!(
    wait_for_a_job_or_pid_that_does_not_exist,
    r#"
wait %2; echo "status $?"
wait %foo; echo "status $?"
wait 1; echo "status $?"
sleep 0 & wait %1 %3; echo "status $?"
"#
);

// bash and dash: `pwd` prints the logical name of a directory that no longer exists, and
// `cd ..` goes to its parent, not to `/`.
transcript!(
    pwd_and_cd_dotdot_in_a_removed_directory,
    r#"
top=$PWD
mkdir -p d/gone && : > d/here && cd d/gone && rmdir ../gone
p=$(pwd); echo "pwd: $? ${p#"$top"}"
pwd >/dev/null; echo "pwd in the shell: $?"
echo "PWD=${PWD#"$top"}"
cd ..; echo "cd ..: $? PWD=${PWD#"$top"} OLDPWD=${OLDPWD#"$top"}"
ls
cd "$top"; mkdir -p e/gone && cd e/gone && rmdir ../gone
cd .; echo "cd .: $? PWD=${PWD#"$top"}"
pwd -P; echo "pwd -P: $?"
cd -P ..; echo "cd -P ..: $? PWD=${PWD#"$top"}"
"#
);

// A background job of a script (no job control) is listed with its command, as bash does; it
// was listed as a bare `&`.
like_bash!(
    jobs_of_a_script_show_their_commands,
    r#"
sleep 30 & sleep 31 | cat & x=1 && sleep 32 &
jobs
kill %1 %2 %3; wait
"#
);
