//! *"Which articles and claims mention this?"* Full-text search with a Dutch analyser: words
//! split on non-alphanumerics, lowercased, folded to ASCII (`Syrië` = `Syrie`), and stemmed with
//! the classic Dutch Snowball stemmer (`ministers` = `minister`, `strijders` = `strijder`).
//! tantivy's own Dutch stemmer over-stems (`ministers` → `mini`), so the stemming filter here
//! wraps `rust-stemmers`.
//!
//! The index lives in a folder next to the database and is derived data: it records the
//! generation of derived results it was built from (in its commit payload) and is rebuilt
//! whenever that differs from the database's, or when it is missing or unreadable.

use crate::error::{AtPath, StoreError};
use kroniek_core::model::Span;
use kroniek_core::pipeline::{Analysis, claim_id};
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
pub use tantivy::Searcher;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, doc};

/// The analyser's name in tantivy's tokenizer registry.
pub const ANALYZER: &str = "kroniek_nl";
/// The layout of the index; a folder with another one is rebuilt.
const LAYOUT: u32 = 1;
/// The file that marks a folder as ours (only such a folder is ever deleted).
const MARKER: &str = "kroniek-index.txt";

/// The Dutch analyser: simple tokenizer, long tokens dropped, lowercase, ASCII folding, classic
/// Dutch Snowball stemming.
pub fn dutch_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(DutchStemmer)
        .build()
}

/// Analyses `text` as the index does: each token's analysed form and its byte span in `text`.
pub fn analyse(text: &str) -> Vec<(String, Span)> {
    let mut analyzer = dutch_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), Span::new(t.offset_from, t.offset_to)));
    }
    out
}

/// The classic Dutch Snowball stemmer (rust-stemmers) as a tantivy token filter.
#[derive(Debug, Clone, Copy)]
pub struct DutchStemmer;

impl TokenFilter for DutchStemmer {
    type Tokenizer<T: Tokenizer> = DutchStemmerWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DutchStemmerWrapper<T> {
        DutchStemmerWrapper { inner: tokenizer }
    }
}

/// [`DutchStemmer`] around a tokenizer.
#[derive(Debug, Clone)]
pub struct DutchStemmerWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DutchStemmerWrapper<T> {
    type TokenStream<'a> = DutchStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DutchStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch),
        }
    }
}

/// The token stream of [`DutchStemmer`].
pub struct DutchStemmerStream<T> {
    tail: T,
    stemmer: rust_stemmers::Stemmer,
}

impl<T> std::fmt::Debug for DutchStemmerStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DutchStemmerStream")
    }
}

impl<T: TokenStream> TokenStream for DutchStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Cow::Owned(stemmed) = self.stemmer.stem(&token.text) {
            token.text = stemmed;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: Field,
    doc: Field,
    claim: Field,
    title: Field,
    body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        doc: b.add_text_field("doc", STRING | STORED),
        claim: b.add_text_field("claim", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
    };
    (b.build(), fields)
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// A whole article (its title and body).
    Article,
    /// A claim's sentence.
    Claim,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Article or claim.
    pub kind: HitKind,
    /// The document id.
    pub doc: String,
    /// The claim id (`c3`), for claims.
    pub claim: Option<String>,
    /// BM25 score.
    pub score: f32,
}

