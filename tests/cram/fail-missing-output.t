  $ true
  expected but never printed
  $ echo x
  x
