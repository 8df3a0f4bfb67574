//! The handlers of `/api`. Reads work on the current snapshot; `POST /api/documents` analyses
//! the article, stores it, reassembles the story and swaps the snapshot.

use crate::error::ApiError;
use crate::params::{CERTAINTIES, PREDICATES, Params, RawParams};
use crate::state::{AppState, Snapshot};
use crate::wire::*;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kroniek_core::Language;
use kroniek_core::PartialDate;
use kroniek_core::ingest::{self, Input};
use kroniek_core::model::{Format, Span};
use kroniek_core::pipeline::{claim_id, entity_id};
use kroniek_store::{ArticleOutcome, SearchIndex};
use std::collections::{BTreeMap, BTreeSet, HashSet};

type PathId = Result<Path<String>, PathRejection>;

fn path_id(p: PathId) -> Result<String, ApiError> {
    p.map(|Path(id)| id)
        .map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))
}

/// The index of entity `id` (`e3`), if it exists.
fn entity_index(snap: &Snapshot, id: &str) -> Option<usize> {
    let n: usize = id.strip_prefix('e')?.parse().ok()?;
    (n >= 1 && n <= snap.analysis.entities.len() && entity_id(n - 1) == id).then(|| n - 1)
}

/// An entity given by id (`e3`) or by any spelling of its name.
fn resolve_entity(snap: &Snapshot, given: &str) -> Result<usize, ApiError> {
    if let Some(i) = entity_index(snap, given) {
        return Ok(i);
    }
    let looks_like_id = given
        .strip_prefix('e')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if looks_like_id {
        return Err(ApiError::not_found(format!("no entity {given:?}")));
    }
    snap.analysis
        .find_entities(given)
        .first()
        .copied()
        .ok_or_else(|| ApiError::not_found(format!("no entity matches {given:?}")))
}

fn text_span(text: &str, span: Span) -> TextSpan {
    TextSpan {
        text: span.slice(text).to_owned(),
        start: span.start,
        end: span.end,
    }
}

/// The first words of a body, at most about 160 bytes, whitespace collapsed.
fn lead(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.len() + word.len() > 160 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn document_item(snap: &Snapshot, d: usize) -> Option<DocumentItem> {
    let a = snap.analysis.docs.get(d)?;
    let out = snap.report.documents.get(d)?;
    Some(DocumentItem {
        id: out.id.clone(),
        title: out.title.clone(),
        outlet: out.outlet.clone(),
        url: out.url.clone(),
        language: out.language,
        published: out.published.clone(),
        duplicate_of: out.duplicate_of.clone(),
        lead: lead(a.doc.body_text()),
        timexes: a.timexes.len(),
        mentions: a.mentions.len(),
        claims: snap.analysis.claims.iter().filter(|c| c.doc == d).count(),
    })
}

/// `GET /api/story`
pub async fn story(State(state): State<AppState>, raw: RawParams) -> Result<Response, ApiError> {
    Params::parse(raw, &[])?;
    let snap = state.snapshot();
    let dates: Vec<PartialDate> = snap
        .analysis
        .docs
        .iter()
        .filter_map(|a| a.published.value)
        .collect();
    let first = dates
        .iter()
        .min_by_key(|d| d.earliest())
        .map(|d| d.to_string());
    let last = dates
        .iter()
        .max_by_key(|d| d.latest())
        .map(|d| d.to_string());
    Ok(Json(StorySummary {
        generation: snap.generation,
        documents: snap.analysis.docs.len(),
        entities: snap.analysis.entities.len(),
        claims: snap.analysis.claims.len(),
        events: snap.analysis.events.len(),
        conflicts: snap.analysis.conflicts.len(),
        first_published: first,
        last_published: last,
        latest_day: snap.latest_day.map(|d| d.to_string()),
        settings: snap.settings,
        version: kroniek_core::pipeline::analysis_version(),
    })
    .into_response())
}

/// `GET /api/report?include_text=`: the whole report of `kroniek.report/1`.
pub async fn report(State(state): State<AppState>, raw: RawParams) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["include_text"])?;
    let include_text = match p.get("include_text") {
        None | Some("false") => false,
        Some("true") => true,
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "include_text: {v:?} is neither true nor false"
            )));
        }
    };
    let snap = state.snapshot();
    if include_text {
        return Ok(Json(&snap.report).into_response());
    }
    let mut report = snap.report.clone();
    for d in &mut report.documents {
        d.text = None;
    }
    Ok(Json(report).into_response())
}

