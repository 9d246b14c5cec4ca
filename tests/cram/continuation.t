  $ for x in 1 2; do
  >   echo "n$x"
  > done
  n1
  n2
  $ if true; then
  >   echo yes
  > fi
  yes
  $ f() {
  >   echo "in f: $1"
  > }
  $ f arg
  in f: arg
