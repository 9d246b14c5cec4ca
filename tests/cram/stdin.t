Commands reading their standard input from a pipe or a here-document.

  $ echo abc | cat
  abc
  $ printf '1\n2\n3\n' | wc -l | tr -d ' '
  3
  $ echo x | { read v; echo "got $v"; }
  got x
  $ cat < /dev/null
