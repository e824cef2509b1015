//! [`ExtractorBuilder`] → [`Extractor`]: the immutable, `Send + Sync` pipeline that runs every
//! stage over one article and the batch over a rayon pool, order kept.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::{Article, Include, Stage};
use crate::error::{Error, Result};
use crate::extract;
use crate::extract::dedup::{DedupIndex, Signature};
use crate::extract::keys::Registry;
use crate::pipeline::run_stages;
use crate::record::Record;

/// Environment variable that sets the default number of threads (`1` disables the pool, which
/// is the safe choice inside `multiprocessing` or joblib workers).
pub const THREADS_ENV: &str = "NEWSFACTS_THREADS";

/// Environment variable that, set to `1`, makes extractors built without an explicit
/// [`ExtractorBuilder::timings`] add per-stage `timings` to every record (debug info).
pub const TIMINGS_ENV: &str = "NEWSFACTS_TIMINGS";

/// Builds an [`Extractor`]. All fallible work happens in [`ExtractorBuilder::build`].
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    threads: Option<usize>,
    include: Include,
    timings: Option<bool>,
}

impl ExtractorBuilder {
    /// Default number of threads for batches (`None`: [`THREADS_ENV`], else all cores).
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Stages computed by default.
    #[must_use]
    pub fn include(mut self, include: Include) -> Self {
        self.include = include;
        self
    }

    /// Whether every record gets `timings`: each stage's wall time in microseconds (debug
    /// info; `None` = [`TIMINGS_ENV`]). Off, the stages run untimed.
    #[must_use]
    pub fn timings(mut self, on: bool) -> Self {
        self.timings = Some(on);
        self
    }

    /// Builds the extractor.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for `threads == 0`.
    pub fn build(self) -> Result<Extractor> {
        if let Some(t) = self.threads {
            check_threads(t)?;
        }
        Ok(Extractor {
            threads: self.threads,
            include: self.include,
            timings: self
                .timings
                .unwrap_or_else(|| std::env::var(TIMINGS_ENV).is_ok_and(|v| v.trim() == "1")),
            pools: Mutex::new(Vec::new()),
        })
    }
}

fn check_threads(t: usize) -> Result<()> {
    if t == 0 {
        return Err(Error::InvalidOption {
            option: "threads",
            value: t.to_string(),
            expected: "a positive number of threads".into(),
        });
    }
    Ok(())
}

/// A thread pool and the process it was built in (pools do not survive `fork`).
type Pool = (usize, u32, Arc<rayon::ThreadPool>);

/// The extraction pipeline. Immutable after build and shared freely between threads.
#[derive(Debug)]
pub struct Extractor {
    threads: Option<usize>,
    include: Include,
    timings: bool,
    pools: Mutex<Vec<Pool>>,
}

impl Extractor {
    /// A builder with defaults (all stages, all cores).
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The default stages of this extractor.
    pub fn include(&self) -> Include {
        self.include
    }

    /// The number of threads a batch uses when the call does not say.
    pub fn default_threads(&self) -> usize {
        self.threads
            .or_else(|| {
                std::env::var(THREADS_ENV)
                    .ok()
                    .and_then(|v| v.trim().parse().ok())
                    .filter(|&n| n > 0)
            })
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
    }

    /// Extracts every article with the extractor's defaults. Output order = input order.
    pub fn extract_batch(&self, articles: Vec<Article>) -> Vec<Record> {
        self.extract_batch_with(&articles, None, None)
            .unwrap_or_else(|_| {
                articles
                    .iter()
                    .map(|a| self.extract_one(a, self.include))
                    .collect()
            })
    }

    /// Extracts every article with `threads` threads and the `include` stages (each `None` = the
    /// extractor's default). The output is identical for any thread count. Near-duplicates
    /// (`duplicate_of`) are looked for within this batch.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for `threads == 0`; [`Error::ThreadPool`] when no pool starts.
    pub fn extract_batch_with(
        &self,
        articles: &[Article],
        threads: Option<usize>,
        include: Option<Include>,
    ) -> Result<Vec<Record>> {
        self.extract_stream(
            articles,
            threads,
            include,
            &mut DedupIndex::new(),
            &mut Registry::new(),
            None,
        )
    }

