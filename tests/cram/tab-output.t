  $ printf 'col1\tcol2\n'
  col1\tcol2 (esc)
