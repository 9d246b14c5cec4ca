  $ echo abcd
  a?c (glob)
  $ echo '*star'
  \*nope (glob)
