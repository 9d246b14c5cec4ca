Printable UTF-8 is shown as it is.

  $ printf '\342\230\272 caf\303\251\n'
  ☺ café
