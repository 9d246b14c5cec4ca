  $ touch a.txt b.txt
  $ ls
  *.txt (glob)
  *.txt (glob)
  $ echo abc
  a?c (glob)
  $ echo 'lit*ral'
  lit\*ral (glob)
  $ echo 'q?'
  q\? (glob)
