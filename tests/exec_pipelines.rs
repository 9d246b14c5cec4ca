//! Pipelines, and-or lists, async lists, `!`, pipefail.
mod transcript;

transcript!(
    statuses,
    r#"
false | true; echo "last: $?"
true | false; echo "last: $?"
! true; echo "negated: $?"
set -o pipefail
false | true; echo "pipefail: $?"
(exit 3) | (exit 4) | true; echo "pipefail rightmost: $?"
set +o pipefail
true && echo and; false || echo or
false && echo no || echo "fallback $?"
"#
);

transcript!(
    builtins_in_pipelines,
    r#"
x=outer
echo hi | read x
echo "x=$x"
printf 'a\nb\nc\n' | while read -r l; do echo "got $l"; done | tr a-z A-Z
yes | head -n 2
"#
);

transcript!(
    background,
    r#"
sleep 0.01 &
pid=$!
wait $pid; echo "waited: $?"
(exit 7) &
wait $!; echo "status: $?"
wait; echo "all: $?"
cat &
wait $!; echo "bg stdin is /dev/null: $?"
"#
);
