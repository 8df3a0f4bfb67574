//! Named-entity tagging speed on one core: `cargo bench -p kroniek-core --bench ner`.
//!
//! Tags the Dutch news of `../shared/data/dutch_news/throughput_nl.txt` (tokenised and split
//! into sentences by the text stage first; documents at `### id` lines), or, when that file is
//! missing, a built-in text repeated. Divan reports items (tokens) per second.

use divan::counter::ItemsCount;
use kroniek_core::entities::ner::Tagger;
use kroniek_core::entities::recognize;
use kroniek_core::model::{Document, Language};
use kroniek_core::text;
use std::path::PathBuf;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

const FALLBACK: &str = "Premier Guy Verhofstadt sprak dinsdag in Brussel met de Europese \
Commissie over de toekomst van Sabena. Volgens het Pentagon telt de jihadistische groep nog \
maximaal 15.000 strijders. Rami Abdulrahman, directeur van het Syrische Observatorium voor de \
Mensenrechten in Londen, zegt tegen persbureau Reuters dat Bagdadi in Deir Ezzor is.";

/// Documents of the benchmark text, each as sentences of words.
struct Corpus {
    docs: Vec<Document>,
    sentences: Vec<Vec<Vec<String>>>,
    tokens: usize,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/dutch_news/throughput_nl.txt");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        eprintln!("{} missing: benchmarking a built-in text", path.display());
        (0..300)
            .map(|i| format!("### d{i}\n{FALLBACK}\n"))
            .collect()
    });
    let mut docs = Vec::new();
    let mut cur = String::new();
    for line in raw.lines() {
        if line.starts_with("### ") {
            if !cur.trim().is_empty() {
                docs.push(Document::plain(
                    format!("d{}", docs.len()),
                    std::mem::take(&mut cur),
                ));
            }
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
    }
    if !cur.trim().is_empty() {
        docs.push(Document::plain(format!("d{}", docs.len()), cur));
    }
    let mut tokens = 0;
    let sentences = docs
        .iter()
        .map(|d| {
            let a = text::analyze(d, Language::Nl);
            a.sentences
                .iter()
                .map(|s| {
                    let words: Vec<String> = a.tokens[s.tokens.clone()]
                        .iter()
                        .map(|t| t.text(&d.text).to_owned())
                        .collect();
                    tokens += words.len();
                    words
                })
                .collect()
        })
        .collect();
    Corpus {
        docs,
        sentences,
        tokens,
    }
});

/// The tagger alone over tokenised sentences.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn tag_tokens(bencher: divan::Bencher) {
    let corpus = &*CORPUS;
    let Some(tagger) = Tagger::get(Language::Nl) else {
        eprintln!("no Dutch model");
        return;
    };
    eprintln!("{} documents, {} tokens", corpus.docs.len(), corpus.tokens);
    bencher.counter(ItemsCount::new(corpus.tokens)).bench(|| {
        let mut n = 0;
        for doc in &corpus.sentences {
            let words: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            n += tagger.tag_document(&words).len();
        }
        divan::black_box(n)
    });
}

/// `recognize` on analysed documents (the text stage not timed).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn recognize_documents(bencher: divan::Bencher) {
    let corpus = &*CORPUS;
    let analysed: Vec<_> = corpus
        .docs
        .iter()
        .map(|d| text::analyze(d, Language::Nl))
        .collect();
    bencher.counter(ItemsCount::new(corpus.tokens)).bench(|| {
        let mut n = 0;
        for (d, a) in corpus.docs.iter().zip(&analysed) {
            n += recognize(d, a).len();
        }
        divan::black_box(n)
    });
}
