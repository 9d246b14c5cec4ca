//! chitin: a POSIX job-control shell.

fn main() {
    let _ = chitin::shell::Shell::new();
    let _ = chitin::syntax::parse_program(b"");
    std::process::exit(0);
}
