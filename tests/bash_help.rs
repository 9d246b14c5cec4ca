//! `help`: bash's one-line summaries (`-d`), synopses (`-s`), the pseudo-manual page (`-m`),
//! pattern and prefix matching, and bash's messages and statuses.
mod transcript;

like_bash!(
    help_d_gives_bashs_summary_of_every_builtin,
    r##"
help -d . : [ alias bg break builtin caller cd command compgen complete compopt continue \
  declare dirs disown echo enable eval exec exit export false fc fg getopts hash help \
  history jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly \
  return set shift shopt source test time times trap true type typeset umask unalias unset
echo "status $?"
"##
);

like_bash!(
    help_s_gives_the_synopsis,
    r##"
help -s true echo printf read declare help trap
help -s -- times
help -ds true
help -sd true
"##
);

like_bash!(
    help_matches_patterns_then_prefixes,
    r##"
help -d 'c?'
help -d 'e?al' 'tru?'
help -d ec pu
help -d true -s
help -d '['
echo "status $?"
"##
);

like_bash!(
    with_stderr help_reports_bad_options_and_unknown_topics,
    r##"
help -x; echo "status $?"
help nosuch; echo "status $?"
help nosuch1 nosuch2; echo "status $?"
help -d true nosuch; echo "status $?"
"##
);

transcript!(
    help_m_and_the_default_form,
    r##"
help -m true
help cd
help -ms echo | head -3
"##
);
