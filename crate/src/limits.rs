//! Explicit limits on what one check reads. Each limit has a clear message when exceeded
//! (see [`crate::error::InputError`]).

/// Largest single input (file or paste), in bytes.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Largest total of all inputs of one check, in bytes.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;
/// Most objects (certificates, requests, keys, ...) read in one check.
pub const MAX_OBJECTS: usize = 20_000;
/// Largest single certificate or request, in bytes.
pub const MAX_OBJECT_BYTES: usize = 256 * 1024;
/// Deepest BER nesting read by the shape reader.
pub const MAX_DER_DEPTH: usize = 64;
