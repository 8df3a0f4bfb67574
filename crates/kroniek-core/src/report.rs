//! The report: the JSON every front end reads (`kroniek analyze --format json`, the HTTP API,
//! the web page). Versioned as `kroniek.report/1`; it changes only by adding fields.
//!
//! Wire types live here and nowhere else. Fields the contract marks required are plain; the
//! others are `Option` or skipped when empty.

use crate::diag::Diagnostic;
use crate::model::{DateSource, Format, Language, PartialDate};
use serde::{Deserialize, Serialize};

/// The contract's version tag.
pub const FORMAT: &str = "kroniek.report/1";

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`FORMAT`].
    pub format: String,
    /// One entry per document read.
    pub documents: Vec<DocumentOut>,
    /// Every time expression.
    pub timexes: Vec<TimexOut>,
    /// Entities merged across documents.
    pub entities: Vec<EntityOut>,
    /// Claims.
    pub claims: Vec<ClaimOut>,
    /// Events: claims about the same happening.
    pub events: Vec<EventOut>,
    /// Claims that cannot all be true.
    pub conflicts: Vec<ConflictOut>,
    /// What went wrong reading inputs (an addition to the contract).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<DiagnosticOut>,
}

impl Report {
    /// An empty report.
    pub fn empty() -> Report {
        Report {
            format: FORMAT.to_owned(),
            documents: vec![],
            timexes: vec![],
            entities: vec![],
            claims: vec![],
            events: vec![],
            conflicts: vec![],
            diagnostics: vec![],
        }
    }
}

/// A document and its publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentOut {
    /// The file name without extension, or the JSON Lines record's id.
    pub id: String,
    /// The path it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// ISO 639-1.
    pub language: Language,
    /// The publication date.
    pub published: PublishedOut,
    /// The input format (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// The headline (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Link (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Outlet (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Byte range of the analysed body within the text (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<[usize; 2]>,
    /// Content hash of the normalised body, hex (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Set when this document repeats another one (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<DuplicateOut>,
    /// The document's text, when asked for (`--include-text`; addition). Every offset in the
    /// report indexes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A publication date with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedOut {
    /// TIMEX3 date value, or null when unknown.
    pub value: Option<PartialDate>,
    /// header | metadata | given | inferred | unknown.
    pub source: DateSource,
    /// 0..1; below 1 for inferred dates.
    pub confidence: f32,
    /// Why.
    pub evidence: Vec<String>,
}

/// Which document this one repeats, and how closely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateOut {
    /// The id of the document kept as the original.
    pub doc: String,
    /// `exact` (same normalised text) or `near` (syndicated with small edits).
    pub kind: String,
    /// Estimated Jaccard similarity of their word shingles.
    pub similarity: f32,
}

/// A time expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimexOut {
    /// Document id.
    pub doc: String,
    /// Exactly the bytes `start..end` of the document.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
    /// DATE | TIME | DURATION | SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
    /// published | previous | none.
    pub anchor: String,
    /// The rule that made it (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// TIMEX3 mod (addition).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "mod")]
    pub modifier: Option<String>,
    /// Interval bounds (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
    /// Interval bounds (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
}

/// A mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionOut {
    /// Document id.
    pub doc: String,
    /// Exactly the bytes `start..end`.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
}

/// An entity merged across documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityOut {
    /// Stable within one report.
    pub id: String,
    /// Display name.
    pub name: String,
    /// PER | ORG | LOC | MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Every mention.
    pub mentions: Vec<MentionOut>,
    /// Why mentions were merged (addition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<MergeOut>,
}

/// One merge decision and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeOut {
    /// The rule that merged.
    pub rule: String,
    /// The strings it compared.
    pub strings: Vec<String>,
    /// A sentence a person reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// Object of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectOut {
    /// An entity, when the object is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// A value as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// Who put a claim forward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceOut {
    /// The speaker entity, null when unnamed.
    pub entity: Option<String>,
    /// The words naming the source.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
}

/// The attribution cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CueOut {
    /// The cue words.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
}

/// A claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimOut {
    /// Id.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// The sentence or clause.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
    /// Entity id.
    pub subject: String,
    /// Predicate from the ontology.
    pub predicate: String,
    /// For location: at | left | not_at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// Object or value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectOut>,
    /// Entity id of the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// When it was said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_on: Option<String>,
    /// Who claims it; absent when the article asserts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceOut>,
    /// The attribution cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<CueOut>,
    /// confirmed | reported | hedged | unconfirmed | denied.
    pub certainty: String,
    /// Words that set the certainty.
    #[serde(default)]
    pub cues: Vec<String>,
    /// The rule that made it (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Set when its document repeats another one: not independent evidence (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<bool>,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventOut {
    /// Id.
    pub id: String,
    /// Predicate.
    pub predicate: String,
    /// Entity id.
    pub subject: String,
    /// Entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// TIMEX3 value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Claim ids.
    pub claims: Vec<String>,
    /// Documents reporting it, duplicates not counted (addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub independent_documents: Option<usize>,
}

