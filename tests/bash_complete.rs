//! `complete`, `compgen` and `compopt` (bash 5.2's programmable completion builtins): the
//! specs they keep, `complete -p` listings in bash's order, and `compgen`'s output for every
//! kind of generator. Each script's stdout and status must be bash's.
mod transcript;

like_bash!(
    complete_p_lists_specs_in_bash_order_with_bash_quoting,
    r##"
complete -W "b a" x
complete -F f -o nospace -o filenames y
complete -A signal -A hostname -abcdefgjksuv -G "*.c" -P pre -S suf -X "!*.o" -C "cmd x" -F fn z
complete -D -F dflt
complete -E -W e
complete -I -W i
complete -o nosort -o noquote -o plusdirs -o bashdefault -o default -o dirnames w
complete -W "it's" "q u"
complete -W x "a=b" "a,b" "a:b" "a'b" "a~" "~a" "a#" "#a" "a*" "a@" ""
complete -p
echo ---
complete
echo ---
complete -p x y
complete -p -D -E
"##
);

like_bash!(
    complete_r_and_replacing_a_spec_keeps_its_place,
    r#"
complete -W 1 a b c d e
complete -r c
complete -F f a
complete -p
complete -r nosuch; echo "status $?"
complete -r
complete -p; echo "status $?"
"#
);

like_bash!(
    complete_without_options_records_an_empty_spec,
    r#"
complete x
complete -p x
complete -Wq; echo "status $?"
complete -p q; echo "status $?"
"#
);

like_bash!(
    with_stderr complete_bad_options_fail_with_status_2,
    r#"
complete -A nosuch x; echo "status $?"
complete -o nosuch x; echo "status $?"
complete -F; echo "status $?"
complete -Z x; echo "status $?"
complete -p nosuch; echo "status $?"
"#
);

like_bash!(
    with_stderr compopt_changes_and_shows_options,
    r#"
complete -W 'b a' x
compopt -o nospace x; complete -p x
compopt x
compopt +o nospace -o default -o filenames x; complete -p x
compopt -D; echo "status $?"
complete -D -W d
compopt -D -o nospace; complete -p -D
compopt -o bad x; echo "status $?"
compopt -Z; echo "status $?"
compopt; echo "status $?"
"#
);

like_bash!(
    compgen_w_splits_and_expands_but_does_not_glob,
    r#"
touch a.c b.c
x=1 y='p q'
compgen -W "zz \$x \"a b\" a\\ c \$(echo q r) {1,2} *.c \$y ~nosuchuser"
echo "status $?"
compgen -W 'b a c ab' a
compgen -W 'ab ac' '"a'
compgen -W 'a\ b c' 'a\ '
compgen -W "$(printf 'x1\nx2\n')" x
compgen -W '-a -b' -- -
"#
);

like_bash!(
    compgen_x_filters_and_p_s_decorate,
    r#"
compgen -X '!a*' -W 'ab b ac'; echo ---
compgen -X 'a*' -W 'ab b ac'; echo ---
compgen -X '&b' -W 'ab b ac' a; echo ---
compgen -X '\&b' -W '&b ab' ; echo ---
compgen -P pre -S suf -W 'x y'; echo ---
shopt -s extglob
compgen -X '!(a*)' -W 'ab b ac'
"#
);

like_bash!(
    compgen_files_directories_and_globs,
    r#"
mkdir -p da dd sub/inner
touch a.c a.o .hid sub/s1 sub/.h2
compgen -f | sort; echo ---
compgen -f a | sort; echo ---
compgen -f . | sort; echo ---
compgen -f sub/ | sort; echo ---
compgen -d | sort; echo ---
compgen -d sub/; echo ---
HOME=$PWD compgen -f '~/su'; echo ---
compgen -G '*.c' | sort; echo ---
compgen -G '*.c' b | sort; echo ---
compgen -A directory -f -W 'a1 a2' a | sort; echo ---
compgen -o plusdirs -W d1 d | sort; echo ---
compgen -o dirnames -W x d | sort; echo ---
compgen -o default -W x d | sort; echo "status $?"
compgen -f nosuch; echo "status $?"
"#
);

like_bash!(
    compgen_names_of_the_shell,
    r#"
myvar_one=1 myvar_two=2
export myvar_exp=3
arr_x=(1) ; declare -A arr_y=([k]=v)
compgen -v myvar_
compgen -e myvar_
compgen -A arrayvar arr_
zf2() { :; }; zf1() { :; }
compgen -A function zf
alias zb=1 za=2
compgen -a z
compgen -k
compgen -A keyword f
compgen -b ec
compgen -A builtin comp
compgen -A enabled comp
compgen -A helptopic compg
compgen -A signal SIGI
compgen -A signal E
compgen -A setopt xt
compgen -A shopt ext
compgen -u root
compgen -g root
"#
);

like_bash!(
    compgen_hostnames_from_hostfile,
    r#"
printf '127.0.0.1 localhost loop\n# a comment\n10.0.0.1 alpha alpha.example # trailing\n::1 ip6-localhost\n' > hosts
HOSTFILE=$PWD/hosts compgen -A hostname
echo ---
HOSTFILE=$PWD/hosts compgen -A hostname al
"#
);

like_bash!(
    with_stderr compgen_runs_functions_and_commands,
    r#"
f() { echo "args:$# [$1] [$2] [$3] cw=$COMP_CWORD line=[$COMP_LINE] pt=$COMP_POINT n=${#COMP_WORDS[@]}"; COMPREPLY=(r1 'r 2'); return 3; }
compgen -F f -- xy; echo "status $?"
echo "after: ${COMPREPLY-unset} ${COMP_LINE-unset} ${COMP_WORDS-unset}"
compgen -C 'echo hi; echo "$1|$2|$3"' -- w; echo "status $?"
compgen -F nosuch -- x; echo "status $?"
g() { COMPREPLY=(); }
compgen -F g -W 'w1 w2' -X 'w2' w; echo "status $?"
"#
);

like_bash!(
    with_stderr compgen_bad_options,
    r#"
compgen -A nosuch; echo "status $?"
compgen -o nosuch; echo "status $?"
compgen -Z; echo "status $?"
compgen -p; echo "status $?"
compgen -D; echo "status $?"
compgen; echo "status $?"
compgen -- -x; echo "status $?"
compgen -W; echo "status $?"
"#
);