/// `GET /api/documents?limit=&offset=`
pub async fn documents(
    State(state): State<AppState>,
    raw: RawParams,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["limit", "offset"])?;
    let limit = p.count("limit", 100, 1000)?;
    let offset = p.number("offset", 0, 0, usize::MAX >> 1)?;
    let snap = state.snapshot();
    let mut order: Vec<usize> = (0..snap.analysis.docs.len()).collect();
    order.sort_by_key(|&d| {
        let a = &snap.analysis.docs[d];
        let when = a.published.value.map(|v| v.earliest());
        (when.is_none(), when, a.doc.id.clone())
    });
    let documents = order
        .into_iter()
        .skip(offset)
        .take(limit)
        .filter_map(|d| document_item(&snap, d))
        .collect();
    Ok(Json(DocumentList {
        generation: snap.generation,
        total: snap.analysis.docs.len(),
        documents,
    })
    .into_response())
}

/// `GET /api/documents/{id}`
pub async fn document(
    State(state): State<AppState>,
    id: PathId,
    raw: RawParams,
) -> Result<Response, ApiError> {
    Params::parse(raw, &[])?;
    let id = path_id(id)?;
    let snap = state.snapshot();
    let Some(&d) = snap.doc_index.get(&id) else {
        return Err(ApiError::not_found(format!("no document {id:?}")));
    };
    let a = &snap.analysis.docs[d];
    let text = &a.doc.text;
    let document = &snap.report.documents[d];
    let timexes = snap.report.timexes.iter().filter(|t| t.doc == id).collect();
    let mut mentions = Vec::new();
    for (e, entity) in snap.analysis.entities.iter().enumerate() {
        for m in entity.mentions.iter().filter(|m| m.doc == d) {
            let Some(mention) = a.mentions.get(m.mention) else {
                continue;
            };
            mentions.push(MentionDetail {
                entity: entity_id(e),
                name: entity.name.clone(),
                kind: entity.kind.code().to_owned(),
                text: mention.span.slice(text).to_owned(),
                start: mention.span.start,
                end: mention.span.end,
                rule: mention.rule.clone(),
                score: mention.score,
            });
        }
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    let name = |e: usize| snap.analysis.entities[e].name.clone();
    let claims = snap
        .analysis
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.doc == d)
        .filter_map(|(i, c)| {
            Some(ClaimDetail {
                claim: snap.report.claims.get(i)?,
                subject_name: name(c.subject),
                place_name: c.place.map(name),
                trigger: text_span(text, c.claim.trigger),
            })
        })
        .collect();
    Ok(Json(DocumentDetail {
        generation: snap.generation,
        document,
        timexes,
        mentions,
        claims,
    })
    .into_response())
}

/// `GET /api/entities?q=&type=&limit=`
pub async fn entities(State(state): State<AppState>, raw: RawParams) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["q", "type", "limit"])?;
    let q = p.text("q", 200)?;
    let kind = p.one_of_list("type", &["per", "org", "loc", "misc"])?;
    let limit = p.count("limit", 100, 1000)?;
    let snap = state.snapshot();
    let mut found: Vec<usize> = match q {
        Some(q) => snap.analysis.find_entities(q),
        None => {
            let mut all: Vec<usize> = (0..snap.analysis.entities.len()).collect();
            all.sort_by_key(|&e| std::cmp::Reverse(snap.analysis.entities[e].mentions.len()));
            all
        }
    };
    if let Some(kinds) = kind {
        found.retain(|&e| {
            let code = snap.analysis.entities[e].kind.code().to_ascii_lowercase();
            kinds.contains(&code)
        });
    }
    let entities = found
        .into_iter()
        .take(limit)
        .map(|e| snap.analysis.entity_summary(e))
        .collect();
    Ok(Json(EntityList {
        generation: snap.generation,
        query: q.map(str::to_owned),
        entities,
    })
    .into_response())
}

