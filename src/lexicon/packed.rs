//! Resources compressed at build time (`build.rs` deflates them into `OUT_DIR`) and inflated
//! once, on first use. Model weights and the large place tables are most of the library's size;
//! compressed, the installed package stays small (issue #19: ≤ 15 MB).
//!
//! Use [`packed!`](crate::packed) with the resource's path relative to the crate root (it must be
//! listed in `build.rs`), then [`inflate`] or [`inflate_str`].

use std::io;

/// The deflated bytes of a resource listed in `build.rs`, by its path from the crate root
/// (`build.rs` writes it to the same path under `OUT_DIR/packed/`).
#[macro_export]
macro_rules! packed {
    ($rel:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/packed/", $rel))
    };
}

/// Inflates a packed resource. Fails only if the bytes are not what `build.rs` wrote.
pub fn inflate(packed: &[u8]) -> io::Result<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec(packed)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("packed resource: {e}")))
}

/// Inflates a packed text resource for the life of the process (tables that borrow `&'static
/// str` from it, as they did from `include_str!`). A resource that fails to inflate or is not
/// UTF-8 reads as empty, so its tables are empty rather than the process failing.
pub fn inflate_str(packed: &[u8]) -> &'static str {
    let text = inflate(packed)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    Box::leak(text.into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_resources_inflate_to_their_sources() {
        let cases: [(&[u8], &str); 5] = [
            (
                crate::packed!("src/extract/ner/model.bin"),
                "src/extract/ner/model.bin",
            ),
            (
                crate::packed!("src/extract/ner/resources/clusters.txt"),
                "src/extract/ner/resources/clusters.txt",
            ),
            (
                crate::packed!("src/extract/syntax/model.bin"),
                "src/extract/syntax/model.bin",
            ),
            (
                crate::packed!("src/lexicon/resources/places_cities.tsv"),
                "src/lexicon/resources/places_cities.tsv",
            ),
            (
                crate::packed!("src/lexicon/resources/places_extra.tsv"),
                "src/lexicon/resources/places_extra.tsv",
            ),
        ];
        for (packed, rel) in cases {
            let source = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + rel)
                .expect("the source is in the repository");
            assert!(packed.len() < source.len(), "{rel} is not smaller packed");
            assert_eq!(inflate(packed).expect("inflates"), source, "{rel}");
        }
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        assert!(inflate(&[0xff, 0x00, 0x13]).is_err());
        assert_eq!(inflate_str(&[0xff, 0x00, 0x13]), "");
    }
}
