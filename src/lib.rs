#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod alphabet;
pub mod checksum;
pub mod expiry;
pub mod explain;
pub mod finding;
pub mod generate;
pub mod json;
pub mod messages;
pub mod normalize;
pub mod region;
pub mod scheme;
pub mod sha256;
pub mod suggest;
pub mod support;
pub mod typing;
pub mod validate;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use finding::{Finding, FindingCode, Severity};
pub use json::{Json, JsonError, ToJson};
pub use messages::Locale;
pub use scheme::{Registry, Scheme, SchemeDefinition, SchemeError};
pub use suggest::{Edit, EditKind, Suggestion};
pub use validate::{validate, CheckOptions, OptionsError, Status, Validation};

/// Stable insertion sort for the handful of items claimcheck sorts (lengths, fields, candidates): a
/// fraction of the size of the standard library's sorts in the browser bundle.
pub(crate) fn sort_small<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// The library version (from Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// A free-list allocator a fraction of dlmalloc's size; the page is single-threaded.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without atomics runs claimcheck on one thread only.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
