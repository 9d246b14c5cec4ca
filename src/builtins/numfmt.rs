//! Number parsing as C's strtoimax/strtod see printf operands, and C-style float formatting
//! (`%e %f %g %a`) on top of Rust's exact decimal conversion.

/// Parses an integer operand: leading blanks, sign, `0x` hex, `0` octal, decimal, or `'c` /
/// `"c` for the code of byte `c`. Returns the value (saturated far beyond i64) and whether the
/// whole operand was used.
pub fn parse_int(a: &[u8]) -> (i128, bool) {
    // The character-code form counts only as the operand's first byte (` 'q` is no number).
    if let Some(b'\'' | b'"') = a.first() {
        return (a.get(1).copied().unwrap_or(0) as i128, true);
    }
    let mut i = a
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
        .unwrap_or(a.len());
    if i == a.len() {
        // Empty (or blank) operands are zero, as a missing one is.
        return (0, a.is_empty());
    }
    let neg = match a[i] {
        b'-' => {
            i += 1;
            true
        }
        b'+' => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut radix = 10;
    if a.get(i) == Some(&b'0') {
        if matches!(a.get(i + 1), Some(b'x' | b'X'))
            && a.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        {
            radix = 16;
            i += 2;
        } else {
            radix = 8;
        }
    }
    let start = i;
    let mut v: i128 = 0;
    while let Some(d) = a.get(i).and_then(|&c| (c as char).to_digit(radix)) {
        v = v
            .saturating_mul(radix as i128)
            .saturating_add(d as i128)
            .min(1i128 << 100);
        i += 1;
    }
    let ok = i > start && i == a.len();
    (if neg { -v } else { v }, ok)
}

/// Parses a floating operand as strtod would (decimal, hex integers, `inf`, `nan`, `'c`).
pub fn parse_float(a: &[u8]) -> (f64, bool) {
    // The character-code form counts only as the operand's first byte (` 'q` is no number).
    if let Some(b'\'' | b'"') = a.first() {
        return (a.get(1).copied().unwrap_or(0) as f64, true);
    }
    let mut i = a
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
        .unwrap_or(a.len());
    if i == a.len() {
        return (0.0, a.is_empty());
    }
    let start = i;
    if let Some(b'-' | b'+') = a.get(i) {
        i += 1;
    }
    let neg = a[start] == b'-';
    let rest = &a[i..];
    let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
    for (word, val) in [
        (&b"infinity"[..], f64::INFINITY),
        (b"inf", f64::INFINITY),
        (b"nan", f64::NAN),
    ] {
        if lower.starts_with(word) {
            let v = if neg { -val } else { val };
            return (v, rest.len() == word.len());
        }
    }
    if rest.len() > 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        let (v, ok) = parse_int(a);
        return (v as f64, ok);
    }
    let digits_start = i;
    while a.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut ndigits = i - digits_start;
    if a.get(i) == Some(&b'.') {
        i += 1;
        let f = i;
        while a.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        ndigits += i - f;
    }
    if ndigits == 0 {
        return (0.0, false);
    }
    if let Some(b'e' | b'E') = a.get(i) {
        let mut j = i + 1;
        if let Some(b'-' | b'+') = a.get(j) {
            j += 1;
        }
        let e = j;
        while a.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > e {
            i = j;
        }
    }
    let text = std::str::from_utf8(&a[start..i]).unwrap_or("0");
    let text = text.strip_prefix('+').unwrap_or(text);
    let v: f64 = text.parse().unwrap_or(0.0);
    (v, i == a.len())
}

/// Formats `v` for conversion `conv` (one of `eEfFgGaA`), without padding or a `+` sign.
pub fn float(v: f64, conv: u8, precision: Option<usize>, alt: bool) -> String {
    let upper = conv.is_ascii_uppercase();
    let s = if v.is_nan() {
        if v.is_sign_negative() {
            "-nan".to_string()
        } else {
            "nan".to_string()
        }
    } else if v.is_infinite() {
        if v < 0.0 {
            "-inf".to_string()
        } else {
            "inf".to_string()
        }
    } else {
        match conv.to_ascii_lowercase() {
            b'f' => fixed(v, precision.unwrap_or(6), alt),
            b'e' => exp(v, precision.unwrap_or(6), alt),
            b'g' => general(v, precision, alt),
            _ => hex(v, precision, alt),
        }
    };
    if upper { s.to_ascii_uppercase() } else { s }
}

