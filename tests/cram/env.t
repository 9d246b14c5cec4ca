The environment is normalised.

  $ echo "$LANG $LC_ALL $LANGUAGE $TZ $COLUMNS"
  C C C GMT 80
  $ echo "cdpath=<$CDPATH>"
  cdpath=<>
  $ echo "$TESTFILE"
  env.t
  $ [ -f "$TESTDIR/$TESTFILE" ] && echo found
  found
  $ basename "$PWD"
  env.t
  $ [ -d "$TMPDIR" ] && echo tmpdir
  tmpdir
  $ echo "$TMPDIR/file"
  $TMPDIR/file
