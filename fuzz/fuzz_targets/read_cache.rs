//! The cache reader never panics and never returns data from a damaged
//! file: arbitrary bytes, or a valid cache with bytes overwritten, give
//! an index that works or a miss.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use noc::cache::Cache;
use noc::index::Index;

struct Fixture {
    _dir: tempfile::TempDir,
    cache: Cache,
    source: PathBuf,
    files: Vec<PathBuf>,
    valid: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("4212.txt");
        std::fs::write(&source, noc::embedded::PROFILE_TEXT).unwrap();
        let files = vec![source.clone()];
        let cache = Cache::new(dir.path().join("cache"));
        let c = noc::embedded::classification();
        let path = cache.store(&source, &files, c, &Index::build(c)).unwrap();
        let valid = std::fs::read(path).unwrap();
        Fixture { _dir: dir, cache, source, files, valid }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    // First byte 0: the bytes are the whole file. Otherwise pairs of
    // (position, value) overwrite a valid file.
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode == 0 {
        rest.to_vec()
    } else {
        let mut b = f.valid.clone();
        for pair in rest.chunks_exact(3) {
            let at = usize::from(u16::from_le_bytes([pair[0], pair[1]]));
            if let Some(x) = b.get_mut(at * 7 % f.valid.len()) {
                *x = pair[2];
            }
        }
        b
    };
    std::fs::write(f.cache.path_for(&f.source), &bytes).unwrap();
    if let Ok(index) = f.cache.load_index(&f.source, &f.files) {
        // Whatever decoded must be usable.
        let m = noc::matcher::Matcher::new(index);
        let _ = m.match_title("youth worker");
    }
    let _ = f.cache.load_classification(&f.source, &f.files);
});
