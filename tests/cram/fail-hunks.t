Two differences far apart give two hunks.

  $ echo 1
  1
  $ echo 2
  two
  $ echo 3
  3
  $ echo 4
  4
  $ echo 5
  5
  $ echo 6
  6
  $ echo 7
  7
  $ echo 8
  8
  $ echo 9
  nine
  $ echo 10
  10
