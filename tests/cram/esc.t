  $ printf '\001\n'
  \x01 (esc)
  $ printf 'a\tb\n'
  a\tb (esc)
  $ printf 'cr\r\n'
  cr\r (esc)
  $ printf 'back\\slash\001\n'
  back\\slash\x01 (esc)
