//! `[[ expression ]]` (bash): parsing, evaluation, `=~` and its quoting rules, arithmetic
//! operands, `set -x`, syntax errors and `-n`.
//!
//! `like_bash!` tests also assert that chitin's stdout and status are bash's (when bash is
//! installed); stderr wording is ours and only in the snapshot.
mod transcript;

use std::process::{Command, Stdio};

like_bash!(
    strings_patterns_and_quoting,
    r#"
t() { echo "$? $1"; }
[[ abc == abc ]]; t eq
[[ abc = abd ]]; t eq1
[[ abc != abd ]]; t ne
[[ apple < banana ]]; t lt
[[ B > a ]]; t gt-bytes
[[ 10 < 9 ]]; t string-order
[[ a < b ]]; [[ -e b ]]; t no-redirection
[[ hello == h*o ]]; t star
[[ hello == "h*o" ]]; t quoted-star
[[ 'a*bc' == a'*'* ]]; t mixed
[[ 'a?c' == a\?c ]]; t backslash
p='h*'
[[ hello == $p ]]; t var-pattern
[[ hello == "$p" ]]; t quoted-var
[[ 'h*' == hello ]]; t left-is-literal
x='a  b'
[[ $x == 'a  b' ]]; t no-splitting
touch f1 f2
[[ f* == 'f*' ]]; t no-globbing
[[ ~ == "$HOME" ]]; t tilde
[[ x=~ == "x=$HOME" ]]; t tilde-after-equals
[[ $(echo hi) == hi && $((2+3)) == 5 ]]; t substitutions
[[ "]]" == "]]" ]]; t quoted-brackets
[[ ]]x ]]; t brackets-in-a-word
[[ if == if ]]; t reserved-words-are-words
e=; unset u
[[ $e ]]; t empty-word
[[ $u == "" && -z $u && ! -n $e ]]; t unset
x=-z
[[ $x ]]; t operator-looking-value
[[ "-z" ]]; t quoted-operator-word
"#
);

like_bash!(
    and_or_not_and_grouping,
    r#"
t() { echo "$? $1"; }
[[ a == a && b == b ]]; t and
[[ a == b || b == b ]]; t or
[[ x == x || x == y && x == z ]]; t and-before-or
[[ ! a == b && c == c ]]; t not-first
[[ ! ( a == a && b == c ) ]]; t grouped
[[ ( a == a || a == b ) && c == d ]]; t group-and
[[ ! ! a ]]; t double-not
[[ (a) ]]; t paren-word
[[ a == b && -n $(echo ran > f1) ]]; [[ -e f1 ]]; t short-circuit-and
[[ a == a || -n $(echo ran > f2) ]]; [[ -e f2 ]]; t short-circuit-or
[[ a == a &&
   b == b ]]; t newline-after-and
[[
  a == a
]]; t newlines-around
[[ ( a == a ) &&
   ( b == b ) ]]; t newline-after-group
[[ a == b # a comment
]]; t comment
if [[ a == a ]]; then echo then; fi
while [[ $n != xxx ]]; do n=x$n; done; echo $n
[[ a == a ]] > /dev/null | cat; t in-a-pipeline
! [[ a == b ]]; t negated-pipeline
"#
);

like_bash!(
    regex_matching_and_bash_rematch,
    r#"
t() { printf '%s %s [%s]\n' "$?" "$1" "$BASH_REMATCH"; }
[[ abc123def =~ [0-9]+ ]]; t anywhere
[[ abc =~ ^b ]]; t anchored
[[ key=value =~ ^([a-z]+)=([a-z]+)$ ]]; t groups
[[ dog =~ ^(cat|dog)$ ]]; t alternation
[[ "a b" =~ ^(a b)$ ]]; t blank-in-group
[[ "a;b<c" =~ (a;b<c) ]]; t operators-in-group
[[ "a
b" =~ (a
b) ]]; t newline-in-group
[[ ab =~ a|b ]]; t bar
[[ "a|" =~ a| ]]; t trailing-bar
[[ x =~ ||x ]]; t leading-bars
[[ a =~ a&&b ]]; t and-after-regex
[[ aaa =~ (a|aa)* ]]; t leftmost-longest
[[ a.c =~ a'.'c ]]; t quoted-dot
[[ abc =~ a'.'c ]]; t quoted-dot-is-literal
[[ 'x+' =~ ^"x+"$ ]]; t quoted-plus
[[ 'a{1}' =~ a"{1}" ]]; t quoted-brace
[[ 'a\b' =~ a"\\"b ]]; t quoted-backslash
[[ ab =~ a\b ]]; t escaped-letter
[[ . =~ ["."] ]]; t quoted-in-brackets
[[ '\' =~ ["."] ]]; t no-backslash-in-brackets
[[ aXb =~ a[[:upper:]]b ]]; t class
[[ ']' =~ ^[]]$ ]]; t bracket-first
re='^[0-9]+$'
[[ 123 =~ $re ]]; t variable
[[ 123 =~ "$re" ]]; t quoted-variable
[[ '^[0-9]+$' =~ "$re" ]]; t quoted-variable-matches-itself
re='a b'
[[ 'xa by' =~ $re ]]; t variable-with-blank
[[ "" =~ "" ]]; t empty
[[ $'\xff\xfe' =~ ^..$ ]]; t bytes
"#
);

