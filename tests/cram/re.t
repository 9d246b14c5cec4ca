  $ echo "id 42"
  id \d+ (re)
  $ echo "foo_bar baz"
  \w+ \w{3} (re)
  $ echo "x=1, y=22"
  x=\d, y=\d{2} (re)
  $ echo "alpha"
  (alpha|beta) (re)
  $ echo "aXbXc"
  a.*?c (re)
  $ echo "tab	here"
  tab\shere (re)
  $ echo "[brackets]"
  \[brackets\] (re)
