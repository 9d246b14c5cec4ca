  $ echo hello
  goodbye
  $ echo same
  same
