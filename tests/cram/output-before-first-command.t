  expected output before any command is never produced: a failure.
  $ echo x
  x
