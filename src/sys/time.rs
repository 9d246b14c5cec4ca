//! Local time formatting (prompt escapes `\t`, `\d`, ...): libc's localtime_r and strftime.

/// `fmt` (a strftime format) applied to the current local time; empty on failure.
pub fn strftime_local(fmt: &str) -> Vec<u8> {
    let Ok(cfmt) = std::ffi::CString::new(fmt) else {
        return Vec::new();
    };
    // SAFETY: time(NULL) only returns the current time.
    let now = unsafe { libc::time(std::ptr::null_mut()) };
    // SAFETY: an all-zero `tm` is a valid value for localtime_r to overwrite.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the duration of the call; localtime_r is reentrant.
    if unsafe { libc::localtime_r(&now, &mut tm) }.is_null() {
        return Vec::new();
    }
    let mut buf = [0u8; 128];
    // SAFETY: buf is valid for buf.len() bytes, cfmt is NUL-terminated, tm was filled above.
    let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), buf.len(), cfmt.as_ptr(), &tm) };
    buf[..n].to_vec()
}

/// The time the shell started, in seconds since the epoch (`printf '%(...)T' -2`): marked at
/// start-up, inherited by subshells.
static START: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Records the shell's start time; called once as the shell starts.
pub fn mark_start() {
    START.store(now(), std::sync::atomic::Ordering::Relaxed);
}

pub fn start_time() -> i64 {
    START.load(std::sync::atomic::Ordering::Relaxed)
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    // SAFETY: time(NULL) only returns the current time.
    unsafe { libc::time(std::ptr::null_mut()) as i64 }
}

unsafe extern "C" {
    /// POSIX `tzset` (the libc crate does not declare it).
    fn tzset();
}

thread_local! {
    /// The `TZ` value last handed to the C library (`None`: unset), so `tzset` runs only when
    /// the shell's `TZ` changed.
    static TZ_SET: std::cell::RefCell<Option<Option<Vec<u8>>>> = const { std::cell::RefCell::new(None) };
}

/// `fmt` (a strftime format) applied to `secs` in the time zone `tz` (the shell's `TZ`
/// variable; `None` when unset: the system's zone), as bash's `printf %(fmt)T` does: at most
/// 127 bytes, empty when the result is longer or the time cannot be represented.
pub fn strftime_at(fmt: &[u8], secs: i64, tz: Option<&[u8]>) -> Vec<u8> {
    let Ok(cfmt) = std::ffi::CString::new(fmt) else {
        return Vec::new();
    };
    use_tz(tz);
    let t = secs as libc::time_t;
    // SAFETY: an all-zero `tm` is a valid value for localtime_r to overwrite.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the duration of the call; localtime_r is reentrant.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return Vec::new();
    }
    let mut buf = [0u8; 128];
    // SAFETY: buf is valid for buf.len() bytes, cfmt is NUL-terminated, tm was filled above.
    let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), buf.len(), cfmt.as_ptr(), &tm) };
    buf[..n].to_vec()
}

/// Makes the C library's idea of the local zone follow `tz`, as bash does when `TZ` is
/// assigned (exported or not).
fn use_tz(tz: Option<&[u8]>) {
    TZ_SET.with(|cur| {
        let mut cur = cur.borrow_mut();
        if cur.as_ref().is_some_and(|c| c.as_deref() == tz) {
            return;
        }
        match tz {
            Some(v) => {
                let Ok(v) = std::ffi::CString::new(v) else {
                    return;
                };
                // SAFETY: both strings are NUL-terminated; the shell's process is
                // single-threaded, so nothing reads the environment concurrently.
                unsafe { libc::setenv(c"TZ".as_ptr(), v.as_ptr(), 1) };
            }
            // SAFETY: as above.
            None => unsafe {
                libc::unsetenv(c"TZ".as_ptr());
            },
        }
        // SAFETY: tzset only reads TZ and the zone files.
        unsafe { tzset() };
        *cur = Some(tz.map(<[u8]>::to_vec));
    });
}
