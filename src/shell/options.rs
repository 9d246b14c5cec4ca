//! Shell options: `set`'s single-letter flags and their `-o` names, and bash's `shopt` options.

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
    /// -h: commands found in PATH are remembered (`hash`); on unless turned off.
    pub hashall: DefaultOn,
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
    /// -E (bash's errtrace): functions, substitutions and subshells inherit the ERR trap.
    pub errtrace: bool,
    /// -T (bash's functrace): they inherit the DEBUG and RETURN traps.
    pub functrace: bool,
    /// -H / -o histexpand: `!` history expansion of lines typed at the prompt (bash; on in
    /// interactive shells).
    pub histexpand: bool,
    /// -o history: commands typed are kept in the history list (bash; stored, and on in
    /// interactive shells, which always keep history).
    pub history: bool,
    /// -o pipefail
    pub pipefail: bool,
    /// -o posix (bash): accepted and shown; chitin already follows POSIX where bash's POSIX
    /// mode and bash differ (see design/BASH.md).
    pub posix: bool,
    /// -o ignoreeof
    pub ignoreeof: bool,
    /// -o vi (interactive editing mode)
    pub vi: bool,
    /// -o emacs: on in an interactive shell unless vi is; off with no line editing (bash).
    pub emacs: bool,
    /// -k (bash's keyword): assignment words anywhere in a simple command go to its
    /// environment, not only before the name.
    pub keyword: bool,
    /// -t (onecmd): exit after reading and running one command.
    pub onecmd: bool,
    /// -P (physical): `cd` and `pwd` resolve symbolic links, as with their -P.
    pub physical: bool,
    /// -p (privileged): kept and shown; chitin does not drop set-user-ID privileges itself.
    pub privileged: bool,
    /// -o nolog: accepted and ignored, as bash does.
    pub nolog: bool,
    /// -o interactive-comments (also `shopt interactive_comments`): `#` starts a comment in
    /// an interactive shell's input; when off, `#` there is an ordinary character (bash).
    pub interactive_comments: DefaultOn,
    /// -s / reading commands from standard input
    pub stdin: bool,
    /// -c
    pub command_string: bool,
    /// login shell (-l, or argv[0] starting with '-')
    pub login: bool,
    /// -B / -o braceexpand (bash): brace expansion, on unless turned off.
    pub braceexpand: DefaultOn,
    /// bash's `shopt` options.
    pub shopts: Shopts,
}

/// A flag that is on in a new shell (`Options` derives `Default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultOn(pub bool);

impl Default for DefaultOn {
    fn default() -> Self {
        DefaultOn(true)
    }
}

