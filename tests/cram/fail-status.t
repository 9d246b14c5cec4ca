  $ true
  [1]
  $ false
