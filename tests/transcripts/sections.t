A plain section: its shell makes a file and sets a variable.

  $ echo made > from-plain; x=plain
  $ echo "$x"
  plain

(pty)

On a terminal, in an interactive shell of its own: the file is there, the variable is not.

  $ cat from-plain; echo "x=$x"
  made
  x=
  $ sleep 1000
  ^C
  $ echo "status $?" > from-pty
(end pty)

Plain again, in a new shell:

  $ cat from-pty
  status 130
