//! `bind`: the line editor's key bindings and readline variables (the part of bash's `bind`
//! the editor can honour; see `interactive::readline`).
//!
//! `bind [-lpPvV] [-m keymap] [-f file] [-q name] [-u name] [-r keyseq] [line...]`: each
//! line is what an inputrc line may say (`"\C-x\C-r": re-read-init-file`, `set
//! completion-ignore-case on`). `-s`, `-S` and `-X` list nothing (no macros, no `-x`).

use std::os::unix::ffi::OsStrExt;

use super::util::{error, lossy, out};
use crate::interactive::readline::{self, Keymap, functions, keyseq};
use crate::shell::Shell;

/// What the options asked for, in the order bash does them.
#[derive(Default)]
struct Request {
    keymap: Option<Keymap>,
    list_names: bool,
    dump_readable: bool,
    dump: bool,
    vars_readable: bool,
    vars: bool,
    file: Option<Vec<u8>>,
    query: Option<Vec<u8>>,
    unbind_function: Option<Vec<u8>>,
    remove: Option<Vec<u8>>,
    shell_command: bool,
    lines: Vec<Vec<u8>>,
}

fn parse(sh: &Shell, args: &[Vec<u8>]) -> Result<Request, i32> {
    let mut r = Request::default();
    let mut scanner = super::options::Scanner::new(args, b"lpPvVsSXf:q:u:m:r:x:");
    while let Some(opt) = scanner.next(sh)? {
        let value = opt.value.map(<[u8]>::to_vec);
        match opt.letter {
            b'l' => r.list_names = true,
            b'p' => r.dump = true,
            b'P' => r.dump_readable = true,
            b'v' => r.vars = true,
            b'V' => r.vars_readable = true,
            b'f' => r.file = value,
            b'q' => r.query = value,
            b'u' => r.unbind_function = value,
            b'r' => r.remove = value,
            b'x' => r.shell_command = true,
            b'm' => {
                let value = value.unwrap_or_default();
                let Some(map) = Keymap::from_name(&value) else {
                    error(sh, args, format!("`{}': invalid keymap name", lossy(&value)));
                    return Err(1);
                };
                r.keymap = Some(map);
            }
            _ => {}
        }
    }
    r.lines = scanner.operands().to_vec();
    Ok(r)
}

pub fn bind(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if !sh.options.interactive {
        error(sh, args, "warning: line editing not enabled");
    }
    let r = match parse(sh, args) {
        Ok(r) => r,
        Err(status) => return status,
    };
    // Bindings changed in a subshell stay there: one run in the shell process goes on in a
    // child (the settings are not saved for so rare a case), as `complete` does.
    let loads = sh.options.interactive && !sh.readline.loaded;
    let changes = r.file.is_some() || r.unbind_function.is_some() || r.remove.is_some() || !r.lines.is_empty();
    if (loads || changes) && !crate::exec::virtual_subshell::need_process(sh) {
        return sh.last_status;
    }
    if loads {
        // `bind` in a startup file works on what the init file set, as in bash.
        readline::load_init_file(sh);
    }
    // bash shows ESC-prefixed keys as `\M-` in a locale that is not UTF-8.
    let meta = !crate::expand::param_ops::utf8_locale(sh);
    let keymap = r.keymap.unwrap_or_else(|| sh.readline.current_keymap(sh.options.vi));
    if r.list_names {
        let names: String = functions::FUNCTIONS.iter().map(|f| format!("{}\n", f.name)).collect();
        out(names.as_bytes());
    }
    if r.dump_readable {
        out(dump(sh, keymap, true, meta).as_bytes());
    }
    if r.dump {
        out(dump(sh, keymap, false, meta).as_bytes());
    }
    if r.vars_readable || r.vars {
        let vars = sh.readline.variables(sh.options.vi);
        let mut text = String::new();
        if r.vars_readable {
            for (name, value) in &vars {
                text.push_str(&format!("{name} is set to `{value}'\n"));
            }
        }
        if r.vars {
            for (name, value) in &vars {
                text.push_str(&format!("set {name} {value}\n"));
            }
        }
        out(text.as_bytes());
    }
    if let Some(file) = &r.file {
        let path = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(file));
        if let Err(e) = readline::read_file(sh, &path) {
            let msg = super::util::errno_text(&e);
            error(sh, args, format!("{}: cannot read: {msg}", lossy(file)));
            return 1;
        }
    }
    if let Some(name) = &r.query {
        let Some(f) = functions::find(name) else {
            error(sh, args, format!("`{}': unknown function name", lossy(name)));
            return 1;
        };
        let keys = sh.readline.keys_of(keymap, f, meta);
        if keys.is_empty() {
            out(format!("{} is not bound to any keys.\n", f.name).as_bytes());
            return 1;
        }
        out(format!("{} can be invoked via {}", f.name, key_list(&keys)).as_bytes());
    }
    if let Some(name) = &r.unbind_function {
        let Some(f) = functions::find(name) else {
            error(sh, args, format!("`{}': unknown function name", lossy(name)));
            return 1;
        };
        for (keys, g) in sh.readline.effective(keymap) {
            if std::ptr::eq(g, f) {
                sh.readline.bind(keymap, keys, None);
            }
        }
    }
    if let Some(seq) = &r.remove {
        let keys = keyseq::parse_quoted(seq);
        if sh.readline.effective(keymap).iter().any(|(k, _)| *k == keys) {
            sh.readline.bind(keymap, keys, None);
        }
    }
    if r.shell_command {
        error(sh, args, "-x: key bindings to shell commands are not supported");
        return 1;
    }
    for line in &r.lines {
        readline::parse_line(sh, r.keymap, line);
    }
    0
}

/// Up to five key sequences, then `...` (readline's `rl_function_dumper` and `bind -q`).
fn key_list(keys: &[String]) -> String {
    let mut text = String::new();
    for (j, k) in keys.iter().take(5).enumerate() {
        let more = j + 1 < keys.len();
        text.push_str(&format!("\"{k}\"{}", if more { ", " } else { ".\n" }));
    }
    if keys.len() > 5 {
        text.push_str("...\n");
    }
    text
}

/// `bind -p` (`"\C-a": beginning-of-line`, `# name (not bound)`) or `-P` (`name can be
/// found on ...`), every function in name order.
fn dump(sh: &Shell, keymap: Keymap, readable: bool, meta: bool) -> String {
    let effective = sh.readline.effective(keymap);
    // Both forms start with an empty line, as readline's dumper does.
    let mut text = String::from("\n");
    for f in functions::FUNCTIONS {
        let keys: Vec<String> = effective
            .iter()
            .filter(|(_, g)| std::ptr::eq(*g, f))
            .map(|(k, _)| keyseq::show(k, meta))
            .collect();
        match (readable, keys.is_empty()) {
            (true, true) => text.push_str(&format!("{} is not bound to any keys\n", f.name)),
            (true, false) => text.push_str(&format!("{} can be found on {}", f.name, key_list(&keys))),
            (false, true) => text.push_str(&format!("# {} (not bound)\n", f.name)),
            (false, false) => {
                for k in keys {
                    text.push_str(&format!("\"{k}\": {}\n", f.name));
                }
            }
        }
    }
    text
}
