//! Counts the entity defects of issue #19 on the BBC News and Reuters-21578 corpora, through the
//! whole pipeline, and prints a Markdown section "## Names".
//!
//! Usage: `eval-names [--data DIR] [--limit N] [--demonyms] [--conll]` (default `../shared/data`;
//! `--limit` reads at most N articles of each corpus; `--demonyms` also lists the 60 most frequent
//! demonyms with the country the pipeline gave them). Reads `bbc_news/all.jsonl` and
//! `reuters21578/all.jsonl.gz` (via `gzip -dc`). `--conll` also scores CoNLL-2003 test through
//! the pipeline with `benches/conll_eval.py`'s semantics (raw document text, `include=
//! ["entities"]`, NORP and MISC → MISC, every mention, exact start, end and label), so a change
//! can be checked without building the wheel.
//!
//! Counted, per corpus (each a number of entities or mentions, lower is better unless said):
//! - **sign-off entities**: entities named "Reuter", "REUTER" or "Reuters" typed PERSON;
//! - **boilerplate in entities**: entity mentions that overlap a boilerplate span;
//! - **cut at a line break**: a mention that ends where a single line break is followed by a
//!   capitalized word of the same name (a company suffix or a capitalized word that is not the
//!   start of a sentence), or starts right after a line break preceded by "and"/"of" or a
//!   capitalized word that is not sentence-final;
//! - **joined across a line break**: mentions whose text contains a line break (higher is better);
//! - **works, awards, events, products, laws**: entities of a few named defects and their types;
//! - **MISC by subtype** (informative).

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use newsfacts::record::{EntityType, Record};
use newsfacts::{Article, Extractor, Include};

/// Names whose type issue #19 and #18 report as wrong; MISC is right for every one except
/// "Lord Justice" (a title, which should be no entity of its own).
const NAMED: &[&str] = &[
    "Sideways",
    "Oscar",
    "Oscars",
    "Hurricane Ivan",
    "Treaty of Amsterdam",
    "Macbook Pro",
    "Troy",
    "Bafta",
    "Baftas",
    "Closer",
    "Lord Justice",
];

const SUFFIXES: &[&str] = &[
    "Inc",
    "Corp",
    "Co",
    "Ltd",
    "Plc",
    "PLC",
    "Group",
    "Bank",
    "Commission",
    "Reserve",
    "Board",
    "Corporation",
    "Company",
    "Association",
    "Department",
    "Ministry",
    "Council",
    "Authority",
    "Exchange",
    "Fund",
    "Agency",
    "Institute",
    "Holdings",
    "Industries",
    "International",
];

fn read_articles(data: &Path, limit: usize) -> Vec<(&'static str, Vec<Article>)> {
    let mut out = Vec::new();
    let parse = |reader: Box<dyn Read>, prefix: &str| -> Vec<Article> {
        BufReader::new(reader)
            .lines()
            .map_while(Result::ok)
            .take(limit)
            .filter_map(|line| {
                let v: serde_json::Value = serde_json::from_str(&line).ok()?;
                let mut a = Article::from_text(v["text"].as_str()?.to_string());
                a.id = format!("{prefix}{}", v["id"].as_str().unwrap_or(""));
                a.published = v["published"].as_str().map(str::to_string);
                Some(a)
            })
            .collect()
    };
    match std::fs::File::open(data.join("bbc_news/all.jsonl")) {
        Ok(f) => out.push(("BBC News", parse(Box::new(f), ""))),
        Err(e) => eprintln!("cannot read bbc_news/all.jsonl: {e}"),
    }
    let reuters = data.join("reuters21578/all.jsonl.gz");
    match Command::new("gzip")
        .arg("-dc")
        .arg(&reuters)
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            if let Some(stdout) = child.stdout.take() {
                out.push(("Reuters-21578", parse(Box::new(stdout), "")));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        Err(e) => eprintln!("cannot read {}: {e}", reuters.display()),
    }
    out
}

