//! The typed syntax tree of POSIX XCU 2.10.
//!
//! Everything a user wrote is kept as bytes (`Vec<u8>`): words, names and here-document bodies
//! need not be UTF-8. Nodes that matter for error messages and `LINENO` carry a [`Span`].
//! Function bodies are behind `Rc` so defining or calling a function never copies its tree.

use std::rc::Rc;

/// Where a node came from: byte offsets into the source and the 1-based line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub line: u32,
}

/// A sequence of and-or lists separated by `;`, `&` or newlines (`compound_list`, `program`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct List {
    pub items: Vec<ListItem>,
}

impl List {
    /// The pipeline when the list is just one, run in the foreground as it is: no `&`, `&&`,
    /// `||`, `!` or `time` (`$(cmd)`, `$(< file)`, an exported function's text).
    pub fn lone_pipeline(&self) -> Option<&Pipeline> {
        let [item] = self.items.as_slice() else { return None };
        let p = &item.and_or.first;
        let plain = !item.is_async && item.and_or.rest.is_empty() && !p.negated && p.timed == Timed::No;
        plain.then_some(p)
    }

    /// The command when the list is one [`Self::lone_pipeline`] of one command.
    pub fn lone_command(&self) -> Option<&Command> {
        match self.lone_pipeline()?.commands.as_slice() {
            [c] => Some(c),
            _ => None,
        }
    }
}

/// One and-or list and how it was terminated.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub and_or: AndOr,
    /// Terminated by `&`: run asynchronously.
    pub is_async: bool,
    pub span: Span,
}

/// `p1 && p2 || p3 ...`
#[derive(Debug, Clone, PartialEq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(AndOrOp, Pipeline)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AndOrOp {
    And,
    Or,
}

/// Whether a pipeline is timed, and how the times are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timed {
    #[default]
    No,
    /// `time`: reported with `$TIMEFORMAT`.
    Yes,
    /// `time -p`: reported in the POSIX format (`real 0.10`).
    Posix,
}

/// `[time] [!] cmd1 | cmd2 | ...`
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    pub negated: bool,
    /// Preceded by the `time` reserved word (bash/ksh extension, for the interactive issue).
    pub timed: Timed,
    pub commands: Vec<Command>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Simple(SimpleCommand),
    Compound(CompoundCommand, Vec<Redirect>),
    FunctionDef(Rc<FunctionDef>),
}

/// Assignments, words and redirections, in the order the grammar allows them to mix.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimpleCommand {
    pub assigns: Vec<Assign>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    pub span: Span,
}

