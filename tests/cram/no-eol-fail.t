The missing newline is not written in the expectation: a failure.

  $ printf 'a\nb'
  a
  b