fn conflict_detail(snap: &Snapshot, k: usize) -> Option<ConflictDetail> {
    let c = snap.analysis.conflicts.get(k)?;
    Some(ConflictDetail {
        conflict: snap.report.conflicts.get(k)?.clone(),
        subject_name: snap.analysis.entities.get(c.subject)?.name.clone(),
        reports: c
            .claims
            .iter()
            .map(|&i| snap.analysis.claim_brief_out(i))
            .collect(),
    })
}

/// `GET /api/entities/{id}`
pub async fn entity(
    State(state): State<AppState>,
    id: PathId,
    raw: RawParams,
) -> Result<Response, ApiError> {
    Params::parse(raw, &[])?;
    let id = path_id(id)?;
    let snap = state.snapshot();
    let e =
        entity_index(&snap, &id).ok_or_else(|| ApiError::not_found(format!("no entity {id:?}")))?;
    let claims_about: Vec<usize> = {
        let mut v: Vec<usize> = (0..snap.analysis.claims.len())
            .filter(|&i| snap.analysis.claims[i].subject == e)
            .collect();
        v.sort_by_key(|&i| {
            let c = &snap.analysis.claims[i];
            let said = c.said_earliest();
            (said.is_none(), said, c.doc, c.claim.span.start)
        });
        v
    };
    let days: BTreeSet<jiff::civil::Date> = claims_about
        .iter()
        .filter_map(|&i| snap.analysis.claims[i].said_earliest())
        .collect();
    let history = days
        .into_iter()
        .map(|day| {
            let s = kroniek_core::timeline::status(
                &snap.analysis.claims,
                &snap.analysis.conflicts,
                e,
                day,
            );
            HistoryStep {
                date: day.to_string(),
                said: claims_about
                    .iter()
                    .filter(|&&i| snap.analysis.claims[i].said_earliest() == Some(day))
                    .map(|&i| claim_id(i))
                    .collect(),
                status: s
                    .latest
                    .into_iter()
                    .map(|(pred, i)| (pred, claim_id(i)))
                    .collect(),
            }
        })
        .collect();
    let conflicts = (0..snap.analysis.conflicts.len())
        .filter(|&k| snap.analysis.conflicts[k].subject == e)
        .filter_map(|k| conflict_detail(&snap, k))
        .collect();
    let Some(entity) = snap.report.entities.get(e) else {
        return Err(ApiError::not_found(format!("no entity {id:?}")));
    };
    Ok(Json(EntityDetail {
        generation: snap.generation,
        summary: snap.analysis.entity_summary(e),
        entity,
        claims: claims_about
            .into_iter()
            .map(|i| snap.analysis.claim_brief_out(i))
            .collect(),
        history,
        conflicts,
    })
    .into_response())
}

/// `GET /api/entities/{id}/status?as_of=`
pub async fn entity_status(
    State(state): State<AppState>,
    id: PathId,
    raw: RawParams,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["as_of"])?;
    let as_of = p.date("as_of")?;
    let id = path_id(id)?;
    let snap = state.snapshot();
    let e =
        entity_index(&snap, &id).ok_or_else(|| ApiError::not_found(format!("no entity {id:?}")))?;
    let day = match as_of {
        Some(d) => d.latest(),
        None => snap.latest_day.unwrap_or(jiff::civil::Date::MAX),
    };
    Ok(Json(snap.analysis.status(e, day)).into_response())
}

