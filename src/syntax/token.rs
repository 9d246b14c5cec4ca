//! Tokens: the grammar's operators, and what a word token's text spells (`Lit`), which the
//! lexer finds from the source bytes so the parser needs no word parts to see reserved words
//! and names.

use super::ast::{RedirOp, Word};
use super::lexer::is_name;

/// The operators of the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Semi,
    DSemi,
    SemiAnd,
    /// `;;&` (bash)
    DSemiAnd,
    Amp,
    AndIf,
    Pipe,
    OrIf,
    /// `|&` (bash): a pipe that also carries standard error.
    PipeAmp,
    LParen,
    RParen,
    Redir(RedirOp),
}

impl Op {
    pub(crate) fn text(self) -> &'static str {
        match self {
            Op::Semi => ";",
            Op::DSemi => ";;",
            Op::SemiAnd => ";&",
            Op::DSemiAnd => ";;&",
            Op::Amp => "&",
            Op::AndIf => "&&",
            Op::Pipe => "|",
            Op::OrIf => "||",
            Op::PipeAmp => "|&",
            Op::LParen => "(",
            Op::RParen => ")",
            Op::Redir(r) => match r {
                RedirOp::Input => "<",
                RedirOp::Output => ">",
                RedirOp::Clobber => ">|",
                RedirOp::Append => ">>",
                RedirOp::ReadWrite => "<>",
                RedirOp::DupInput => "<&",
                RedirOp::DupOutput => ">&",
                RedirOp::HereDoc => "<<",
                RedirOp::HereDocStrip => "<<-",
                RedirOp::HereString => "<<<",
                RedirOp::OutputBoth => "&>",
                RedirOp::AppendBoth => "&>>",
            },
        }
    }
}

/// What the parser needs to know of a word token's text, found while lexing it: so reserved
/// words and names are recognised from the source bytes, with or without the word's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lit {
    /// Quoted or expanded somewhere: never a reserved word or a name.
    Quoted,
    /// Unquoted text that spells one of the words the grammar looks for.
    Reserved(&'static [u8]),
    /// Unquoted text that is a name (`[A-Za-z_][A-Za-z0-9_]*`).
    Name,
    /// Any other unquoted text.
    Other,
}

impl Lit {
    /// Classifies unquoted text (backslash-newlines already removed): the reserved words
    /// (with bash's `[[` and `]]`), `time` and its `-p`, names, anything else.
    pub(crate) fn of(text: &[u8]) -> Lit {
        if (1..=8).contains(&text.len()) {
            let r: &'static [u8] = match word_key(text) {
                IF => b"if",
                THEN => b"then",
                ELSE => b"else",
                ELIF => b"elif",
                FI => b"fi",
                DO => b"do",
                DONE => b"done",
                CASE => b"case",
                ESAC => b"esac",
                WHILE => b"while",
                UNTIL => b"until",
                FOR => b"for",
                LBRACE => b"{",
                RBRACE => b"}",
                BANG => b"!",
                IN => b"in",
                TIME => b"time",
                SELECT => b"select",
                FUNCTION => b"function",
                DASH_P => b"-p",
                DBRACKET_OPEN => b"[[",
                DBRACKET_CLOSE => b"]]",
                _ => b"",
            };
            // (An eight-byte key leaves out the last byte: compare the whole word.)
            if !r.is_empty() && (text.len() < 8 || r == text) {
                return Lit::Reserved(r);
            }
        }
        if is_name(text) { Lit::Name } else { Lit::Other }
    }

    /// The reserved word (or `time`, `-p`) the token spells.
    pub(crate) fn reserved(self) -> Option<&'static [u8]> {
        match self {
            Lit::Reserved(r) => Some(r),
            _ => None,
        }
    }

    /// A valid name (for a loop variable or a function): reserved words are names too.
    pub(crate) fn is_name(self) -> bool {
        match self {
            Lit::Name => true,
            Lit::Reserved(r) => is_name(r),
            _ => false,
        }
    }
}

/// A short word (up to 7 bytes) and its length packed into one number, so the reserved words
/// are told apart by one `match` on an integer.
const fn word_key(s: &[u8]) -> u64 {
    let mut k = (s.len() as u64) << 56;
    let mut i = 0;
    while i < s.len() && i < 7 {
        k |= (s[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

const IF: u64 = word_key(b"if");
const THEN: u64 = word_key(b"then");
const ELSE: u64 = word_key(b"else");
const ELIF: u64 = word_key(b"elif");
const FI: u64 = word_key(b"fi");
const DO: u64 = word_key(b"do");
const DONE: u64 = word_key(b"done");
const CASE: u64 = word_key(b"case");
const ESAC: u64 = word_key(b"esac");
const WHILE: u64 = word_key(b"while");
const UNTIL: u64 = word_key(b"until");
const FOR: u64 = word_key(b"for");
const LBRACE: u64 = word_key(b"{");
const RBRACE: u64 = word_key(b"}");
const BANG: u64 = word_key(b"!");
const IN: u64 = word_key(b"in");
const TIME: u64 = word_key(b"time");
const SELECT: u64 = word_key(b"select");
/// Eight bytes: the key holds the first seven and the length (no other word is that long).
const FUNCTION: u64 = word_key(b"function");
const DASH_P: u64 = word_key(b"-p");
const DBRACKET_OPEN: u64 = word_key(b"[[");
const DBRACKET_CLOSE: u64 = word_key(b"]]");

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Word(Word, Lit),
    IoNumber(u32),
    /// `{name}` right before a redirection operator (bash).
    IoName(Vec<u8>),
    Op(Op),
    Newline,
    Eof,
}

