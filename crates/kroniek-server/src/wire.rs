//! The API's own response shapes: envelopes around the report's wire types
//! (`kroniek_core::report`), which stay the one place claims, entities and timexes are defined.
//! Every `start`/`end` indexes the text of the document named beside it.

use kroniek_core::Language;
use kroniek_core::report::{
    ClaimBrief, ClaimOut, ConflictOut, DocumentOut, DuplicateOut, EntityOut, EntitySummary,
    PublishedOut, TimexOut,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// A stretch of a document's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextSpan {
    /// Exactly the bytes `start..end` of the document.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
}

/// `GET /api/story`.
#[derive(Debug, Serialize)]
pub struct StorySummary {
    /// Generation of the derived results.
    pub generation: i64,
    /// Counts.
    pub documents: usize,
    /// Counts.
    pub entities: usize,
    /// Counts.
    pub claims: usize,
    /// Counts.
    pub events: usize,
    /// Counts.
    pub conflicts: usize,
    /// Earliest publication date.
    pub first_published: Option<String>,
    /// Latest publication date.
    pub last_published: Option<String>,
    /// The default "as of" day: the last day anything was published or said.
    pub latest_day: Option<String>,
    /// The settings the story is analysed with.
    pub settings: kroniek_store::Settings,
    /// The analysis version.
    pub version: String,
}

/// A document in a list.
#[derive(Debug, Serialize)]
pub struct DocumentItem {
    /// Id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Link.
    pub url: Option<String>,
    /// Language.
    pub language: Language,
    /// Publication date.
    pub published: PublishedOut,
    /// Set when it repeats another document.
    pub duplicate_of: Option<DuplicateOut>,
    /// The first words of its body.
    pub lead: String,
    /// Time expressions in it.
    pub timexes: usize,
    /// Names in it.
    pub mentions: usize,
    /// Claims in it.
    pub claims: usize,
}

/// `GET /api/documents`.
#[derive(Debug, Serialize)]
pub struct DocumentList {
    /// Generation of the derived results.
    pub generation: i64,
    /// Documents in all.
    pub total: usize,
    /// This page, by publication date (undated last).
    pub documents: Vec<DocumentItem>,
}

/// A mention with the entity it belongs to and what found it.
#[derive(Debug, Serialize)]
pub struct MentionDetail {
    /// Entity id.
    pub entity: String,
    /// The entity's name.
    pub name: String,
    /// PER | ORG | LOC | MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Exactly the bytes `start..end`.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset.
    pub end: usize,
    /// What found it.
    pub rule: String,
    /// Confidence.
    pub score: f32,
}

/// A claim with the names of the entities it refers to.
#[derive(Debug, Serialize)]
pub struct ClaimDetail<'a> {
    /// The claim as in the report.
    #[serde(flatten)]
    pub claim: &'a ClaimOut,
    /// The subject's name.
    pub subject_name: String,
    /// The place's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_name: Option<String>,
    /// The words that made it this predicate.
    pub trigger: TextSpan,
}

/// `GET /api/documents/{id}`.
#[derive(Debug, Serialize)]
pub struct DocumentDetail<'a> {
    /// Generation of the derived results.
    pub generation: i64,
    /// The document, text included.
    pub document: &'a DocumentOut,
    /// Its time expressions.
    pub timexes: Vec<&'a TimexOut>,
    /// Its names.
    pub mentions: Vec<MentionDetail>,
    /// Its claims.
    pub claims: Vec<ClaimDetail<'a>>,
}

/// `GET /api/entities`.
#[derive(Debug, Serialize)]
pub struct EntityList {
    /// Generation of the derived results.
    pub generation: i64,
    /// The query, if any.
    pub query: Option<String>,
    /// Best matches first; without a query, most mentioned first.
    pub entities: Vec<EntitySummary>,
}

/// A conflict with its claims in brief.
#[derive(Debug, Serialize)]
pub struct ConflictDetail {
    /// The conflict as in the report.
    #[serde(flatten)]
    pub conflict: ConflictOut,
    /// Its subject's name.
    pub subject_name: String,
    /// Its claims.
    pub reports: Vec<ClaimBrief>,
}

/// One day in an entity's status history.
#[derive(Debug, Serialize)]
pub struct HistoryStep {
    /// The day.
    pub date: String,
    /// Claims said that day.
    pub said: Vec<String>,
    /// The status after that day: per predicate, the claim that holds.
    pub status: BTreeMap<String, String>,
}

/// `GET /api/entities/{id}`.
#[derive(Debug, Serialize)]
pub struct EntityDetail<'a> {
    /// Generation of the derived results.
    pub generation: i64,
    /// In brief.
    pub summary: EntitySummary,
    /// With mentions and merge evidence.
    pub entity: &'a EntityOut,
    /// Claims about it, in the order they were said (undated last).
    pub claims: Vec<ClaimBrief>,
    /// How its status changed, day by day.
    pub history: Vec<HistoryStep>,
    /// Conflicts about it.
    pub conflicts: Vec<ConflictDetail>,
}

/// `GET /api/conflicts`.
#[derive(Debug, Serialize)]
pub struct ConflictList {
    /// Generation of the derived results.
    pub generation: i64,
    /// The conflicts.
    pub conflicts: Vec<ConflictDetail>,
}

/// `GET /api/timeline`.
#[derive(Debug, Serialize)]
pub struct Timeline {
    /// Generation of the derived results.
    pub generation: i64,
    /// The filters applied.
    pub filters: BTreeMap<String, String>,
    /// The timeline.
    #[serde(flatten)]
    pub timeline: kroniek_core::report::TimelineOut,
}

/// A search hit.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    /// article | claim.
    pub kind: kroniek_store::HitKind,
    /// Document id.
    pub doc: String,
    /// Its headline.
    pub title: Option<String>,
    /// Claim id, for claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Claim certainty, for claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// A stretch of text around the first match.
    pub snippet: TextSpan,
    /// The matching words.
    pub matches: Vec<TextSpan>,
}

/// `GET /api/search`.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    /// Generation of the derived results.
    pub generation: i64,
    /// The query.
    pub query: String,
    /// Best first.
    pub hits: Vec<SearchHit>,
}

/// `POST /api/documents`.
#[derive(Debug, Serialize)]
pub struct Posted {
    /// The stored document's id.
    pub id: String,
    /// added | replaced | unchanged.
    pub outcome: kroniek_store::ArticleOutcome,
    /// Generation of the derived results after the write.
    pub generation: i64,
    /// The document as listed.
    pub document: Option<DocumentItem>,
    /// Things noticed reading it.
    pub diagnostics: Vec<kroniek_core::report::DiagnosticOut>,
}
