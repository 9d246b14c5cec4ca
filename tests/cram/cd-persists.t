State carries from one command to the next: the directory, variables, functions.

  $ mkdir -p sub/dir
  $ cd sub
  $ pwd
  */sub (glob)
  $ cd dir
  $ basename "$PWD"
  dir
  $ cd ../..
  $ ls
  sub
