//! A cache of a loaded classification and its matcher index, so that a
//! command starts in milliseconds instead of parsing the CSV files and
//! building the index again (about 0.7 s for NOC 2021 EN+FR).
//!
//! One cache file per data folder, in the platform's cache folder
//! (`$NOC_HOME/cache` when `NOC_HOME` is set, else e.g. `~/.cache/noc`).
//! The file starts with a magic number and format version, then the
//! *source key*: a SHA-256 over this library's version and source
//! fingerprint and the path, size and modification time of every source
//! file. Three sections follow, the index's two parts (its groups with
//! their profiles and duty statements; its titles and vocabulary) and
//! the classification, each with its length and CRC-32, so a command
//! that only matches never decodes the classification (the checksum
//! catches a damaged file; a SHA-256 of the 25 MB index took some 10 ms
//! of every start, CRC-32 through `crc32fast` takes about 2). The
//! index is encoded with postcard, its long arrays and texts as byte
//! strings (see `index::raw`); the classification as JSON, because the
//! model's serde form leaves out empty fields, which only a
//! self-describing encoding can read back.
//!
//! Most of a cached start is page faults: on the memory the decoded
//! index fills, and (when the file was read into a buffer) on that
//! buffer. So the file is mapped into memory, not read (7 ms of a 20 ms
//! `noc check`), and the index's two parts decode on two threads at
//! once (4 ms more).
//!
//! A cache whose key differs (other data, a file changed, another
//! version of the tool) is stale; one whose checksum or encoding is
//! wrong is corrupt. Neither is ever used: the caller rebuilds and
//! [`Cache::store`] replaces the file atomically (write to a temporary
//! file, then rename), so concurrent readers see the old or the new
//! file, never a mix.

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::index::{GroupPart, Index, TitlePart};
use crate::model::Classification;
use crate::store::hex;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"NOCCACHE";
/// The layout version of the file's header and sections. Changes of the
/// encoded index (and of the normaliser that built it) are covered by
/// the source fingerprint in the key. 2: CRC-32 section checksums in
/// place of SHA-256. 3: the index in two sections, groups and titles.
pub const FORMAT: u32 = 3;

/// Why a cache could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// There is no cache file for this data.
    Absent,
    /// The cache was built from other data or by another version.
    Stale,
    /// The file is damaged; it is never trusted.
    Corrupt(String),
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Miss::Absent => write!(f, "no cache yet"),
            Miss::Stale => write!(f, "the cache is out of date"),
            Miss::Corrupt(why) => write!(f, "the cache is corrupt ({why})"),
        }
    }
}

/// The caches of all data folders.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

/// The sections of a cache file, in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    /// The index's groups, profiles and duty statements.
    Groups = 1,
    /// The index's titles and vocabulary.
    Titles = 3,
    Classification = 2,
}

impl Cache {
    /// Caches kept in `dir` (created when a cache is stored).
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The default place: `$NOC_HOME/cache` when `NOC_HOME` is set, else
    /// the platform's cache folder (`$XDG_CACHE_HOME/noc` or
    /// `~/.cache/noc` on Linux).
    pub fn default_location() -> Option<Cache> {
        crate::store::home_folder("cache", dirs::cache_dir()).map(Cache::new)
    }

    /// The folder holding the cache files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache file of the data in `source` (a folder or file).
    pub fn path_for(&self, source: &Path) -> PathBuf {
        let abs = std::path::absolute(source)
            .unwrap_or_else(|_| source.to_path_buf());
        let digest = Sha256::digest(abs.to_string_lossy().as_bytes());
        self.dir.join(format!("{}.bin", &hex(&digest)[..16]))
    }

    /// The index cached for `source`, if the cache matches `files` (the
    /// source files it was built from).
    pub fn load_index(
        &self,
        source: &Path,
        files: &[PathBuf],
    ) -> std::result::Result<Index, Miss> {
        self.read_checked(source, files, |file| {
            // The two parts decode on two cores: most of a cached start
            // is page faults on the memory they fill, which two threads
            // take in parallel.
            std::thread::scope(|scope| {
                let titles = scope.spawn(|| {
                    decode::<TitlePart>(
                        file.section(Section::Titles)?,
                        "titles",
                    )
                });
                let groups = decode::<GroupPart>(
                    file.section(Section::Groups)?,
                    "groups",
                );
                let titles = titles.join().map_err(|_| {
                    Miss::Corrupt("decoding the titles failed".into())
                })?;
                Ok(Index::from_parts(groups?, titles?))
            })
        })
    }

