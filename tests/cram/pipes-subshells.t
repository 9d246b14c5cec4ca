  $ echo abc | tr a-c x-z
  xyz
  $ (cd /; pwd)
  /
  $ basename "$PWD"
  pipes-subshells.t
  $ echo $(echo nested $(echo deep))
  nested deep
  $ printf '%s\n' c a b | sort
  a
  b
  c
