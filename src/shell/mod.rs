//! The state of one shell: variables, options, positional parameters, functions, aliases.
//!
//! Every layer (expansion, execution, builtins, job control, the prompt) works on a `&mut Shell`.
//! A forked subshell inherits a copy of this state; one run in the shell process saves and
//! restores what it changes (`exec::virtual_subshell`).

pub mod assign;
pub mod callstack;
pub mod dynamic;
pub mod exported_functions;
pub mod function;
pub mod hashlib;
pub mod hash;
pub mod locale;
pub mod options;
pub mod quote;
pub mod vars;

use std::collections::HashMap;
use std::rc::Rc;

pub use callstack::CallStack;
pub use function::Function;
pub use hash::FastMap;
pub use options::Options;
pub use vars::{is_name, Attrs, Key, Value, Var, VarError, Vars};

/// The status a non-interactive shell exits with after a shell error (an expansion error, a
/// special builtin's error, a syntax error): dash's, and bash's for syntax errors. XCU 2.8.2
/// asks only for a non-zero status; 2 keeps these apart from a command's plain failure.
pub const FATAL_ERROR_STATUS: i32 = 2;

/// Non-local control flow requested by `break`, `continue`, `return` and `exit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Leave `n` enclosing loops.
    Break(usize),
    /// Go on with the `n`-th enclosing loop.
    Continue(usize),
    /// Leave the current function or dot script.
    Return,
    /// Leave the shell with `last_status`.
    Exit,
    /// Abandon the command line and go back to the prompt (or on to the script's next
    /// command) with `last_status`: an interactive shell's ^C (130), a job stopped by ^Z
    /// inside a loop or function (148), recursion too deep to go on (1).
    Interrupt,
}

impl Flow {
    /// `exit`, `return` and an interrupt end every enclosing command (up to the shell, the
    /// function, the prompt) with the status already in `last_status`: no compound command or
    /// pipeline on the way may replace it with its own.
    #[inline]
    pub fn keeps_status(self) -> bool {
        matches!(self, Flow::Exit | Flow::Return | Flow::Interrupt)
    }
}