    /// The classification cached for `source` (see [`Cache::load_index`]).
    pub fn load_classification(
        &self,
        source: &Path,
        files: &[PathBuf],
    ) -> std::result::Result<Classification, Miss> {
        self.read_checked(source, files, |file| {
            serde_json::from_slice(file.section(Section::Classification)?)
                .map_err(|e| Miss::Corrupt(format!("classification: {e}")))
        })
    }

    /// Writes the cache of `source`, replacing any older one atomically.
    /// Returns the file written.
    pub fn store(
        &self,
        source: &Path,
        files: &[PathBuf],
        classification: &Classification,
        index: &Index,
    ) -> Result<PathBuf> {
        let path = self.path_for(source);
        let key = source_key(files).map_err(|e| Error::io(&path, e))?;
        let encoding = |what: &str, e: &dyn std::fmt::Display| {
            Error::io(
                &path,
                std::io::Error::other(format!("encoding the {what}: {e}")),
            )
        };
        let (groups, titles) = index.parts();
        let group_bytes =
            postcard::to_stdvec(groups).map_err(|e| encoding("index", &e))?;
        let title_bytes =
            postcard::to_stdvec(titles).map_err(|e| encoding("index", &e))?;
        let class_bytes = serde_json::to_vec(classification)
            .map_err(|e| encoding("classification", &e))?;
        let mut out = Vec::with_capacity(
            64 + key.len()
                + group_bytes.len()
                + title_bytes.len()
                + class_bytes.len(),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(key.len() as u32).to_le_bytes());
        out.extend_from_slice(&key);
        for (section, bytes) in [
            (Section::Groups, &group_bytes),
            (Section::Titles, &title_bytes),
            (Section::Classification, &class_bytes),
        ] {
            out.push(section as u8);
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| Error::io(&self.dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)
            .map_err(|e| Error::io(&self.dir, e))?;
        std::io::Write::write_all(&mut tmp, &out)
            .map_err(|e| Error::io(tmp.path(), e))?;
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(path)
    }

    /// Decodes sections of the cache of `source` with `decode`, if the
    /// file's header and key match `files`. Sections not asked for are
    /// skipped unread.
    fn read_checked<T>(
        &self,
        source: &Path,
        files: &[PathBuf],
        decode: impl FnOnce(&CacheFile) -> std::result::Result<T, Miss>,
    ) -> std::result::Result<T, Miss> {
        let path = self.path_for(source);
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Miss::Absent)
            }
            Err(e) => return Err(Miss::Corrupt(e.to_string())),
        };
        let key = source_key(files).map_err(|_| Miss::Stale)?;
        // Mapped, not read: reading 16 MB into fresh memory cost a page
        // fault per 4 KB, a third of a cached command's start.
        //
        // SAFETY: a mapped file must not change while it is mapped. noc
        // never writes a cache file in place: `store` writes a new file
        // and renames it over the old one, which leaves this open file
        // as it was. The map lives only while the sections asked for are
        // decoded into owned values.
        let map = unsafe { memmap2::MmapOptions::new().map(&file) };
        // A file system that cannot map files is read the slow way.
        let read;
        let bytes: &[u8] = match &map {
            Ok(map) => map,
            Err(_) => {
                use std::io::Read;
                let mut buf = vec![];
                (&file)
                    .read_to_end(&mut buf)
                    .map_err(|e| Miss::Corrupt(e.to_string()))?;
                read = buf;
                &read
            }
        };
        decode(&CacheFile::open(bytes, &key)?)
    }
}

/// The sections of a cache file whose header and key were checked.
struct CacheFile<'a> {
    /// The bytes after the key.
    sections: &'a [u8],
}

impl<'a> CacheFile<'a> {
    /// Checks the magic number, the format and the source key of the
    /// cache file `bytes`.
    fn open(bytes: &'a [u8], key: &[u8]) -> std::result::Result<Self, Miss> {
        let mut rest = bytes;
        if take(&mut rest, 8)? != MAGIC {
            return Err(Miss::Corrupt("not a noc cache file".into()));
        }
        if le_u32(take(&mut rest, 4)?) != FORMAT {
            return Err(Miss::Stale);
        }
        let key_len = le_u32(take(&mut rest, 4)?) as usize;
        if rest.len() < key_len || take(&mut rest, key_len)? != key {
            return Err(Miss::Stale);
        }
        Ok(CacheFile { sections: rest })
    }

    /// The body of section `want`, after checking its checksum.
    fn section(&self, want: Section) -> std::result::Result<&'a [u8], Miss> {
        let mut rest = self.sections;
        loop {
            let head = take(&mut rest, 1 + 8 + 4)?;
            let mut len_bytes = [0u8; 8];
            len_bytes.copy_from_slice(&head[1..9]);
            let len = usize::try_from(u64::from_le_bytes(len_bytes))
                .map_err(|_| Miss::Corrupt("the file is cut short".into()))?;
            let body = take(&mut rest, len)?;
            if head[0] == want as u8 {
                if crc32fast::hash(body) != le_u32(&head[9..]) {
                    return Err(Miss::Corrupt("checksum mismatch".into()));
                }
                return Ok(body);
            }
        }
    }
}

