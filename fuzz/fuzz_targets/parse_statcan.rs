//! The official-CSV reader never panics on any structure or elements
//! file of any version, and the classification it builds survives a JSON
//! round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noc::parse::statcan::{Builder, FileKind, FileSpec};
use noc::{Lang, NocVersion};

const STRUCTURE: &str = "Level,Hierarchical structure,Code - NOC 2021 V1.0,\
Class title,Class definition\n5,Unit Group,42201,A,B\n";

fuzz_target!(|data: &[u8]| {
    // The first byte picks the version and which file the rest pretends
    // to be.
    let Some((&pick, rest)) = data.split_first() else { return };
    let version = [NocVersion::V2021, NocVersion::V2016, NocVersion::V2011]
        [usize::from(pick / 2) % 3];
    let mut b = Builder::new(version);
    let structure = FileSpec {
        name: "structure.csv",
        kind: FileKind::Structure,
        lang: Lang::En,
    };
    let elements =
        FileSpec { name: "elements.csv", kind: FileKind::Elements, lang: Lang::En };
    if pick % 2 == 0 {
        let _ = b.read(structure, rest);
    } else {
        let _ = b.read(structure, STRUCTURE.as_bytes());
        let _ = b.read(elements, rest);
    }
    let c = b.finish();
    let json = serde_json::to_string(&c).unwrap();
    let back: noc::Classification = serde_json::from_str(&json).unwrap();
    assert_eq!(back.groups(), c.groups());
});
