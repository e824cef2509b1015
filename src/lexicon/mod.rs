//! Compiled-in resources (gazetteers, word lists, model weights) and their matchers. Each
//! resource is parsed once per process, lazily (`LazyLock`), and shared read-only by all threads.
//! Sources and licences: `resources/PROVENANCE.md`.

pub mod countries;
pub mod packed;
pub mod places;
pub mod titles;
