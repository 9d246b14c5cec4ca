//! `set` options: the single-letter flags and their `-o` names.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// -a
    pub allexport: bool,
    /// -b
    pub notify: bool,
    /// -C
    pub noclobber: bool,
    /// -e
    pub errexit: bool,
    /// -f
    pub noglob: bool,
    /// -h
    pub hashall: bool,
    /// -i (set at startup only)
    pub interactive: bool,
    /// -m
    pub monitor: bool,
    /// -n
    pub noexec: bool,
    /// -u
    pub nounset: bool,
    /// -v
    pub verbose: bool,
    /// -x
    pub xtrace: bool,
    /// -o pipefail
    pub pipefail: bool,
    /// -o ignoreeof
    pub ignoreeof: bool,
    /// -o vi (interactive editing mode); emacs when false
    pub vi: bool,
    /// -s / reading commands from standard input
    pub stdin: bool,
    /// -c
    pub command_string: bool,
    /// login shell (-l, or argv[0] starting with '-')
    pub login: bool,
    /// -B / -o braceexpand (bash): brace expansion, on unless turned off.
    pub braceexpand: DefaultOn,
}

/// A flag that is on in a new shell (`Options` derives `Default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultOn(pub bool);

impl Default for DefaultOn {
    fn default() -> Self {
        DefaultOn(true)
    }
}

/// Every option: letter (if any), `-o` name, and accessor.
pub const OPTION_TABLE: &[(Option<u8>, &str)] = &[
    (Some(b'a'), "allexport"),
    (Some(b'b'), "notify"),
    (Some(b'B'), "braceexpand"),
    (Some(b'C'), "noclobber"),
    (Some(b'e'), "errexit"),
    (Some(b'f'), "noglob"),
    (Some(b'h'), "hashall"),
    (Some(b'm'), "monitor"),
    (Some(b'n'), "noexec"),
    (Some(b'u'), "nounset"),
    (Some(b'v'), "verbose"),
    (Some(b'x'), "xtrace"),
    (None, "ignoreeof"),
    (None, "pipefail"),
    (None, "vi"),
    (None, "emacs"),
];

impl Options {
    /// The flag for an `-o` name, or `None` when there is no such option.
    pub fn by_name(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "allexport" => &mut self.allexport,
            "notify" => &mut self.notify,
            "braceexpand" => &mut self.braceexpand.0,
            "noclobber" => &mut self.noclobber,
            "errexit" => &mut self.errexit,
            "noglob" => &mut self.noglob,
            "hashall" => &mut self.hashall,
            "monitor" => &mut self.monitor,
            "noexec" => &mut self.noexec,
            "nounset" => &mut self.nounset,
            "verbose" => &mut self.verbose,
            "xtrace" => &mut self.xtrace,
            "ignoreeof" => &mut self.ignoreeof,
            "pipefail" => &mut self.pipefail,
            "vi" => &mut self.vi,
            _ => return None,
        })
    }

    /// The flag for a letter usable with `set` (and on the command line).
    pub fn by_letter(&mut self, letter: u8) -> Option<&mut bool> {
        Some(match letter {
            b'a' => &mut self.allexport,
            b'b' => &mut self.notify,
            b'B' => &mut self.braceexpand.0,
            b'C' => &mut self.noclobber,
            b'e' => &mut self.errexit,
            b'f' => &mut self.noglob,
            b'h' => &mut self.hashall,
            b'm' => &mut self.monitor,
            b'n' => &mut self.noexec,
            b'u' => &mut self.nounset,
            b'v' => &mut self.verbose,
            b'x' => &mut self.xtrace,
            _ => return None,
        })
    }

    /// `$-`: the letters of the options that are on.
    pub fn dollar_dash(&self) -> Vec<u8> {
        let mut s = Vec::new();
        let flags = [
            (self.allexport, b'a'),
            (self.notify, b'b'),
            (self.noclobber, b'C'),
            (self.errexit, b'e'),
            (self.noglob, b'f'),
            (self.hashall, b'h'),
            (self.interactive, b'i'),
            (self.monitor, b'm'),
            (self.noexec, b'n'),
            (self.stdin, b's'),
            (self.nounset, b'u'),
            (self.verbose, b'v'),
            (self.xtrace, b'x'),
            (self.command_string, b'c'),
        ];
        for (on, c) in flags {
            if on {
                s.push(c);
            }
        }
        s
    }
}
