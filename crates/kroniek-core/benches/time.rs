//! Speed of the time stage on Dutch news (`../shared/data/dutch_news/throughput_nl.txt`, 1.6 MB,
//! `### id` before each document; outside the repository). One thread.
//!
//!   cargo bench -p kroniek-core --bench time
//!
//! `extract` times the time stage alone on analysed documents (tokens and sentences made
//! beforehand); `text_and_extract` times the text stage and the time stage together from the
//! raw text. Both count the bytes of the documents' text. With the data missing, both run on a
//! short built-in text and say so.

use divan::counter::BytesCount;
use kroniek_core::model::{Document, Language, PartialDate};
use kroniek_core::text::{self, TextAnalysis};
use kroniek_core::time::{self, TimeConfig};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static DOCS: LazyLock<Vec<(Document, TextAnalysis)>> = LazyLock::new(|| {
    // The data is read through the evaluation crate: the core itself touches no files.
    let docs = match kroniek_eval::data_path("dutch_news/throughput_nl.txt")
        .and_then(|p| kroniek_eval::read(&p))
    {
        Ok(src) => kroniek_eval::speed::documents(&src),
        Err(e) => {
            eprintln!("note: {e}; benchmarking a short built-in text");
            kroniek_eval::speed::documents(&"### x\nDe aanval vond plaats op 28 mei. Tien dagen geleden zette de coalitie de aanval in, meldt de verklaring die vrijdag werd uitgegeven. Volgens het Pentagon telt de groep nog 15.000 strijders.\n".repeat(200))
        }
    };
    docs.into_iter()
        .map(|doc| {
            let analysis = text::analyze(&doc, Language::Nl);
            (doc, analysis)
        })
        .collect()
});

fn bytes() -> usize {
    DOCS.iter().map(|(d, _)| d.text.len()).sum()
}

/// The time stage alone.
#[divan::bench(sample_count = 20)]
fn extract(bencher: divan::Bencher) {
    let published = PartialDate::parse("2017-06-16");
    let config = TimeConfig::default();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for (doc, analysis) in DOCS.iter() {
            n += time::extract(doc, analysis, published, &config).len();
        }
        divan::black_box(n)
    });
}

/// The text stage and the time stage from raw text.
#[divan::bench(sample_count = 10)]
fn text_and_extract(bencher: divan::Bencher) {
    let published = PartialDate::parse("2017-06-16");
    let config = TimeConfig::default();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for (doc, _) in DOCS.iter() {
            let analysis = text::analyze(doc, Language::Nl);
            n += time::extract(doc, &analysis, published, &config).len();
        }
        divan::black_box(n)
    });
}
