//! Starting programs (issue 13 points 2-4): the statically linked shell's user look-ups, and
//! what a spawned program inherits: descriptors, signals, process groups, exec errors.
mod transcript;

// chitin is linked statically and reads /etc/passwd itself: a static glibc's getpwnam crashed
// (it cannot load the NSS modules nsswitch.conf names).
like_references!(
    tilde_users_from_the_password_file,
    r#"
echo ~root ~root/x
echo ~no_such_user_chitin ~no_such_user_chitin/x
x=~root; echo "$x"
case ~root in /*) echo absolute;; esac
"#
);

// A user /etc/passwd does not list (LDAP, sssd) is asked of `getent passwd` in a child; here
// a `getent` of the test's own on PATH knows one.
transcript!(
    tilde_user_only_getent_knows,
    r#"
mkdir bin
printf '%s\n' '#!/bin/sh' 'echo "$*" >>asked' \
    '[ "$1 $2 $3" = "passwd -- ghost" ] && { echo "ghost:x:4242:4242:Ghost:/home/ghost:/bin/sh"; exit 0; }' \
    'exit 2' >bin/getent
chmod +x bin/getent
PATH=$PWD/bin:$PATH
echo ~ghost ~ghost/src ~root
echo ~nobody_at_all
cat asked
"#
);

// `read` on a seekable file reads ahead and keeps the rest for the next `read`; whoever else
// reads the file (a program, a subshell, a redirection's copy, the shell that started us)
// must find it right after the last line `read` took.
like_references!(
    read_ahead_leaves_the_offset_for_programs,
    r#"
printf '%s\n' a b c d e f g >data
{ read x; echo "1:$x"; head -n 1; read y; echo "2:$y"; cat; } <data
while read l; do echo "l=$l"; head -n 1; done <data
(read x; exec cat) <data
"/proc/$$/exe" -c 'read x; read y; cat' <data
"#
);

like_references!(
    read_ahead_and_subshells,
    r#"
printf '%s\n' a b c d e f >data
{ read x; (read y; echo "sub:$y"); read z; echo "$x $z"; v=$(read w; echo "$w"); echo "cs:$v"; read t; echo "t:$t"; } <data
{ read x; "/proc/$$/exe" -c 'read y; echo "child:$y"'; read z; echo "$x $z"; } <data
"#
);

like_references!(
    read_ahead_through_duplicated_descriptors,
    r#"
printf '%s\n' a b c d e >data
exec 3<data
read a <&3
read b <&3
cat <&3
echo "$a$b"
exec 3<&-
exec 4<>data
read c <&4
echo X >&4
exec 4>&-
cat data
"#
);

// The shell reading its script from standard input shares it with `read` (bash; dash reads
// its script ahead and gives nothing back).
like_bash!(
    read_ahead_in_a_script_read_from_stdin,
    r#"
printf '%s\n' 'read x' 'this line is data' 'echo "got $x"' 'read y; read z' 'second' 'third' 'echo "$y/$z"' >script
"/proc/$$/exe" <script
"#
);

like_bash!(
    read_ahead_then_mapfile,
    r#"
printf '%s\n' a b c d >data
exec 3<data
read -u3 x
mapfile -t -u3 rest
echo "$x|${rest[*]}"
exec 3<&-
while read -r l; do read -r -n 1 c <&0; echo "$l+$c"; done <data
"#
);

// Programs are started vfork-style from src/sys (clone with CLONE_VM|CLONE_VFORK): signals the
// shell catches (traps, SIGCHLD) are at their default in the program, ignored ones stay
// ignored, the signal mask is empty; exec errors keep their statuses.
like_references!(
    spawned_programs_get_signals_right,
    r#"
trap 'echo caught' USR1
sh -c 'kill -USR1 $$; echo survived'
echo "usr1 $?"
trap '' USR2
sh -c 'kill -USR2 $$; echo survived'
echo "usr2 $?"
grep -E '^SigBlk' /proc/self/status
trap - USR1 USR2
grep -E '^SigBlk' /proc/self/status | cat
"#
);

like_references!(
    spawn_errors_keep_their_statuses,
    r#"
./missing 2>/dev/null; echo "missing $?"
mkdir dir; ./dir 2>/dev/null; echo "dir $?"
printf 'echo data\n' >noexec; ./noexec 2>/dev/null; echo "noexec $?"
printf 'echo "script $# $1"\nexit 3\n' >script; chmod +x script; ./script a; echo "script $?"
printf '#!/nonexistent/interp\n' >badinterp; chmod +x badinterp; ./badinterp 2>/dev/null; echo "badinterp $?"
no_such_command_anywhere 2>/dev/null; echo "notfound $?"
x=$(./script b); echo "$x / $?"
./script c | cat; echo "pipe $?"
"#
);

// A spawned program's descriptors: redirections reach it (those from 10 up depend on what the
// test runner inherited, and are left out).
like_references!(
    spawned_programs_see_only_the_scripts_descriptors,
    r#"
exec 3>out
ls /proc/self/fd | awk '$1 < 10' | sort -n | tr '\n' ' '; echo
ls /proc/self/fd 5</dev/null | awk '$1 < 10' | sort -n | tr '\n' ' '; echo
echo to3 >&3; cat out
"#
);
