#!/bin/sh
# Writes .cargo/hot-functions.txt: the functions that ordinary runs of chitin execute, which the
# release link places together (see .cargo/link-hot: the kernel then maps far fewer pages of the
# executable, so peak RSS drops by about half). Rerun it after large changes to the interpreter:
#     cargo build --release && scripts/hot-functions.sh target/release/chitin
# then compare the bench's peak-RSS table before and after.
#
# valgrind's callgrind records every function a run executes. Two things it cannot see are added
# by rule: glibc picks string functions by CPU (valgrind's virtual CPU has no AVX-512), so every
# CPU variant of each string function used is listed; and valgrind hides the vDSO, so glibc's
# start-up code that binds it is listed by name.
set -eu
bin=${1:-target/release/chitin}
cd "$(dirname "$0")/.."
for tool in valgrind nm c++filt; do
    command -v $tool >/dev/null 2>&1 || { echo "hot-functions: $tool is not installed" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "hot-functions: no executable $bin" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Representative runs: start-up alone (group 1, listed first), then scripts that use the
# interpreter's usual paths (group 2), then the prompt (group 3, below).
trace() { # GROUP ARGS...: run chitin under callgrind, children included
    group=$1; shift
    (cd "$work" && valgrind --tool=callgrind --compress-strings=no --demangle=no \
        --callgrind-out-file="$work/cg.$group.%p" "$bin" "$@" >/dev/null 2>&1 </dev/null) || true
}
trace 1 -c true
trace 1 -c 'echo hi'
cat > "$work/everyday.sh" <<'EOF'
f() { local v=$1; echo "${v%.*}" "${v##*/}" "${#v}"; return 0; }
i=0; s=
while [ "$i" -lt 50 ]; do
    x=$(f "dir/file$i.txt"); y=$(printf '%s-%d' a "$i"); (cd / && :)
    case $x in *5*) s="$s$y" ;; *) : ;; esac
    i=$((i + 1))
done
for w in a b c; do echo "$w"; done | while read -r l; do s=$s$l; done
echo "$s" | /bin/cat > /dev/null; set -- *; test -n "$1" && [ "$#" -ge 0 ]
printf '%s\n' 1 2 3 > lines; while IFS= read -r l; do :; done < lines
cat <<X >/dev/null
$s ${HOME:-none} $(( 2 * 3 ))
X
a=(1 2 3); a+=(4); declare -A m=([k]=v); [[ ${a[1]} == 2 && -n ${m[k]} ]]; (( n = ${#a[@]} ))
echo "${s^^}" "${s//a/b}" "${s:1:2}" >/dev/null
EOF
trace 2 "$work/everyday.sh"
workloads=$(cd .. && pwd)/shared/bench/workloads
if [ -d "$workloads" ]; then
    mkdir -p "$work/globdir" && (cd "$work/globdir" && for f in $(seq 1 60); do : > "f$f.c"; : > "g$f.txt"; done)
    seq 1 500 > "$work/readfile"
    for w in "$workloads"/*.sh; do
        case $w in */configure.sh) continue ;; esac
        GLOB_DIR=$work/globdir READ_FILE=$work/readfile trace 2 "$w" 5
    done
fi

if command -v script >/dev/null 2>&1; then
    # An interactive session on a pseudo-terminal (util-linux's script), typed a line at a
    # time: the line editor, highlighting, hints, completion, history (group 3).
    (printf 'echo hi\n'; sleep 3; printf 'ls /tm\t\n'; sleep 3
        printf 'for i in 1 2; do echo $i; done\n'; sleep 2; printf 'exit\n') |
        (cd "$work" && HOME=$work CHITIN_BASH_COMPLETION=off script -qfc "valgrind --tool=callgrind \
            --compress-strings=no --demangle=no --callgrind-out-file=$work/cg.3.%p $bin -i" \
            /dev/null >/dev/null 2>&1) || true
fi

# The binary's symbols, for the CPU variants of string functions.
nm --defined-only "$bin" | awk '$2 ~ /^[tTiW]$/ { print $3 }' | sort -u > "$work/symbols"
{
    for group in 1 2 3; do
        cat "$work"/cg.$group.* 2>/dev/null | sed -n "s/^fn=//p" | sed "s/'[0-9]*\$//" |
            grep -v -e '^0x' -e '^(below main)' | sort -u > "$work/fns"
        # Every CPU variant of each string function used (__memchr_avx2 -> __memchr_evex, ...);
        # memcpy and mempcpy share memmove's code.
        # (valgrind names a call through the PLT by the plain name, strlen.)
        sed -n -e 's/^__\([a-z0-9]*\)_\(sse\|ssse\|avx\|evex\).*/\1/p' -e 's/^\([a-z0-9]*\)\(_ifunc\)\{0,1\}$/\1/p' "$work/fns" |
            sed 's/^memp\{0,1\}cpy$/memmove/' | sort -u |
            while read -r base; do grep -E "^__(${base}|${base}_chk)_(sse|ssse|avx|evex|erms)" "$work/symbols" || :; done >> "$work/fns"
        if [ $group = 1 ]; then
            # glibc's start-up that valgrind never runs: binding the vDSO, reading the CPU.
            grep -E '^(_dl_new_object|_dl_setup_hash|_dl_add_to_namespace_list|setup_vdso|dl_vdso_vsym|_dl_lookup_symbol_x|do_lookup_x|check_match|_dl_vdso_vsym|init_cpu_features|update_active|dl_init_cacheinfo|handle_intel|intel_check_word|get_common_cache_info|__x86_cpu_features|_dl_process_pt_gnu_property|___pthread_mutex_lock|__pthread_mutex_unlock_usercnt|__pthread_mutex_unlock)(\.|$)' "$work/symbols" >> "$work/fns" || :
        fi
        if [ $group = 2 ]; then
            # The child of a vfork runs until it execs; valgrind turns vfork into fork and the
            # exec ends that process's trace before it is written.
            grep -E '^(__libc_sigaction|__sigaction|sigaction|setpgid|__setpgid|__sigprocmask|sigprocmask|__execve|execve|_exit|_Exit|sigemptyset|__errno_location)$' "$work/symbols" >> "$work/fns" || :
        fi
        { c++filt < "$work/fns" | sed -e 's/\[[0-9a-f]\{8,16\}\]//g' -e 's/::h[0-9a-f]\{16\}$//'
          [ $group = 1 ] || echo 'chitin::sys::process::spawned_child'
        } | LC_ALL=C sort -u > "$work/group$group"
    done
    echo "# Functions placed first in the shell's text, in this order (see .cargo/link-hot)."
    echo "# Written by scripts/hot-functions.sh; names demangled, without crate hashes."
    cat "$work/group1"
    LC_ALL=C comm -13 "$work/group1" "$work/group2"
    LC_ALL=C sort -u "$work/group1" "$work/group2" > "$work/listed"
    LC_ALL=C comm -13 "$work/listed" "$work/group3"
} > .cargo/hot-functions.txt
echo "hot-functions: $(grep -vc '^#' .cargo/hot-functions.txt) functions in .cargo/hot-functions.txt"
# cargo does not know the list: make the next build link the shell again.
touch src/main.rs