/// `GET /api/timeline?entity=&from=&to=&predicate=&certainty=`
pub async fn timeline(State(state): State<AppState>, raw: RawParams) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["entity", "from", "to", "predicate", "certainty"])?;
    let from = p.date("from")?;
    let to = p.date("to")?;
    if let (Some(f), Some(t)) = (from, to)
        && f.earliest() > t.latest()
    {
        return Err(ApiError::bad_request(format!(
            "from ({f}) is after to ({t})"
        )));
    }
    let certainty = p.one_of_list("certainty", &CERTAINTIES)?;
    let snap = state.snapshot();
    let predicates: Option<Vec<String>> = {
        let mut known: Vec<&str> = PREDICATES.to_vec();
        for c in &snap.analysis.claims {
            if !known.contains(&c.predicate()) {
                known.push(c.predicate());
            }
        }
        p.one_of_list("predicate", &known)?
    };
    let entity = p
        .text("entity", 200)?
        .map(|e| resolve_entity(&snap, e))
        .transpose()?;
    let mut out = snap.analysis.timeline(entity);
    let lo = from.map(|d| d.earliest());
    let hi = to.map(|d| d.latest());
    out.events.retain_mut(|ev| {
        if let Some(preds) = &predicates
            && !preds.contains(&ev.predicate)
        {
            return false;
        }
        if lo.is_some() || hi.is_some() {
            let k = ev
                .id
                .strip_prefix('v')
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| n.checked_sub(1));
            let when = k
                .and_then(|k| snap.analysis.events.get(k))
                .and_then(|e| e.when.as_ref());
            let (Some(e), Some(l)) = (when.and_then(|w| w.earliest), when.and_then(|w| w.latest))
            else {
                return false;
            };
            if lo.is_some_and(|lo| l < lo) || hi.is_some_and(|hi| e > hi) {
                return false;
            }
        }
        if let Some(certs) = &certainty {
            ev.reports.retain(|r| certs.contains(&r.certainty));
        }
        !ev.reports.is_empty()
    });
    let filtered = from.is_some() || to.is_some() || predicates.is_some() || certainty.is_some();
    if filtered {
        let kept: HashSet<&str> = out
            .events
            .iter()
            .flat_map(|e| e.reports.iter().map(|r| r.id.as_str()))
            .collect();
        out.conflicts
            .retain(|c| c.claims.iter().any(|id| kept.contains(id.as_str())));
    }
    let mut filters = BTreeMap::new();
    if let Some(e) = entity {
        filters.insert("entity".to_owned(), entity_id(e));
    }
    for (k, v) in [("from", from), ("to", to)] {
        if let Some(v) = v {
            filters.insert(k.to_owned(), v.to_string());
        }
    }
    if let Some(v) = predicates {
        filters.insert("predicate".to_owned(), v.join(","));
    }
    if let Some(v) = certainty {
        filters.insert("certainty".to_owned(), v.join(","));
    }
    Ok(Json(Timeline {
        generation: snap.generation,
        filters,
        timeline: out,
    })
    .into_response())
}

/// `GET /api/conflicts?entity=`
pub async fn conflicts(
    State(state): State<AppState>,
    raw: RawParams,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["entity"])?;
    let snap = state.snapshot();
    let entity = p
        .text("entity", 200)?
        .map(|e| resolve_entity(&snap, e))
        .transpose()?;
    let conflicts = (0..snap.analysis.conflicts.len())
        .filter(|&k| entity.is_none_or(|e| snap.analysis.conflicts[k].subject == e))
        .filter_map(|k| conflict_detail(&snap, k))
        .collect();
    Ok(Json(ConflictList {
        generation: snap.generation,
        conflicts,
    })
    .into_response())
}

