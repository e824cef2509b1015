//! Build script: deflate-compresses the large compiled-in resources (model weights, place tables,
//! word clusters) into `OUT_DIR`, so the library (and the installed Python package) stays small.
//! The sources stay readable in the repository; `src/lexicon/packed.rs` inflates each one once,
//! on first use. Only the files listed in `PACKED` are compressed; small word lists are included
//! as they are.

use std::path::Path;

/// Resources compressed at build time, relative to the crate root. Each is written to the same
/// path under `OUT_DIR/packed/` (see `src/lexicon/packed.rs`).
const PACKED: &[&str] = &[
    "src/extract/ner/model.bin",
    "src/extract/ner/resources/clusters.txt",
    "src/extract/syntax/model.bin",
    "src/lexicon/resources/places_cities.tsv",
    "src/lexicon/resources/places_extra.tsv",
];

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for rel in PACKED {
        println!("cargo:rerun-if-changed={rel}");
        let raw = std::fs::read(rel).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
        let packed = miniz_oxide::deflate::compress_to_vec(&raw, 9);
        let dest = Path::new(&out_dir).join("packed").join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {dir:?}: {e}"));
        }
        std::fs::write(dest, packed)
            .unwrap_or_else(|e| panic!("cannot write the packed {rel}: {e}"));
    }
    println!("cargo:rerun-if-changed=build.rs");
}
