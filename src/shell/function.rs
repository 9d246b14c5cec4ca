//! A defined shell function: its definition and where it was defined.

use std::ops::Deref;
use std::rc::Rc;

use crate::syntax::ast::FunctionDef;

/// A function as the shell keeps it. Cloning is two reference counts.
#[derive(Clone)]
pub struct Function {
    pub def: Rc<FunctionDef>,
    /// The file it was defined in (`BASH_SOURCE` while it runs): a script or sourced file,
    /// else `main` (the prompt, standard input) or `environment` (`-c`), as in bash.
    pub source: Rc<[u8]>,
}

impl Deref for Function {
    type Target = FunctionDef;

    fn deref(&self) -> &FunctionDef {
        &self.def
    }
}
