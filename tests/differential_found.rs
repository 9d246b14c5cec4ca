//! Defects the differential test (tests/differential.rs) found, each pinned as a transcript whose
//! output and status must be dash's and `bash --posix`'s.
mod transcript;

// echo is XSI's (dash's): `\x41` and `\E` are not escapes, `\e` and `\0NNN` are.
like_references!(
    echo_knows_no_hex_escape,
    r#"
echo '\x41|\E|\xa.b0' | od -An -c
printf '<%s>' $(echo '\'"xa.b0"); echo
"#
);

// A quote gives a character's code only as the operand's first byte: ` 'q r` is not a number.
like_references!(
    printf_character_code_only_at_the_start,
    r#"
printf '%d|' "'q r" '"x'; echo " st=$?"
printf '%d|' " 'q r"; echo " st=$?"
printf '%.1f|' " 'q"; echo " st=$?"
"#
);
