  $ printf 'partial'; (exit 7)
  partial (no-eol)
  [7]
  $ printf 'x\n'; printf 'y'
  x
  y (no-eol)
