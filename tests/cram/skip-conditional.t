  $ [ -e /nonexistent-feature-for-cram ] || exit 80
  $ echo never
