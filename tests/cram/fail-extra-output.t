  $ printf 'a\nb\nc\n'
  a
  c