/// The search index of a story. Cheap to clone (handles to the same index).
#[derive(Clone)]
pub struct SearchIndex {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    layout: u32,
    generation: i64,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty) when missing, unreadable or of another
    /// layout.
    pub fn open(dir: &Path) -> Result<SearchIndex, StoreError> {
        let (schema, fields) = schema();
        let wanted = serde_json::to_string(&schema).unwrap_or_default();
        let existing = if dir.join("meta.json").is_file() {
            Index::open_in_dir(dir)
                .ok()
                .filter(|i| serde_json::to_string(&i.schema()).unwrap_or_default() == wanted)
        } else {
            None
        };
        let index = match existing {
            Some(i) => i,
            None => {
                if dir.exists() {
                    if !dir.join(MARKER).is_file()
                        && std::fs::read_dir(dir).at(dir)?.next().is_some()
                    {
                        return Err(StoreError::Io {
                            path: dir.to_owned(),
                            source: std::io::Error::other(format!(
                                "the search index folder holds files Kroniek did not write (no {MARKER}); move it away"
                            )),
                        });
                    }
                    std::fs::remove_dir_all(dir).at(dir)?;
                }
                std::fs::create_dir_all(dir).at(dir)?;
                std::fs::write(
                    dir.join(MARKER),
                    "Kroniek's search index: derived from the database next to it; safe to delete.\n",
                )
                .at(dir)?;
                Index::create_in_dir(dir, schema).at(dir)?
            }
        };
        index.tokenizers().register(ANALYZER, dutch_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .at(dir)?;
        Ok(SearchIndex {
            path: dir.to_owned(),
            index,
            reader,
            fields,
        })
    }

    /// The generation of derived results the index was built from, if any.
    pub fn generation(&self) -> Result<Option<i64>, StoreError> {
        let metas = self.index.load_metas().at(&self.path)?;
        Ok(metas
            .payload
            .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
            .filter(|p| p.layout == LAYOUT)
            .map(|p| p.generation))
    }

    /// Replaces the index's contents with the articles and claims of `analysis`, in one commit.
    pub fn rebuild(&self, analysis: &Analysis, generation: i64) -> Result<(), StoreError> {
        let f = self.fields;
        let mut writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(1, 32_000_000)
            .at(&self.path)?;
        writer.delete_all_documents().at(&self.path)?;
        for a in &analysis.docs {
            writer
                .add_document(doc!(
                    f.kind => "article",
                    f.doc => a.doc.id.as_str(),
                    f.title => a.doc.title.as_deref().unwrap_or(""),
                    f.body => a.doc.body_text(),
                ))
                .at(&self.path)?;
        }
        for (i, p) in analysis.claims.iter().enumerate() {
            let Some(a) = analysis.docs.get(p.doc) else {
                continue;
            };
            writer
                .add_document(doc!(
                    f.kind => "claim",
                    f.doc => a.doc.id.as_str(),
                    f.claim => claim_id(i),
                    f.body => p.claim.span.slice(&a.doc.text),
                ))
                .at(&self.path)?;
        }
        let payload = serde_json::to_string(&Payload {
            layout: LAYOUT,
            generation,
        })
        .unwrap_or_default();
        let mut commit = writer.prepare_commit().at(&self.path)?;
        commit.set_payload(&payload);
        commit.commit().at(&self.path)?;
        writer.wait_merging_threads().at(&self.path)?;
        self.reload()
    }

    /// Makes the latest commit visible to new searchers.
    pub fn reload(&self) -> Result<(), StoreError> {
        self.reader.reload().at(&self.path)
    }

    /// A snapshot to search: it keeps seeing the index as it is now, whatever is rebuilt later.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The best `limit` hits for `query` (words, `"a phrase"`, `-word`, `title:word`), and the
    /// analysed query terms (for [`SearchIndex::matches`]). Syntax errors are forgiven: what
    /// can be read of the query is used.
    pub fn search(
        &self,
        searcher: &Searcher,
        query: &str,
        limit: usize,
    ) -> Result<(Vec<Hit>, HashSet<String>), StoreError> {
        let f = self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        let (q, _errors) = parser.parse_query_lenient(query);
        let mut terms = HashSet::new();
        q.query_terms(&mut |term, _| {
            if (term.field() == f.body || term.field() == f.title)
                && let Some(s) = term.value().as_str()
            {
                terms.insert(s.to_owned());
            }
        });
        let top = searcher
            .search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .at(&self.path)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).at(&self.path)?;
            let get = |field: Field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let kind = match get(f.kind).as_deref() {
                Some("claim") => HitKind::Claim,
                _ => HitKind::Article,
            };
            hits.push(Hit {
                kind,
                doc: get(f.doc).unwrap_or_default(),
                claim: get(f.claim),
                score,
            });
        }
        Ok((hits, terms))
    }

    /// The spans within `region` of `text` whose words match the analysed `terms`.
    pub fn matches(text: &str, region: Span, terms: &HashSet<String>) -> Vec<Span> {
        let Some(part) = text.get(region.range()) else {
            return Vec::new();
        };
        analyse(part)
            .into_iter()
            .filter(|(t, _)| terms.contains(t))
            .map(|(_, s)| Span::new(region.start + s.start, region.start + s.end))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        analyse(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn the_analyser_stems_dutch_and_folds_accents() {
        assert_eq!(forms("ministers"), forms("minister"));
        assert_eq!(forms("strijders"), forms("strijder"));
        assert_eq!(forms("Syrië"), forms("syrie"));
        assert_eq!(forms("Ghazaoui"), forms("ghazaoui"));
        assert_ne!(forms("ministers"), vec!["mini".to_owned()]);
        assert_eq!(forms("El-Ghazaoui").len(), 2);
    }

    #[test]
    fn token_spans_index_the_text() {
        let text = "De ministers van Syrië";
        for (_, s) in analyse(text) {
            assert!(text.get(s.range()).is_some());
        }
        let terms: HashSet<String> = forms("syrie").into_iter().collect();
        let m = SearchIndex::matches(text, Span::new(0, text.len()), &terms);
        assert_eq!(m.len(), 1);
        assert_eq!(&text[m[0].range()], "Syrië");
    }
}
