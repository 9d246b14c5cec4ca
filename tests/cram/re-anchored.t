(re) lines match the whole line: a prefix match is not enough.

  $ echo "id 42 and more"
  id \d+ (re)
  $ echo "prefix id 42"
  id \d+ (re)
