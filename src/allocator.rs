//! The allocator the app and its benchmarks run with: mimalloc, giving freed memory back to the
//! system 5 ms after it is freed instead of a second later.
//!
//! Measured on the national fixture (BENCHMARKS.md, 3 and 6): egui's frames are ~25 % faster
//! than with glibc's malloc (overview 0.87 → 0.65 ms), and a journal opens in 116 ms instead of
//! 122–127. mimalloc's default delay (1 s) left ~10 MB freed by the journal read still resident
//! when the window peaked (153 MB against glibc's 143); 5 ms peaks at 145–146 MB and keeps the
//! speed (1 ms: 145 MB and 127 ms; 0 ms: 143 MB, but the journal took 136 ms).

pub use mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `include/mimalloc.h` (the Rust bindings do not
/// name it); the test below checks that it still is the option whose default is 1,000 ms.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds before freed memory goes back to the system.
const PURGE_AFTER_MS: std::ffi::c_long = 5;

/// Applies the settings above; call first thing in `main`.
pub fn tune() {
    // SAFETY: setting an option is a plain store mimalloc allows at any time; the option
    // number is checked by the test below.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reading an option has no preconditions.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(
            default, 1000,
            "option {PURGE_DELAY} is not mimalloc's purge delay"
        );
        tune();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 5);
    }
}
