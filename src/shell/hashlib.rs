//! bash's hashlib: the string hash its tables (associative arrays, completion specs) use, so
//! that walking them bucket by bucket gives bash's order.

/// bash's `hash_string`: 32-bit FNV-1 (multiply, then xor) over the bytes as `char`, which is
/// signed on the machines bash is built for here: bytes of 0x80 and above are sign-extended
/// before the xor.
pub fn hash_string(key: &[u8]) -> u32 {
    key.iter().fold(2_166_136_261u32, |h, &c| h.wrapping_mul(16_777_619) ^ (c as i8 as i32 as u32))
}
