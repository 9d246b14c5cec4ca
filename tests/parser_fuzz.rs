//! Property test: random and mutated scripts never make the parser panic, hang or overflow the
//! stack; each gives a tree or a clean error; the fast `-n` mode agrees with the full parse.
use std::collections::HashMap;
use std::time::{Duration, Instant};

use chitin::syntax::{ParseError, Parser, SliceSource, parse_program};

mod rng;
use rng::Rng;

const PIECES: &[&[u8]] = &[
    b" ", b" ", b"\n", b"\t", b";", b";;", b";&", b"&", b"&&", b"|", b"||", b"(", b")", b"{", b"}",
    b"<", b">", b">>", b"<<", b"<<-", b"<&", b">&", b"<>", b">|", b"2>", b"'", b"\"", b"`", b"\\",
    b"\\\n", b"$", b"$(", b"$((", b"))", b"${", b"${#", b":-", b"%%", b"##", b"$'", b"$@", b"$1",
    b"#", b"=", b"~", b"*", b"?", b"[", b"]", b"!", b"if", b"then", b"elif", b"else", b"fi",
    b"for", b"in", b"do", b"done", b"while", b"until", b"case", b"esac", b"time", b"echo", b"x",
    b"a=b", b"f()", b"EOF", b"\nEOF\n", b"\0", b"\xff", b"\xc3", b"\x80", b"\r", b"0x1f", b"+",
    b"-", b"-p", b"i\\\nf", b"d\\\no", b"export", b"f", b"_9", b"9a",
    // bash: arithmetic commands and loops, select, the function keyword, `;;&`.
    b"((", b"for ((", b";;&", b"select", b"function", b"**", b"16#ff", b"x++", b"foo-bar()",
    // The bash parameter operators.
    b"${!", b"/", b"//", b":", b"^^", b",,", b"~~", b"@Q", b"*}", b"@}",
    // bash: brace expansion, $"...", here-strings, &> &>>, |&, {name}>, process substitution.
    b"{a,b}", b"{1..3}", b",", b"..", b"$\"", b"<<<", b"&>", b"&>>", b"|&", b"{fd}>", b"{fd}<&-",
    b"<(", b">(", b"3>&4-", b"\\u00e9", b"\\c",
    // bash: `[[ ]]` and its operators, regexes and extended patterns.
    b"[[", b"]]", b"[[ ", b" ]]", b"==", b"!=", b"=~", b"-eq", b"-f", b"-v", b"-nt", b"@(", b"+(",
];

const SEEDS: &[&str] = &[
    "if a; then b; elif c; then d; else e; fi\n",
    "for x in a b \"$@\"; do echo \"${x:-def}\" | tr a b >>out 2>&1; done\n",
    "case $1 in (a|b) echo ab;; *) echo $((1 + 2 * x));& esac\n",
    "f() { cat <<EOF; }\nbody $x `date` $(pwd)\nEOF\n",
    "while read -r l; do x=$(echo \"$l\" | sed 's/a/b/'); done <file &\n",
    "echo ${x#*/} ${x%%.*} ${#x} $'a\\nb' ~/x 'q' \"w\" \\e\n",
    "cat <<-A <<B\n\ta\n\tA\nb\nB\n",
    "{ (a && b) || ! c; } >f\n",
    "(( x += 2 ** 3, y = 16#ff )) && echo $(( x++ )) \"$(( \"$y\" ))\"\n",
    "for ((i = 0; i < $n; i++)); do echo $i; done; for ((;;)) { break; }\n",
    "select x in a b; do echo \"$x $REPLY\"; break; done\nselect y; { :; }\n",
    "function f { echo; }; function g() ( echo ) >f; h-i() { ((1)); }\n",
    "case $x in a) echo;;& b) echo;& *) ;; esac; ((echo a) ); ((echo b); (echo c))\n",
    "[[ ( $a == b* && ! -n $c ) || x =~ ^(a|b c)$ || 1+2 -eq $i ]] && [[ a == @(x|y z) ]]\n",
    "[[ a &&\n b ]] || [[ -v a[1] && a < b && a -nt b ]]; [[ $x =~ ([a-z]+\n)| ]]\n",
    "echo ${x/a/b} ${x//\\//_} \"${x/#a/&}\" ${x:1:-1} ${x: -2} ${x:a?1:2} ${x^^[ab]} ${x,} ${!r} ${!p*} \"${!p@}\" ${x@Q} ${@:2}\n",
    "echo a{b,c{1..3}}d $\"x $y\" $'\\u41\\c?' <<<\"$x\" &>f |& cat {fd}>g; exec {fd}>&-\n",
    "diff <(sort a) >(cat) x<(b) 3>&4- < <(echo) &>>log; cat <<$'E'\nbody\nE\n",
];