pub struct Shell {
    pub vars: Vars,
    pub options: Options,
    /// `$0`.
    pub arg0: Vec<u8>,
    /// `$1 ...`.
    pub positional: Vec<Vec<u8>>,
    /// Bumped by `set` giving new positional parameters: a file sourced with arguments at the
    /// top level that does that keeps them (bash).
    pub positional_sets: u32,
    /// `$?`.
    pub last_status: i32,
    /// `$!`, once an asynchronous list has been started.
    pub last_bg_pid: Option<i32>,
    /// `$$`: the pid of the main shell process (unchanged in subshells).
    pub shell_pid: i32,
    /// Shared with the subshells running in this process (`exec::virtual_subshell`) until
    /// one changes them: change through `Rc::make_mut`.
    pub functions: Rc<FastMap<Vec<u8>, Function>>,
    /// Function calls and sourced files being run (`FUNCNAME`, `caller`).
    pub call_stack: CallStack,
    /// Attributes given to functions (`declare -ft`, `-fx`, `-fr`); kept when a function is
    /// defined again, as in bash. Shared as `functions` is: change through `Rc::make_mut`.
    pub function_attrs: Rc<HashMap<Vec<u8>, Attrs>>,
    pub aliases: Rc<HashMap<Vec<u8>, Vec<u8>>>,
    /// Name used in messages: the script name, or `chitin`.
    pub script_name: Option<Vec<u8>>,
    /// Line of the command being executed (`LINENO`, error messages).
    pub lineno: u32,
    /// True when this process is a subshell (forked from the main shell).
    pub is_subshell: bool,
    /// Depth of function calls (for `return` validity).
    pub function_depth: usize,
    /// Depth of enclosing loops (for `break`/`continue` validity).
    pub loop_depth: usize,
    /// Pending non-local control flow, checked after every command.
    pub flow: Option<Flow>,
    /// Set by a special builtin on an error that XCU 2.8.1 makes fatal (usage error, readonly
    /// variable, `shift` past `$#`, ...). After running a special builtin (not through
    /// `command`) the executor exits a non-interactive shell when this is set; it clears it.
    pub special_builtin_error: bool,
    /// Command history (interactive shells; `history`, `fc`, the prompt's `!`).
    pub history: crate::interactive::history::History,
    /// `pushd`/`popd`/`dirs`: the directories below the current one, most recent first.
    pub dir_stack: Vec<Vec<u8>>,
    /// Traps and their actions (`trap`).
    pub traps: crate::exec::trap::Traps,
    /// Background jobs (`$!`, `wait`; the job-control issue extends it).
    pub jobs: crate::jobs::table::JobTable,
    /// The command hash table: name -> full path found in PATH (`hash`).
    pub cmd_hash: crate::exec::lookup::HashTable,
    /// Builtins turned off by `enable -n` (names from the builtin table); usually empty.
    pub disabled_builtins: Vec<&'static str>,
    /// Depth of contexts where `set -e` is ignored (if/while conditions, `!`, `&&`/`||` left
    /// operands).
    pub errexit_ignored: usize,
    /// The last command's failure happened where `set -e` was ignored (a compound command that
    /// ends with it does not trigger `set -e` either).
    pub failure_ignored: bool,
    /// Bumped by every command substitution (a command with no name takes the status of the
    /// last one).
    pub subst_count: u64,
    /// Depth of `.` scripts being run (for `return`).
    pub dot_depth: usize,
    /// The environment for children as C strings, rebuilt when `Vars::env_generation` moves.
    pub env_cache: Option<(u64, std::rc::Rc<crate::sys::process::CStrVec>)>,
    /// True while a trap action runs (traps do not nest).
    pub in_trap: bool,
    /// The shell's ends of the pipes of `<(...)` and `>(...)` of the commands being run,
    /// closed when the command that expanded them ends.
    pub process_sub_fds: Vec<i32>,
    /// The statuses of the last pipeline's commands (`PIPESTATUS`); one for a simple command.
    pub pipestatus: Vec<i32>,
    /// How many subshells deep this process is (`BASH_SUBSHELL`).
    pub subshell_level: u32,
    /// The text of the simple command being run (`BASH_COMMAND`), kept by the executor only
    /// while `track_command_text` is set (a DEBUG or ERR trap, or a script that read it).
    pub bash_command: Vec<u8>,
    pub track_command_text: bool,
    /// `$_`: the last word of the previous simple command.
    pub last_arg: Vec<u8>,
    /// `RANDOM`'s and `SECONDS`' state.
    pub generators: dynamic::Generators,
    /// Options saved by `local -`, with the function depth they are restored at.
    pub local_options: Vec<(usize, Options)>,
    /// `complete`'s specs and the completion being generated (`compopt`).
    pub completion: crate::builtins::complete::Completion,
    /// Subshells running in this process, innermost last. A field that a subshell may
    /// change must be saved and put back by `exec::virtual_subshell`.
    pub virtual_levels: Vec<crate::exec::virtual_subshell::Level>,
    /// The line editor's readline variables and key bindings (`bind`, `~/.inputrc`).
    pub readline: crate::interactive::readline::Readline,
}