like_bash!(
    bad_regexes_give_status_2_silently,
    r#"
[[ ab =~ (a) ]]
for re in 'a(' '*a' 'a{1' '\' '[a'; do
  [[ a =~ $re ]]; echo "$? $re [$BASH_REMATCH]"
done
re='('
[[ a =~ $re || -n x ]]; echo "or $?"
[[ a =~ $re && -n x ]]; echo "and $?"
[[ ! a =~ $re ]]; echo "not $?"
[[ ( a =~ $re ) ]]; echo "group $?"
[[ -n x && a =~ $re ]]; echo "last $?"
"#
);

like_bash!(
    arithmetic_operands,
    r#"
t() { echo "$? $1"; }
x=5
[[ 1+2 -eq 3 ]]; t sum
[[ x*2 -gt 9 ]]; t name
[[ $x -le 5 && x -ne 4 ]]; t le-ne
[[ 1 -lt -1+3 ]]; t lt
[[ 010 -eq 8 && 0x10 -eq 16 ]]; t bases
[[ 010 == 8 ]]; t string-compare
unset abc; [[ abc -eq 0 ]]; t unset-is-zero
a=3 b=a; [[ b -eq 3 ]]; t indirect
[[ "" -eq 0 ]]; t empty
[[ '1 + 1' -eq 2 && " 3 " -eq 3 ]]; t blanks
y=1+1; [[ $y -eq 2 ]]; t expanded-text
i=0; while [[ $i -lt 5 ]]; do i=$((i+1)); done; t "loop $i"
[[ n++ -eq 0 && n -eq 1 ]]; t side-effect
[[ 1+ -eq 1 ]]; t syntax-error
[[ 1/0 -eq 1 ]]; t division-by-zero
[[ 08 -eq 8 ]]; t bad-octal
z=1+; [[ $z -eq 1 ]]; t error-in-a-value
[[ ! 1+ -eq 1 ]]; t negated-error
"#
);

like_bash!(
    unary_file_and_shell_tests,
    r#"
t() { echo "$? $1"; }
touch f; mkdir d; ln -s f l; ln -s nowhere dangling; : > empty; echo x > full
[[ -e f && -f f && ! -d f && -r f && -w f ]]; t file
[[ -a f ]]; t a-is-exists
[[ -d d && ! -f d && -x d ]]; t dir
[[ -L l && -h l && ! -L f && -f l ]]; t link
[[ -L dangling && ! -e dangling ]]; t dangling
[[ -s full && ! -s empty ]]; t size
[[ -c /dev/null && ! -b /dev/null && ! -p /dev/null && ! -S /dev/null ]]; t kinds
[[ -O f && -G f && ! -u f && ! -g f && ! -k f ]]; t owner-and-modes
touch -a -t 200001010000 full
[[ -N full ]]; t modified-since-read
touch -m -t 200001010000 full
[[ -N full ]]; t not-modified-since-read
[[ -t 0 || -t x || -t ' 99 ' ]]; t not-terminals
touch -t 200001010000 old
[[ f -nt old && old -ot f && f -nt missing && missing -ot old ]]; t times
[[ f -ef l && ! f -ef full ]]; t same-file
x=1 empty=
[[ -v x && -v empty && ! -v nothere ]]; t variables
set -- a b
[[ -v 2 && ! -v 3 && -v 0 ]]; t positional
[[ -o noglob ]]; t noglob-off
set -f
[[ -o noglob && ! -o nosuchoption ]]; t noglob-on
"#
);

like_bash!(
    set_x_shows_each_primary_as_bash_does,
    r#"
exec 2>&1
set -x
x="a b"
p="a*"
i=4
[[ ( $x == a* && ! -n $x ) || 1+1 -eq 2 ]]
[[ $x == "$p" ]]
[[ a\$b == c\ d ]]
[[ $x =~ ^(a|b)" "c$ ]]
[[ x =~ "a.b"+ || x =~ [a"]"] ]]
[[ ! ( a && b ) ]]
[[ ! ! -z a ]]
[[ ! a < b ]]
[[ $i -lt 10 && -v i ]]
"#
);

like_bash!(
    set_e_treats_it_as_any_command,
    r#"
set -e
[[ a == b ]] || echo or
if [[ a == b ]]; then :; else echo else; fi
f() { [[ a == b ]]; }
f && echo no
! [[ a == a ]]
echo before
[[ a == b ]]
echo not-reached
"#
);

// chitin exits with 2 after an expansion error, as for any command (bash: 1).
transcript!(
    expansion_errors_end_the_script,
    r#"
unset x
echo before
[[ ${x?is not set} ]]
echo not-reached
"#
);

// Syntax errors, each in a subshell through eval so that the status is that of the error
// (bash 5.2 itself then exits with status 0 after one in a script: a bug of bash's).
like_bash!(
    syntax_errors_have_status_2,
    r#"
for s in '[[ a' '[[ ]]' '[[ a == ]]' '[[ ( a ]]' '[[ a b ]]' '[[ -f ]]' '[[ a "==" a ]]' \
  '[[ a == b c ]]' '[[ ! ]]' '[[ a && ]]' '[[ && a ]]' '[[ a ) ]]' '[[ ( ) ]]' '[[ a << b ]]' \
  '[[ a ; ]]' '[[ a =~ ( ]]' '[[ a =~ a<b ]]' '[[ x -a y ]]' '[[ 1<2 ]]' '[[ a
]]' '[[ a ==
b ]]' '[[ a ]] ]]' ']]' '[[ a ]] x' '[[ a == b' '[[ a &&' '[[ a == @(a ]]'; do
  ( eval "$s" ); echo "$? <- $s"
done
"#
);

like_bash!(
    extended_pattern_words_are_read_whole,
    r#"
[[ xyz == @(a b|c) ]]; echo $?
[[ a == x@(a|b) ]]; echo $?
[[ a != *(a b)x ]]; echo $?
[[ '@(a)' == \@\(a\) ]]; echo $?
"#
);

/// `[[ ]]` as the text of a job (`jobs`).
#[test]
fn job_text() {
    insta::assert_snapshot!(transcript::run(
        "job_text",
        r#"
set -m
[[ -n $(sleep 10) && ( ! a == "b c" || $x =~ ^(x|y)$ || 1+2 -eq 3 ) ]] &
jobs
kill %1
"#
    ));
}

/// `chitin -n` accepts and rejects what `bash -n` does (bash's status aside: 5.2 prints the
/// error but exits 0 after a syntax error in a conditional expression; chitin exits 2).
#[test]
fn syntax_check_agrees_with_bash() {
    let scripts = [
        ("[[ a == b ]]", true),
        ("[[ ( a == b ) && ! -n $x || y =~ ^(a|b c)$ ]]", true),
        ("[[ a =~ (a;b) ]] && [[ x == @(a|b c) ]]", true),
        ("[[ a &&\n b ]]\n[[\n a ]]", true),
        ("f() { [[ $1 -lt 3 ]]; }", true),
        ("echo [[ ]]", true),
        ("[[ a", false),
        ("[[ ]]", false),
        ("[[ a == ]]", false),
        ("[[ ( a ]]", false),
        ("[[ a b ]]", false),
        ("[[ a\n]]", false),
        ("]]", false),
        ("[[ a ]] x", false),
        ("[[ a =~ (b ]]", false),
    ];
    let bash = transcript::available("bash");
    for (script, ok) in scripts {
        let out = Command::new(env!("CARGO_BIN_EXE_chitin"))
            .args(["-n", "-c", script])
            .stdin(Stdio::null())
            .output()
            .expect("run chitin");
        assert_eq!(out.status.success(), ok, "chitin -n on {script:?}: {out:?}");
        assert!(ok || out.status.code() == Some(2), "status 2 for {script:?}");
        // bash 5.2 rejects `[[ ]]` without a word (nor a status).
        if bash && script != "[[ ]]" {
            let b = Command::new("bash").args(["-n", "-c", script]).output().expect("run bash");
            assert_eq!(b.stderr.is_empty(), ok, "bash -n on {script:?}: {b:?}");
        }
    }
}

like_bash!(
    v_tests_array_elements,
    r#"
t() { echo "$? $1"; }
a=(x y) b=() c=([1]=x) s=scalar i=0
[[ -v a[1] && ! -v a[5] ]]; t index
[[ -v a[i+1] && -v a[$i] ]]; t arithmetic-index
[[ -v a[-1] ]]; t negative
[[ -v a[-5] ]]; t before-the-first
[[ -v a[@] && ! -v b[@] && ! -v b[*] ]]; t whole-array
[[ ! -v c && -v c[1] ]]; t element-0-is-the-name
[[ -v s[0] && ! -v s[1] && -v s[@] ]]; t scalar
[[ -v "a[1]" && ! -v nope[0] && ! -v 1a[0] && ! -v a[0]x && ! -v a[1][2] ]]; t references
[[ -v a[1+] ]]; t not-reached
"#
);
