//! The pipeline over a collection: per-document stages in parallel, then the collection-level
//! steps (duplicates, publication dates, and later entities, claims and the timeline).

use crate::claims::{self, Claim};
use crate::dedup::{self, Duplicate, Fingerprint};
use crate::diag::Diagnostic;
use crate::entities::{self, DocMentions, Entity, Mention};
use crate::model::{DateSource, Document, Language, Published};
use crate::pubdate::{self, Neighbour, Profile};
use crate::report::{
    self, ClaimOut, ConflictOut, CueOut, DocumentOut, DuplicateOut, EntityOut, EventOut,
    MentionOut, MergeOut, ObjectOut, PublishedOut, Report, SourceOut, TimexOut,
};
use crate::text::{self, SentenceKind, TextAnalysis, TokenKind};
use crate::time::{self, Anchor, TimeConfig, Timex};
use crate::timeline::{self, Conflict, Event, Placed};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Settings of a whole analysis.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The time stage's settings.
    pub time: TimeConfig,
    /// The language assumed when a text gives no clue and its input declared none.
    pub default_language: Language,
    /// Publication-date inference constants.
    pub pubdate: pubdate::Params,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            time: TimeConfig::default(),
            default_language: Language::Nl,
            pubdate: pubdate::Params::default(),
        }
    }
}

/// A pipeline step, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Per-document analysis.
    Documents,
    /// Work across the collection.
    Collection,
}

/// Receives progress: `(step, done, total)`. Called from several threads.
pub trait Progress: Sync {
    /// Called after each unit of work.
    fn advance(&self, step: Step, done: usize, total: usize);
}

/// No progress reporting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn advance(&self, _: Step, _: usize, _: usize) {}
}

/// What the analysis of one document keeps from work that does not depend on other documents:
/// the document, its language and the names in it. Recognising names is the costly step; the
/// store keeps this so that only new or changed articles are analysed again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    /// The document.
    pub doc: Document,
    /// Its language.
    pub language: Language,
    /// How sure the language guess is.
    pub language_confidence: f32,
    /// The names found in it.
    pub mentions: Vec<Mention>,
    /// [`analysis_version`] when it was prepared: a stored one from another version is stale.
    pub version: String,
    /// The text analysis made while preparing, reused when the collection is assembled in the
    /// same run (not stored: it is cheap to redo and large to keep).
    #[serde(skip)]
    pub text: Option<TextAnalysis>,
}

/// The version of the analysis: the crate version and a fingerprint of the language data and
/// models it embeds.
pub fn analysis_version() -> String {
    format!(
        "{}+{:016x}",
        env!("CARGO_PKG_VERSION"),
        kroniek_lang::data_version()
    )
}

/// One analysed document.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    /// The document as read.
    pub doc: Document,
    /// Its publication date: as stated, given, or inferred.
    pub published: Published,
    /// Tokens, sentences, quotes.
    pub text: TextAnalysis,
    /// Time expressions, anchored on `published`.
    pub timexes: Vec<Timex>,
    /// Names found in the text.
    pub mentions: Vec<Mention>,
    /// Claims found in the text, with mention indices for their roles.
    pub claims: Vec<Claim>,
    /// Its fingerprint for duplicate detection.
    pub fingerprint: Fingerprint,
    /// Set when it repeats another document of the collection.
    pub duplicate_of: Option<Duplicate>,
}

/// The result of analysing a collection.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Documents, in input order.
    pub docs: Vec<DocAnalysis>,
    /// Entities merged across the documents.
    pub entities: Vec<Entity>,
    /// Claims with their roles mapped to entities.
    pub claims: Vec<Placed>,
    /// Claims grouped by the happening they report.
    pub events: Vec<Event>,
    /// Claims that cannot all be true.
    pub conflicts: Vec<Conflict>,
    /// Things noticed along the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a report includes beyond the contract's fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// Include each document's text.
    pub include_text: bool,
}

/// Runs the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    config: Config,
}

impl Analyzer {
    /// An analyzer with these settings.
    pub fn new(config: Config) -> Analyzer {
        Analyzer { config }
    }

    /// Its settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Analyses a collection.
    pub fn analyze(&self, docs: Vec<Document>) -> Analysis {
        self.analyze_with(docs, &Quiet)
    }

    /// The per-document work that does not depend on other documents: language and names.
    pub fn prepare(&self, doc: Document) -> Prepared {
        let text = text::analyze(&doc, self.config.default_language);
        let mentions = entities::recognize(&doc, &text);
        Prepared {
            language: text.language,
            language_confidence: text.language_confidence,
            mentions,
            doc,
            version: analysis_version(),
            text: Some(text),
        }
    }