/// A window of about 240 bytes of `region` around `first`, on character boundaries.
fn snippet(text: &str, region: Span, first: Option<Span>) -> Span {
    let region = Span::new(region.start.min(text.len()), region.end.min(text.len()));
    let mut start = first.map_or(region.start, |m| {
        m.start.saturating_sub(80).max(region.start)
    });
    while start > region.start && !text.is_char_boundary(start) {
        start -= 1;
    }
    // Start at a word.
    if start > region.start
        && let Some(sp) = text[start..region.end].find(char::is_whitespace)
        && first.is_none_or(|m| start + sp < m.start)
    {
        start += sp + 1;
    }
    let mut end = (start + 240).min(region.end);
    while end < region.end && !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end.max(start))
}

/// `GET /api/search?q=&limit=`
pub async fn search(State(state): State<AppState>, raw: RawParams) -> Result<Response, ApiError> {
    let p = Params::parse(raw, &["q", "limit"])?;
    let Some(q) = p.text("q", 500)? else {
        return Err(ApiError::bad_request(
            "q is required: the words to look for",
        ));
    };
    let limit = p.count("limit", 20, 100)?;
    let snap = state.snapshot();
    let (hits, terms) = snap.index.search(&snap.searcher, q, limit)?;
    let mut out = Vec::new();
    for hit in hits {
        let Some(&d) = snap.doc_index.get(&hit.doc) else {
            continue;
        };
        let a = &snap.analysis.docs[d];
        let claim = hit.claim.as_deref().and_then(|id| {
            let n: usize = id.strip_prefix('c')?.parse().ok()?;
            let i = n.checked_sub(1)?;
            snap.analysis
                .claims
                .get(i)
                .filter(|c| c.doc == d)
                .map(|c| (i, c))
        });
        if hit.claim.is_some() && claim.is_none() {
            continue;
        }
        let region = claim.map_or(a.doc.body, |(_, c)| c.claim.span);
        let matches = SearchIndex::matches(&a.doc.text, region, &terms);
        let window = snippet(&a.doc.text, region, matches.first().copied());
        out.push(SearchHit {
            kind: hit.kind,
            doc: hit.doc.clone(),
            title: a.doc.title.clone(),
            claim: claim.map(|(i, _)| claim_id(i)),
            certainty: claim.map(|(_, c)| c.claim.certainty.name().to_owned()),
            score: hit.score,
            snippet: text_span(&a.doc.text, window),
            matches: matches
                .into_iter()
                .map(|m| text_span(&a.doc.text, m))
                .collect(),
        });
    }
    Ok(Json(SearchResults {
        generation: snap.generation,
        query: q.to_owned(),
        hits: out,
    })
    .into_response())
}

const ARTICLE_FIELDS: [&str; 7] = [
    "id",
    "text",
    "published",
    "title",
    "url",
    "outlet",
    "language",
];

/// Checks an article posted as JSON; the message says what is wrong.
fn check_article(body: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, ApiError> {
    use serde_json::Value;
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(ApiError::bad_request(
            "the body must be one JSON object: an article {\"text\": ..., \"id\"?, \"published\"?, \"title\"?, \"url\"?, \"outlet\"?, \"language\"?}",
        ));
    };
    for k in obj.keys() {
        if !ARTICLE_FIELDS.contains(&k.as_str()) {
            return Err(ApiError::bad_request(format!(
                "unknown field {k:?}; an article has {}",
                ARTICLE_FIELDS.join(", ")
            )));
        }
    }
    match obj.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) => return Err(ApiError::bad_request("\"text\" is empty")),
        Some(_) => return Err(ApiError::bad_request("\"text\" must be a string")),
        None => return Err(ApiError::bad_request("\"text\" is required")),
    }
    match obj.get("id") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty()
                || s.chars().count() > 200
                || s.chars().any(|c| c.is_control() || c == '/')
            {
                return Err(ApiError::bad_request(
                    "\"id\" must be 1 to 200 characters, without '/' or control characters",
                ));
            }
        }
        Some(Value::Number(n)) if n.is_u64() => {}
        Some(_) => {
            return Err(ApiError::bad_request(
                "\"id\" must be a string or a whole number",
            ));
        }
    }
    for k in ["title", "url", "outlet"] {
        match obj.get(k) {
            None | Some(Value::Null) | Some(Value::String(_)) => {}
            Some(_) => return Err(ApiError::bad_request(format!("\"{k}\" must be a string"))),
        }
    }
    match obj.get("published") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if PartialDate::parse(s).is_some() => {}
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "\"published\": {v} is not a date; use 2024-05-10, 2024-05, 2024 or an ISO 8601 timestamp"
            )));
        }
    }
    match obj.get("language") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if Language::from_code(s).is_some() => {}
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "\"language\": {v} is not supported; use nl or en"
            )));
        }
    }
    Ok(obj)
}

