//! Learns word clusters for the NER features from unlabeled news: predictive exchange clustering
//! (Uszkoreit & Brants 2008) of the class-bigram model p(w_i | w_{i-1}) =
//! p(w_i | c(w_i)) p(c(w_i) | w_{i-1}), run at several numbers of clusters.
//!
//! `newsfacts-clusters [--data DIR] [--out FILE] [--min-count N] [--iters N] [--sizes 64,256,1024]`
//!
//! Reads Reuters-21578 (`reuters21578/all.jsonl.gz`, via `gzip -dc`), BBC News, GMB sentences and
//! CoNLL-2003 train text (never dev or test), tokenized by the library's tokenizer. Writes lines
//! `word c1 c2 c3` (coarse to fine) for words seen at least `--min-count` times. Deterministic.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use newsfacts::text::tokenize;

/// Calls `f` with the `text` (and `title`) of every JSONL record of `reader`.
fn each_text(reader: impl Read, f: &mut dyn FnMut(&str)) {
    for line in BufReader::new(reader).lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        for field in ["title", "text"] {
            if let Some(t) = v[field].as_str() {
                f(t);
            }
        }
    }
}

fn read_corpus(data: &Path, f: &mut dyn FnMut(&str)) {
    let reuters = data.join("reuters21578/all.jsonl.gz");
    match Command::new("gzip")
        .arg("-dc")
        .arg(&reuters)
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            if let Some(out) = child.stdout.take() {
                each_text(out, f);
            }
            let _ = child.wait();
        }
        Err(e) => eprintln!("cannot read {}: {e}", reuters.display()),
    }
    for p in [
        "bbc_news/all.jsonl",
        "gmb_ner/all.jsonl",
        "conll2003/train.jsonl",
    ] {
        match std::fs::File::open(data.join(p)) {
            Ok(file) => each_text(file, f),
            Err(e) => eprintln!("cannot read {p}: {e}"),
        }
    }
}

