  $ no-such-command-for-cram
  *: no-such-command-for-cram: command not found (glob)
  [127]