impl Shell {
    pub fn new() -> Self {
        Shell {
            vars: Vars::new(),
            options: Options::default(),
            arg0: b"chitin".to_vec(),
            positional: Vec::new(),
            positional_sets: 0,
            last_status: 0,
            last_bg_pid: None,
            process_sub_fds: Vec::new(),
            shell_pid: std::process::id() as i32,
            functions: Default::default(),
            call_stack: CallStack::default(),
            function_attrs: Default::default(),
            aliases: Default::default(),
            script_name: None,
            lineno: 0,
            is_subshell: false,
            function_depth: 0,
            loop_depth: 0,
            flow: None,
            special_builtin_error: false,
            history: crate::interactive::history::History::new(),
            dir_stack: Vec::new(),
            traps: Default::default(),
            jobs: Default::default(),
            cmd_hash: Default::default(),
            disabled_builtins: Vec::new(),
            errexit_ignored: 0,
            failure_ignored: false,
            subst_count: 0,
            dot_depth: 0,
            env_cache: None,
            in_trap: false,
            local_options: Vec::new(),
            pipestatus: Vec::new(),
            subshell_level: 0,
            bash_command: Vec::new(),
            track_command_text: false,
            last_arg: Vec::new(),
            generators: Default::default(),
            completion: Default::default(),
            virtual_levels: Vec::new(),
            readline: Default::default(),
        }
    }

    /// `b` is not turned off by `enable -n`.
    pub fn builtin_enabled(&self, b: &crate::builtins::Builtin) -> bool {
        self.disabled_builtins.is_empty() || !self.disabled_builtins.contains(&b.name)
    }

    /// A shell standing in for the real one while the line editor holds it (see
    /// `interactive::ShellSlot`); nothing runs in it.
    pub fn placeholder() -> Self {
        Self::new()
    }

    /// The prefix of error messages: `chitin: ` or `chitin: script.sh: line 3: `.
    pub fn error_prefix(&self) -> String {
        match &self.script_name {
            Some(name) => format!(
                "chitin: {}: line {}: ",
                String::from_utf8_lossy(name),
                self.lineno
            ),
            None if !self.options.interactive => format!("chitin: line {}: ", self.lineno),
            None => "chitin: ".to_string(),
        }
    }

    /// A shell error that POSIX says ends a non-interactive shell (XCU 2.8.1: special builtin
    /// errors, variable assignment and expansion errors, ...): a non-interactive shell exits
    /// with [`FATAL_ERROR_STATUS`]; an interactive one goes on with `status` as `$?`.
    /// Returns the status the failed command returns.
    #[must_use]
    pub fn fatal(&mut self, status: i32) -> i32 {
        if self.options.interactive {
            self.last_status = status;
        } else {
            self.last_status = FATAL_ERROR_STATUS;
            self.flow = Some(Flow::Exit);
        }
        self.last_status
    }

    /// Sets `$?` to `status` and, unless the shell is interactive, makes it exit with it
    /// (a failed `exec cmd`: 126 or 127).
    pub fn exit_unless_interactive(&mut self, status: i32) {
        self.last_status = status;
        if !self.options.interactive {
            self.flow = Some(Flow::Exit);
        }
    }

    /// A command in tail position (the process exits right after it) may replace the process
    /// instead of being forked: no trap must run later, and the main shell must not have
    /// started asynchronous lists (they stay its children).
    pub fn may_exec_in_place(&self) -> bool {
        !self.traps.any_command() && (self.is_subshell || self.last_bg_pid.is_none())
    }

    /// `local -`: the options as they are now come back when the current function returns.
    pub fn save_options_for_return(&mut self) {
        let depth = self.function_depth;
        if self.local_options.last().is_none_or(|(d, _)| *d != depth) {
            self.local_options.push((depth, self.options.clone()));
        }
    }

    /// Puts back the options saved by `local -` in the function now returning.
    pub fn restore_local_options(&mut self) {
        if self.local_options.last().is_some_and(|(d, _)| *d == self.function_depth) {
            if let Some((_, o)) = self.local_options.pop() {
                self.options = o;
            }
        }
    }

    /// Writes `chitin: [script: line N: ]msg` to stderr.
    pub fn report_error(&self, msg: &str) {
        if crate::exec::virtual_subshell::abandoned(self) {
            // The subshell goes on in a child, which reports what it finds.
            return;
        }
        let line = format!("{}{}\n", self.error_prefix(), msg);
        crate::sys::fd::write_all(2, line.as_bytes());
    }
}

impl Default for Shell {
    fn default() -> Self {
        Self::new()
    }
}
