  $ printf 'a\nb'
  a
  b (no-eol)
  $ printf 'x' ; false
  x (no-eol)
  [1]