#[derive(Default)]
struct Counts {
    articles: usize,
    signoff_person: usize,
    boiler_overlap: usize,
    cut: usize,
    joined: usize,
    named: BTreeMap<(String, String), usize>,
    misc_subtypes: BTreeMap<String, usize>,
    /// Demonym → (articles, country → articles).
    demonyms: HashMap<String, (usize, BTreeMap<String, usize>)>,
}

/// Whether the mention `[s, e)` (code points over `chars`) is a name cut at a line break.
fn cut_at_break(chars: &[char], s: usize, e: usize) -> bool {
    let word_after = |i: usize| -> String {
        chars[i..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '&')
            .collect()
    };
    // After: one line break, spaces, then a suffix word.
    let mut i = e;
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    if i < chars.len() && chars[i] == '\n' && chars.get(i + 1) != Some(&'\n') {
        let w = word_after(i + 1);
        if SUFFIXES.contains(&w.as_str()) {
            return true;
        }
    }
    // Before: "and\n", "of\n" or a capitalized word on the line before.
    let mut j = s;
    while j > 0 && chars[j - 1] == ' ' {
        j -= 1;
    }
    if j > 1 && chars[j - 1] == '\n' && chars[j - 2] != '\n' {
        let mut k = j - 1;
        while k > 0 && chars[k - 1] == ' ' {
            k -= 1;
        }
        let end = k;
        while k > 0 && chars[k - 1].is_alphanumeric() {
            k -= 1;
        }
        let prev: String = chars[k..end].iter().collect();
        return prev == "and" || prev == "of" || prev == "&";
    }
    false
}

fn count(recs: &[Record], arts: &[Article], c: &mut Counts) {
    for (r, a) in recs.iter().zip(arts) {
        c.articles += 1;
        let chars: Vec<char> = a.text.as_deref().unwrap_or("").chars().collect();
        let mut seen_dem: HashMap<&str, ()> = HashMap::new();
        for e in &r.entities {
            if e.etype == EntityType::Person
                && matches!(e.name.as_str(), "Reuter" | "REUTER" | "Reuters")
            {
                c.signoff_person += 1;
            }
            if NAMED.contains(&e.name.as_str()) {
                let t = format!(
                    "{:?}{}",
                    e.etype,
                    e.subtype
                        .as_deref()
                        .map(|s| format!("/{s}"))
                        .unwrap_or_default()
                );
                *c.named.entry((e.name.clone(), t)).or_default() += 1;
            }
            if e.etype == EntityType::Misc {
                *c.misc_subtypes
                    .entry(e.subtype.clone().unwrap_or_else(|| "-".into()))
                    .or_default() += 1;
            }
            if e.etype == EntityType::Norp && seen_dem.insert(&e.name, ()).is_none() {
                let slot = c.demonyms.entry(e.name.clone()).or_default();
                slot.0 += 1;
                *slot
                    .1
                    .entry(e.country.clone().unwrap_or_else(|| "-".into()))
                    .or_default() += 1;
            }
            for m in &e.mentions {
                if r.boilerplate
                    .iter()
                    .any(|b| b.start < m.end && m.start < b.end)
                {
                    c.boiler_overlap += 1;
                }
                if m.text.contains('\n') {
                    c.joined += 1;
                }
                if m.end <= chars.len() && cut_at_break(&chars, m.start, m.end) {
                    c.cut += 1;
                }
            }
        }
    }
}

