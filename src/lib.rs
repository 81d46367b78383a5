#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod alphabet;
pub mod checksum;
pub mod expiry;
pub mod finding;
pub mod generate;
pub mod messages;
pub mod normalize;
pub mod region;
pub mod scheme;
pub mod suggest;
pub mod validate;

pub use finding::{Finding, FindingCode, Severity};
pub use messages::Locale;
pub use scheme::{Registry, Scheme, SchemeDefinition, SchemeError};
pub use suggest::{Edit, EditKind, Suggestion};
pub use validate::{validate, CheckOptions, OptionsError, Status, Validation};

/// The library version (from Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
