//! Property tests: arbitrary input goes through ingest, segmentation and the whole pipeline
//! without a panic, and every span the stages produce slices the text it indexes.

use kroniek_core::ingest::{self, Input};
use kroniek_core::model::{Document, Format, Language};
use kroniek_core::pipeline::{Analyzer, ReportOptions};
use kroniek_core::text;
use proptest::prelude::*;

fn check_doc_spans(doc: &Document) {
    assert!(doc.body.end <= doc.text.len());
    assert!(doc.text.is_char_boundary(doc.body.start) && doc.text.is_char_boundary(doc.body.end));
}

fn check_text(doc: &Document, a: &text::TextAnalysis) {
    let mut last_end = doc.body.start;
    for t in &a.tokens {
        assert!(t.span.start >= last_end, "tokens overlap or go backwards");
        assert!(t.span.start < t.span.end, "empty token");
        assert!(t.span.end <= doc.body.end);
        assert!(
            doc.text.get(t.span.range()).is_some(),
            "token not on char boundaries"
        );
        last_end = t.span.end;
    }
    let mut next = 0;
    for s in &a.sentences {
        assert_eq!(
            s.tokens.start, next,
            "sentences must cover the tokens in order"
        );
        assert!(s.tokens.end > s.tokens.start);
        assert!(s.tokens.len() <= text::MAX_SENTENCE_TOKENS);
        next = s.tokens.end;
        assert!(doc.text.get(s.span.range()).is_some());
    }
    assert_eq!(next, a.tokens.len());
    for q in &a.quotes {
        assert!(q.span.contains(q.inner));
        assert!(doc.text.get(q.inner.range()).is_some());
    }
}

/// Strings rich in the characters the tokenizer and segmenter care about.
fn newsy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("De".to_owned()),
            Just("o.a.".to_owned()),
            Just("15.000".to_owned()),
            Just("„".to_owned()),
            Just("”".to_owned()),
            Just(",,".to_owned()),
            Just("''".to_owned()),
            Just("\"".to_owned()),
            Just(". ".to_owned()),
            Just("\n\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("'81".to_owned()),
            Just("zo’n".to_owned()),
            Just("IS-leider".to_owned()),
            Just(" date 2017-06 ".to_owned()),
            Just("©".to_owned()),
            "\\PC{0,8}",
            " {1,3}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_go_through_ingest(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in [None, Some(Format::Text), Some(Format::Jsonl), Some(Format::Html)] {
            let got = ingest::read(Input { name: "p", path: None, id: "p", bytes: &bytes, format });
            for d in &got.documents {
                check_doc_spans(d);
            }
        }
    }

    #[test]
    fn any_string_goes_through_ingest_and_segmentation(s in "\\PC{0,300}") {
        for format in [Format::Text, Format::Jsonl, Format::Html] {
            let got = ingest::read(Input { name: "p", path: None, id: "p", bytes: s.as_bytes(), format: Some(format) });
            for d in &got.documents {
                check_doc_spans(d);
                check_text(d, &text::analyze(d, Language::Nl));
            }
        }
    }

    #[test]
    fn newsy_strings_segment_cleanly(s in newsy()) {
        let doc = Document::plain("p", s);
        check_text(&doc, &text::analyze(&doc, Language::Nl));
        check_text(&doc, &text::analyze(&doc, Language::En));
    }

    #[test]
    fn the_whole_pipeline_takes_any_text(a in newsy(), b in "\\PC{0,200}") {
        let docs = vec![Document::plain("a", a), Document::plain("b", b)];
        let analysis = Analyzer::default().analyze(docs);
        let report = analysis.report(ReportOptions { include_text: true });
        let problems = report.check_own_text();
        prop_assert!(problems.is_empty(), "{problems:?}");
    }
}