/// Micro precision, recall and F1 on CoNLL-2003 test through the pipeline.
fn conll(ex: &Extractor, data: &Path) -> Option<(f64, f64, f64, usize)> {
    let text = std::fs::read_to_string(data.join("conll2003/test.jsonl")).ok()?;
    let docs: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let arts: Vec<Article> = docs
        .iter()
        .map(|d| Article::from_text(d["text"].as_str().unwrap_or("").to_string()))
        .collect();
    let include = Include::from_names(&["entities"]).ok()?;
    let recs = ex.extract_batch_with(&arts, None, Some(include)).ok()?;
    let label = |t: EntityType| match t {
        EntityType::Person => "PER",
        EntityType::Org => "ORG",
        EntityType::Loc => "LOC",
        EntityType::Norp | EntityType::Misc => "MISC",
    };
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (d, r) in docs.iter().zip(&recs) {
        let gold: std::collections::HashSet<(u64, u64, String)> = d["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|g| {
                Some((
                    g["start"].as_u64()?,
                    g["end"].as_u64()?,
                    g["label"].as_str()?.to_string(),
                ))
            })
            .collect();
        let pred: std::collections::HashSet<(u64, u64, String)> = r
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(move |m| (m.start as u64, m.end as u64, label(e.etype).to_string()))
            })
            .collect();
        tp += pred.intersection(&gold).count();
        fp += pred.difference(&gold).count();
        fneg += gold.difference(&pred).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    Some((p, r, 2.0 * p * r / (p + r).max(f64::EPSILON), docs.len()))
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut limit = usize::MAX;
    let mut demonyms = false;
    let mut conll_too = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().map(PathBuf::from).unwrap_or(data),
            "--limit" => limit = args.next().and_then(|s| s.parse().ok()).unwrap_or(limit),
            "--demonyms" => demonyms = true,
            "--conll" => conll_too = true,
            _ => eprintln!("unknown argument {a}"),
        }
    }
    let ex = Extractor::builder().build().expect("default extractor");
    let include = Include::from_names(&["entities", "places", "links"]).unwrap_or_default();
    println!("## Names\n");
    println!(
        "Issue #19's entity defects counted through the whole pipeline (`eval-names`). Lower is \
         better except *joined across a line break*.\n"
    );
    println!("| corpus | articles | sign-off PERSON | mentions in boilerplate | cut at a line break | joined across a line break | s |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut all = Counts::default();
    let mut per = Vec::new();
    for (name, arts) in read_articles(&data, limit) {
        let t0 = Instant::now();
        let recs = ex
            .extract_batch_with(&arts, None, Some(include))
            .unwrap_or_default();
        let mut c = Counts::default();
        count(&recs, &arts, &mut c);
        count(&recs, &arts, &mut all);
        println!(
            "| {name} | {} | {} | {} | {} | {} | {:.0} |",
            c.articles,
            c.signoff_person,
            c.boiler_overlap,
            c.cut,
            c.joined,
            t0.elapsed().as_secs_f64()
        );
        per.push((name, c));
    }
    let subtyped: usize = all
        .misc_subtypes
        .iter()
        .filter(|(k, _)| k.as_str() != "-")
        .map(|(_, v)| v)
        .sum();
    println!(
        "\n<!-- headline: sign-off PERSON {}; names cut at a line break {}; joined across one {}; \
         MISC with a subtype {subtyped} -->",
        all.signoff_person, all.cut, all.joined
    );
    println!("\nNamed defects (entities, both corpora; right: MISC with a subtype, no entity for \"Lord Justice\"):\n");
    println!("| name | type | entities |\n|---|---|---:|");
    for ((n, t), k) in &all.named {
        println!("| {n} | {t} | {k} |");
    }
    println!("\nMISC entities by subtype (both corpora):\n");
    println!("| subtype | entities |\n|---|---:|");
    for (s, k) in &all.misc_subtypes {
        println!("| {s} | {k} |");
    }
    if conll_too {
        match conll(&ex, &data) {
            Some((p, r, f, n)) => println!(
                "\nCoNLL-2003 test through the pipeline ({n} documents, exact span, micro): \
                 P {p:.3} R {r:.3} F1 {f:.3}"
            ),
            None => println!("\nCoNLL-2003 test: not read"),
        }
    }
    if demonyms {
        let mut v: Vec<_> = all.demonyms.iter().collect();
        v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        println!("\nThe 60 most frequent NORP names (articles) and their countries:\n");
        println!("| demonym | articles | countries |\n|---|---:|---|");
        for (d, (n, cs)) in v.iter().take(60) {
            let cs: Vec<String> = cs.iter().map(|(k, v)| format!("{k} {v}")).collect();
            println!("| {d} | {n} | {} |", cs.join(", "));
        }
    }
}
