  $ seq 1 300 | sed -n '1p;150p;300p'
  1
  150
  300
  $ seq 1 250 | wc -l | tr -d ' '
  250