/// `name=value`, `name+=value`, `name[sub]=value`, `name=(...)` in assignment position.
#[derive(Debug, Clone, PartialEq)]
pub struct Assign {
    pub name: Vec<u8>,
    /// `name[sub]=...`: the subscript as written (expanded, then evaluated as arithmetic for
    /// an indexed array or taken as the key of an associative one).
    pub subscript: Option<Word>,
    /// `+=`: append to the value (or to the array).
    pub append: bool,
    pub value: AssignValue,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AssignValue {
    /// `name=word`.
    Scalar(Word),
    /// `name=(item ...)` (bash).
    Array(Vec<ArrayItem>),
}

/// One item of a compound array assignment `name=(...)`.
#[derive(Debug, Clone, PartialEq)]
pub enum ArrayItem {
    /// A word, expanded as a command argument (split, globbed) into elements.
    Word(Word),
    /// `[sub]=value` or `[sub]+=value`: one element, the value expanded as an assignment's.
    Keyed { subscript: Word, append: bool, value: Word },
}

#[derive(Debug, Clone, PartialEq)]
pub enum CompoundCommand {
    /// `{ list; }`
    BraceGroup(List),
    /// `( list )`
    Subshell(List),
    /// `for name [in words]; do list; done`; `words` is `None` when `in` was absent (`"$@"`).
    For { var: Vec<u8>, words: Option<Vec<Word>>, body: List, span: Span },
    /// `case word in (pat|pat) list ;; ... esac`
    Case { word: Word, arms: Vec<CaseArm>, span: Span },
    /// `if c1; then b1; elif c2; then b2; else b3; fi`: `branches` holds (c1,b1), (c2,b2).
    If { branches: Vec<(List, List)>, else_body: Option<List>, span: Span },
    While { cond: List, body: List, span: Span },
    Until { cond: List, body: List, span: Span },
    /// `(( expr ))` (bash): true when the value is not zero.
    Arith { expr: Box<Arith>, span: Span },
    /// `for (( init; test; step ))` (bash); an empty clause is `None` (an empty test is true).
    /// (Boxed: a command's size is paid by every command, and by each level of recursion.)
    ArithFor { init: Option<Box<Arith>>, test: Option<Box<Arith>>, step: Option<Box<Arith>>, body: List, span: Span },
    /// `select name [in words]; do list; done` (bash); `words` as for `For`.
    Select { var: Vec<u8>, words: Option<Vec<Word>>, body: List, span: Span },
    /// `[[ expression ]]` (bash): evaluated from this tree, never re-parsed.
    DoubleBracket(CondExpr, Span),
}

/// The expression of `[[ ... ]]`, with bash's precedence: `!` over `&&` over `||`.
#[derive(Debug, Clone, PartialEq)]
pub enum CondExpr {
    And(Box<CondExpr>, Box<CondExpr>),
    Or(Box<CondExpr>, Box<CondExpr>),
    Not(Box<CondExpr>),
    /// `( e )`: kept so that `set -x` shows `! ( -n a )` as bash does (without the `!`).
    Group(Box<CondExpr>),
    /// A unary primary: `op` is the operator's letter (`b'f'` for `-f`), one of
    /// [`COND_UNARY_OPS`]. A lone word is `-n word`.
    Unary { op: u8, word: Word },
    /// A binary primary on strings or files.
    Binary(Box<CondBinary>),
    /// `-eq -ne -lt -le -gt -ge`: both operands are arithmetic expressions.
    Arith(Box<CondArith>),
}

/// The letters of bash's unary operators in `[[ ]]` (`-a` to `-z`, `-G -L -N -O -R -S`).
pub const COND_UNARY_OPS: &[u8] = b"abcdefghknoprstuvwxzGLNORS";

#[derive(Debug, Clone, PartialEq)]
pub struct CondBinary {
    pub op: CondBinaryOp,
    pub left: Word,
    /// For `== = !=` a pattern, for `=~` a regular expression: quoted parts are literal.
    pub right: Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CondBinaryOp {
    /// `=`
    Match,
    /// `==` (the same test as `=`; kept apart for `set -x`)
    MatchEq,
    /// `!=`
    NoMatch,
    /// `=~`
    Regex,
    /// `<`
    Less,
    /// `>`
    Greater,
    /// `-nt`
    NewerThan,
    /// `-ot`
    OlderThan,
    /// `-ef`
    SameFile,
}

impl CondBinaryOp {
    /// The operator for the text of an unquoted word, if it is one.
    pub fn from_text(s: &[u8]) -> Option<CondBinaryOp> {
        Some(match s {
            b"=" => CondBinaryOp::Match,
            b"==" => CondBinaryOp::MatchEq,
            b"!=" => CondBinaryOp::NoMatch,
            b"=~" => CondBinaryOp::Regex,
            b"<" => CondBinaryOp::Less,
            b">" => CondBinaryOp::Greater,
            b"-nt" => CondBinaryOp::NewerThan,
            b"-ot" => CondBinaryOp::OlderThan,
            b"-ef" => CondBinaryOp::SameFile,
            _ => return None,
        })
    }

