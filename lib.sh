echo "in lib: $# $*"
set -- changed
