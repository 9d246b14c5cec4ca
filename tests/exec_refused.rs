//! Files the shell refuses to run, as bash does: a binary file (an ELF executable of another
//! system, or any file with a NUL in its first line) is not read as a script, whether it is
//! the shell's operand or a command that exec refused (ENOEXEC): status 126. A script whose
//! `#!` interpreter is missing says so. Found running /usr/bin/run-parts (an ELF file) as
//! `chitin /usr/bin/run-parts`: a syntax error at line 1, status 2.
//!
//! `like_bash!` also asserts that stdout and status are bash's; stderr is in the snapshot
//! (bash 5.2 words a missing interpreter as "cannot execute: required file not found";
//! chitin keeps bash 5.1's "bad interpreter", which names it).
mod transcript;

like_bash!(
    binary_files_are_not_run_as_scripts,
    r#"
printf 'ab\0cd\necho ran\n' > nul-first-line
printf '\177ELF\2\1\1\0\0\0' > elf
printf 'echo line1\n\0\n' > nul-later
printf '#!x\n\0\necho ran\n' > nul-second-line-after-hashbang
chmod +x nul-first-line elf nul-later
./nul-first-line; echo "enoexec nul: $?"
./elf; echo "enoexec elf: $?"
./nul-later; echo "enoexec text with a NUL later: $?"
"$BASH" nul-first-line; echo "operand nul: $?"
"$BASH" elf; echo "operand elf: $?"
"$BASH" nul-second-line-after-hashbang; echo "operand nul on line 2 after #!: $?"
"#
);

like_bash!(
    a_missing_interpreter_is_named,
    r#"
printf '#!/nonexistent/interp -x\necho ran\n' > script
chmod +x script
./script; echo "status $?"
"#
);
