  $ cat <<EOF
  > line one
  > line two
  > EOF
  line one
  line two
  $ cat <<'X' | tr a-z A-Z
  > quiet $HOME
  > X
  QUIET $HOME
