(pty)

Ctrl-R searches the history backwards; Enter runs the command found.

  $ echo first-command
  first-command
  $ echo second-command
  second-command
  $ <C-r>first
  first-command
