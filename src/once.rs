//! A value computed on first use: `std::sync::OnceLock` with the standard library, and a
//! single-threaded cell without it (the `no_std` build runs only on wasm32 without threads).

#[cfg(feature = "std")]
pub(crate) use std::sync::OnceLock;

#[cfg(not(feature = "std"))]
pub(crate) use single_threaded::OnceLock;

#[cfg(not(feature = "std"))]
mod single_threaded {
    use core::cell::UnsafeCell;

    #[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
    compile_error!("claimcheck without the `std` feature is only for wasm32 without threads");

    /// `OnceLock` for a target with one thread.
    pub(crate) struct OnceLock<T>(UnsafeCell<Option<T>>);

    // SAFETY: wasm32 without the atomics feature has exactly one thread (checked above).
    unsafe impl<T> Sync for OnceLock<T> {}

    impl<T> OnceLock<T> {
        pub(crate) const fn new() -> Self {
            OnceLock(UnsafeCell::new(None))
        }

        /// The value, computed by `init` on the first call. `init` must not call back into the
        /// same cell (none of claimcheck's do).
        pub(crate) fn get_or_init(&self, init: impl FnOnce() -> T) -> &T {
            // SAFETY: one thread. The slot is written only while it is empty, and references to
            // its contents are handed out only once it is full, so none exists during the write.
            unsafe {
                if (*self.0.get()).is_none() {
                    let value = init();
                    *self.0.get() = Some(value);
                }
                match &*self.0.get() {
                    Some(value) => value,
                    None => core::arch::wasm32::unreachable(),
                }
            }
        }
    }
}
