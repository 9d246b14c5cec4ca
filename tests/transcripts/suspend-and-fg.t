(pty)

^Z stops the foreground job and gives the terminal back to the shell; fg resumes it in the
foreground, where ^C ends it.

  $ sleep 1000
  ^Z
  [1]+  Stopped                 sleep 1000
  $ jobs
  [1]+  Stopped                 sleep 1000
  $ fg
  sleep 1000
  ^C
  $ echo "status $?"
  status 130
  $ jobs
