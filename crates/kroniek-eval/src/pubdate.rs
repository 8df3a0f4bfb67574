//! Publication-date inference, measured on documents whose date is known: the date is hidden,
//! inferred from the text alone (no related articles), and compared with the truth.

use crate::timeml::TimemlDoc;
use kroniek_core::model::{DateSource, Published};
use kroniek_core::model::{Document, PartialDate};
use kroniek_core::pipeline::{Analyzer, Config, Prepared};
use serde::Serialize;

/// Scores of publication-date inference.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PubdateScores {
    /// Documents evaluated.
    pub documents: usize,
    /// Documents that got a value.
    pub dated: usize,
    /// The true date lies inside the inferred interval.
    pub contains_truth: usize,
    /// The inferred interval's midpoint is within 31 days of the truth.
    pub within_month: usize,
    /// The inferred year is the true year.
    pub right_year: usize,
}

/// Infers each document's date from its text alone and compares it with its DCT.
pub fn evaluate(docs: &[TimemlDoc], language: kroniek_core::Language) -> PubdateScores {
    let analyzer = Analyzer::new(Config {
        default_language: language,
        ..Config::default()
    });
    let mut scores = PubdateScores::default();
    for d in docs {
        let Some(truth) = PartialDate::parse(&d.dct) else {
            continue;
        };
        let doc = Document::plain(d.id.clone(), d.text.clone());
        // One document at a time: no related articles to lean on.
        let analysis = analyzer.analyze(vec![doc]);
        scores.documents += 1;
        let Some(value) = analysis.docs.first().and_then(|a| a.published.value) else {
            continue;
        };
        scores.dated += 1;
        let t = truth.earliest();
        if value.contains(t) {
            scores.contains_truth += 1;
        }
        let mid = value.earliest().checked_add(
            jiff::Span::new().days(i64::from((value.latest() - value.earliest()).get_days()) / 2),
        );
        if let Ok(mid) = mid
            && (mid - t).get_days().abs() <= 31
        {
            scores.within_month += 1;
        }
        if value.year_value() == t.year() {
            scores.right_year += 1;
        }
    }
    scores
}

fn score(scores: &mut PubdateScores, truth: PartialDate, value: Option<PartialDate>) {
    scores.documents += 1;
    let Some(value) = value else { return };
    scores.dated += 1;
    let t = truth.earliest();
    if value.contains(t) {
        scores.contains_truth += 1;
    }
    let half = i64::from((value.latest() - value.earliest()).get_days()) / 2;
    if let Ok(mid) = value.earliest().checked_add(jiff::Span::new().days(half))
        && (mid - t).get_days().abs() <= 31
    {
        scores.within_month += 1;
    }
    if value.year_value() == t.year() {
        scores.right_year += 1;
    }
}

/// Leave one out within a collection about one story: each document's date is hidden in turn and
/// inferred from its text and the other documents, which keep theirs. `topics` are collections of
/// (id, text, creation date).
pub fn evaluate_collections(
    topics: &[Vec<(String, String, PartialDate)>],
    language: kroniek_core::Language,
    strip_datelines: bool,
) -> PubdateScores {
    let analyzer = Analyzer::new(Config {
        default_language: language,
        ..Config::default()
    });
    // Without its dateline, an article must be dated from what it says and what the others say.
    let strip = |text: &str| -> String {
        let doc = Document::plain("d", text.to_owned());
        let analysis = kroniek_core::text::analyze(&doc, language);
        let timexes = kroniek_core::time::extract(&doc, &analysis, None, &Default::default());
        match kroniek_core::pubdate::dateline(text, &analysis, &timexes)
            .and_then(|t| analysis.sentence_at(t.span.start))
        {
            Some(si) => {
                let span = analysis.sentences[si].span;
                format!("{}{}", &text[..span.start], &text[span.end..])
            }
            None => text.to_owned(),
        }
    };
    let mut scores = PubdateScores::default();
    for topic in topics {
        // Names are recognised once per document; only the collection step is repeated.
        let prepared: Vec<Prepared> = topic
            .iter()
            .map(|(id, text, date)| {
                let text = if strip_datelines {
                    strip(text)
                } else {
                    text.clone()
                };
                let mut doc = Document::plain(id.clone(), text);
                doc.published =
                    Published::stated(*date, DateSource::Metadata, "creation time".to_owned());
                analyzer.prepare(doc)
            })
            .collect();
        for (k, (_, _, truth)) in topic.iter().enumerate() {
            let mut docs = prepared.clone();
            docs[k].doc.published = Published::unknown();
            let analysis = analyzer.assemble(docs, &kroniek_core::pipeline::Quiet);
            score(
                &mut scores,
                *truth,
                analysis.docs.get(k).and_then(|a| a.published.value),
            );
        }
    }
    scores
}
