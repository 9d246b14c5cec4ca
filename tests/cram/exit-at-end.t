  $ echo before
  before
  $ exit 0
