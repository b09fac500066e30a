//! End-to-end tests of the `noc` binary.

mod util;

mod check;
mod convert;
mod data;
mod examples;
mod golden;
mod list;
mod matching;
mod parse;
mod serve;
mod show;
