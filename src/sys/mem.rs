//! Byte searches through the C library, whose `memchr` is vectorised: the parser drops NUL
//! bytes from every line it reads, and must not pay much to find that there are none.

/// The index of the first `byte` in `s`.
#[inline]
pub fn find_byte(s: &[u8], byte: u8) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    // SAFETY: the pointer and length describe the live slice `s`; memchr only reads within
    // them, and a non-null result points into it, so the offset is in 0..s.len().
    let p = unsafe { libc::memchr(s.as_ptr().cast(), byte as libc::c_int, s.len()) };
    if p.is_null() {
        None
    } else {
        Some(p as usize - s.as_ptr() as usize)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_first_byte_or_none() {
        assert_eq!(super::find_byte(b"", 0), None);
        assert_eq!(super::find_byte(b"abc", 0), None);
        assert_eq!(super::find_byte(b"a\0b\0", 0), Some(1));
        let long: Vec<u8> = (0..1000).map(|i| if i == 777 { 0 } else { b'x' }).collect();
        assert_eq!(super::find_byte(&long, 0), Some(777));
    }
}
