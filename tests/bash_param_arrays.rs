//! The bash parameter operators where arrays and attributes meet them (issue 10): `${!ref}`
//! naming an array element or a name reference, and the `@A @K @k` transformations of whole
//! arrays. Each script's stdout and status must be bash's (when bash is installed).
mod transcript;

like_bash!(
    indirection_to_array_elements,
    r#"
a=(x y z)
ref='a[1]'
printf '[%s]' "${!ref}" "${!ref^^}" "${!ref:-d}"
echo
ref='a[@]'
printf '[%s]' "${!ref}" "${!ref/y/Y}"
echo
ref='a[*]'
printf '[%s]' "${!ref}"
echo
i=2
ref='a[i]'
printf '[%s]' "${!ref}"
ref='a[-1]'
printf '[%s]' "${!ref}"
ref='a[5]'
printf '[%s]' "${!ref}" "${!ref-unset}"
echo
declare -A m=([k]=v)
ref='m[k]'
printf '[%s]' "${!ref}"
echo
ref='a[]'
(printf '[%s]' "${!ref}")
echo "status $?"
"#
);

like_bash!(
    indirection_through_a_name_reference,
    r#"
v='a b'
declare -n nr=v
printf '[%s]' "${!nr}" "${!nr@Q}" "${!nr^^}" "${nr@A}"
echo
"#
);

like_bash!(
    array_transformations,
    r#"
declare -a arr=(1 "2 3")
declare -A as=([k]=v [j]="a b")
printf '[%s]' "${arr@A}" "${as@A}" "${arr[@]@A}" "${arr[*]@A}" "${arr[1]@A}"
echo
printf '[%s]' "${arr@K}" "${arr[@]@K}" "${arr[*]@K}" "${as[@]@K}"
echo
printf '[%s]' "${arr[@]@k}" "${as[@]@k}" "${arr[@]@Q}"
echo
declare -i n=3
export e=v
declare -ir r=1
printf '[%s]' "${n@A}" "${e@A}" "${n@a}" "${r@a}" "${r@A}" "${arr@a}" "${as@a}"
echo
"#
);
