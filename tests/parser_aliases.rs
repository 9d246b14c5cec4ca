//! Alias substitution (XCU 2.3.1) against dash and bash --posix: alias text is re-lexed as
//! tokens wherever a command word (or a reserved word closing a list) may appear, reserved words
//! are recognised before aliases, a value ending in a blank makes the next word a candidate, and
//! an alias is not expanded again inside its own text.
mod transcript;

// Issue 9 point 3: the `LOOP ... DO ... DONE` technique of real libraries, where one alias
// opens brace groups that the next ones close.
like_references!(
    alias_brace_groups_open_and_close_across_aliases,
    r#"
alias LOOP='{ { { echo loop' DO='}; while read -r x; do { ' DONE='} ; done; } </dev/null ; }'
LOOP a b; DO
  echo "in $x"
DONE
echo ok1
printf '1\n2\n' > in
alias LOOP2='{ { { echo loop' DO2='}; while read -r x; do { ' DONE2='} ; done; } <in ; }'
LOOP2 c; DO2
  echo "in $x"
DONE2
echo ok2
"#
);

// An alias may stand for the reserved word that ends a list, or the `do` and `in` of a loop.
like_references!(
    alias_for_reserved_words_that_close_lists,
    r#"
alias d=done f='for i in 1 2' dd='do echo "i=$i"' t=then fi_=fi e=else
for i in 1; do echo $i; d
f; dd; done
f
dd
done
if true; t echo yes; e echo no; fi_
alias ob='{' cb='}'
ob echo braced; cb
g() ob echo body; cb
g
"#
);

// Reserved words are recognised before aliases: an alias named like one is not used there.
like_references!(
    reserved_words_are_not_alias_expanded,
    r#"
alias if=echo while=echo '{=echo'
if true; then echo y; fi
while false; do :; done
{ echo group; }
echo if while
"#
);

// Issue 15 point 3: an alias whose value is empty or starts with a newline.
like_references!(
    alias_values_that_are_empty_or_start_with_a_newline,
    "
alias a='
x=1'
a
echo \"x=$x\"
alias e=''
e
e echo after empty
alias n='
'
n
{ n echo in braces; }
if n true; then n echo in if; fi
echo \"$(n echo in subst)\"
alias n2='

echo two'
n2 lines
"
);

// Issue 15 point 15: a value ending in a blank makes the word after the alias text a
// candidate too, even when the value holds more words.
like_references!(
    alias_ending_in_a_blank_checks_the_next_word,
    r#"
alias say='printf "<%s>\n" ' word=expanded
say word
alias l='echo ' x='a b' y='y ' z=zz
l x x
l y z z
alias if=X e=echo
l if
e x
alias nb='echo '"'"'  '"'"'' 
nb word
alias q='echo ' r='>/dev/null '
q r hi; q hi r
alias tab='echo	' 
tab word
"#
);

// The alias text is lexed as input: quotes, comments, operators, here-documents and
// backslash-newlines in it, and a name split by a backslash-newline.
like_references!(
    alias_text_is_lexed_as_input,
    r#"
alias q='echo "a' semi='echo 1;' cmt='echo a # c' bs='echo \' hd='cat <<E'
q b"
semi echo 2
cmt
bs
 continued
hd
here
E
alias ll='echo ll'
l\
l works
alias nl='echo nl
'
nl
echo after
"#
);

// An alias is not expanded again inside its own text (directly or through another alias),
// also when its text holds more than one command (that used to loop forever).
like_references!(
    alias_recursion_guard,
    r#"
alias echo='echo x' a=b b=a l2='l2 ' loop='loop1 ' loop1='echo loop '
echo 1
loop loop
a 2>/dev/null || echo "a: $?"
l2 echo 2>/dev/null || echo "l2: $?"
unalias echo
alias e1='e2 ' e2='echo e1 '
e1 e1
alias a2='true
a2'
a2 2>/dev/null || echo "a2: $?"
"#
);

// `command -v` of an alias prints it in the form the `alias` builtin uses (issue 15 point 20).
like_references!(
    command_v_of_an_alias_is_quoted,
    r#"
alias q=x r='a b'
command -v q
command -v r
"#
);
