#!/usr/bin/env bats
# A bats file that uses what people use: setup/teardown, run, status/output/lines, skip, load.

load helper

setup() {
    WORK=$(mktemp -d)
    cd "$WORK"
}

teardown() {
    cd /
    rm -rf "$WORK"
}

@test "run captures status and output" {
    run printf 'one\ntwo\n'
    [ "$status" -eq 0 ]
    [ "$output" = "$(printf 'one\ntwo')" ]
    [ "${lines[1]}" = two ]
}

@test "a failing command's status" {
    run false
    [ "$status" -eq 1 ]
}

@test "helpers from load" {
    run greet world
    [ "$output" = "hello, world" ]
}

@test "files in the setup directory" {
    echo data > file
    [ -f "$WORK/file" ]
    [[ $(cat file) == data ]]
}

@test "skipped test" {
    skip "not today"
    false
}

@test "arrays and bash expansions" {
    local a=(x y z)
    [ "${#a[@]}" -eq 3 ]
    [ "${a[*]^^}" = "X Y Z" ]
}
