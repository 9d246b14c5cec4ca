  $ alias hi='echo hi there'
  $ hi
  hi there
  $ unalias hi
  $ hi 2>/dev/null
  [127]
