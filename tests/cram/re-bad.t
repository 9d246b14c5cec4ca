A pattern that does not compile never matches.

  $ echo '***'
  *** (re)
