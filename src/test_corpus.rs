//! Test support: articles of a corpus in `../shared/data` (beside the checkout), read at test
//! time so that no corpus text is stored in the repository.

/// The `(id, text)` pairs of the JSONL file `rel` under `../shared/data`; empty, with a note
/// saying which tests `what` check nothing, when the file is absent.
pub(crate) fn articles(rel: &str, what: &str) -> Vec<(String, String)> {
    let path = format!("{}/../shared/data/{rel}", env!("CARGO_MANIFEST_DIR"));
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("{path} is absent: the {what} tests check nothing");
        return Vec::new();
    };
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["id"].as_str()?.to_string(),
                v["text"].as_str()?.to_string(),
            ))
        })
        .collect()
}