    /// [`Extractor::extract_batch_with`] for one batch of a stream: near-duplicates are looked
    /// for among the articles of `index` too (the earlier batches), and this batch's articles
    /// are added to it. The workers poll `cancel` (when given) between articles: once it is
    /// set, the articles not started are skipped and the call returns [`Error::Cancelled`]
    /// (`index` is then left unchanged). Entity keys use the cross-article evidence of earlier
    /// batches in `registry` and add this batch's to it (the batch stage of
    /// [`crate::extract::keys`]): an acronym defined in one batch keys the bare acronym later.
    ///
    /// # Errors
    /// As [`Extractor::extract_batch_with`], and [`Error::Cancelled`].
    pub fn extract_stream(
        &self,
        articles: &[Article],
        threads: Option<usize>,
        include: Option<Include>,
        index: &mut DedupIndex,
        registry: &mut Registry,
        cancel: Option<&AtomicBool>,
    ) -> Result<Vec<Record>> {
        let include = include.unwrap_or(self.include);
        let threads = match threads {
            Some(t) => {
                check_threads(t)?;
                t
            }
            None => self.default_threads(),
        };
        let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
        let one = |a: &Article| {
            if cancelled() {
                (Record::default(), None)
            } else {
                self.extract_one_signed(a, include)
            }
        };
        // Batches run on the extractor's pool even with one thread: its threads live from batch
        // to batch, so their caches (the tagger's word sums, scratch buffers, allocator pages)
        // stay warm; the caller's thread may be a fresh one per batch (the Python glue's).
        let done: Vec<(Record, Option<Signature>)> = if articles.len() < 2 {
            articles.iter().map(one).collect()
        } else if threads == 1 {
            self.pool(1)?.install(|| articles.iter().map(one).collect())
        } else {
            let pool = self.pool(threads)?;
            pool.install(|| articles.par_iter().with_min_len(4).map(one).collect())
        };
        if cancelled() {
            return Err(Error::Cancelled);
        }
        let mut records: Vec<Record> = done
            .into_iter()
            .map(|(mut rec, sig)| {
                let t0 = std::time::Instant::now();
                if let Some(d) = sig.and_then(|sig| index.add(&rec.id, sig)) {
                    rec.duplicate_of = Some(d.of);
                    rec.duplicate_similarity = Some(d.similarity);
                }
                // The batch step counts with the article's signature under `dedup`.
                if let Some(t) = rec.timings.as_mut().filter(|t| t.contains_key("dedup")) {
                    *t.entry("dedup").or_default() += t0.elapsed().as_secs_f64() * 1e6;
                }
                rec
            })
            .collect();
        // Batch stage: one key per real-world entity across the batch (and the registry).
        if include.has(Stage::Entities) {
            let t0 = std::time::Instant::now();
            extract::keys::canonicalize(&mut records, registry);
            // With timings on, each record carries an even share of the batch stage as `keys`.
            let share = t0.elapsed().as_secs_f64() * 1e6 / records.len().max(1) as f64;
            for t in records.iter_mut().filter_map(|r| r.timings.as_mut()) {
                t.insert("keys", share);
            }
        }
        Ok(records)
    }

    /// A pool of `threads` threads built in this process (rebuilt after a `fork`).
    fn pool(&self, threads: usize) -> Result<Arc<rayon::ThreadPool>> {
        let pid = std::process::id();
        let mut pools = self
            .pools
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pools.retain(|&(_, p, _)| p == pid);
        if let Some((_, _, pool)) = pools.iter().find(|(t, _, _)| *t == threads) {
            return Ok(Arc::clone(pool));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("newsfacts-{i}"))
            .build()
            .map_err(|e| Error::ThreadPool(e.to_string()))?;
        let pool = Arc::new(pool);
        pools.push((threads, pid, Arc::clone(&pool)));
        Ok(pool)
    }

