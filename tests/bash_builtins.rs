//! bash's builtins beyond POSIX (issue 11 point 1): `source`, `type`, `command -v -V`,
//! `builtin`, `hash`, `enable`, `exec -a -c -l`, `umask -S`, `test -v`, `shift` errors, `help`,
//! and the `lastpipe` and `varredir_close` options. Each script's stdout and status (and stderr
//! where it says so) must be bash's; the snapshot keeps chitin's transcript.
mod transcript;

// `source` is bash's `.`: arguments become the positional parameters while the file runs,
// PATH is searched and then the current directory, and its errors do not end the shell.
like_bash!(
    source_arguments_path_and_errors,
    r#"
echo 'v=set; echo "in: $# $1"' > s.sh
set -- x y z
source ./s.sh a b
echo "after: $# $1 $v"
source s.sh
mkdir lib
echo 'echo from-lib' > lib/inc.sh
PATH=$PWD/lib:$PATH
source inc.sh
source ./no_such_file 2>/dev/null
echo "status $?"
source no_such_file 2>/dev/null
echo "status $?"
printf 'echo one\nreturn 4\necho two\n' > r.sh
source r.sh
echo "status $?"
source 2>/dev/null
echo "status $?"
"#
);