#[inline]
fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// Predictive exchange clustering of words `0..n_words` into `k` classes. `pred[w]` lists the
/// distinct predecessors of `w` with bigram counts; `count[w]` is the unigram count.
fn exchange(pred: &[Vec<(u32, u32)>], count: &[u64], k: usize, iters: usize) -> Vec<u16> {
    let n = count.len();
    // Frequency order; classes assigned round-robin by rank.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&w| (std::cmp::Reverse(count[w]), w));
    let mut class = vec![0u16; n];
    for (rank, &w) in order.iter().enumerate() {
        class[w] = (rank % k) as u16;
    }
    // N(v, c): how often word v is followed by a word of class c. N(c): class counts.
    let mut nvc = vec![0u32; n * k];
    let mut nc = vec![0f64; k];
    for (w, preds) in pred.iter().enumerate() {
        let c = class[w] as usize;
        for &(v, x) in preds {
            nvc[v as usize * k + c] += x;
        }
        nc[c] += count[w] as f64;
    }
    let mut delta = vec![0f64; k];
    for it in 0..iters {
        let t0 = Instant::now();
        let mut moved = 0usize;
        for &w in &order {
            let a = class[w] as usize;
            let preds = &pred[w];
            // Remove w from its class.
            for &(v, x) in preds {
                nvc[v as usize * k + a] -= x;
            }
            let nw = count[w] as f64;
            nc[a] -= nw;
            // Gain of adding w to each class.
            let mut base = 0.0;
            for &(_, x) in preds {
                base += xlogx(f64::from(x));
            }
            for (b, d) in delta.iter_mut().enumerate() {
                *d = base - (xlogx(nc[b] + nw) - xlogx(nc[b]));
            }
            for &(v, x) in preds {
                let row = &nvc[v as usize * k..(v as usize + 1) * k];
                let xf = f64::from(x);
                let fx = xlogx(xf);
                for (b, &m) in row.iter().enumerate() {
                    if m > 0 {
                        let mf = f64::from(m);
                        delta[b] += xlogx(mf + xf) - xlogx(mf) - fx;
                    }
                }
            }
            let mut best = a;
            for (b, &d) in delta.iter().enumerate() {
                if d > delta[best] + 1e-9 {
                    best = b;
                }
            }
            if best != a {
                moved += 1;
            }
            for &(v, x) in preds {
                nvc[v as usize * k + best] += x;
            }
            nc[best] += nw;
            class[w] = best as u16;
        }
        eprintln!(
            "  k={k} iteration {}: {moved} moves, {:.1}s",
            it + 1,
            t0.elapsed().as_secs_f64()
        );
        if moved < n / 1000 {
            break;
        }
    }
    class
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("src/extract/ner/resources/clusters.txt");
    let mut min_count = 5u64;
    let mut iters = 8usize;
    let mut sizes = vec![64usize, 256, 1024];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--out" => out = PathBuf::from(val()),
            "--min-count" => min_count = val().parse().unwrap_or(min_count),
            "--iters" => iters = val().parse().unwrap_or(iters),
            "--sizes" => {
                sizes = val().split(',').filter_map(|s| s.parse().ok()).collect();
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    if !data.exists() {
        println!(
            "newsfacts-clusters: no data at {} (skipped)",
            data.display()
        );
        return;
    }
    if sizes.len() != 3 || sizes.iter().any(|&s| s == 0 || s > 65535) {
        eprintln!("--sizes needs three cluster counts");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    // Pass 1: counts.
    let mut freq: HashMap<String, u64> = HashMap::new();
    let mut n_tokens = 0u64;
    read_corpus(&data, &mut |text| {
        for t in tokenize(text) {
            *freq.entry(text[t.start..t.end].to_string()).or_insert(0) += 1;
            n_tokens += 1;
        }
    });
    // Vocabulary: id 0 = boundary, 1 = rare word, then words by frequency.
    let mut words: Vec<(String, u64)> = freq.into_iter().filter(|(_, c)| *c >= min_count).collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let id: HashMap<&str, u32> = words
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i as u32 + 2))
        .collect();
    let n = words.len() + 2;
    eprintln!(
        "{n_tokens} tokens, {} words with count >= {min_count}",
        n - 2
    );
    // Pass 2: bigrams.
    let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
    let mut count = vec![0u64; n];
    read_corpus(&data, &mut |text| {
        let mut prev = 0u32;
        count[0] += 1;
        for t in tokenize(text) {
            let w = id.get(&text[t.start..t.end]).copied().unwrap_or(1);
            *bigrams.entry((prev, w)).or_insert(0) += 1;
            count[w as usize] += 1;
            prev = w;
        }
        *bigrams.entry((prev, 0)).or_insert(0) += 1;
    });
    let mut pred: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    for ((v, w), x) in bigrams {
        pred[w as usize].push((v, x));
    }
    for p in &mut pred {
        p.sort_unstable();
    }
    eprintln!(
        "{} distinct bigrams, read in {:.1}s",
        pred.iter().map(Vec::len).sum::<usize>(),
        t0.elapsed().as_secs_f64()
    );
    let classes: Vec<Vec<u16>> = sizes
        .iter()
        .map(|&k| exchange(&pred, &count, k, iters))
        .collect();
    let mut buf = String::new();
    for (i, (w, _)) in words.iter().enumerate() {
        if w.contains(char::is_whitespace) {
            continue;
        }
        let ids: Vec<String> = classes.iter().map(|c| c[i + 2].to_string()).collect();
        buf.push_str(&format!("{w} {}\n", ids.join(" ")));
    }
    match std::fs::File::create(&out).and_then(|mut f| f.write_all(buf.as_bytes())) {
        Ok(()) => eprintln!(
            "wrote {} ({} words) in {:.1}s",
            out.display(),
            words.len(),
            t0.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
