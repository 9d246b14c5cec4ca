stdout and stderr come in the order they were written.

  $ echo out; echo err >&2; echo out2
  out
  err
  out2
  $ ls /nonexistent-dir-for-cram 2>&1 >/dev/null | sed 's/.*No such.*/missing/'
  missing
