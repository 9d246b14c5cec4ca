  $ printf '\002\n'
  \x01 (esc)
  $ printf 'plain\t\n'
  plain
