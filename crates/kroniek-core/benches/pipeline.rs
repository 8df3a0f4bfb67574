//! Speed of each stage and of the whole pipeline on Dutch news
//! (`../shared/data/dutch_news/throughput_nl.txt`, 1.6 MB, `### id` before each document; outside
//! the repository):
//!
//!   RAYON_NUM_THREADS=1 cargo bench -p kroniek-core --bench pipeline     (one core)
//!   cargo bench -p kroniek-core --bench pipeline -- end_to_end           (all cores)
//!
//! - `ingest_*`: reading the corpus as plain text with a date header (one input per article),
//!   as one JSON Lines file, and as HTML pages (one per article);
//! - `text`, `time`, `names`, `claims`: each stage alone, its inputs made beforehand
//!   (`names` is the recogniser; the `ner` bench has its per-token figures);
//! - `merge`: cross-document entity merging of all the articles' names;
//! - `end_to_end`: `Analyzer::analyze` (every stage and the collection work) on the corpus,
//!   and on the corpus repeated to about 10 MB (each copy's ids renamed).
//!
//! Every figure counts the bytes of the articles' text. The stages run on the calling thread;
//! `end_to_end` uses rayon's pool, so `RAYON_NUM_THREADS=1` gives the one-core figure. With the
//! data missing, all run on a short built-in text and say so.

use divan::counter::BytesCount;
use kroniek_core::entities::{self, DocMentions, Mention};
use kroniek_core::ingest::{self, Input};
use kroniek_core::model::{Document, Format, Language, PartialDate};
use kroniek_core::pipeline::Analyzer;
use kroniek_core::text::{self, TextAnalysis};
use kroniek_core::time::{self, TimeConfig, Timex};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

const FALLBACK: &str = "### x\nDe aanval vond plaats op 28 mei. Tien dagen geleden zette de \
coalitie de aanval in, meldt de verklaring die vrijdag werd uitgegeven. Volgens het Pentagon \
telt de groep nog 15.000 strijders. Rami Abdulrahman, directeur van het Syrische Observatorium \
voor de Mensenrechten, zegt dat de leider nog in leven is.\n";

/// The articles, analysed stage by stage, so each stage can be timed on its own inputs.
struct Corpus {
    docs: Vec<Document>,
    texts: Vec<TextAnalysis>,
    timexes: Vec<Vec<Timex>>,
    mentions: Vec<Vec<Mention>>,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    // The data is read through the evaluation crate: the core itself touches no files.
    let docs = match kroniek_eval::data_path("dutch_news/throughput_nl.txt")
        .and_then(|p| kroniek_eval::read(&p))
    {
        Ok(src) => kroniek_eval::speed::documents(&src),
        Err(e) => {
            eprintln!("note: {e}; benchmarking a short built-in text");
            kroniek_eval::speed::documents(&FALLBACK.repeat(200))
        }
    };
    let texts: Vec<TextAnalysis> = docs
        .iter()
        .map(|d| text::analyze(d, Language::Nl))
        .collect();
    let timexes = docs
        .iter()
        .zip(&texts)
        .map(|(d, t)| time::extract(d, t, published(), &TimeConfig::default()))
        .collect();
    let mentions = docs
        .iter()
        .zip(&texts)
        .map(|(d, t)| entities::recognize(d, t))
        .collect();
    Corpus {
        docs,
        texts,
        timexes,
        mentions,
    }
});

fn published() -> Option<PartialDate> {
    PartialDate::parse("2017-06-16")
}

fn bytes() -> BytesCount {
    BytesCount::new(CORPUS.docs.iter().map(|d| d.text.len()).sum::<usize>())
}

/// Reads inputs of one format; the number of documents read.
fn read_all(inputs: &[(String, Vec<u8>)], format: Format) -> usize {
    inputs
        .iter()
        .map(|(id, bytes)| {
            ingest::read(Input {
                name: id,
                path: None,
                id,
                bytes,
                format: Some(format),
            })
            .documents
            .len()
        })
        .sum()
}

#[divan::bench(sample_count = 20)]
fn ingest_text(bencher: divan::Bencher) {
    let inputs: Vec<(String, Vec<u8>)> = CORPUS
        .docs
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                format!(" date 2017-06-16 \n{}", d.text).into_bytes(),
            )
        })
        .collect();
    bencher
        .counter(bytes())
        .bench(|| read_all(divan::black_box(&inputs), Format::Text));
}

