//! `bind`: querying, binding, unbinding and the readline variables, with bash's output, status
//! and messages (a script has no line editor: bash and chitin both warn, then do the work).
mod transcript;

like_bash!(
    with_stderr queries_bindings_and_unbinding,
    r#"
bind -q yank-last-arg; echo "status $?"
bind -q kill-whole-line; echo "status $?"
bind -q nosuch; echo "status $?"
bind '"\C-o": kill-whole-line'; echo "status $?"
bind -q kill-whole-line; echo "status $?"
bind -r '\e.'; bind -q yank-last-arg
bind -u yank-last-arg; bind -q yank-last-arg; echo "status $?"
bind -u nosuch; echo "status $?"
bind -m emacs 'Control-t: undo'; bind -m emacs -q undo
bind -l | grep -c -E '^(yank-last-arg|insert-comment|operate-and-get-next|re-read-init-file|edit-and-execute-command)$'
"#
);

like_bash!(
    with_stderr readline_variables,
    r#"
bind 'set completion-ignore-case on' 'set show-all-if-ambiguous on' 'set comment-begin //'
bind -v | grep -E 'completion-ignore-case|show-all-if-ambiguous|comment-begin|editing-mode'
bind -V | grep -E 'completion-ignore-case|comment-begin'
bind 'set editing-mode vi'; bind -v | grep -E 'editing-mode|keymap'
bind 'set nosuchvar on'; echo "status $?"
bind 'set bell-style loud'; echo "status $?"
bind 'set mark-directories on'; echo "status $?"
"#
);

like_bash!(
    with_stderr usage_errors_and_bad_lines,
    r#"
bind -m foo -l; echo "status $?"
bind -z; echo "status $?"
bind -q; echo "status $?"
bind -f /nonexistent; echo "status $?"
bind 'foo'; echo "status $?"
bind '$foo'; echo "status $?"
"#
);

like_bash!(
    init_file_conditionals_and_include,
    r#"
cat > inc.rc <<'X'
set comment-begin @@
X
cat > main.rc <<'X'
# a comment
$if mode=emacs
"\C-xq": kill-whole-line
$else
"\C-xw": kill-whole-line
$endif
$if Bash
set completion-query-items 7
$endif
$if term=nosuchterm
set comment-begin nope
$else
$include ./inc.rc
$endif
X
bind -f main.rc; echo "status $?"
bind -q kill-whole-line
bind -v | grep -E 'comment-begin|completion-query-items'
"#
);

like_bash!(
    bindings_made_in_a_subshell_stay_there,
    r#"
(bind '"\C-xq": kill-whole-line'; bind -q kill-whole-line) 2>/dev/null
bind -q kill-whole-line 2>/dev/null; echo "status $?"
x=$(bind '"\C-xq": kill-whole-line' 2>/dev/null; bind -q kill-whole-line 2>/dev/null); echo "$x"
bind -q kill-whole-line 2>/dev/null; echo "status $?"
"#
);
