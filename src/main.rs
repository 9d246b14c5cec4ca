//! chitin: a POSIX job-control shell. Everything lives in the library; see `cli::main`.

fn main() {
    std::process::exit(chitin::cli::main(std::env::args_os().collect()));
}
