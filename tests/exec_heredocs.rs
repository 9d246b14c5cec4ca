//! Here-documents: expansion, quoting, tab stripping, large bodies.
mod transcript;

transcript!(
    expansion,
    r#"
x=world
cat <<EOF
hello $x $(echo sub) `echo bq`
EOF
cat <<'EOF'
literal $x $(echo no)
EOF
cat <<-EOF
	stripped $x
	EOF
"#
);

transcript!(
    large_body,
    r#"
big=$(awk 'BEGIN { for (i = 0; i < 40000; i++) print "line number " i }')
cat <<EOF | wc -l
$big
EOF
while read -r l; do n=$l; done <<EOF
$big
EOF
echo "$n"
"#
);

transcript!(
    in_function_and_loop,
    r#"
f() {
  cat <<EOF
arg=$1
EOF
}
f a; f b
for i in 1 2; do
  cat <<EOF
i=$i
EOF
done
"#
);
