//! The data compiled into the crate: the client's sample profile, NOC 2011
//! unit group 4212 (Social and community service workers), in Chinese and
//! English. It lets every command work on a fresh install with no
//! downloaded data.

use std::sync::OnceLock;

use crate::code::NocVersion;
use crate::model::Classification;

/// The file name of the embedded profile (in the repository's `data/`).
pub const PROFILE_NAME: &str =
    "data/4212_social_community_service_workers.txt";

/// The text of the embedded profile.
pub const PROFILE_TEXT: &str =
    include_str!("../../../data/4212_social_community_service_workers.txt");

/// The embedded classification, parsed once.
///
/// # Example
/// ```
/// let noc = noc::embedded::classification();
/// assert_eq!(noc.groups().len(), 1);
/// ```
pub fn classification() -> &'static Classification {
    static CELL: OnceLock<Classification> = OnceLock::new();
    CELL.get_or_init(|| {
        // The text is fixed at compile time and covered by tests, so a
        // parse failure here is a build defect, not a user error.
        let groups = crate::parse::profile::parse_profiles(PROFILE_TEXT)
            .unwrap_or_default();
        Classification::new(NocVersion::V2011, groups)
    })
}
