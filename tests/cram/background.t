  $ sleep 0 &
  $ wait
  $ (echo sub; exit 4)
  sub
  [4]
