//! End-to-end tests of the `noc` binary.

mod util;

mod list;
mod parse;
mod show;
