//! Entities: recognise names (people, organisations, places, other) in each document, then merge
//! every mention of the same real-world entity across the collection.
//!
//! Recognition ([`recognize`]) is per document; merging is collection-level and keeps the
//! evidence of every merge.
//!
//! Recognition runs the language's trained tagger ([`ner`]) over the tokens of every sentence
//! that is not boilerplate. Two choices about our tokens (which keep inner hyphens):
//!
//! - a hyphenated compound whose last part is lowercase (`IS-leider`, `al-Qaida-leider`,
//!   `VLD-voorzitter`, `Sinaï-woestijn`) names a role or thing, not the entity: CoNLL-2002
//!   labels such words MISC, and we drop them (and a tagged name that ends in one, such as
//!   `Islamitische Staat-leider`), so a name inside a compound is not reported;
//! - a name with particles (`al-Baghdadi`, `bin Laden`, `Abu Bakr al-Baghdadi`) is one mention
//!   spanning all its tokens, as the tagger labels it; a person's name also runs on over a
//!   following `al-`/`el-` word the tagger left out (`Abu Quadamah al-Iraqi`).
//!
//! A mention's score is the mean probability of its tokens' labels under the tagger's chain.

pub mod ner;

mod cluster;
mod names;

pub use cluster::{DocMentions, Entity, MentionRef, Merge, is_acronym_of, merge};
pub use names::NameResources;

use crate::model::{Document, Span};
use crate::text::{SentenceKind, TextAnalysis};
use serde::{Deserialize, Serialize};

/// The CoNLL entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// Other names: nationalities, events, works.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn code(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL type code.
    pub fn from_code(code: &str) -> Option<EntityType> {
        match code {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// A name found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is: `text[span]` is the name.
    pub span: Span,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// What found it, e.g. `nl/ner/perceptron` or `nl/gazetteer/geonames`.
    pub rule: String,
    /// Confidence in 0..1.
    pub score: f32,
}

/// Finds the names in a document's body.
pub fn recognize(doc: &Document, text: &TextAnalysis) -> Vec<Mention> {
    let Some(tagger) = ner::Tagger::get(text.language) else {
        return Vec::new();
    };
    let rule = format!("{}/ner/perceptron", text.language.iso());
    let kept: Vec<usize> = (0..text.sentences.len())
        .filter(|&i| text.sentences[i].kind != SentenceKind::Boilerplate)
        .collect();
    let words: Vec<Vec<&str>> = kept
        .iter()
        .map(|&i| {
            let range = text.sentences[i].tokens.clone();
            text.tokens
                .get(range)
                .unwrap_or(&[])
                .iter()
                .map(|t| t.text(&doc.text))
                .collect()
        })
        .collect();
    let tagged = tagger.tag_document(&words);
    let mut out = Vec::new();
    for ((&si, ws), tags) in kept.iter().zip(&words).zip(&tagged) {
        let tokens = text
            .tokens
            .get(text.sentences[si].tokens.clone())
            .unwrap_or(&[]);
        let labels: Vec<ner::Label> = tags.iter().map(|t| t.label).collect();
        for (kind, a, tagged_end) in ner::label::chunks(&labels) {
            let mut b = tagged_end;
            // A person's name goes on through an Arabic article the tagger left out:
            // `Abu Quadamah` + `al-Iraqi`.
            while kind == EntityType::Per
                && labels.get(b) == Some(&ner::Label::O)
                && ws.get(b).is_some_and(|w| is_article_particle(w))
            {
                b += 1;
            }
            // `IS-leider`, `Islamitische Staat-leider`: a role, not a name.
            if is_role_compound(ws[b - 1]) {
                continue;
            }
            let (Some(first), Some(last)) = (tokens.get(a), tokens.get(b - 1)) else {
                continue;
            };
            let score = tags[a..tagged_end]
                .iter()
                .map(|t| t.confidence)
                .sum::<f32>()
                / (tagged_end - a) as f32;
            out.push(Mention {
                span: Span::new(first.span.start, last.span.end),
                kind,
                sentence: si,
                rule: rule.clone(),
                score: (score * 1000.0).round() / 1000.0,
            });
        }
    }
    out
}

/// `al-Iraqi`, `el-Sisi`: an Arabic article joined to a capitalised name.
fn is_article_particle(word: &str) -> bool {
    ["al-", "el-", "Al-", "El-"].iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    })
}

/// `IS-leider`, `al-Qaida-leider`: a compound whose head (after the last hyphen) is lowercase
/// and whose first part is capitalised.
fn is_role_compound(word: &str) -> bool {
    let Some((_, head)) = word.rsplit_once(['-', '\u{2010}', '\u{2011}']) else {
        return false;
    };
    head.chars().next().is_some_and(char::is_lowercase)
        && head.chars().count() > 2
        && word.chars().next().is_some_and(char::is_uppercase)
}

