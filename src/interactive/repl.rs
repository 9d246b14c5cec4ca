//! The interactive read-eval loop. The executor and the job-control layer plug in through
//! [`Hooks`], so this module only knows about prompts, history and the line editor.

use super::Interactive;
use crate::shell::{Flow, Shell};
use crate::syntax::Parser;
use crate::syntax::ast::List;

pub struct Hooks<'a> {
    /// Runs one command; returns false when the shell must leave (`exit`).
    pub exec: &'a mut dyn FnMut(&mut Shell, &List) -> bool,
    /// Before each PS1: reclaim the terminal, report finished jobs, run pending traps.
    pub before_prompt: &'a mut dyn FnMut(&mut Shell),
    /// Ctrl-D on an empty line: true to leave, false to stay (stopped jobs warning).
    pub on_eof: &'a mut dyn FnMut(&mut Shell) -> bool,
}

/// Reads and runs commands until EOF or `exit`; returns the last status.
pub fn run(sh: &mut Shell, hooks: Hooks<'_>) -> i32 {
    let ia = Interactive::new(sh);
    let mut parser = Parser::new(ia.source(), 1);
    loop {
        (hooks.before_prompt)(sh);
        if sh.flow == Some(Flow::Exit) {
            // A trap action run before the prompt said `exit`.
            break;
        }
        run_prompt_command(sh);
        if sh.flow == Some(Flow::Exit) {
            break;
        }
        ia.before_prompt(sh);
        // An empty (or comment) line shows a fresh PS1 after the before-prompt work again.
        if !parser.has_unparsed_input() && ia.lend(sh, || ia.read_ahead()) {
            ia.command_read(sh);
            continue;
        }
        crate::exec::note_locale(sh);
        let r = read_command(sh, &ia, &mut parser);
        if crate::sys::signal::hangup_pending() {
            // The read was cut short by a hangup: the before-prompt hook leaves.
            continue;
        }
        if ia.take_interrupted() {
            sh.last_status = 130;
            if sh.traps.get(libc::SIGINT).is_some() {
                // The editor read ^C as a key, so no signal came: its trap runs all the same
                // (before the next prompt), as in bash.
                crate::sys::signal::record(libc::SIGINT);
            }
            parser = Parser::new(ia.source(), parser.line());
            continue;
        }
        if ia.take_discarded(sh) {
            parser = Parser::new(ia.source(), parser.line());
            continue;
        }
        if let Some((line, delimiter)) = parser.take_heredoc_at_eof() {
            warn_heredoc_at_eof(sh, line, &delimiter);
        }
        // ^D at PS2 ends this command only (what it holds runs or is reported below); the
        // parser has seen end of input, so a fresh one reads the next command at PS1.
        let cut = ia.take_eof_at_ps2();
        if cut {
            parser = Parser::new(ia.source(), parser.line());
        }
        match r {
            Ok(Some(cmd)) => {
                show_ps0(sh);
                sh.history.commands_read += 1;
                ia.command_read(sh);
                if !(hooks.exec)(sh, &cmd) {
                    break;
                }
            }
            Ok(None) if cut => ia.command_read(sh),
            Ok(None) => {
                // (`on_eof` says `exit` or `logout` after the ^D, so the next shell prompt
                // starts on its own line.)
                if (hooks.on_eof)(sh) {
                    break;
                }
            }
            Err(e) => {
                ia.command_read(sh);
                sh.report_error(&e.message);
                sh.last_status = 2;
                parser.recover();
            }
        }
    }
    sh.last_status
}

/// Reads the next command with the shell lent to the editor (see [`Interactive::lend`]): the
/// parser gets its options and a copy of the aliases first.
fn read_command(
    sh: &mut Shell,
    ia: &Interactive,
    parser: &mut Parser<super::InteractiveSource>,
) -> Result<Option<crate::syntax::ast::List>, crate::syntax::ParseError> {
    use crate::shell::options::Shopt;
    parser.set_extglob(sh.options.shopt(Shopt::Extglob));
    parser.set_comments(sh.options.interactive_comments.0);
    let aliases = if sh.options.shopt(Shopt::ExpandAliases) { sh.aliases.clone() } else { Default::default() };
    ia.lend(sh, || parser.next_command(&aliases))
}

/// bash's warning for a here-document ended by ^D instead of its delimiter.
fn warn_heredoc_at_eof(sh: &Shell, line: u32, delimiter: &[u8]) {
    let mut msg = sh.error_prefix().into_bytes();
    msg.extend_from_slice(
        format!("warning: here-document at line {line} delimited by end-of-file (wanted `")
            .as_bytes(),
    );
    msg.extend_from_slice(delimiter);
    msg.extend_from_slice(b"')\n");
    crate::sys::fd::write_all(2, &msg);
}

/// `PROMPT_COMMAND` before each PS1: a string, or (bash 5.1) an array whose elements run in
/// turn. `$?` is what it was before, so the prompt shows the user's last status.
fn run_prompt_command(sh: &mut Shell) {
    let Some(var) = sh.vars.var(b"PROMPT_COMMAND") else {
        return;
    };
    let commands: Vec<Vec<u8>> = var.value().values().map(|v| v.to_vec()).collect();
    let status = sh.last_status;
    for cmd in commands {
        if cmd.is_empty() {
            continue;
        }
        // A syntax error is reported; the prompt comes all the same.
        let _ = crate::exec::run_commands(sh, &cmd, 1);
        match sh.flow {
            Some(Flow::Exit) => return,
            Some(_) => sh.flow = None,
            None => {}
        }
    }
    sh.last_status = status;
}

/// `PS0`, expanded and shown on stderr after a command is read, before it runs (bash 4.4).
fn show_ps0(sh: &mut Shell) {
    if sh.vars.get(b"PS0").is_none_or(|v| v.is_empty()) {
        return;
    }
    let text = super::prompt::expand_prompt(sh, super::prompt::Which::Ps0);
    let shown = super::prompt::split_markers(&text);
    crate::sys::fd::write_all(2, shown.styled.as_bytes());
}
