  $ echo first
  1st
