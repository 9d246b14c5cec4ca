(pty)

Tab completes file names, and directories with a slash.

  $ mkdir subdir; touch only-file.txt
  $ echo only<Tab>
  only-file.txt
  $ cd sub<Tab>
  $ basename "$PWD"
  subdir
