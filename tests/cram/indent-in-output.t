  $ printf '  two spaces\n    four\n'
    two spaces
      four
