//! The interactive shell: line editor, prompts, history, completion (the interactive issue).
