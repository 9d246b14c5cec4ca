  $ false
  [1]
  $ (exit 2)
  [2]
  $ true
  $ sh -c 'exit 255'
  [255]
