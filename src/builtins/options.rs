//! A builtin's option words, read as bash's internal_getopt reads them: bundles (`-rs`), an
//! argument attached or in the next word (`-pPROMPT`, `-t 5`), `--` ending the options, a lone
//! `-` or any other word being the first operand; and bash's errors, each followed by the
//! builtin's usage line, status 2.

use super::util::{error, lossy};
use crate::shell::Shell;

/// One option read: its letter, whether it was given as `+x`, and its argument when the
/// specification says it takes one.
pub struct Opt<'a> {
    pub letter: u8,
    pub plus: bool,
    pub value: Option<&'a [u8]>,
}

/// Reads the options of `args` (`args[0]` is the builtin's name) one at a time.
pub struct Scanner<'a> {
    args: &'a [Vec<u8>],
    /// The option letters, each followed by `:` when it takes an argument (getopts's form).
    spec: &'a [u8],
    /// `+x` words are options too (`set`, `declare`, `compopt`).
    plus: bool,
    /// A word like `-5` is an operand (`fc -5`), not an invalid option.
    numbers_are_operands: bool,
    /// The word being read, and the place in it of the next letter (0: not started).
    word: usize,
    at: usize,
    /// The options have ended (`--` or the first operand seen).
    done: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(args: &'a [Vec<u8>], spec: &'a [u8]) -> Self {
        Scanner { args, spec, plus: false, numbers_are_operands: false, word: 1, at: 0, done: false }
    }

    pub fn with_plus(mut self) -> Self {
        self.plus = true;
        self
    }

    pub fn numbers_are_operands(mut self) -> Self {
        self.numbers_are_operands = true;
        self
    }

    /// The next option; `Ok(None)` once they end. An unknown letter or a missing argument is
    /// reported, with the usage line, and gives `Err(2)`; so does `--help` (after bash's
    /// description of the builtin, on stdout).
    pub fn next(&mut self, sh: &Shell) -> Result<Option<Opt<'a>>, i32> {
        if self.done {
            return Ok(None);
        }
        if self.at == 0 {
            let Some(w) = self.args.get(self.word) else {
                self.done = true;
                return Ok(None);
            };
            if w == b"--" {
                self.word += 1;
                self.done = true;
                return Ok(None);
            }
            let signed = w.len() >= 2 && (w[0] == b'-' || (self.plus && w[0] == b'+'));
            if !signed || (self.numbers_are_operands && w[1].is_ascii_digit()) {
                self.done = true;
                return Ok(None);
            }
            if w == b"--help" {
                super::help::describe(&lossy(&self.args[0]));
                return Err(2);
            }
            self.at = 1;
        }
        let w: &'a [u8] = &self.args[self.word];
        let (sign, letter) = (w[0], w[self.at]);
        self.at += 1;
        let takes_value = match self.spec.iter().position(|&c| c == letter && c != b':') {
            Some(i) => self.spec.get(i + 1) == Some(&b':'),
            None => {
                error(sh, self.args, format!("{}{}: invalid option", sign as char, lossy(&[letter])));
                return Err(usage_error(self.args));
            }
        };
        let mut value = None;
        if takes_value {
            if self.at < w.len() {
                value = Some(&w[self.at..]);
            } else {
                self.word += 1;
                let Some(v) = self.args.get(self.word) else {
                    error(sh, self.args, format!("{}{}: option requires an argument", sign as char, letter as char));
                    return Err(usage_error(self.args));
                };
                value = Some(v.as_slice());
            }
            self.at = w.len();
        }
        if self.at >= w.len() {
            self.word += 1;
            self.at = 0;
        }
        Ok(Some(Opt { letter, plus: sign == b'+', value }))
    }

    /// Index in `args` of the first operand, once [`Scanner::next`] gave `Ok(None)`.
    pub fn index(&self) -> usize {
        self.word.min(self.args.len())
    }

    /// The operands, once [`Scanner::next`] gave `Ok(None)`.
    pub fn operands(&self) -> &'a [Vec<u8>] {
        &self.args[self.index()..]
    }
}

/// Writes the builtin's usage line (`NAME: usage: SYNOPSIS`, no shell prefix, as bash) and
/// gives bash's status for a usage error.
pub fn usage_error(args: &[Vec<u8>]) -> i32 {
    let name = super::util::name(args);
    if let Some(synopsis) = super::help::synopsis(&name) {
        super::util::usage(&format!("{name}: usage: {synopsis}"));
    }
    2
}