/// Every `set -o` option bash 5.2 has: letter (if any) and name, in bash's (alphabetical)
/// order, which `set -o`, `set +o`, `shopt -o` and SHELLOPTS list them in.
pub const OPTION_TABLE: &[(Option<u8>, &str)] = &[
    (Some(b'a'), "allexport"),
    (Some(b'B'), "braceexpand"),
    (None, "emacs"),
    (Some(b'e'), "errexit"),
    (Some(b'E'), "errtrace"),
    (Some(b'T'), "functrace"),
    (Some(b'h'), "hashall"),
    (Some(b'H'), "histexpand"),
    (None, "history"),
    (None, "ignoreeof"),
    (None, "interactive-comments"),
    (Some(b'k'), "keyword"),
    (Some(b'm'), "monitor"),
    (Some(b'C'), "noclobber"),
    (Some(b'n'), "noexec"),
    (Some(b'f'), "noglob"),
    (None, "nolog"),
    (Some(b'b'), "notify"),
    (Some(b'u'), "nounset"),
    (Some(b't'), "onecmd"),
    (Some(b'P'), "physical"),
    (None, "pipefail"),
    (None, "posix"),
    (Some(b'p'), "privileged"),
    (Some(b'v'), "verbose"),
    (None, "vi"),
    (Some(b'x'), "xtrace"),
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
            "hashall" => &mut self.hashall.0,
            "emacs" => &mut self.emacs,
            "keyword" => &mut self.keyword,
            "onecmd" => &mut self.onecmd,
            "physical" => &mut self.physical,
            "privileged" => &mut self.privileged,
            "nolog" => &mut self.nolog,
            "interactive-comments" => &mut self.interactive_comments.0,
            "histexpand" => &mut self.histexpand,
            "history" => &mut self.history,
            "monitor" => &mut self.monitor,
            "noexec" => &mut self.noexec,
            "nounset" => &mut self.nounset,
            "verbose" => &mut self.verbose,
            "xtrace" => &mut self.xtrace,
            "errtrace" => &mut self.errtrace,
            "functrace" => &mut self.functrace,
            "ignoreeof" => &mut self.ignoreeof,
            "pipefail" => &mut self.pipefail,
            "posix" => &mut self.posix,
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
            b'h' => &mut self.hashall.0,
            b'k' => &mut self.keyword,
            b't' => &mut self.onecmd,
            b'P' => &mut self.physical,
            b'p' => &mut self.privileged,
            b'H' => &mut self.histexpand,
            b'm' => &mut self.monitor,
            b'n' => &mut self.noexec,
            b'u' => &mut self.nounset,
            b'v' => &mut self.verbose,
            b'x' => &mut self.xtrace,
            b'E' => &mut self.errtrace,
            b'T' => &mut self.functrace,
            _ => return None,
        })
    }

    /// `$-`: the letters of the options that are on, in bash's order (its flag table:
    /// lower case, upper case, then s and c).
    pub fn dollar_dash(&self) -> Vec<u8> {
        let flags = [
            (self.allexport, b'a'),
            (self.notify, b'b'),
            (self.errexit, b'e'),
            (self.noglob, b'f'),
            (self.hashall.0, b'h'),
            (self.interactive, b'i'),
            (self.keyword, b'k'),
            (self.monitor, b'm'),
            (self.noexec, b'n'),
            (self.privileged, b'p'),
            (self.onecmd, b't'),
            (self.nounset, b'u'),
            (self.verbose, b'v'),
            (self.xtrace, b'x'),
            (self.braceexpand.0, b'B'),
            (self.noclobber, b'C'),
            (self.errtrace, b'E'),
            (self.histexpand, b'H'),
            (self.physical, b'P'),
            (self.functrace, b'T'),
            (self.stdin, b's'),
            (self.command_string, b'c'),
        ];
        flags.iter().filter(|(on, _)| *on).map(|&(_, c)| c).collect()
    }

    /// What follows from setting the `-o` option `name`: `vi` and `emacs` exclude each other,
    /// and `interactive-comments` is also `shopt`'s `interactive_comments`.
    pub fn option_set(&mut self, name: &str, on: bool) {
        match (name, on) {
            ("vi", true) => self.emacs = false,
            ("emacs", true) => self.vi = false,
            ("interactive-comments", _) => self.shopts.set(Shopt::InteractiveComments, on),
            _ => {}
        }
    }
}

/// Declares the `shopt` options: the enum, and the table of names and defaults in bash's
/// listing order.
macro_rules! shopts {
    ($($variant:ident = $name:literal $default:literal,)*) => {
        /// A `shopt` option (bash 5.2's full set).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Shopt {
            $($variant,)*
        }

        impl Shopt {
            /// Every option, in the order `shopt` lists them.
            pub const ALL: &'static [Shopt] = &[$(Shopt::$variant,)*];

            /// The option's name as `shopt` spells it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Shopt::$variant => $name,)*
                }
            }

            /// The option called `name`.
            pub fn from_name(name: &[u8]) -> Option<Shopt> {
                match name {
                    $(n if n == $name.as_bytes() => Some(Shopt::$variant),)*
                    _ => None,
                }
            }

            fn on_by_default(self) -> bool {
                match self {
                    $(Shopt::$variant => $default,)*
                }
            }
        }
    };
}

