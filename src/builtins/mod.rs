//! Builtin utilities: the registry and one module per builtin (or family of builtins).
