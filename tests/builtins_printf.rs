//! Transcripts for printf and echo.

mod builtins_harness;
use builtins_harness::run;

#[test]
fn printf_conversions() {
    insta::assert_snapshot!(run(r#"
printf '[%s][%5s][%-5s][%.2s]\n' abc ab cd abcdef
printf '[%d][%i][%+d][% d][%05d][%-5d][%.3d]\n' 42 -7 5 5 42 42 5
printf '[%o][%x][%X][%#o][%#x][%u]\n' 8 255 255 8 255 7
printf '[%c][%c]\n' hello "'x"
printf '[%f][%.2f][%e][%E][%g][%G][%a]\n' 3.5 3.14159 1234.5 0.000123 0.0001 1e100 1
printf '[%*d][%-*d][%.*f]\n' 5 1 4 2 2 3.14159
printf '%d %d %d %d\n' 0x10 010 -0x10 "'A"
printf '%u %x\n' -1 -1
printf '100%%\n'
"#));
}

#[test]
fn printf_escapes_and_reuse() {
    insta::assert_snapshot!(run(r#"
printf 'a\tb\\c\101\n'
printf '%b|%b|%b\n' 'x\ty' '\0101' '\101'
printf '%s\n' 'x\ty'
printf '%s-' a b c; echo
printf '%s,%s\n' a b c
printf '%s|%d|\n'
printf '%b' 'stop\chere' 'never'; echo
printf 'no newline'; echo
printf -- '%s\n' dashdash
"#));
}

#[test]
fn printf_errors() {
    insta::assert_snapshot!(run(r#"
printf '%d\n' abc 12abc 3; echo "status $?"
printf '%z\n' x; echo "status $?"
printf; echo "status $?"
printf '%d\n' 99999999999999999999; echo "status $?"
"#));
}

#[test]
fn printf_bytes_pass_through() {
    // Non-UTF-8 bytes in the format and in %s, %b, %c arguments come out unchanged.
    insta::assert_snapshot!(run(
        "printf '\\377%s%b%c\\n' \"$(printf '\\376')\" '\\375' \"$(printf '\\374')\" | od -An -c\n"
    ));
}

#[test]
fn echo_forms() {
    insta::assert_snapshot!(run(r#"
echo a b   c
echo
echo -- a
echo -n no-newline; echo
echo '' x
echo 'tab\there' '\0101'
echo 'cut\c' never
echo after
"#));
}