/// A conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictOut {
    /// Entity id.
    pub subject: String,
    /// Claim ids.
    pub claims: Vec<String>,
    /// A line a person reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// What kind of conflict (addition): alive-after-death, denied, two-places, two-deaths,
    /// counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A diagnostic about an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticOut {
    /// error | warning.
    pub severity: String,
    /// The input.
    pub source: String,
    /// Line, for line-oriented formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl From<&Diagnostic> for DiagnosticOut {
    fn from(d: &Diagnostic) -> DiagnosticOut {
        DiagnosticOut {
            severity: match d.severity {
                crate::diag::Severity::Error => "error".to_owned(),
                crate::diag::Severity::Warning => "warning".to_owned(),
            },
            source: d.source.clone(),
            line: d.line,
            message: d.message.clone(),
        }
    }
}

impl Report {
    /// Checks the report against the contract: required fields, known enumerations, unique ids,
    /// references that resolve, and every `text` equal to its document's bytes `start..end`.
    /// `text_of` gives a document's text by id (`None` fails the offset checks of that document);
    /// [`Report::own_text`] uses the texts included in the report.
    pub fn check<'a>(&'a self, text_of: impl Fn(&str) -> Option<&'a str>) -> Vec<String> {
        let mut problems = Vec::new();
        let mut p = |s: String| problems.push(s);
        if self.format != FORMAT {
            p(format!("format is {:?}, not {FORMAT:?}", self.format));
        }
        let mut doc_ids = std::collections::HashSet::new();
        for d in &self.documents {
            if d.id.is_empty() {
                p("a document has an empty id".to_owned());
            }
            if !doc_ids.insert(d.id.as_str()) {
                p(format!("document id {:?} is repeated", d.id));
            }
            let pub_ = &d.published;
            if !(0.0..=1.0).contains(&pub_.confidence) {
                p(format!(
                    "{}: confidence {} outside 0..1",
                    d.id, pub_.confidence
                ));
            }
            match (pub_.value, pub_.source) {
                (None, DateSource::Unknown) => {}
                (None, s) => p(format!(
                    "{}: published value is null but source is {s:?}",
                    d.id
                )),
                (Some(_), DateSource::Unknown) => p(format!(
                    "{}: published value set but source is unknown",
                    d.id
                )),
                (Some(_), DateSource::Inferred) if pub_.confidence >= 1.0 => p(format!(
                    "{}: an inferred date must have confidence below 1",
                    d.id
                )),
                (Some(_), DateSource::Inferred) if pub_.evidence.is_empty() => {
                    p(format!("{}: an inferred date needs evidence", d.id))
                }
                _ => {}
            }
        }
        let span_ok = |doc: &str, text: &str, start: usize, end: usize| -> Result<(), String> {
            if !doc_ids.contains(doc) {
                return Err(format!("refers to unknown document {doc:?}"));
            }
            let Some(full) = text_of(doc) else {
                return Err(format!(
                    "document {doc:?} has no text to check offsets against"
                ));
            };
            match full.get(start..end) {
                Some(s) if s == text => Ok(()),
                Some(s) => Err(format!(
                    "text {text:?} but bytes {start}..{end} of {doc} are {s:?}"
                )),
                None => Err(format!("{start}..{end} is not a valid range of {doc}")),
            }
        };
        for t in &self.timexes {
            if let Err(e) = span_ok(&t.doc, &t.text, t.start, t.end) {
                p(format!("timex: {e}"));
            }
            if !matches!(t.kind.as_str(), "DATE" | "TIME" | "DURATION" | "SET") {
                p(format!("timex {:?}: unknown type {:?}", t.text, t.kind));
            }
            if t.value.is_empty() {
                p(format!("timex {:?}: empty value", t.text));
            }
            if !matches!(t.anchor.as_str(), "published" | "previous" | "none") {
                p(format!("timex {:?}: unknown anchor {:?}", t.text, t.anchor));
            }
        }
        let mut entity_ids = std::collections::HashSet::new();
        for e in &self.entities {
            if !entity_ids.insert(e.id.as_str()) {
                p(format!("entity id {:?} is repeated", e.id));
            }
            if !matches!(e.kind.as_str(), "PER" | "ORG" | "LOC" | "MISC") {
                p(format!("entity {}: unknown type {:?}", e.id, e.kind));
            }
            if e.name.is_empty() || e.mentions.is_empty() {
                p(format!(
                    "entity {}: needs a name and at least one mention",
                    e.id
                ));
            }
            for m in &e.mentions {
                if let Err(err) = span_ok(&m.doc, &m.text, m.start, m.end) {
                    p(format!("entity {} mention: {err}", e.id));
                }
            }
        }
        let entity = |id: &str| entity_ids.contains(id);
        let mut claim_ids = std::collections::HashSet::new();
        for c in &self.claims {
            if !claim_ids.insert(c.id.as_str()) {
                p(format!("claim id {:?} is repeated", c.id));
            }
            if let Err(e) = span_ok(&c.doc, &c.text, c.start, c.end) {
                p(format!("claim {}: {e}", c.id));
            }
            if !entity(&c.subject) {
                p(format!(
                    "claim {}: subject {:?} is not an entity",
                    c.id, c.subject
                ));
            }
            if c.predicate.is_empty() {
                p(format!("claim {}: empty predicate", c.id));
            }
            if !matches!(
                c.certainty.as_str(),
                "confirmed" | "reported" | "hedged" | "unconfirmed" | "denied"
            ) {
                p(format!(
                    "claim {}: unknown certainty {:?}",
                    c.id, c.certainty
                ));
            }
            if let Some(s) = &c.source {
                if let Err(e) = span_ok(&c.doc, &s.text, s.start, s.end) {
                    p(format!("claim {} source: {e}", c.id));
                }
                if s.entity.as_deref().is_some_and(|id| !entity(id)) {
                    p(format!(
                        "claim {}: source entity {:?} unknown",
                        c.id, s.entity
                    ));
                }
            }
            if let Some(cue) = &c.cue
                && let Err(e) = span_ok(&c.doc, &cue.text, cue.start, cue.end)
            {
                p(format!("claim {} cue: {e}", c.id));
            }
            for id in [
                c.place.as_deref(),
                c.object.as_ref().and_then(|o| o.entity.as_deref()),
            ]
            .into_iter()
            .flatten()
            {
                if !entity(id) {
                    p(format!("claim {}: entity {id:?} unknown", c.id));
                }
            }
        }
        for v in &self.events {
            if !entity(&v.subject) {
                p(format!("event {}: subject {:?} unknown", v.id, v.subject));
            }
            if v.claims.is_empty() {
                p(format!("event {}: no claims", v.id));
            }
            for c in &v.claims {
                if !claim_ids.contains(c.as_str()) {
                    p(format!("event {}: claim {c:?} unknown", v.id));
                }
            }
        }
        for c in &self.conflicts {
            if !entity(&c.subject) {
                p(format!("conflict: subject {:?} unknown", c.subject));
            }
            if c.claims.len() < 2 {
                p(format!(
                    "conflict about {}: needs at least two claims",
                    c.subject
                ));
            }
            for id in &c.claims {
                if !claim_ids.contains(id.as_str()) {
                    p(format!(
                        "conflict about {}: claim {id:?} unknown",
                        c.subject
                    ));
                }
            }
        }
        problems
    }

    /// [`Report::check`] against the document texts the report itself includes.
    pub fn check_own_text(&self) -> Vec<String> {
        let texts: std::collections::HashMap<&str, &str> = self
            .documents
            .iter()
            .filter_map(|d| Some((d.id.as_str(), d.text.as_deref()?)))
            .collect();
        self.check(|id| texts.get(id).copied())
    }
}

