An (esc) line may stand for printable output too.

  $ echo abc
  \x61bc (esc)
  $ printf 'a\tb\n'
  \x61\x09b (esc)
