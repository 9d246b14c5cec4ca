  $ echo no newline at the end of the file
  no newline at the end of the file