/// Percent-encodes an id for a URL path segment.
fn encode_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `POST /api/documents`: one article as JSON.
pub async fn post_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    if let Some(ct) = headers.get(header::CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or("").to_ascii_lowercase();
        if !ct.starts_with("application/json") && !ct.contains("+json") {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("send the article as application/json, not {ct:?}"),
            ));
        }
    }
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!(
                    "the body is larger than the {} byte limit",
                    state.config.max_body_bytes
                ),
            )
        } else {
            ApiError::new(status, format!("cannot read the body: {}", e.body_text()))
        }
    })?;
    let mut obj = check_article(&body)?;
    let named = !matches!(obj.get("id"), None | Some(serde_json::Value::Null));
    if !named {
        obj.insert("id".to_owned(), serde_json::Value::String("api".to_owned()));
    }
    let line = serde_json::Value::Object(obj).to_string();
    let got = ingest::read(Input {
        name: "request body",
        path: None,
        id: "api",
        bytes: line.as_bytes(),
        format: Some(Format::Jsonl),
    });
    let diagnostics: Vec<kroniek_core::report::DiagnosticOut> =
        got.diagnostics.iter().map(Into::into).collect();
    let mut docs = got.documents;
    let (Some(mut doc), true) = (docs.pop(), docs.is_empty()) else {
        let why: Vec<String> = got.diagnostics.iter().map(|d| d.message.clone()).collect();
        return Err(ApiError::bad_request(format!(
            "no article could be read from the body: {}",
            why.join("; ")
        )));
    };
    if !named {
        // Unnamed articles are named by their content: posting one twice stores it once.
        doc.id = format!("api-{}", &kroniek_store::content_hash(&doc)[..16]);
    }
    let id = doc.id.clone();
    let worker = state.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<(ArticleOutcome, i64), ApiError> {
        let mut store = worker.store.lock().unwrap_or_else(|e| e.into_inner());
        let settings = store.settings()?;
        let report = store.ingest_checked(vec![doc], settings, "api", &kroniek_store::Quiet)?;
        if let Some(d) = report.diagnostics.first()
            && report
                .articles
                .first()
                .is_some_and(|(_, o)| *o == ArticleOutcome::Rejected)
        {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{}; nothing was stored", d.message),
            ));
        }
        let outcome = report
            .articles
            .first()
            .map_or(ArticleOutcome::Unchanged, |(_, o)| *o);
        if let Some(current) = report.current {
            let index = store.search_index(&current)?;
            worker.swap(Snapshot::new(current, index));
        }
        Ok((outcome, worker.snapshot().generation))
    })
    .await
    .map_err(|e| ApiError::internal(format!("the analysis failed: {e}")))??;
    let (outcome, generation) = result;
    let snap = state.snapshot();
    let document = snap
        .doc_index
        .get(&id)
        .and_then(|&d| document_item(&snap, d));
    let status = if outcome == ArticleOutcome::Added {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut res = (
        status,
        Json(Posted {
            id: id.clone(),
            outcome,
            generation,
            document,
            diagnostics,
        }),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/documents/{}", encode_segment(&id))) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// Unknown routes.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such resource; see /api/openapi.json")
}

/// `GET /api/openapi.json`
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}