fn random_script(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(60);
    let mut s = Vec::new();
    for _ in 0..n {
        let p: &[u8] = *rng.pick(PIECES);
        s.extend_from_slice(p);
    }
    s
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut s = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = s.len().max(1);
        let at = rng.below(len);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(8)).min(s.len());
                if at < end {
                    s.drain(at..end);
                }
            }
            1 => {
                let piece: &[u8] = *rng.pick(PIECES);
                let at = at.min(s.len());
                s.splice(at..at, piece.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(s.len());
                let chunk = s[at.min(end)..end].to_vec();
                s.splice(at.min(s.len())..at.min(s.len()), chunk);
            }
            _ => {
                if at < s.len() {
                    s[at] = rng.next() as u8;
                }
            }
        }
    }
    s
}

fn deep(rng: &mut Rng) -> Vec<u8> {
    let openers: &[&[u8]] = &[
        b"(",
        b"{ ",
        b"$(",
        b"\"$(",
        b"${x:-",
        b"if ",
        b"while ",
        b"`",
        b"$((",
        b"case x in x) ",
    ];
    let n = 500 + rng.below(2500);
    let mut s = Vec::new();
    for _ in 0..n {
        let p: &[u8] = *rng.pick(openers);
        s.extend_from_slice(p);
    }
    s
}

/// Parses `src` in full mode and in `-n` mode; they must agree.
fn check(src: &[u8]) -> Result<(), ParseError> {
    let full = parse_program(src).map(|_| ());
    let mut p = Parser::new(SliceSource::new(src), 1);
    p.set_check_only(true);
    let al = HashMap::new();
    let fast = loop {
        match p.next_command(&al) {
            Ok(Some(_)) => {}
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    assert_eq!(
        full,
        fast,
        "full and -n parses disagree on {:?}",
        String::from_utf8_lossy(src)
    );
    if let Err(e) = &full {
        assert!(!e.message.is_empty() && e.line >= 1, "bad error {e:?}");
    }
    full
}

/// The interactive loop: parse, on error recover and go on; must reach the end.
fn recover_loop(src: &[u8]) {
    let mut p = Parser::new(SliceSource::new(src), 1);
    let al: HashMap<Vec<u8>, Vec<u8>> = [
        (b"x".to_vec(), b"echo x ".to_vec()),
        (b"echo".to_vec(), b"echo ".to_vec()),
    ]
    .into();
    for _ in 0..src.len() + 10 {
        match p.next_command(&al) {
            Ok(None) => return,
            Ok(Some(_)) => {}
            Err(_) => p.recover(),
        }
    }
    panic!(
        "parser made no progress on {:?}",
        String::from_utf8_lossy(src)
    );
}

#[test]
fn random_and_mutated_scripts() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let start = Instant::now();
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            let (mut ok, mut err) = (0, 0);
            // CHITIN_FUZZ_CASES=1000000 for a longer run by hand.
            let cases = std::env::var("CHITIN_FUZZ_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(20_000);
            for i in 0..cases {
                let src = match i % 4 {
                    0 => random_script(&mut rng),
                    1 | 2 => {
                        let seed: &str = *rng.pick(SEEDS);
                        let seed = seed.as_bytes();
                        mutate(&mut rng, seed)
                    }
                    _ if i % 40 == 3 => deep(&mut rng),
                    _ => {
                        let a: &str = *rng.pick(SEEDS);
                        let a = a.as_bytes().to_vec();
                        let b = random_script(&mut rng);
                        [a, b].concat()
                    }
                };
                let t = Instant::now();
                match check(&src) {
                    Ok(()) => ok += 1,
                    Err(_) => err += 1,
                }
                recover_loop(&src);
                assert!(
                    t.elapsed() < Duration::from_secs(2),
                    "slow input {:?}",
                    String::from_utf8_lossy(&src)
                );
            }
            assert!(
                ok > 100 && err > 100,
                "generator too one-sided: {ok} ok, {err} errors"
            );
            assert!(cases > 20_000 || start.elapsed() < Duration::from_secs(60));
        })
        .expect("thread")
        .join()
        .expect("no panic");
}

#[test]
fn huge_inputs() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            // A 1 MB here-document, a 1 MB quoted string, 10,000 levels of nesting.
            let mut doc = b"cat <<EOF\n".to_vec();
            doc.extend(
                std::iter::repeat_n(b"some text $x and more\n".as_slice(), 50_000).flatten(),
            );
            doc.extend_from_slice(b"EOF\n");
            assert!(check(&doc).is_ok());
            let mut quoted = b"echo '".to_vec();
            quoted.extend(std::iter::repeat_n(b'a', 1 << 20));
            assert!(check(&quoted).is_err());
            for opener in ["(", "{ ", "$(", "\"$(", "${x-", "if "] {
                let e = check(opener.repeat(10_000).as_bytes()).expect_err("too deep");
                // (`((` without its `))` is an unfinished arithmetic command, as in bash.)
                assert!(
                    e.message.contains("nesting too deep")
                        || e.message.contains("unterminated")
                        || e.message.contains("end of file"),
                    "{e:?}"
                );
            }
            let nul = b"echo a\0b; ec\0ho\n\0\0 | \0\n".to_vec();
            let _ = check(&nul);
        })
        .expect("thread")
        .join()
        .expect("no panic");
}
