  $ x=1
  $ y="two words"
  $ echo "$x $y"
  1 two words
  $ greet() { echo "hi $1"; }
  $ greet you
  hi you
  $ export E=exported
  $ sh -c 'echo $E'
  exported
