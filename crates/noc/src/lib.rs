//! Canada's National Occupational Classification (NOC) as typed data.
//!
//! # Overview
//!
//! - [`NocCode`], [`NocVersion`], [`Level`]: validated codes that keep
//!   their leading zeros, with TEER (2021) and skill level (2011/2016).
//! - [`Group`]: one class of the NOC. Unit groups carry the full profile:
//!   lead statement, example titles, the index of all titles, inclusions,
//!   exclusions (links to other classes), main duties, employment
//!   requirements and additional information. Text is [`Multilingual`]
//!   (English, French, Chinese).
//! - [`Classification`]: all classes of one version, with the hierarchy.
//! - [`parse`]: the bilingual profile format and the official Statistics
//!   Canada CSV files; [`parse::load_path`] loads either from disk.
//! - [`concordance`]: the official NOC 2016 → 2021 concordance.
//! - [`zh`]: Chinese: traditional folding, segmentation, and the
//!   project's own (unofficial) Chinese names and lexicon.
//! - [`source`]: which data to use (a folder given, the installed
//!   [`store`], or the embedded default) and loading it through the
//!   [`cache`].
//! - [`embedded`]: the profile compiled into the crate (NOC 2011 unit
//!   group 4212), so everything works with no data installed.
//!
//! # Example
//!
//! ```
//! let noc = noc::embedded::classification();
//! let g = noc.get_str("4212").unwrap();
//! assert_eq!(g.title.en.as_deref(), Some("Social and community service workers"));
//! assert_eq!(g.all_titles.len(), 115);
//! let social = g.exclusions.iter().find(|e| e.target.unwrap().as_str() == "4152");
//! assert!(social.is_some());
//! ```
#![deny(missing_docs)]

pub mod cache;
mod code;
pub mod concordance;
pub mod describe;
pub mod embedded;
mod error;
pub mod eval;
pub mod index;
pub mod matcher;
mod model;
pub mod normalize;
mod parallel;
pub mod parse;
pub mod source;
pub mod store;
pub mod zh;

pub use code::{
    skill_type_name, teer_name, Level, NocCode, NocVersion, OtherVersion,
};
pub use error::{Error, ErrorKind, Position, Result};
pub use model::{
    Classification, DutySection, Exclusion, Group, Lang, Multilingual, Text,
    Title, TitleForm, UnofficialTitles,
};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
