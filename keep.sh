echo "in lib: $# $*"
