//! Arrays written to the cache as one string of little-endian bytes.
//!
//! postcard writes a `Vec<u32>` number by number, and serde reads it
//! back one element at a time through a visitor; the index holds some
//! two million such numbers, and reading them so took a quarter of a
//! cached start. As one byte string, an array is read back in a single
//! pass over the slice.
//!
//! Text is kept as bytes for a second reason: checking that 6 MB of
//! titles and statements (French accents and Chinese spread all
//! through) is UTF-8 took another 6 ms of every start. The builder only
//! ever stores whole strings, and the cache's checksum guards the bytes,
//! so each title or term is checked where it is read ([`text`]), a few
//! bytes at a time.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Serializer;

/// A value of fixed size in bytes.
pub(crate) trait Fixed: Sized {
    /// Its size in bytes.
    const SIZE: usize;
    /// Appends its bytes.
    fn put(&self, out: &mut Vec<u8>);
    /// Reads it back from exactly [`Fixed::SIZE`] bytes.
    fn get(bytes: &[u8]) -> Self;
}

/// Reads `N` bytes as an array (the caller passes exactly `N`).
fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&bytes[..N]);
    a
}

/// Numbers, as their little-endian bytes.
macro_rules! fixed_numbers {
    ($($t:ty),*) => {$(
        impl Fixed for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(bytes: &[u8]) -> $t {
                <$t>::from_le_bytes(array(bytes))
            }
        }
    )*};
}

fixed_numbers!(u8, u32, u64, f32);

impl<A: Fixed, B: Fixed> Fixed for (A, B) {
    const SIZE: usize = A::SIZE + B::SIZE;
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(bytes: &[u8]) -> (A, B) {
        (A::get(bytes), B::get(&bytes[A::SIZE..]))
    }
}

impl<A: Fixed, B: Fixed, C: Fixed> Fixed for (A, B, C) {
    const SIZE: usize = A::SIZE + B::SIZE + C::SIZE;
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
        self.2.put(out);
    }
    fn get(bytes: &[u8]) -> (A, B, C) {
        let rest = &bytes[A::SIZE..];
        (A::get(bytes), B::get(rest), C::get(&rest[B::SIZE..]))
    }
}

impl Fixed for [u32; 2] {
    const SIZE: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        self[0].put(out);
        self[1].put(out);
    }
    fn get(bytes: &[u8]) -> [u32; 2] {
        [u32::get(bytes), u32::get(&bytes[4..])]
    }
}

/// `#[serde(with = "raw::vec")]`: a `Vec` of [`Fixed`] values as one
/// byte string.
pub(crate) mod vec {
    use super::*;

    pub(crate) fn serialize<T: Fixed, S: Serializer>(
        v: &[T],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(v.len() * T::SIZE);
        for x in v {
            x.put(&mut bytes);
        }
        s.serialize_bytes(&bytes)
    }

    pub(crate) fn deserialize<'de, T: Fixed, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        d.deserialize_bytes(FixedVisitor(PhantomData))
    }
}

struct FixedVisitor<T>(PhantomData<T>);

impl<T: Fixed> FixedVisitor<T> {
    fn read<E: de::Error>(bytes: &[u8]) -> Result<Vec<T>, E> {
        if bytes.len() % T::SIZE != 0 {
            return Err(E::invalid_length(bytes.len(), &Self(PhantomData)));
        }
        Ok(bytes.chunks_exact(T::SIZE).map(T::get).collect())
    }
}

impl<'de, T: Fixed> Visitor<'de> for FixedVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a byte string of {}-byte values", T::SIZE)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<T>, E> {
        Self::read(v)
    }

    /// Self-describing formats (JSON) write bytes as a list of numbers.
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Vec<T>, A::Error> {
        let mut bytes = vec![];
        while let Some(b) = seq.next_element::<u8>()? {
            bytes.push(b);
        }
        Self::read(&bytes)
    }
}

/// The text of `bytes[start..end]`: "" if that is not UTF-8 on whole
/// characters, which the index's builder never writes.
pub(crate) fn text(bytes: &[u8], start: usize, end: usize) -> &str {
    bytes
        .get(start..end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Arrays {
        #[serde(with = "vec")]
        bytes: Vec<u8>,
        #[serde(with = "vec")]
        numbers: Vec<u32>,
        #[serde(with = "vec")]
        pairs: Vec<(u32, f32)>,
        #[serde(with = "vec")]
        spans: Vec<[u32; 2]>,
        #[serde(with = "vec")]
        keys: Vec<u64>,
        after: String,
    }

    fn sample() -> Arrays {
        Arrays {
            bytes: "électricien 社区".as_bytes().to_vec(),
            numbers: vec![0, 1, 300, u32::MAX],
            pairs: vec![(7, -0.5), (u32::MAX, f32::MAX)],
            spans: vec![[1, 2], [3, u32::MAX]],
            keys: vec![u64::MAX, 0],
            after: "end".into(),
        }
    }

    #[test]
    fn round_trips_in_postcard_and_json() {
        let a = sample();
        let bytes = postcard::to_stdvec(&a).unwrap();
        assert_eq!(postcard::from_bytes::<Arrays>(&bytes).unwrap(), a);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Arrays>(&json).unwrap(), a);
    }

    #[test]
    fn a_cut_array_is_an_error_not_a_panic() {
        #[derive(Serialize)]
        struct Bytes(#[serde(with = "vec")] Vec<u8>);
        #[derive(Debug, Deserialize)]
        struct Numbers(#[serde(with = "vec")] Vec<u32>);
        let numbers = |bytes: Vec<u8>| {
            let encoded = postcard::to_stdvec(&Bytes(bytes)).unwrap();
            postcard::from_bytes::<Numbers>(&encoded).map(|n| n.0)
        };
        assert_eq!(numbers(vec![1, 0, 0, 0, 2, 0, 0, 0]).unwrap(), [1, 2]);
        // Five bytes are not a whole number of u32s.
        assert!(numbers(vec![1, 2, 3, 4, 5]).is_err());
    }

    #[test]
    fn text_is_checked_where_it_is_read() {
        let bytes = "aé社".as_bytes();
        assert_eq!(text(bytes, 0, 1), "a");
        assert_eq!(text(bytes, 1, 3), "é");
        assert_eq!(text(bytes, 0, bytes.len()), "aé社");
        // Inside a character, or past the end: nothing.
        assert_eq!(text(bytes, 0, 2), "");
        assert_eq!(text(bytes, 3, 99), "");
        assert_eq!(text(bytes, 2, 1), "");
    }
}