    /// Analyses a collection, reporting progress.
    pub fn analyze_with(&self, docs: Vec<Document>, progress: &dyn Progress) -> Analysis {
        let total = docs.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let prepared: Vec<Prepared> = docs
            .into_par_iter()
            .map(|doc| {
                let p = self.prepare(doc);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress.advance(Step::Documents, n, total);
                p
            })
            .collect();
        self.assemble(prepared, progress)
    }

    /// The collection-level analysis of prepared documents: time expressions, duplicates,
    /// publication dates, entities, claims, events and conflicts.
    pub fn assemble(&self, prepared: Vec<Prepared>, progress: &dyn Progress) -> Analysis {
        let mut diagnostics = Vec::new();
        let prepared = unique_prepared_ids(prepared, &mut diagnostics);
        let cfg = &self.config;
        let mut analysed: Vec<DocAnalysis> = prepared
            .into_par_iter()
            .map(|p| analyse_document(p, cfg))
            .collect();

        // Duplicates: the earliest stated date, then input order, is the original.
        let prints: Vec<Fingerprint> = analysed.iter().map(|a| a.fingerprint.clone()).collect();
        let mut order: Vec<usize> = (0..analysed.len()).collect();
        order.sort_by_key(|&i| {
            let p = &analysed[i].published;
            (p.value.is_none(), p.value.map(|d| d.earliest()), i)
        });
        let mut rank = vec![0; analysed.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        for dup in dedup::find(&prints, &rank) {
            analysed[dup.doc].duplicate_of = Some(dup);
        }

        infer_dates(&mut analysed, cfg);
        {
            let mut glued: Vec<(&str, &mut Vec<Mention>)> = analysed
                .iter_mut()
                .map(|a| (a.doc.text.as_str(), &mut a.mentions))
                .collect();
            entities::split_glued(&mut glued);
        }
        let views: Vec<DocMentions<'_>> = analysed
            .iter()
            .map(|a| DocMentions {
                text: &a.doc.text,
                language: a.text.language,
                mentions: &a.mentions,
            })
            .collect();
        let entities = entities::merge(&views);
        // Each mention takes its entity's voted type, so claims see one type per thing.
        for e in &entities {
            for m in &e.mentions {
                analysed[m.doc].mentions[m.mention].kind = e.kind;
            }
        }
        analysed.par_iter_mut().for_each(|a| {
            a.claims = claims::extract(&a.doc, &a.text, &a.timexes, &a.mentions, a.published.value);
        });
        let placed = place_claims(&analysed, &entities);
        let events = timeline::group_events(&placed);
        let conflicts = timeline::find_conflicts(&placed, &events);
        progress.advance(Step::Collection, 1, 1);
        Analysis {
            docs: analysed,
            entities,
            claims: placed,
            events,
            conflicts,
            diagnostics,
        }
    }
}

/// Makes document ids unique: a repeated id gets `~2`, `~3`, ... and a warning that says the
/// document `becomes` the new id ("is", "is stored as").
pub fn rename_repeated_ids<'a>(
    docs: impl IntoIterator<Item = &'a mut Document>,
    becomes: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashSet<String> = HashSet::new();
    for doc in docs {
        if seen.insert(doc.id.clone()) {
            continue;
        }
        let mut n = 2;
        let fresh = loop {
            let candidate = format!("{}~{n}", doc.id);
            if !seen.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        diagnostics.push(Diagnostic::warning(
            doc.path.clone().unwrap_or_else(|| doc.id.clone()),
            format!(
                "document id {:?} is already used; this one {becomes} {fresh:?}",
                doc.id
            ),
        ));
        seen.insert(fresh.clone());
        doc.id = fresh;
    }
}

/// Makes the prepared documents' ids unique ([`rename_repeated_ids`]).
fn unique_prepared_ids(
    mut docs: Vec<Prepared>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Prepared> {
    rename_repeated_ids(docs.iter_mut().map(|p| &mut p.doc), "is", diagnostics);
    docs
}

fn analyse_document(p: Prepared, cfg: &Config) -> DocAnalysis {
    let Prepared {
        doc,
        language,
        language_confidence,
        mentions,
        text,
        ..
    } = p;
    let text = text.unwrap_or_else(|| text::analyze_as(&doc, language, language_confidence));
    let published = doc.published.clone();
    let timexes = time::extract(&doc, &text, published.value, &cfg.time);
    let words: Vec<u64> = text
        .tokens
        .iter()
        .filter(|t| t.is_wordlike())
        .map(|t| dedup::word_hash(t.text(&doc.text)))
        .collect();
    let fingerprint = Fingerprint::from_word_hashes(&words);
    DocAnalysis {
        doc,
        published,
        text,
        timexes,
        mentions,
        claims: Vec::new(),
        fingerprint,
        duplicate_of: None,
    }
}

/// Maps each claim's mention roles to merged entities.
fn place_claims(docs: &[DocAnalysis], entities: &[Entity]) -> Vec<Placed> {
    let mut entity_of: HashMap<(usize, usize), usize> = HashMap::new();
    for (e, entity) in entities.iter().enumerate() {
        for m in &entity.mentions {
            entity_of.insert((m.doc, m.mention), e);
        }
    }
    let mut out = Vec::new();
    for (d, a) in docs.iter().enumerate() {
        for c in &a.claims {
            let Some(&subject) = entity_of.get(&(d, c.subject)) else {
                continue;
            };
            let lookup = |m: Option<usize>| m.and_then(|m| entity_of.get(&(d, m)).copied());
            out.push(Placed {
                doc: d,
                subject,
                object: lookup(c.object),
                place: lookup(c.place),
                source: lookup(c.source.as_ref().and_then(|s| s.mention)),
                duplicate: a.duplicate_of.is_some(),
                original: a.duplicate_of.map(|d| d.of),
                claim: c.clone(),
            });
        }
    }
    out
}

/// Salient terms: capitalised words that do not start a sentence (names, mostly), and long
/// content words with a lower weight. Folded to ASCII lowercase so spelling variants meet.
fn profile(doc: &Document, text: &TextAnalysis) -> Profile {
    let stop = &text::TextResources::get(text.language).stopwords;
    let mut terms: Vec<(String, f32)> = Vec::new();
    for s in &text.sentences {
        if matches!(s.kind, SentenceKind::Boilerplate) {
            continue;
        }
        let mut first = true;
        for t in &text.tokens[s.tokens.clone()] {
            if t.kind != TokenKind::Word {
                if t.is_wordlike() {
                    first = false;
                }
                continue;
            }
            let w = t.text(&doc.text);
            let lower = w.to_lowercase();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if !stop.contains(&lower) {
                let folded = deunicode::deunicode(&lower);
                if capital && !first {
                    terms.push((folded, 1.0));
                } else if lower.chars().count() >= 7 {
                    terms.push((folded, 0.3));
                }
            }
            first = false;
        }
    }
    Profile::new(terms.iter().map(|(t, w)| (t.as_str(), *w)))
}

fn infer_dates(analysed: &mut [DocAnalysis], cfg: &Config) {
    let undated: Vec<usize> = (0..analysed.len())
        .filter(|&i| analysed[i].published.value.is_none())
        .collect();
    if undated.is_empty() {
        return;
    }
    // What each document is about, made only now that an undated one needs them.
    let profiles: Vec<Profile> = analysed
        .par_iter()
        .map(|a| profile(&a.doc, &a.text))
        .collect();
    let idf = pubdate::idf(&profiles.iter().collect::<Vec<_>>());
    let mut inferred: Vec<(usize, Published)> = Vec::new();
    for &i in &undated {
        let a = &analysed[i];
        let neighbours: Vec<Neighbour<'_>> = analysed
            .iter()
            .enumerate()
            .filter(|(j, b)| *j != i && b.published.value.is_some())
            .filter_map(|(j, b)| {
                Some(Neighbour {
                    id: &b.doc.id,
                    date: b.published.value?,
                    similarity: pubdate::similarity(&profiles[i], &profiles[j], &idf),
                })
            })
            .collect();
        let duplicate = a.duplicate_of.and_then(|d| {
            let orig = &analysed[d.of];
            Some(Neighbour {
                id: &orig.doc.id,
                date: orig.published.value?,
                similarity: d.similarity,
            })
        });
        // Unanchored expressions: `extract` with no date keeps X for what the anchor supplies.
        let p = pubdate::infer(
            &a.doc.text,
            a.text.language,
            &a.timexes,
            pubdate::dateline(&a.doc.text, &a.text, &a.timexes),
            &neighbours,
            duplicate.as_ref(),
            &cfg.pubdate,
        );
        inferred.push((i, p));
    }
    for (i, p) in inferred {
        let a = &mut analysed[i];
        if p.source == DateSource::Inferred {
            a.timexes = time::extract(&a.doc, &a.text, p.value, &cfg.time);
        }
        a.published = p;
    }
}

impl Analysis {
    /// A claim in words: "death (de Russische verklaring, 2017-05-28)".
    pub fn claim_brief(&self, i: usize) -> String {
        let p = &self.claims[i];
        let a = &self.docs[p.doc];
        let who = p
            .claim
            .source
            .as_ref()
            .map(|s| s.span.slice(&a.doc.text).to_owned())
            .unwrap_or_else(|| a.doc.id.clone());
        let when = p
            .claim
            .when
            .as_ref()
            .or(p.claim.said_on.as_ref())
            .map_or("undated".to_owned(), |w| w.value.clone());
        let what = match (p.claim.predicate.as_str(), p.claim.relation) {
            ("location", Some(r)) => {
                let place = p
                    .place
                    .map_or(String::new(), |e| format!(" {}", self.entities[e].name));
                format!("{}{place}", r.name().replace('_', " "))
            }
            (pred, _) => pred.to_owned(),
        };
        let how = match p.claim.certainty {
            claims::Certainty::Reported | claims::Certainty::Confirmed => String::new(),
            other => format!(", {}", other.name()),
        };
        format!("{what} ({who}, {when}{how})")
    }

    /// A conflict in words: each side once, with its time and up to three sources —
    /// "death on 2024-05-05 (Het ministerie van Defensie, The defence ministry) vs alive in
    /// 2024-11 (Het ministerie)".
    pub fn conflict_summary(&self, c: &Conflict) -> String {
        // Sides in order of first appearance: (label, times, sources).
        let mut sides: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        for &i in &c.claims {
            let p = &self.claims[i];
            let a = &self.docs[p.doc];
            let mut label = match (p.claim.predicate.as_str(), p.claim.relation) {
                ("location", Some(r)) => {
                    let place = p
                        .place
                        .map_or(String::new(), |e| format!(" {}", self.entities[e].name));
                    format!("{}{place}", r.name().replace('_', " "))
                }
                (pred, _) => pred.to_owned(),
            };
            if p.claim.certainty == claims::Certainty::Denied {
                label = format!("{label} denied");
            }
            let when = p
                .claim
                .when
                .as_ref()
                .or(p.claim.said_on.as_ref())
                .map(|w| w.value.clone());
            let who = p
                .claim
                .source
                .as_ref()
                .map(|s| s.span.slice(&a.doc.text).to_owned())
                .unwrap_or_else(|| format!("article {}", a.doc.id));
            let side = match sides.iter_mut().position(|(l, _, _)| *l == label) {
                Some(k) => &mut sides[k],
                None => {
                    sides.push((label, Vec::new(), Vec::new()));
                    let last = sides.len() - 1;
                    &mut sides[last]
                }
            };
            if let Some(w) = when
                && !side.1.contains(&w)
            {
                side.1.push(w);
            }
            if !side.2.contains(&who) {
                side.2.push(who);
            }
        }
        sides
            .into_iter()
            .map(|(label, mut times, sources)| {
                times.sort();
                let when = match times.as_slice() {
                    [] => String::new(),
                    [one] => format!(" {one}"),
                    [first, .., last] => format!(" {first}…{last}"),
                };
                let mut who: Vec<String> = sources.iter().take(3).cloned().collect();
                if sources.len() > 3 {
                    who.push(format!("{} more", sources.len() - 3));
                }
                format!("{label}{when} ({})", who.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" vs ")
    }

    /// True when any input could not be used.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }

    /// The report of `kroniek.report/1`.
    pub fn report(&self, options: ReportOptions) -> Report {
        let mut r = Report::empty();
        for a in &self.docs {
            let p = &a.published;
            r.documents.push(DocumentOut {
                id: a.doc.id.clone(),
                path: a.doc.path.clone(),
                language: a.text.language,
                published: PublishedOut {
                    value: p.value,
                    source: p.source,
                    confidence: p.confidence,
                    evidence: p.evidence.clone(),
                },
                format: Some(a.doc.format),
                title: a.doc.title.clone(),
                url: a.doc.url.clone(),
                outlet: a.doc.outlet.clone(),
                body: Some([a.doc.body.start, a.doc.body.end]),
                hash: Some(a.fingerprint.hex()),
                duplicate_of: a.duplicate_of.map(|d| DuplicateOut {
                    doc: self.docs[d.of].doc.id.clone(),
                    kind: d.kind.name().to_owned(),
                    similarity: (d.similarity * 1000.0).round() / 1000.0,
                }),
                text: options.include_text.then(|| a.doc.text.clone()),
            });
            for t in &a.timexes {
                r.timexes.push(TimexOut {
                    doc: a.doc.id.clone(),
                    text: t.span.slice(&a.doc.text).to_owned(),
                    start: t.span.start,
                    end: t.span.end,
                    kind: serde_json::to_value(t.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    value: t.value.clone(),
                    anchor: match t.anchor {
                        Anchor::Published => "published",
                        Anchor::Previous => "previous",
                        Anchor::None => "none",
                    }
                    .to_owned(),
                    rule: Some(t.rule.clone()),
                    modifier: t.modifier.map(str::to_owned),
                    earliest: t.earliest.map(|d| d.to_string()),
                    latest: t.latest.map(|d| d.to_string()),
                });
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            r.entities.push(EntityOut {
                id: entity_id(i),
                name: e.name.clone(),
                kind: e.kind.code().to_owned(),
                aliases: e.aliases.clone(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| {
                        let a = &self.docs[m.doc];
                        let span = a.mentions[m.mention].span;
                        MentionOut {
                            doc: a.doc.id.clone(),
                            text: span.slice(&a.doc.text).to_owned(),
                            start: span.start,
                            end: span.end,
                        }
                    })
                    .collect(),
                merges: e
                    .merges
                    .iter()
                    .map(|m| MergeOut {
                        rule: m.rule.to_owned(),
                        strings: m.strings.to_vec(),
                        explanation: Some(m.explanation.clone()),
                    })
                    .collect(),
            });
        }
        let doc_id = |d: usize| self.docs[d].doc.id.clone();
        for (i, p) in self.claims.iter().enumerate() {
            let c = &p.claim;
            let a = &self.docs[p.doc];
            let slice = |span: crate::model::Span| span.slice(&a.doc.text).to_owned();
            r.claims.push(ClaimOut {
                id: claim_id(i),
                doc: doc_id(p.doc),
                text: slice(c.span),
                start: c.span.start,
                end: c.span.end,
                subject: entity_id(p.subject),
                predicate: c.predicate.clone(),
                relation: c.relation.map(|x| x.name().to_owned()),
                object: (p.object.is_some() || c.value.is_some()).then(|| ObjectOut {
                    entity: p.object.map(entity_id),
                    value: c.value.clone(),
                }),
                place: p.place.map(entity_id),
                when: c.when.as_ref().map(|w| w.value.clone()),
                said_on: c.said_on.as_ref().map(|w| w.value.clone()),
                source: c.source.as_ref().map(|s| SourceOut {
                    entity: p.source.map(entity_id),
                    text: slice(s.span),
                    start: s.span.start,
                    end: s.span.end,
                }),
                cue: c.cue.map(|cue| CueOut {
                    text: slice(cue),
                    start: cue.start,
                    end: cue.end,
                }),
                certainty: c.certainty.name().to_owned(),
                cues: c.cues.clone(),
                rule: Some(c.rule.clone()),
                duplicate: p.duplicate.then_some(true),
            });
        }
        for (i, e) in self.events.iter().enumerate() {
            r.events.push(EventOut {
                id: format!("v{}", i + 1),
                predicate: e.predicate.clone(),
                subject: entity_id(e.subject),
                place: e.place.map(entity_id),
                when: e.when.as_ref().map(|w| w.value.clone()),
                claims: e.claims.iter().map(|&c| claim_id(c)).collect(),
                independent_documents: Some(e.independent_documents),
            });
        }
        for c in &self.conflicts {
            r.conflicts.push(ConflictOut {
                subject: entity_id(c.subject),
                claims: c.claims.iter().map(|&i| claim_id(i)).collect(),
                summary: Some(self.conflict_summary(c)),
                kind: Some(c.kind.to_owned()),
            });
        }
        r.diagnostics = self
            .diagnostics
            .iter()
            .map(report::DiagnosticOut::from)
            .collect();
        r
    }
}

/// The report id of the `i`th claim.
pub fn claim_id(i: usize) -> String {
    format!("c{}", i + 1)
}

/// The report id of the `i`th entity.
pub fn entity_id(i: usize) -> String {
    format!("e{}", i + 1)
}

/// Index of documents by id.
pub fn index_by_id(analysis: &Analysis) -> HashMap<&str, usize> {
    analysis
        .docs
        .iter()
        .enumerate()
        .map(|(i, a)| (a.doc.id.as_str(), i))
        .collect()
}
