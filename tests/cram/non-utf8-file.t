Prose with bytes that are not UTF-8: ÿþ.

  $ printf "\351t\351\n"
  \xe9t\xe9 (esc)