/// Decodes a postcard-encoded part of the index.
fn decode<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    what: &str,
) -> std::result::Result<T, Miss> {
    postcard::from_bytes(bytes)
        .map_err(|e| Miss::Corrupt(format!("index ({what}): {e}")))
}

/// The next `n` bytes of `rest`; fewer means the file was cut short.
fn take<'a>(
    rest: &mut &'a [u8],
    n: usize,
) -> std::result::Result<&'a [u8], Miss> {
    if rest.len() < n {
        return Err(Miss::Corrupt("the file is cut short".into()));
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Ok(head)
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// The identity of the source files: this library's version and source
/// fingerprint (see `build.rs`: a cache from another build may hold an
/// index laid out or normalised differently) and each file's absolute
/// path, size and modification time. Reading the
/// metadata costs microseconds; hashing the 13 MB of CSV would cost
/// more than the cache saves.
fn source_key(files: &[PathBuf]) -> std::io::Result<Vec<u8>> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(env!("NOC_SOURCE_FINGERPRINT").as_bytes());
    for f in files {
        let meta = std::fs::metadata(f)?;
        let abs = std::path::absolute(f)?;
        h.update(abs.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(meta.len().to_le_bytes());
        let modified = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        h.update(modified.to_le_bytes());
    }
    Ok(h.finalize().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("4212.txt");
        std::fs::write(&profile, crate::embedded::PROFILE_TEXT).unwrap();
        let files = vec![profile.clone()];
        let cache = Cache::new(dir.path().join("cache"));
        (dir, profile, files, cache)
    }

    #[test]
    fn round_trip_and_staleness() {
        let (_dir, profile, files, cache) = setup();
        assert_eq!(
            cache.load_index(&profile, &files).unwrap_err(),
            Miss::Absent
        );
        let c = crate::embedded::classification();
        let index = Index::build(c);
        cache.store(&profile, &files, c, &index).unwrap();
        let back = cache.load_index(&profile, &files).unwrap();
        assert_eq!(back.term_id("youth"), index.term_id("youth"));
        let classes = cache.load_classification(&profile, &files).unwrap();
        assert_eq!(classes.groups(), c.groups());
        assert_eq!(back.entry_count(), index.entry_count());
        assert_eq!(back.entry(7).title, index.entry(7).title);
        // Changing the source makes the cache stale.
        std::fs::write(&profile, "changed").unwrap();
        assert_eq!(
            cache.load_index(&profile, &files).unwrap_err(),
            Miss::Stale
        );
    }

    #[test]
    fn a_damaged_cache_is_never_trusted() {
        let (_dir, profile, files, cache) = setup();
        let c = crate::embedded::classification();
        let path = cache.store(&profile, &files, c, &Index::build(c)).unwrap();
        let good = std::fs::read(&path).unwrap();
        let is_corrupt = |r: std::result::Result<(), Miss>| {
            matches!(r, Err(Miss::Corrupt(_)))
        };
        let index = || cache.load_index(&profile, &files).map(|_| ());
        let classes =
            || cache.load_classification(&profile, &files).map(|_| ());
        // A flipped byte near the end is in the classification section.
        let mut bad = good.clone();
        let at = bad.len() - 10;
        bad[at] ^= 0x55;
        std::fs::write(&path, &bad).unwrap();
        assert!(is_corrupt(classes()));
        assert!(index().is_ok(), "the index section is intact");
        // One in the index section (after the 89-byte header).
        let mut bad = good.clone();
        bad[200] ^= 0x55;
        std::fs::write(&path, &bad).unwrap();
        assert!(is_corrupt(index()));
        // Any flipped byte after the header is caught by the section it
        // falls in, whichever of the three that is.
        for at in (100..good.len()).step_by(good.len() / 97) {
            let mut bad = good.clone();
            bad[at] ^= 0x55;
            std::fs::write(&path, &bad).unwrap();
            assert!(is_corrupt(index()) || is_corrupt(classes()), "{at}");
        }
        // A file cut short, and one that is not a cache at all.
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        assert!(is_corrupt(classes()));
        std::fs::write(&path, b"junk").unwrap();
        assert!(is_corrupt(index()));
        assert!(is_corrupt(classes()));
        std::fs::write(&path, b"").unwrap();
        assert!(is_corrupt(index()));
        // Rebuilding replaces it.
        cache.store(&profile, &files, c, &Index::build(c)).unwrap();
        assert!(index().is_ok() && classes().is_ok());
    }
}
