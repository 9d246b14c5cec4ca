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
