(pty)

A background job that reads the terminal is stopped by SIGTTIN, not the shell; fg gives it the
terminal and it reads what is typed.

  $ cat & until grep -q ') T' /proc/$!/stat; do :; done
  \[1\] \d+ (re)
  [1]+  Stopped (tty input)     cat
  $ fg
  cat
  $ hello
  hello
  hello
  ^D
  $ echo "status $?"
  status 0