// What each option changes in chitin. Implemented: dotglob, expand_aliases, extglob, failglob,
// globskipdots, globstar, nocaseglob, nocasematch, nullglob (pathname expansion, patterns and
// parsing); login_shell shows whether this is a login shell and cannot be set. Stored for the
// code that reads them: inherit_errexit, lastpipe, patsub_replacement, xpg_echo, huponexit,
// localvar_inherit, localvar_unset, shift_verbose, sourcepath, checkwinsize, histappend and the
// other history and completion options. The others are accepted, listed, and change nothing
// (compatNN, extdebug, cdspell, dirspell, autocd, cdable_vars, checkhash, checkjobs, execfail,
// gnu_errfmt, mailwarn, extquote, globasciiranges (ranges are bytewise in chitin anyway),
// restricted_shell, varredir_close, assoc_expand_once, noexpand_translation, promptvars, ...).
shopts! {
    Autocd = "autocd" false,
    AssocExpandOnce = "assoc_expand_once" false,
    CdableVars = "cdable_vars" false,
    Cdspell = "cdspell" false,
    Checkhash = "checkhash" false,
    Checkjobs = "checkjobs" false,
    Checkwinsize = "checkwinsize" true,
    Cmdhist = "cmdhist" true,
    Compat31 = "compat31" false,
    Compat32 = "compat32" false,
    Compat40 = "compat40" false,
    Compat41 = "compat41" false,
    Compat42 = "compat42" false,
    Compat43 = "compat43" false,
    Compat44 = "compat44" false,
    CompleteFullquote = "complete_fullquote" true,
    Direxpand = "direxpand" false,
    Dirspell = "dirspell" false,
    Dotglob = "dotglob" false,
    Execfail = "execfail" false,
    // On: chitin expands aliases in scripts as POSIX asks (bash does only in POSIX mode).
    ExpandAliases = "expand_aliases" true,
    Extdebug = "extdebug" false,
    Extglob = "extglob" false,
    Extquote = "extquote" true,
    Failglob = "failglob" false,
    ForceFignore = "force_fignore" true,
    Globasciiranges = "globasciiranges" true,
    Globskipdots = "globskipdots" true,
    Globstar = "globstar" false,
    GnuErrfmt = "gnu_errfmt" false,
    Histappend = "histappend" false,
    Histreedit = "histreedit" false,
    Histverify = "histverify" false,
    Hostcomplete = "hostcomplete" true,
    Huponexit = "huponexit" false,
    InheritErrexit = "inherit_errexit" false,
    InteractiveComments = "interactive_comments" true,
    Lastpipe = "lastpipe" false,
    Lithist = "lithist" false,
    LocalvarInherit = "localvar_inherit" false,
    LocalvarUnset = "localvar_unset" false,
    LoginShell = "login_shell" false,
    Mailwarn = "mailwarn" false,
    NoEmptyCmdCompletion = "no_empty_cmd_completion" false,
    Nocaseglob = "nocaseglob" false,
    Nocasematch = "nocasematch" false,
    NoexpandTranslation = "noexpand_translation" false,
    Nullglob = "nullglob" false,
    PatsubReplacement = "patsub_replacement" true,
    Progcomp = "progcomp" true,
    ProgcompAlias = "progcomp_alias" false,
    Promptvars = "promptvars" true,
    RestrictedShell = "restricted_shell" false,
    ShiftVerbose = "shift_verbose" false,
    Sourcepath = "sourcepath" true,
    VarredirClose = "varredir_close" false,
    XpgEcho = "xpg_echo" false,
}

/// The set of `shopt` options that are on: one bit per [`Shopt`], so a test is one AND.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shopts(u64);

impl Default for Shopts {
    fn default() -> Self {
        let mut s = Shopts(0);
        for &o in Shopt::ALL {
            s.set(o, o.on_by_default());
        }
        s
    }
}

impl Shopts {
    #[inline]
    pub fn get(self, o: Shopt) -> bool {
        self.0 & (1 << o as u8) != 0
    }

    #[inline]
    pub fn set(&mut self, o: Shopt, on: bool) {
        if on {
            self.0 |= 1 << o as u8;
        } else {
            self.0 &= !(1 << o as u8);
        }
    }
}

impl Options {
    /// Is the `shopt` option `o` on? (`login_shell` says whether this is a login shell.)
    #[inline]
    pub fn shopt(&self, o: Shopt) -> bool {
        match o {
            Shopt::LoginShell => self.login,
            _ => self.shopts.get(o),
        }
    }

    /// Turns the `shopt` option `o` on or off. `login_shell` and `restricted_shell` cannot be
    /// changed: bash ignores the request.
    pub fn set_shopt(&mut self, o: Shopt, on: bool) {
        if !matches!(o, Shopt::LoginShell | Shopt::RestrictedShell) {
            self.shopts.set(o, on);
        }
        if o == Shopt::InteractiveComments {
            self.interactive_comments.0 = on;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shopt_table_fits_and_names_round_trip() {
        assert!(Shopt::ALL.len() <= 64);
        for (i, &o) in Shopt::ALL.iter().enumerate() {
            assert_eq!(o as usize, i);
            assert_eq!(Shopt::from_name(o.name().as_bytes()), Some(o));
        }
        let o = Options::default();
        assert!(o.shopt(Shopt::Globskipdots) && o.shopt(Shopt::PatsubReplacement));
        assert!(!o.shopt(Shopt::Extglob) && !o.shopt(Shopt::Nullglob));
    }
}
