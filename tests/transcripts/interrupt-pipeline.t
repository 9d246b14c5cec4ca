(pty)

^C interrupts every process of a foreground pipeline, and the shell carries on.

  $ sleep 1000 | cat | sleep 1000
  ^C
  $ echo "status $?"
  status 130
  $ echo still here
  still here
