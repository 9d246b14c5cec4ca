//! Word expansion transcripts: each script runs in the built shell, in a fresh directory
//! (also HOME), and its stdout, stderr and exit status are compared with a snapshot.

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("chitin-xt-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// Runs `script` with `chitin -c` in a fresh directory and renders the transcript.
fn run(name: &str, script: &str) -> String {
    let dir = scratch(name);
    let out = Command::new(env!("CARGO_BIN_EXE_chitin"))
        .arg("-c")
        .arg(script)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &dir)
        .env("LC_ALL", "C")
        .output()
        .expect("run chitin");
    let _ = std::fs::remove_dir_all(&dir);
    let mut s = String::new();
    s.push_str("--- script\n");
    s.push_str(script.trim_end());
    s.push_str("\n--- stdout\n");
    s.push_str(&String::from_utf8_lossy(&out.stdout).replace('\u{fffd}', "<?>"));
    s.push_str("--- stderr\n");
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    s.push_str(&format!("--- status {}\n", out.status.code().unwrap_or(-1)));
    s
}

macro_rules! transcript {
    ($name:ident, $script:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), run(stringify!($name), $script));
        }
    };
}

transcript!(
    param_forms,
    r#"
unset u; e=; v=val
echo "[${u-d}] [${e-d}] [${e:-d}] [${v:-d}]"
echo "[${u+a}] [${e+a}] [${e:+a}] [${v:+a}]"
echo "${u=assigned} $u"; echo "${e:=filled} $e"
echo ${#v} ${#u} ${#e}
x=/usr/local/lib/file.tar.gz
echo ${x#*/} ${x##*/} ${x%.*} ${x%%.*}
echo "${x#"*"}" ${x#\*} ${x%'.gz'}
p='*.'; echo ${x##$p} "${x##"$p"}"
set -- a b c d e f g h i ten eleven
echo $# ${10} ${11} ${#10}
(echo ${nope?is missing}); echo "status $?"
(unset e; echo ${e:?}); echo "status $?"
(set --; echo ${1=x}); echo "status $?"
"#
);

transcript!(
    special_params,
    r#"
set -- 'a b' '' c
printf '<%s>' "$@"; echo
printf '<%s>' $@; echo
printf '<%s>' "$*"; echo
printf '<%s>' $*; echo
printf '<%s>' "x$@y"; echo
IFS=:; printf '<%s>' "$*"; echo; unset IFS
set --
printf '<%s>' "$@" end; echo
printf '<%s>' "$*" end; echo
false; echo $?; set -f; case $- in *f*) echo f-on;; esac
"#
);

transcript!(
    field_splitting,
    r#"
x='  a  b  '; printf '<%s>' $x; echo
printf '<%s>' z${x}z; echo
IFS=:; x='a::b:'; printf '<%s>' $x; echo
IFS=' :'; x=' a : : b '; printf '<%s>' $x; echo
IFS=; x='a b'; printf '<%s>' $x; echo
unset IFS; x='a	b
c'; printf '<%s>' $x; echo
e=; printf '<%s>' $e "$e" $e""; echo
IFS=1; printf '<%s>' $((515)); echo
"#
);

transcript!(
    arithmetic,
    r#"
echo $((1+2*3)) $(((1+2)*3)) $((7/-2)) $((-7%3)) $((1<<40)) $((0x1f)) $((010))
x=5; echo $((x*=2)) $x $((x++)) $x $((--x))
y='x+1'; echo $((y*2)) $(($y*2))
echo $((1 ? 2 : (z=3))) "[$z]"
(echo $((1/0))); echo "status $?"
echo $((9223372036854775807 + 1))
"#
);

transcript!(
    globbing,
    r#"
touch b a C .hid 'sp ace'; mkdir d; touch d/x d/.y
echo *; echo .h*; echo */; echo d/*; echo [ab] [!ab]*; echo "*" '*' \*
echo nomatch* nodir/*
set -- *; echo $#
p='d/*'; echo $p "$p"
set -f; echo *; set +f
echo [[:upper:]]
"#
);

transcript!(
    tilde,
    r#"
HOME=/h
echo ~ ~/a a~ "~" x=~
v=~/p:~/q; echo $v
unset x; echo ${x:-~/d}
"#
);

transcript!(
    case_patterns,
    r#"
for w in abc 'a*c' a.c '[x]' ''; do
  case $w in
    'a*c') echo "$w: quoted star";;
    a?c) echo "$w: question";;
    \[*) echo "$w: bracket";;
    '') echo "empty";;
  esac
done
p='a*'; case abc in $p) echo unquoted-var-pattern;; esac
case abc in "$p") echo no;; *) echo quoted-var-literal;; esac
"#
);

/// Byte-clean: names that are not UTF-8 pass through globbing, for, case, printf and
/// redirections unchanged.
#[test]
fn non_utf8_names() {
    let dir = scratch("bytes");
    let names: [&[u8]; 3] = [b"caf\xe9", b"\xff\xfe", b"plain"];
    for n in names {
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(n)), b"").expect("create");
    }
    let script: &[u8] = b"for f in *; do printf '%s\\n' \"$f\"; done
case caf\xe9 in caf?) echo case-ok;; esac
printf '%s' x > \xe9\xe0.out; set -- *.out; printf '[%s]\\n' \"$1\"
set -- [!p]*; echo $#
";
    let out = Command::new(env!("CARGO_BIN_EXE_chitin"))
        .arg("-c")
        .arg(std::ffi::OsStr::from_bytes(script))
        .current_dir(&dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C")
        .output()
        .expect("run chitin");
    let created = dir.join(std::ffi::OsStr::from_bytes(b"\xe9\xe0.out"));
    let content = std::fs::read(&created).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.stdout,
        b"caf\xe9\nplain\n\xff\xfe\ncase-ok\n[\xe9\xe0.out]\n3\n".to_vec(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(content, b"x");
    assert!(out.status.success());
}

// The idioms autoconf configure scripts lean on (libltdl configure runs unchanged under chitin;
// scripts/check-configure.sh compares its config.h with dash).
transcript!(
    autoconf_idioms,
    r#"
as_run=a
  as_lineno_1=$LINENO as_lineno_1a=$LINENO
  as_lineno_2=$LINENO as_lineno_2a=$LINENO
  eval 'test "x$as_lineno_1'$as_run'" != "x$as_lineno_2'$as_run'" &&
  test "x`expr $as_lineno_1'$as_run' + 1`" = "x$as_lineno_2'$as_run'"' && echo lineno works
as_fn_set_status () { return $1; }
as_fn_exit () { set +e; as_fn_set_status $1; exit $1; }
(eval "as_fn_return () { (exit \$1); }; as_fn_success () { as_fn_return 0; }
as_fn_failure () { as_fn_return 1; }; as_fn_success && ! as_fn_failure") && echo functions work
as_nl='
'
export as_nl
(unset CDPATH) >/dev/null 2>&1 && unset CDPATH
ac_config_headers=" config.h:config-h.in"
for ac_tag in $ac_config_headers; do
  case $ac_tag in
  :[FHLC]) ac_mode=$ac_tag; continue;;
  esac
  ac_save_IFS=$IFS; IFS=:
  set x $ac_tag
  IFS=$ac_save_IFS
  shift; echo "file=$1 in=$2"
done
cat >conftest.h <<_ACEOF
#define PACKAGE "libltdl"
#define VERSION "2.4.7"
_ACEOF
sed -n 's/^#define \([A-Z]*\) \(.*\)/\1=\2/p' conftest.h
ac_cv_x=${ac_cv_x=`echo computed`}; echo "$ac_cv_x"
test "${ac_cv_y+set}" = set || echo "y unset"
{ echo "$as_me:${as_lineno-$LINENO}: checking" >&5; } 5>&1
(as_fn_exit 3); echo "exit status $?"
"#
);
