Commands after `exit` never run: the transcript loses them.

  $ echo before
  before
  $ exit 3
  $ echo after
  after

Trailing prose.
