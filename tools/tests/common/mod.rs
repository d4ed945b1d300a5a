//! What the tests that fetch share.

pub mod server;
