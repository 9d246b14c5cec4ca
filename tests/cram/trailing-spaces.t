  $ printf 'a  \n'
  a  
  $ printf 'two spaces then tab \t\n'
  two spaces then tab \t (esc)
