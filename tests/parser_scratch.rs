mod common;
#[test]
fn scratch() {
    let src = std::env::var("SRC").unwrap_or_default();
    println!("{}", common::dump(&src));
}