    /// Extracts one article. Never panics: a panic inside a stage becomes an `errors` entry.
    /// (`duplicate_of` needs a batch: it stays `None`; the keys are the article's own, see
    /// [`crate::extract::keys`].)
    pub fn extract_one(&self, article: &Article, include: Include) -> Record {
        let mut rec = [self.extract_one_signed(article, include).0];
        if include.has(Stage::Entities) {
            extract::keys::canonicalize(&mut rec, &mut Registry::new());
        }
        let [rec] = rec;
        rec
    }

    /// [`Extractor::extract_one`] and the article's near-duplicate signature (with
    /// `duplicates` included and a text with words).
    fn extract_one_signed(
        &self,
        article: &Article,
        include: Include,
    ) -> (Record, Option<Signature>) {
        let mut rec = Record {
            id: article.id.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            source: article.source.clone(),
            errors: article.input_errors.clone(),
            ..Record::default()
        };
        let published = article.published.as_deref().and_then(|p| match parse_iso_date(p) {
            Some(d) => Some(d),
            None => {
                rec.errors.push(format!(
                    "published: cannot read {p:?} as a date (expected YYYY-MM-DD); the date was inferred from the text"
                ));
                None
            }
        });
        rec.published = published.map(|d| d.format("%Y-%m-%d").to_string());
        let Some(text) = article.text.as_deref() else {
            if !rec
                .errors
                .iter()
                .any(|e| e.starts_with("text") || e.starts_with("article"))
            {
                rec.errors.push("text is missing".into());
            }
            return (rec, None);
        };
        if text.trim().is_empty() {
            rec.errors.push("text is empty".into());
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            run_stages(text, published, include, self.timings, rec.clone())
        }));
        match outcome {
            Ok(done) => done,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                rec.errors.push(format!(
                    "internal error while extracting this article (please report it): {msg}"
                ));
                rec.n_chars = text.chars().count();
                (rec, None)
            }
        }
    }
}

