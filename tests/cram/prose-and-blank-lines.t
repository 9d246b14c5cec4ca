Prose lines stay as they are.

 A line indented by one space is prose too.
	So is a line starting with a tab.

  $ echo a

Blank lines between commands belong to no command.

  $ echo b
  b
