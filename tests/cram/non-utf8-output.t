  $ printf '\377\376\n'
  \xff\xfe (esc)
  $ printf 'caf\351\n'
  caf\xe9 (esc)