fn fixed(v: f64, p: usize, alt: bool) -> String {
    let mut s = format!("{v:.p$}");
    if alt && p == 0 {
        s.push('.');
    }
    s
}

/// `d.ddde±XX`, exponent at least two digits.
fn exp(v: f64, p: usize, alt: bool) -> String {
    let s = format!("{v:.p$e}");
    let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let mut out = mant.to_string();
    if alt && p == 0 {
        out.push('.');
    }
    out.push('e');
    out.push(if e < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", e.unsigned_abs()));
    out
}

fn general(v: f64, precision: Option<usize>, alt: bool) -> String {
    let p = match precision {
        Some(0) => 1,
        Some(p) => p,
        None => 6,
    };
    let x: i64 = if v == 0.0 {
        0
    } else {
        let s = format!("{:.*e}", p - 1, v);
        s.split_once('e')
            .and_then(|(_, e)| e.parse().ok())
            .unwrap_or(0)
    };
    let mut s = if (x as i128) < p as i128 && x >= -4 {
        fixed(v, (p as i64 - 1 - x) as usize, alt)
    } else {
        exp(v, p - 1, alt)
    };
    if !alt {
        let (mant, tail) = match s.find('e') {
            Some(k) => (s[..k].to_string(), s[k..].to_string()),
            None => (s.clone(), String::new()),
        };
        let mant = if mant.contains('.') {
            mant.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            mant
        };
        s = mant + &tail;
    }
    s
}

/// `%a`: `0xh.hhhp±d` with the exact binary value, or rounded to `p` hex digits.
fn hex(v: f64, precision: Option<usize>, alt: bool) -> String {
    let sign = if v.is_sign_negative() { "-" } else { "" };
    let bits = v.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut lead, e) = if v == 0.0 {
        (0u64, 0i64)
    } else if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let mut digits = format!("{frac:013x}");
    match precision {
        None => {
            let t = digits.trim_end_matches('0').len();
            digits.truncate(t);
        }
        Some(p) if p < 13 => {
            let full = (lead << 52) | frac;
            let shift = (13 - p) * 4;
            let kept = full >> shift;
            let rem = full & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            let rounded = if rem > half || (rem == half && kept & 1 == 1) {
                kept + 1
            } else {
                kept
            };
            lead = rounded >> (p * 4);
            let f = rounded & ((1u64 << (p * 4)) - 1);
            digits = if p == 0 {
                String::new()
            } else {
                format!("{f:0w$x}", w = p)
            };
        }
        Some(p) => digits.push_str(&"0".repeat(p - 13)),
    }
    let dot = if !digits.is_empty() || alt { "." } else { "" };
    format!(
        "{sign}0x{lead}{dot}{digits}p{}{}",
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(parse_int(b"42"), (42, true));
        assert_eq!(parse_int(b" -0x1f"), (-31, true));
        assert_eq!(parse_int(b"017"), (15, true));
        assert_eq!(parse_int(b"0"), (0, true));
        assert_eq!(parse_int(b"08"), (0, false));
        assert_eq!(parse_int(b"'A"), (65, true));
        assert_eq!(parse_int(b"12abc"), (12, false));
        assert_eq!(parse_int(b""), (0, true));
        assert_eq!(parse_int(b"-"), (0, false));
    }

    #[test]
    fn floats() {
        assert_eq!(parse_float(b"1.5"), (1.5, true));
        assert_eq!(parse_float(b"1e3"), (1000.0, true));
        assert_eq!(parse_float(b"-.5"), (-0.5, true));
        assert_eq!(parse_float(b"1.5x").1, false);
        assert_eq!(float(1.0, b'a', Some(0), false), "0x1p+0");
        assert_eq!(float(1.5, b'a', Some(0), false), "0x2p+0");
        assert_eq!(float(0.0, b'a', None, false), "0x0p+0");
        assert_eq!(float(255.0, b'A', None, false), "0X1.FEP+7");
        assert_eq!(float(0.5, b'e', Some(2), false), "5.00e-01");
        assert_eq!(float(1e300, b'e', Some(0), false), "1e+300");
    }
}
