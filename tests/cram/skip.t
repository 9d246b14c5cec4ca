A file that exits with status 80 is skipped.

  $ echo running
  running
  $ exit 80
  $ echo never
  wrong
