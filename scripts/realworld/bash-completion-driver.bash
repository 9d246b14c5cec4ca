# Run by check-bash-completion.sh under bash and under chitin, in a prepared directory.
source /usr/share/bash-completion/bash_completion

# complete_line WORD...: completes the last word as Tab at the end of the line would.
complete_line() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMP_TYPE=9 COMP_KEY=9
    local cmd=$1 spec func
    spec=$(complete -p "$cmd" 2>/dev/null) || { _comp_load "$cmd" 2>/dev/null || __load_completion "$cmd"; spec=$(complete -p "$cmd" 2>/dev/null); }
    func=${spec##*-F }
    func=${func%% *}
    COMPREPLY=()
    local prev=
    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
    "$func" "$cmd" "${COMP_WORDS[COMP_CWORD]}" "$prev"
    printf '## %s (%s)\n' "$COMP_LINE" "$func"
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

complete_line kill -
complete_line ls fi
complete_line ls ''
complete_line cd d
complete_line chmod -
complete_line make -
complete_line make ''
complete_line tar x
complete_line tar xf ''
(cd repo && complete_line git checkout f)
(cd repo && complete_line git ch)
complete_line ssh -