    pub fn text(self) -> &'static str {
        match self {
            CondBinaryOp::Match => "=",
            CondBinaryOp::MatchEq => "==",
            CondBinaryOp::NoMatch => "!=",
            CondBinaryOp::Regex => "=~",
            CondBinaryOp::Less => "<",
            CondBinaryOp::Greater => ">",
            CondBinaryOp::NewerThan => "-nt",
            CondBinaryOp::OlderThan => "-ot",
            CondBinaryOp::SameFile => "-ef",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CondArith {
    pub op: ArithCmp,
    pub left: ArithOperand,
    pub right: ArithOperand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithCmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl ArithCmp {
    pub fn from_text(s: &[u8]) -> Option<ArithCmp> {
        Some(match s {
            b"-eq" => ArithCmp::Eq,
            b"-ne" => ArithCmp::Ne,
            b"-lt" => ArithCmp::Lt,
            b"-le" => ArithCmp::Le,
            b"-gt" => ArithCmp::Gt,
            b"-ge" => ArithCmp::Ge,
            _ => return None,
        })
    }

    pub fn text(self) -> &'static str {
        match self {
            ArithCmp::Eq => "-eq",
            ArithCmp::Ne => "-ne",
            ArithCmp::Lt => "-lt",
            ArithCmp::Le => "-le",
            ArithCmp::Gt => "-gt",
            ArithCmp::Ge => "-ge",
        }
    }
}

/// An operand of `-eq` and the others: the word is expanded, then evaluated as an arithmetic
/// expression. `expr` holds the expression parsed once at parse time when that is possible.
#[derive(Debug, Clone, PartialEq)]
pub struct ArithOperand {
    pub word: Word,
    pub expr: OperandExpr,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OperandExpr {
    /// The word has no expansions and its text (kept for messages) parses to `expr`.
    Static { expr: ArithExpr, text: Vec<u8> },
    /// The word's expansions are plain parameters standing as whole operands (`$i`, `$a+1`):
    /// `ArithExpr::Slot(k)` is `params[k]` (see [`Arith::Template`]).
    Template(Vec<Param>, ArithExpr),
    /// Expanded and parsed at run time.
    Dynamic,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseArm {
    pub patterns: Vec<Word>,
    pub body: List,
    /// How the arm ended: `;;` (or `esac`), POSIX 2024 `;&`, or bash's `;;&`.
    pub terminator: CaseTerminator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseTerminator {
    /// `;;`
    Break,
    /// `;&`: run the next arm's list without testing its patterns.
    FallThrough,
    /// `;;&` (bash): go on testing the patterns of the following arms.
    TestNext,
}

/// `name() compound-command [redirections]`
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    pub name: Vec<u8>,
    pub body: CompoundCommand,
    pub redirects: Vec<Redirect>,
    pub span: Span,
}

#[derive(Clone, PartialEq)]
pub struct Redirect {
    /// The IO_NUMBER, if one was written (`2>`); otherwise the operator's default fd.
    pub fd: Option<u32>,
    /// `{name}>file` (bash): the shell picks a descriptor of 10 or more and stores its number
    /// in `name`; for `{name}>&-` the descriptor named by the variable's value is closed.
    pub var: Option<Vec<u8>>,
    pub op: RedirOp,
    pub target: RedirTarget,
    pub span: Span,
}

impl std::fmt::Debug for Redirect {
    /// As derived, without `var` when there is none (parser snapshots predate it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Redirect");
        d.field("fd", &self.fd);
        if let Some(v) = &self.var {
            d.field("var", &String::from_utf8_lossy(v));
        }
        d.field("op", &self.op).field("target", &self.target).field("span", &self.span).finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`
    Input,
    /// `>`
    Output,
    /// `>|`
    Clobber,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `<&`
    DupInput,
    /// `>&`
    DupOutput,
    /// `<<`
    HereDoc,
    /// `<<-`
    HereDocStrip,
    /// `<<<word` (bash): the expanded word and a newline.
    HereString,
    /// `&>word` (bash): standard output and standard error to the file.
    OutputBoth,
    /// `&>>word` (bash): both appended to the file.
    AppendBoth,
}

impl RedirOp {
    /// The fd a redirection applies to when no IO_NUMBER was written.
    pub fn default_fd(self) -> u32 {
        match self {
            RedirOp::Input
            | RedirOp::ReadWrite
            | RedirOp::DupInput
            | RedirOp::HereDoc
            | RedirOp::HereDocStrip
            | RedirOp::HereString => 0,
            RedirOp::Output
            | RedirOp::Clobber
            | RedirOp::Append
            | RedirOp::DupOutput
            | RedirOp::OutputBoth
            | RedirOp::AppendBoth => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RedirTarget {
    /// A file name, or for `<&`/`>&` an fd number or `-`.
    Word(Word),
    HereDoc(HereDoc),
}

#[derive(Debug, Clone, PartialEq)]
pub struct HereDoc {
    /// The delimiter as written, after quote removal.
    pub delimiter: Vec<u8>,
    /// Any part of the delimiter was quoted: the body is taken literally.
    pub quoted: bool,
    /// The body (tabs already stripped for `<<-`). When `quoted`, a single `Literal` part;
    /// otherwise parameter, command and arithmetic expansions as in double quotes.
    pub body: Word,
}

/// A word is a sequence of parts; quoting is kept so that expansion knows what may split or glob.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    pub parts: Vec<WordPart>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WordPart {
    /// Unquoted text. Glob characters (`* ? [`) in it are active.
    Literal(Vec<u8>),
    /// `'...'`, a backslash-escaped character, or in double quotes text taken literally:
    /// never split, never globbed.
    Quoted(Vec<u8>),
    /// `"..."`: the nested parts are never field-split or globbed.
    DoubleQuoted(Vec<WordPart>),
    /// `$name`, `${...}`.
    Param(Box<ParamExp>),
    /// `$(...)` or `` `...` `` (already re-parsed with the backquote quoting rules).
    CommandSub(Rc<List>),
    /// `<(list)` or (`output`) `>(list)` (bash): the list runs asynchronously connected to a
    /// pipe, and the word holds the pipe's name `/dev/fd/N`.
    ProcessSub { list: Rc<List>, output: bool },
    /// `$((...))`.
    Arith(Box<Arith>),
    /// A tilde prefix at the start of a word or after `:` / `=` in an assignment:
    /// `~` is `Tilde(None)`, `~user` is `Tilde(Some(b"user"))`.
    Tilde(Option<Vec<u8>>),
}

/// `$((...))`: parsed once when its text holds no expansions; otherwise expanded as a
/// double-quoted word at run time and then parsed (POSIX expands before evaluating).
#[derive(Debug, Clone, PartialEq)]
pub enum Arith {
    /// Text without expansions, parsed once; the text is kept for error messages.
    Static { expr: ArithExpr, text: Box<[u8]> },
    Dynamic(Word),
    /// A dynamic `$((...))` whose expansions are all plain parameters standing as whole
    /// operands: `expr` holds `ArithExpr::Slot(i)` for `params[i]`. When every value is a
    /// canonical decimal integer, evaluating `expr` equals textual substitution; otherwise
    /// `word` is expanded and parsed as for `Dynamic`.
    Template {
        word: Word,
        params: Vec<Param>,
        expr: ArithExpr,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParamExp {
    pub param: Param,
    pub op: ParamOp,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A variable name.
    Var(Vec<u8>),
    /// `$1`, `${10}`; `$0` is `Special(b'0')`.
    Positional(usize),
    /// One of `@ * # ? - $ ! 0`.
    Special(u8),
    /// `${!ref}`: the parameter whose name is the value of `ref` (bash).
    Indirect(Box<Param>),
    /// `name[subscript]` (bash arrays).
    Element(Box<Element>),
}

/// `name[...]` inside `${...}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: Vec<u8>,
    pub index: Index,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Index {
    /// `[@]`: every element, as `$@` has every positional parameter.
    All,
    /// `[*]`: every element, joined as `$*`.
    Star,
    /// `[sub]` as written: expanded, then evaluated as arithmetic for an indexed array or
    /// taken as the key of an associative one.
    Expr(Word),
    /// An evaluated index or key: made by the expander from `Expr`, never by the parser.
    Number(i64),
    Key(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParamOp {
    /// `$x`, `${x}`
    Plain,
    /// `${#x}`
    Length,
    /// `${x-w}` / `${x:-w}`
    Default { colon: bool, word: Word },
    /// `${x=w}` / `${x:=w}`
    Assign { colon: bool, word: Word },
    /// `${x?w}` / `${x:?w}`
    Error { colon: bool, word: Word },
    /// `${x+w}` / `${x:+w}`
    Alternative { colon: bool, word: Word },
    /// `${x%w}`
    RemoveSmallestSuffix(Word),
    /// `${x%%w}`
    RemoveLargestSuffix(Word),
    /// `${x#w}`
    RemoveSmallestPrefix(Word),
    /// `${x##w}`
    RemoveLargestPrefix(Word),
    /// `${x/pat/rep}`, `${x//pat/rep}` (`all`); `${x/#pat/rep}` and `${x/%pat/rep}` keep
    /// their `#` / `%` at the start of `pattern`, where bash looks for it after expanding the
    /// pattern. `replacement` is `None` without a second `/` (bash).
    Replace { all: bool, pattern: Word, replacement: Option<Word> },
    /// `${x:offset}`, `${x:offset:length}` (bash).
    Substring(Box<Substring>),
    /// `${x^pat}` `${x^^pat}` `${x,pat}` `${x,,pat}` `${x~pat}` `${x~~pat}` (bash); an empty
    /// pattern matches every character.
    Case { to: CaseTo, all: bool, pattern: Word },
    /// `${x@Q}` and the other transformations: the operator letter (bash).
    Transform(u8),
    /// `${!prefix*}` (`star`) and `${!prefix@}`: the names of the set variables that begin
    /// with the prefix, which is the parameter's name (bash).
    Names { star: bool },
    /// Anything else between `${` and `}` (`${x!}`, `${}`, `${x@Z}`): the parser accepts it
    /// (as bash and dash do) and expanding it is a "bad substitution" error. Holds the text
    /// between the braces.
    Invalid(Vec<u8>),
}

/// The direction of a case modification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseTo {
    Upper,
    Lower,
    Toggle,
}

/// The offset and length of `${x:offset:length}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Substring {
    pub offset: SubArith,
    pub length: Option<SubArith>,
}

/// An arithmetic expression inside `${...}`: the word as written (expanded as in double
/// quotes, then evaluated), and its parse when the text holds no expansion.
#[derive(Debug, Clone, PartialEq)]
pub struct SubArith {
    /// The source text, for messages and listings.
    pub text: Vec<u8>,
    pub word: Word,
    pub expr: Option<ArithExpr>,
}

/// Arithmetic expressions (XCU 2.6.4, the C subset POSIX requires).
#[derive(Debug, Clone, PartialEq)]
pub enum ArithExpr {
    Number(i64),
    /// A variable referenced by name; its value is itself evaluated as an expression.
    /// `at`: where its name starts in the text (bash's error token when its value recurses).
    Var { name: Vec<u8>, at: u32 },
    Unary(UnaryOp, Box<ArithExpr>),
    /// An operator that cannot fail.
    Binary(BinaryOp, Box<ArithExpr>, Box<ArithExpr>),
    /// `/`, `%` and `**`, which fail on a zero divisor or a negative exponent; `at` is where
    /// bash's error token starts in the text.
    Checked { op: BinaryOp, lhs: Box<ArithExpr>, rhs: Box<ArithExpr>, at: u32 },
    /// `c ? a : b`
    Conditional(Box<ArithExpr>, Box<ArithExpr>, Box<ArithExpr>),
    /// `x = e`, `x += e`, ...; `op` is `None` for plain `=`. `at`: the error token of `/=`
    /// and `%=` by zero.
    Assign { name: Vec<u8>, op: Option<BinaryOp>, value: Box<ArithExpr>, at: u32 },
    /// `++x`, `--x`, `x++`, `x--` (accepted as dash and bash do).
    IncDec { name: Vec<u8>, increment: bool, prefix: bool },
    /// The value of the i-th parameter of an `Arith::Template` (never produced by `parse`).
    Slot(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Plus,
    Minus,
    Not,
    BitNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    LogAnd,
    LogOr,
    /// `a , b` (bash extension, harmless)
    Comma,
    /// `a ** b` (bash)
    Pow,
}

#[cfg(test)]
mod size_tests {
    /// Every command pays for the largest variant, and so does each level of the executor's
    /// and the parser's recursion (deep nesting under a small stack): box big variants.
    #[test]
    fn commands_stay_small() {
        assert!(std::mem::size_of::<super::CompoundCommand>() <= 88);
    }
}
