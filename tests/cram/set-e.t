With set -e, a failing command ends the file.

  $ set -e
  $ false
  $ echo unreachable
  unreachable
