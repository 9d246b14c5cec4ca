The expectation lacks the trailing spaces: a failure.

  $ printf 'a  \n'
  a