/// Splits mentions that glue two names the collection also uses apart: "ISIS Abu Bakr
/// Al-Baghdadi" (after "de leider van terreurgroep"), "ISIS Mosoel". A mention splits in two when
/// its first words are a name used on its own elsewhere and either they are an acronym or its
/// remaining words are such a name too. `docs` holds each document's text and mentions.
pub fn split_glued(docs: &mut [(&str, &mut Vec<Mention>)]) {
    use std::collections::HashMap;
    // Surfaces used on their own, with a type each.
    let mut known: HashMap<String, EntityType> = HashMap::new();
    for (text, mentions) in docs.iter() {
        for m in mentions.iter() {
            known.entry(m.span.slice(text).to_owned()).or_insert(m.kind);
        }
    }
    for (text, mentions) in docs.iter_mut() {
        let mut out = Vec::with_capacity(mentions.len());
        for m in mentions.drain(..) {
            let surface = m.span.slice(text);
            // Word boundaries inside the mention (byte offsets relative to its start).
            let cuts: Vec<usize> = surface.match_indices(' ').map(|(i, _)| i).collect();
            let split = cuts.iter().find_map(|&cut| {
                let (left, right) = (&surface[..cut], surface[cut + 1..].trim_start());
                let acronym = left.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && left.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
                let left_known = known.get(left).copied()?;
                let right_known = known.get(right).copied();
                (acronym || right_known.is_some()).then_some((cut, left_known, right_known))
            });
            match split {
                Some((cut, left_kind, right_kind)) => {
                    let start = m.span.start;
                    let right_start = start
                        + cut
                        + 1
                        + (surface[cut + 1..].len() - surface[cut + 1..].trim_start().len());
                    out.push(Mention {
                        span: Span::new(start, start + cut),
                        kind: left_kind,
                        ..m.clone()
                    });
                    out.push(Mention {
                        span: Span::new(right_start, m.span.end),
                        kind: right_kind.unwrap_or(m.kind),
                        ..m
                    });
                }
                None => out.push(m),
            }
        }
        **mentions = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use proptest::prelude::*;

    fn mentions(text: &str, lang: Language) -> (Document, Vec<Mention>) {
        let doc = Document::plain("t", text);
        let analysis = crate::text::analyze(&doc, lang);
        let m = recognize(&doc, &analysis);
        (doc, m)
    }

    #[test]
    fn finds_names_in_dutch_text() {
        let (doc, m) = mentions(
            "Premier Guy Verhofstadt sprak dinsdag in Brussel met de Europese Commissie over \
             de toekomst van Sabena. Verhofstadt zei dat de regering een oplossing zoekt.",
            Language::Nl,
        );
        let got: Vec<(&str, EntityType)> = m
            .iter()
            .map(|m| (m.span.slice(&doc.text), m.kind))
            .collect();
        assert!(
            got.contains(&("Guy Verhofstadt", EntityType::Per)),
            "{got:?}"
        );
        assert!(got.contains(&("Brussel", EntityType::Loc)), "{got:?}");
        for m in &m {
            assert_eq!(m.rule, "nl/ner/perceptron");
            assert_eq!(analysis_sentence(&doc, m.span.start), Some(m.sentence));
        }
    }

    fn analysis_sentence(doc: &Document, offset: usize) -> Option<usize> {
        crate::text::analyze(doc, Language::Nl).sentence_at(offset)
    }

    #[test]
    fn boilerplate_is_skipped_and_empty_text_is_fine() {
        assert!(mentions("", Language::Nl).1.is_empty());
        assert!(mentions("   \n\n ", Language::En).1.is_empty());
    }

    proptest! {
        #[test]
        fn any_text_goes_through(text in "\\PC{0,200}") {
            for lang in [Language::Nl, Language::En] {
                let (doc, m) = mentions(&text, lang);
                for m in m {
                    prop_assert!(doc.text.get(m.span.range()).is_some());
                    prop_assert!(!m.span.is_empty());
                }
            }
        }

        #[test]
        fn name_like_text_goes_through(words in proptest::collection::vec(
            "(Abu|al-[A-Z][a-z]{1,6}|[A-Z][a-z]{0,8}|IS-leider|de|van|,|\\.|“|”|-)", 0..40)) {
            let text = words.join(" ");
            let (doc, m) = mentions(&text, Language::Nl);
            for m in m {
                prop_assert!(doc.text.get(m.span.range()).is_some());
            }
        }
    }

    #[test]
    fn article_particles() {
        assert!(is_article_particle("al-Iraqi"));
        assert!(is_article_particle("El-Sisi"));
        assert!(!is_article_particle("al-"));
        assert!(!is_article_particle("alles"));
        assert!(!is_article_particle("al-qaida"));
    }

    #[test]
    fn role_compounds() {
        assert!(is_role_compound("IS-leider"));
        assert!(is_role_compound("Al-Qaida-leider"));
        assert!(!is_role_compound("al-Baghdadi"));
        assert!(!is_role_compound("Zuid-Afrika"));
        assert!(!is_role_compound("Deir el-Zor"));
        assert!(!is_role_compound("Amsterdam"));
    }
}