/// A claim as a line of a timeline or status: who said it, when, how sure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimBrief {
    /// Claim id.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Predicate.
    pub predicate: String,
    /// For location claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// Place name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Object entity's name or the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// When it was said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_on: Option<String>,
    /// Who said it: the source's words, or null when the article itself asserts it.
    pub source: Option<String>,
    /// The source entity's id, when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_entity: Option<String>,
    /// Certainty.
    pub certainty: String,
    /// Words that set it.
    #[serde(default)]
    pub cues: Vec<String>,
    /// The sentence.
    pub text: String,
    /// True when its document repeats another.
    #[serde(default)]
    pub duplicate: bool,
}

/// An event on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// Event id (as in the report).
    pub id: String,
    /// When it happened, if known.
    pub when: Option<String>,
    /// Predicate.
    pub predicate: String,
    /// Subject entity id.
    pub subject: String,
    /// Subject name.
    pub subject_name: String,
    /// Place name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Documents reporting it, duplicates not counted.
    pub independent_documents: usize,
    /// The reports, in the order they were said.
    pub reports: Vec<ClaimBrief>,
}

/// The answer of `kroniek timeline`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineOut {
    /// The entity asked for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntitySummary>,
    /// Events, in the order they happened; undated ones last.
    pub events: Vec<TimelineEvent>,
    /// Conflicts among the events' claims.
    pub conflicts: Vec<ConflictOut>,
}

/// An entity in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
}

/// The answer of `kroniek status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusOut {
    /// The entity.
    pub entity: EntitySummary,
    /// The date asked about.
    pub as_of: String,
    /// Claims said by then, in the order they were said.
    pub known: Vec<ClaimBrief>,
    /// Per predicate, the latest claim.
    pub latest: std::collections::BTreeMap<String, ClaimBrief>,
    /// Conflicts among the claims known by then.
    pub conflicts: Vec<ConflictOut>,
    /// Claims said later (not yet known on that date).
    pub later: usize,
}
