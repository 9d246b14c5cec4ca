The simplest transcript: prose at column 0, commands and their output.

  $ echo hello
  hello
  $ echo one two
  one two