/// Reads `YYYY-MM-DD` at the start of an ISO date or timestamp.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::article::Stage;
    use crate::pipeline::PANIC_TRIGGER;

    #[test]
    fn a_panicking_stage_becomes_a_per_article_error() {
        let ex = Extractor::builder().build().unwrap();
        let mut arts = articles(6);
        arts[3].text = Some(PANIC_TRIGGER.into());
        let recs = ex.extract_batch_with(&arts, Some(2), None).unwrap();
        assert_eq!(recs.len(), 6);
        assert!(
            recs[3].errors[0].contains("internal error") && recs[3].errors[0].contains("injected")
        );
        assert!(recs
            .iter()
            .enumerate()
            .all(|(i, r)| i == 3 || r.errors.is_empty()));
    }

    fn articles(n: usize) -> Vec<Article> {
        (0..n)
            .map(|i| Article {
                id: i.to_string(),
                text: Some(format!("Article {i} about Rome on September 27, 2017.")),
                ..Article::default()
            })
            .collect()
    }

    #[test]
    fn order_and_output_identical_for_any_thread_count() {
        let ex = Extractor::builder().build().unwrap();
        let arts = articles(50);
        let one = ex.extract_batch_with(&arts, Some(1), None).unwrap();
        let two = ex.extract_batch_with(&arts, Some(2), None).unwrap();
        let three = ex.extract_batch_with(&arts, Some(3), None).unwrap();
        assert_eq!(one, two);
        assert_eq!(one, three);
        assert_eq!(
            one.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            (0..50).map(|i| i.to_string()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn missing_text_and_bad_published_are_per_article_errors() {
        let ex = Extractor::builder().threads(1).build().unwrap();
        let arts = vec![
            Article {
                id: "a".into(),
                text: None,
                ..Article::default()
            },
            Article {
                id: "b".into(),
                text: Some("Hi.".into()),
                published: Some("yesterday-ish".into()),
                ..Article::default()
            },
        ];
        let recs = ex.extract_batch(arts);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].errors, vec!["text is missing".to_string()]);
        assert!(recs[1].errors[0].contains("published"));
    }

    #[test]
    fn zero_threads_is_an_invalid_option() {
        assert!(Extractor::builder().threads(0).build().is_err());
        let ex = Extractor::builder().build().unwrap();
        let err = ex
            .extract_batch_with(&articles(1), Some(0), None)
            .unwrap_err();
        assert!(err.to_string().contains("threads"));
    }

    #[test]
    fn places_give_their_entities_a_country() {
        let ex = Extractor::builder().threads(1).build().unwrap();
        let rec = ex.extract_one(
            &Article::from_text("Talks in Libya continued. Officials met in Tripoli and Rome."),
            Include::default(),
        );
        for name in ["Tripoli", "Rome"] {
            let e = rec.entities.iter().find(|e| e.name == name).unwrap();
            let p = rec.places.iter().find(|p| p.entity == e.id).unwrap();
            assert!(
                e.country.is_some() && e.country == p.country,
                "{name}: {:?} {:?}",
                e.country,
                p.country
            );
        }
    }

    #[test]
    fn clubs_groups_and_listed_nationalities_through_the_pipeline() {
        use crate::record::EntityType;
        let ex = Extractor::builder().threads(1).build().unwrap();
        let text = "Leeds beat Middlesbrough 2-1 on Saturday and Aberdeen drew with Celtic.\n\
                    Middlesbrough coach Bryan Robson said his side had played well in Leeds.\n\
                    Daesh claimed the attack. Italian Defence Minister Roberta Pinotti and \
                    Interior Minister Marco Minniti met in Rome. IS fighters fled.";
        let rec = ex.extract_one(&Article::from_text(text), Include::default());
        let type_at = |what: &str, n: usize| {
            let start = text.match_indices(what).nth(n).map(|(i, _)| i);
            rec.entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| Some(m.start) == start))
                .map(|e| e.etype)
        };
        // The clubs stay the tagger's ORG; "in Leeds" is the town.
        assert_eq!(type_at("Leeds", 0), Some(EntityType::Org));
        assert_eq!(type_at("Middlesbrough", 0), Some(EntityType::Org));
        assert_eq!(type_at("Aberdeen", 0), Some(EntityType::Org));
        assert_eq!(type_at("Leeds", 1), Some(EntityType::Loc));
        let is = rec.entities.iter().find(|e| e.name == "Islamic State");
        let is = is.expect("the group is an entity");
        assert_eq!(is.etype, EntityType::Org);
        assert!(
            is.aliases.contains(&"Daesh".to_string()),
            "{:?}",
            is.aliases
        );
        assert!(is.aliases.contains(&"IS".to_string()), "{:?}", is.aliases);
        let minniti = rec.entities.iter().find(|e| e.name == "Marco Minniti");
        assert_eq!(
            minniti.and_then(|e| e.country.as_deref()),
            Some("ITA"),
            "{minniti:?}"
        );
    }

    #[test]
    fn timings_name_each_stage_and_change_nothing_else() {
        let arts = articles(3);
        let plain = Extractor::builder()
            .threads(1)
            .timings(false)
            .build()
            .unwrap();
        let timed = Extractor::builder()
            .threads(1)
            .timings(true)
            .build()
            .unwrap();
        let a = plain.extract_batch(arts.clone());
        let mut b = timed.extract_batch(arts);
        for r in &mut b {
            let t = r.timings.take().expect("timings asked for");
            // `keys`: the batch stage, shared evenly over the batch's records.
            for stage in [
                "segment", "links", "dates", "mentions", "resolve", "places", "keys",
            ] {
                assert!(t.get(stage).is_some_and(|us| *us >= 0.0), "{stage}: {t:?}");
            }
        }
        assert!(a.iter().all(|r| r.timings.is_none()));
        assert_eq!(a, b);
    }

    #[test]
    fn handles_and_urls_are_not_entities() {
        let ex = Extractor::builder().threads(1).build().unwrap();
        let text =
            "— Mary Fitzgerald (@MaryFitzger) September 27, 2017 via https://www.Reuters.com/Libya";
        let rec = ex.extract_one(&Article::from_text(text), Include::default());
        let names: Vec<&str> = rec.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Mary Fitzgerald"), "{names:?}");
        assert!(
            names
                .iter()
                .all(|n| !n.contains("MaryFitzger") && !n.contains("Reuters")),
            "{names:?}"
        );
        assert_eq!(rec.links.len(), 2);
    }

    #[test]
    fn near_duplicates_within_a_batch_and_across_a_stream() {
        let ex = Extractor::builder().build().unwrap();
        let story = "Libyan Field Marshal Khalifa Haftar met Italian Defence Minister Roberta \
            Pinotti in Rome on Tuesday, the ministry said, as Italy seeks to curb the flow of \
            migrants across the Mediterranean from the North African country, where rival \
            governments compete for power. Haftar also met Interior Minister Marco Minniti.";
        let mk = |id: &str, text: String| Article {
            id: id.into(),
            text: Some(text),
            ..Article::default()
        };
        let mut arts = articles(8);
        arts.push(mk("orig", story.to_string()));
        arts.push(mk("wire", format!("ROME (Reuters) - {story}")));
        let recs = ex.extract_batch_with(&arts, Some(2), None).unwrap();
        assert_eq!(recs[9].duplicate_of.as_deref(), Some("orig"));
        assert!(recs[9].duplicate_similarity.is_some_and(|s| s > 0.9));
        assert_eq!(recs[8].duplicate_of, None);
        // A later batch of the same stream points back to the first.
        let mut index = DedupIndex::new();
        ex.extract_stream(
            &arts[8..9],
            None,
            None,
            &mut index,
            &mut Registry::new(),
            None,
        )
        .unwrap();
        let later = [mk("again", story.replace("Tuesday", "Wednesday"))];
        let recs = ex
            .extract_stream(&later, None, None, &mut index, &mut Registry::new(), None)
            .unwrap();
        assert_eq!(recs[0].duplicate_of.as_deref(), Some("orig"));
        let off = Include::default().with(Stage::Dates);
        let plain = ex
            .extract_batch_with(&arts, None, Some(Include::from_names(&["dates"]).unwrap()))
            .unwrap();
        assert!(off.has(Stage::Duplicates) && plain.iter().all(|r| r.duplicate_of.is_none()));
    }

    #[test]
    fn a_set_cancel_flag_stops_the_batch_and_the_extractor_stays_usable() {
        let ex = Extractor::builder().build().unwrap();
        let arts = articles(20);
        let flag = AtomicBool::new(true);
        let mut index = DedupIndex::new();
        let err = ex
            .extract_stream(
                &arts,
                Some(2),
                None,
                &mut index,
                &mut Registry::new(),
                Some(&flag),
            )
            .unwrap_err();
        assert_eq!(err, Error::Cancelled);
        assert!(index.is_empty());
        flag.store(false, Ordering::Relaxed);
        let recs = ex
            .extract_stream(
                &arts,
                Some(2),
                None,
                &mut index,
                &mut Registry::new(),
                Some(&flag),
            )
            .unwrap();
        assert_eq!(recs, ex.extract_batch_with(&arts, Some(1), None).unwrap());
    }

    #[test]
    fn iso_dates_and_timestamps_parse() {
        assert_eq!(
            parse_iso_date("2017-09-28"),
            NaiveDate::from_ymd_opt(2017, 9, 28)
        );
        assert_eq!(
            parse_iso_date("2017-09-28T10:00:00+02:00"),
            NaiveDate::from_ymd_opt(2017, 9, 28)
        );
        assert_eq!(parse_iso_date("28/09/2017"), None);
    }
}