#[divan::bench(sample_count = 20)]
fn ingest_jsonl(bencher: divan::Bencher) {
    let mut lines = String::new();
    for d in &CORPUS.docs {
        let line = serde_json::json!({"id": d.id, "text": d.text, "published": "2017-06-16"});
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let inputs = vec![("news".to_owned(), lines.into_bytes())];
    bencher
        .counter(bytes())
        .bench(|| read_all(divan::black_box(&inputs), Format::Jsonl));
}

#[divan::bench(sample_count = 20)]
fn ingest_html(bencher: divan::Bencher) {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let inputs: Vec<(String, Vec<u8>)> = CORPUS
        .docs
        .iter()
        .map(|d| {
            let paragraphs: String = d
                .text
                .split("\n\n")
                .map(|p| format!("<p>{}</p>\n", escape(p)))
                .collect();
            let page = format!(
                "<!doctype html><html><head><title>{id}</title>\
                 <meta property=\"article:published_time\" content=\"2017-06-16T09:00:00+02:00\">\
                 </head><body><nav><a href=\"/\">Home</a> <a href=\"/binnenland\">Binnenland</a></nav>\
                 <article><h1>{id}</h1>\n{paragraphs}</article>\
                 <footer>Alle rechten voorbehouden</footer></body></html>",
                id = escape(&d.id)
            );
            (d.id.clone(), page.into_bytes())
        })
        .collect();
    bencher
        .counter(bytes())
        .bench(|| read_all(divan::black_box(&inputs), Format::Html));
}

/// The text stage: language, tokens, sentences, quotes.
#[divan::bench(sample_count = 20)]
fn text(bencher: divan::Bencher) {
    bencher.counter(bytes()).bench(|| {
        CORPUS
            .docs
            .iter()
            .map(|d| text::analyze(d, Language::Nl).tokens.len())
            .sum::<usize>()
    });
}

/// The time stage on analysed text.
#[divan::bench(sample_count = 20)]
fn time(bencher: divan::Bencher) {
    let config = TimeConfig::default();
    bencher.counter(bytes()).bench(|| {
        CORPUS
            .docs
            .iter()
            .zip(&CORPUS.texts)
            .map(|(d, t)| time::extract(d, t, published(), &config).len())
            .sum::<usize>()
    });
}

/// The name recogniser on analysed text.
#[divan::bench(sample_count = 10)]
fn names(bencher: divan::Bencher) {
    bencher.counter(bytes()).bench(|| {
        CORPUS
            .docs
            .iter()
            .zip(&CORPUS.texts)
            .map(|(d, t)| entities::recognize(d, t).len())
            .sum::<usize>()
    });
}

/// Claims: attributions, predicates, certainty, with the time expressions and names found.
#[divan::bench(sample_count = 20)]
fn claims(bencher: divan::Bencher) {
    let c = &*CORPUS;
    bencher.counter(bytes()).bench(|| {
        (0..c.docs.len())
            .map(|i| {
                kroniek_core::claims::extract(
                    &c.docs[i],
                    &c.texts[i],
                    &c.timexes[i],
                    &c.mentions[i],
                    published(),
                )
                .len()
            })
            .sum::<usize>()
    });
}

/// Cross-document entity merging of every article's names.
#[divan::bench(sample_count = 20)]
fn merge(bencher: divan::Bencher) {
    let c = &*CORPUS;
    let views: Vec<DocMentions<'_>> = c
        .docs
        .iter()
        .zip(&c.mentions)
        .map(|(d, m)| DocMentions {
            text: &d.text,
            language: Language::Nl,
            mentions: m,
        })
        .collect();
    bencher
        .counter(bytes())
        .bench(|| entities::merge(divan::black_box(&views)).len());
}

/// The corpus `copies` times over, each copy's ids renamed and dated.
fn repeated(copies: usize) -> Vec<Document> {
    let mut out = Vec::new();
    for c in 0..copies {
        for d in &CORPUS.docs {
            let mut d = d.clone();
            d.id = format!("c{c}-{}", d.id);
            out.push(d);
        }
    }
    out
}

/// Every stage and the collection work (duplicates, dates, merging, events, conflicts).
#[divan::bench(args = [1, 6], sample_count = 3, sample_size = 1)]
fn end_to_end(bencher: divan::Bencher, copies: usize) {
    let analyzer = Analyzer::default();
    let n: usize = CORPUS.docs.iter().map(|d| d.text.len()).sum::<usize>() * copies;
    bencher
        .counter(BytesCount::new(n))
        .with_inputs(|| repeated(copies))
        .bench_values(|docs| analyzer.analyze(docs).claims.len());
}
