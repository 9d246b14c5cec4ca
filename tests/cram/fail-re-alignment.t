(re) and (glob) lines that still match stay as context in the diff.

  $ printf 'id 1\nid 2\nextra\nid 3\n'
  id \d (re)
  id \d (re)
  id \d (re)
  $ echo file.txt
  *.txt (glob)
  $ echo changed
  unchanged
