//! The HTTP API, endpoint by endpoint, with good and bad input. The story is the example corpus
//! with its names supplied by `kroniek-testkit` (so these tests do not depend on NER quality).
//! Every response is walked for `text`/`start`/`end` triples, which must be the bytes of the
//! document they belong to.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use kroniek_server::{AppState, ServerConfig};
use kroniek_store::{Settings, Store};
use serde_json::{Value, json};
use std::collections::HashMap;
use tower::ServiceExt;

struct App {
    router: Router,
    dir: tempfile::TempDir,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
    raw: Vec<u8>,
}

fn app_with(config: ServerConfig) -> App {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    store.set_prepare(kroniek_testkit::prepare);
    let docs = kroniek_testkit::read_files(&[kroniek_testkit::examples_dir()]).expect("examples");
    store
        .ingest(docs, Settings::default(), "test", &kroniek_store::Quiet)
        .expect("ingest");
    let state = AppState::load(
        store,
        ServerConfig {
            watch_every: None,
            ..config
        },
    )
    .expect("load");
    App {
        router: kroniek_server::router(state),
        dir,
    }
}

fn app() -> App {
    app_with(ServerConfig::default())
}

impl App {
    async fn request(&self, req: Request<Body>) -> Answer {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let raw = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            raw,
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.request(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    async fn post_json(&self, uri: &str, body: impl Into<Body>) -> Answer {
        self.request(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(body.into())
                .expect("request"),
        )
        .await
    }

    /// GET that must succeed with JSON.
    async fn ok(&self, uri: &str) -> Value {
        let a = self.get(uri).await;
        assert_eq!(
            a.status,
            StatusCode::OK,
            "{uri}: {}",
            String::from_utf8_lossy(&a.raw)
        );
        assert_json(&a);
        a.body
    }

    /// GET that must fail with `status` and a JSON error naming the problem.
    async fn fails(&self, uri: &str, status: StatusCode, words: &str) -> String {
        let a = self.get(uri).await;
        expect_error(&a, status, words, uri)
    }

    /// Every document's text, by id.
    async fn texts(&self) -> HashMap<String, String> {
        let list = self.ok("/api/documents?limit=1000").await;
        let mut out = HashMap::new();
        for d in list["documents"].as_array().expect("documents") {
            let id = d["id"].as_str().expect("id");
            let detail = self.ok(&format!("/api/documents/{id}")).await;
            out.insert(
                id.to_owned(),
                detail["document"]["text"]
                    .as_str()
                    .expect("text")
                    .to_owned(),
            );
        }
        out
    }
}

fn assert_json(a: &Answer) {
    let ct = a
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(ct.starts_with("application/json"), "content type {ct:?}");
    assert!(
        !a.body.is_null(),
        "not JSON: {}",
        String::from_utf8_lossy(&a.raw)
    );
}

fn expect_error(a: &Answer, status: StatusCode, words: &str, what: &str) -> String {
    assert_eq!(
        a.status,
        status,
        "{what}: {}",
        String::from_utf8_lossy(&a.raw)
    );
    assert_json(a);
    assert_eq!(a.body["error"]["status"], status.as_u16(), "{what}");
    let message = a.body["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned();
    assert!(
        message.to_lowercase().contains(&words.to_lowercase()),
        "{what}: message {message:?} should mention {words:?}"
    );
    message
}

/// Checks every object holding `text`, `start` and `end` against the text of its document: the
/// nearest `doc` field, or the document of a document response.
fn check_offsets(
    v: &Value,
    doc: Option<&str>,
    texts: &HashMap<String, String>,
    checked: &mut usize,
) {
    match v {
        Value::Object(map) => {
            let doc = map
                .get("doc")
                .and_then(Value::as_str)
                .or_else(|| map.get("document").and_then(|d| d["id"].as_str()))
                .or(doc);
            if let (Some(Value::String(text)), Some(start), Some(end)) = (
                map.get("text"),
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
            ) {
                let id = doc.unwrap_or_else(|| panic!("span {text:?} without a document"));
                let full = texts
                    .get(id)
                    .unwrap_or_else(|| panic!("unknown document {id:?}"));
                let got = full.get(start as usize..end as usize);
                assert_eq!(got, Some(text.as_str()), "{id} {start}..{end}");
                *checked += 1;
            }
            for child in map.values() {
                check_offsets(child, doc, texts, checked);
            }
        }
        Value::Array(items) => {
            for item in items {
                check_offsets(item, doc, texts, checked);
            }
        }
        _ => {}
    }
}

fn ghazawi(app_entities: &Value) -> String {
    app_entities["entities"][0]["id"]
        .as_str()
        .expect("an entity")
        .to_owned()
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = app();
    let doc = app.ok("/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in kroniek_server::ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is not documented"
        );
    }
    let mut documented = 0;
    for (path, ops) in paths {
        for method in ops.as_object().expect("operations").keys() {
            documented += 1;
            assert!(
                kroniek_server::ROUTES.contains(&(method.as_str(), path.as_str())),
                "{method} {path} is documented but not routed"
            );
        }
    }
    assert_eq!(documented, kroniek_server::ROUTES.len());
    // Every $ref resolves.
    let text = serde_json::to_string(&doc).expect("json");
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().expect("name");
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "{name} is referenced but not defined"
        );
    }
}

#[tokio::test]
async fn the_story_summary_counts_what_is_stored() {
    let app = app();
    let s = app.ok("/api/story").await;
    assert_eq!(s["documents"], 6);
    assert!(s["entities"].as_u64().expect("n") >= 3);
    assert!(s["claims"].as_u64().expect("n") > 0);
    assert_eq!(s["first_published"], "2024-02-14");
    app.fails(
        "/api/story?x=1",
        StatusCode::BAD_REQUEST,
        "unknown parameter",
    )
    .await;
}

#[tokio::test]
async fn the_report_keeps_the_contract() {
    let app = app();
    let with_text = app.ok("/api/report?include_text=true").await;
    let report: kroniek_core::report::Report =
        serde_json::from_value(with_text).expect("a kroniek.report/1");
    let problems = report.check_own_text();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(report.documents.len(), 6);
    let without = app.ok("/api/report").await;
    assert!(without["documents"][0].get("text").is_none());
    app.fails(
        "/api/report?include_text=ja",
        StatusCode::BAD_REQUEST,
        "include_text",
    )
    .await;
}

#[tokio::test]
async fn documents_are_listed_by_date_and_paged() {
    let app = app();
    let list = app.ok("/api/documents").await;
    assert_eq!(list["total"], 6);
    let ids: Vec<&str> = list["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.first(), Some(&"2024-02-14-leeft-nog"));
    assert_eq!(ids.len(), 6);
    let page = app.ok("/api/documents?limit=2&offset=1").await;
    let paged: Vec<&str> = page["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect();
    assert_eq!(paged, ids[1..3]);
    let wire = list["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .find(|d| d["id"] == "wire-2024-05-11")
        .expect("wire copy");
    assert_eq!(wire["duplicate_of"]["doc"], "2024-05-10-strike");

    for (uri, words) in [
        ("/api/documents?limit=0", "limit"),
        ("/api/documents?limit=abc", "not a whole number"),
        ("/api/documents?limit=5000", "limit"),
        ("/api/documents?offset=-1", "offset"),
        ("/api/documents?limit=1&limit=2", "more than once"),
        ("/api/documents?sort=date", "unknown parameter"),
    ] {
        app.fails(uri, StatusCode::BAD_REQUEST, words).await;
    }
}

#[tokio::test]
async fn a_document_comes_with_its_timexes_mentions_and_claims() {
    let app = app();
    let texts = app.texts().await;
    let d = app.ok("/api/documents/2024-11-20-doelwit").await;
    assert_eq!(d["document"]["id"], "2024-11-20-doelwit");
    assert_eq!(d["document"]["published"]["value"], "2024-11");
    assert!(!d["timexes"].as_array().expect("timexes").is_empty());
    let mentions = d["mentions"].as_array().expect("mentions");
    assert!(mentions.iter().any(|m| m["text"] == "Nabil al-Ghazawi"));
    for m in mentions {
        assert!(m["entity"].as_str().expect("entity").starts_with('e'));
        assert!(!m["rule"].as_str().expect("rule").is_empty());
    }
    let claims = d["claims"].as_array().expect("claims");
    assert!(!claims.is_empty());
    for c in claims {
        assert!(c["certainty"].is_string() && c["rule"].is_string());
        assert!(c["trigger"]["text"].is_string());
        assert!(c["subject_name"].is_string());
    }
    let mut checked = 0;
    check_offsets(&d, None, &texts, &mut checked);
    assert!(checked > mentions.len(), "offsets were checked ({checked})");

    // HTML: the extracted text is what offsets index.
    let html = app.ok("/api/documents/2024-05-10-strike").await;
    let mut checked = 0;
    check_offsets(&html, None, &texts, &mut checked);
    assert!(checked > 0);

    app.fails(
        "/api/documents/bestaat-niet",
        StatusCode::NOT_FOUND,
        "no document",
    )
    .await;
    app.fails(
        "/api/documents/2024-11-20-doelwit?full=1",
        StatusCode::BAD_REQUEST,
        "unknown parameter",
    )
    .await;
    app.fails("/api/documents/%FF%FE", StatusCode::BAD_REQUEST, "path")
        .await;
}

#[tokio::test]
async fn entities_match_any_alias() {
    let app = app();
    let all = app.ok("/api/entities").await;
    assert!(all["entities"].as_array().expect("list").len() >= 3);
    for spelling in [
        "Al-Gazawi",
        "El-Ghazaoui",
        "al-ghazzawi",
        "GHAZAWI",
        "Nabil al-Ghazawi",
    ] {
        let found = app
            .ok(&format!("/api/entities?q={}", spelling.replace(' ', "%20")))
            .await;
        let first = &found["entities"][0];
        assert_eq!(first["type"], "PER", "{spelling}");
        assert!(
            first["name"].as_str().expect("name").contains("Ghazawi"),
            "{spelling}: {first}"
        );
    }
    let places = app.ok("/api/entities?q=Tel%20Safra").await;
    assert_eq!(places["entities"][0]["type"], "LOC");
    let orgs = app.ok("/api/entities?type=org").await;
    assert!(
        orgs["entities"]
            .as_array()
            .expect("list")
            .iter()
            .all(|e| e["type"] == "ORG")
    );
    let none = app.ok("/api/entities?q=Poetin").await;
    assert!(none["entities"].as_array().expect("list").is_empty());
    app.fails(
        &format!("/api/entities?q={}", "a".repeat(300)),
        StatusCode::BAD_REQUEST,
        "longer than",
    )
    .await;
    app.fails("/api/entities?type=person", StatusCode::BAD_REQUEST, "type")
        .await;
}

#[tokio::test]
async fn an_entity_has_claims_history_and_conflicts() {
    let app = app();
    let texts = app.texts().await;
    let id = ghazawi(&app.ok("/api/entities?q=Ghazawi").await);
    let e = app.ok(&format!("/api/entities/{id}")).await;
    assert_eq!(e["summary"]["id"], id.as_str());
    assert!(e["entity"]["mentions"].as_array().expect("mentions").len() >= 5);
    let claims = e["claims"].as_array().expect("claims");
    assert!(claims.len() >= 3);
    let history = e["history"].as_array().expect("history");
    assert!(history.len() >= 2, "several days");
    let dates: Vec<&str> = history
        .iter()
        .map(|s| s["date"].as_str().expect("date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "history in order");
    assert_eq!(dates[0], "2024-02-14");
    assert!(
        history[0]["status"].get("alive").is_some(),
        "{}",
        history[0]
    );
    assert!(!e["conflicts"].as_array().expect("conflicts").is_empty());
    let mut checked = 0;
    check_offsets(&e, None, &texts, &mut checked);
    assert!(checked > 0);

    app.fails("/api/entities/e999", StatusCode::NOT_FOUND, "no entity")
        .await;
    app.fails("/api/entities/Ghazawi", StatusCode::NOT_FOUND, "no entity")
        .await;
    app.fails("/api/entities/e01", StatusCode::NOT_FOUND, "no entity")
        .await;
}

#[tokio::test]
async fn status_as_of_a_date_knows_only_what_was_said_by_then() {
    let app = app();
    let id = ghazawi(&app.ok("/api/entities?q=Ghazawi").await);
    let feb = app
        .ok(&format!("/api/entities/{id}/status?as_of=2024-02-20"))
        .await;
    assert_eq!(feb["as_of"], "2024-02-20");
    assert!(feb["latest"].get("alive").is_some(), "{feb}");
    assert!(feb["latest"].get("death").is_none(), "{feb}");
    assert!(feb["later"].as_u64().expect("later") > 0);
    let may = app
        .ok(&format!("/api/entities/{id}/status?as_of=2024-05"))
        .await;
    assert_eq!(may["as_of"], "2024-05-31", "a month means its last day");
    assert!(may["latest"].get("death").is_some(), "{may}");
    assert!(
        may["known"].as_array().expect("known").len()
            > feb["known"].as_array().expect("known").len()
    );
    let all = app.ok(&format!("/api/entities/{id}/status")).await;
    assert_eq!(all["later"], 0, "without a date: everything known");
    let dutch_order = app
        .ok(&format!("/api/entities/{id}/status?as_of=20-02-2024"))
        .await;
    assert_eq!(dutch_order["as_of"], "2024-02-20");

    for bad in ["2024-13-01", "gisteren", "2024-02-30", "99999"] {
        let msg = app
            .fails(
                &format!("/api/entities/{id}/status?as_of={bad}"),
                StatusCode::BAD_REQUEST,
                "not a date",
            )
            .await;
        assert!(msg.contains(bad), "{msg}");
    }
    app.fails(
        "/api/entities/e999/status?as_of=2024-05",
        StatusCode::NOT_FOUND,
        "no entity",
    )
    .await;
    app.fails(
        &format!("/api/entities/{id}/status?on=2024-05"),
        StatusCode::BAD_REQUEST,
        "unknown parameter",
    )
    .await;
}

#[tokio::test]
async fn the_timeline_filters_by_entity_date_predicate_and_certainty() {
    let app = app();
    let all = app.ok("/api/timeline").await;
    let events = all["events"].as_array().expect("events");
    assert!(events.len() >= 3);
    let id = ghazawi(&app.ok("/api/entities?q=Ghazawi").await);

    let by_id = app.ok(&format!("/api/timeline?entity={id}")).await;
    assert_eq!(by_id["entity"]["id"], id.as_str());
    let by_name = app.ok("/api/timeline?entity=El-Ghazaoui").await;
    assert_eq!(by_name["events"], by_id["events"], "any spelling");
    assert!(
        by_id["events"]
            .as_array()
            .expect("events")
            .iter()
            .all(|e| e["subject"] == id.as_str())
    );

    let deaths = app.ok("/api/timeline?predicate=death").await;
    let deaths = deaths["events"].as_array().expect("events");
    assert!(!deaths.is_empty());
    assert!(deaths.iter().all(|e| e["predicate"] == "death"));

    let may = app.ok("/api/timeline?from=2024-05-01&to=2024-05-31").await;
    for e in may["events"].as_array().expect("events") {
        let when = e["when"].as_str().expect("dated");
        assert!(
            when.starts_with("2024-05") || when.starts_with("2024-W"),
            "{when}"
        );
    }
    assert_eq!(may["filters"]["from"], "2024-05-01");

    let denied = app.ok("/api/timeline?certainty=denied").await;
    let denied = denied["events"].as_array().expect("events");
    assert!(!denied.is_empty());
    for e in denied {
        for r in e["reports"].as_array().expect("reports") {
            assert_eq!(r["certainty"], "denied");
        }
    }
    let two = app.ok("/api/timeline?certainty=denied,hedged").await;
    assert!(two["events"].as_array().expect("events").len() >= denied.len());
    let empty_params = app
        .ok("/api/timeline?entity=&from=&to=&predicate=&certainty=")
        .await;
    assert_eq!(
        empty_params["events"], all["events"],
        "empty means no filter"
    );

    for (uri, status, words) in [
        (
            "/api/timeline?from=mei",
            StatusCode::BAD_REQUEST,
            "not a date",
        ),
        (
            "/api/timeline?to=2024-02-31",
            StatusCode::BAD_REQUEST,
            "not a date",
        ),
        (
            "/api/timeline?from=2024-06&to=2024-05",
            StatusCode::BAD_REQUEST,
            "after",
        ),
        (
            "/api/timeline?predicate=murder",
            StatusCode::BAD_REQUEST,
            "predicate",
        ),
        (
            "/api/timeline?certainty=sure",
            StatusCode::BAD_REQUEST,
            "certainty",
        ),
        (
            "/api/timeline?entity=e999",
            StatusCode::NOT_FOUND,
            "no entity",
        ),
        (
            "/api/timeline?entity=Poetin",
            StatusCode::NOT_FOUND,
            "no entity",
        ),
        (
            "/api/timeline?subject=e1",
            StatusCode::BAD_REQUEST,
            "unknown parameter",
        ),
    ] {
        app.fails(uri, status, words).await;
    }
}

#[tokio::test]
async fn conflicts_are_listed_with_their_claims() {
    let app = app();
    let texts = app.texts().await;
    let c = app.ok("/api/conflicts").await;
    let list = c["conflicts"].as_array().expect("conflicts");
    assert!(!list.is_empty());
    for k in list {
        assert!(k["claims"].as_array().expect("claims").len() >= 2);
        assert_eq!(
            k["reports"].as_array().expect("reports").len(),
            k["claims"].as_array().expect("claims").len()
        );
        assert!(k["summary"].is_string());
    }
    let id = ghazawi(&app.ok("/api/entities?q=Ghazawi").await);
    let mine = app.ok(&format!("/api/conflicts?entity={id}")).await;
    assert!(
        mine["conflicts"]
            .as_array()
            .expect("conflicts")
            .iter()
            .all(|k| k["subject"] == id.as_str())
    );
    let mut checked = 0;
    check_offsets(&c, None, &texts, &mut checked);
    app.fails(
        "/api/conflicts?entity=e999",
        StatusCode::NOT_FOUND,
        "no entity",
    )
    .await;
    app.fails(
        "/api/conflicts?kind=x",
        StatusCode::BAD_REQUEST,
        "unknown parameter",
    )
    .await;
}

#[tokio::test]
async fn search_stems_dutch_and_points_into_the_text() {
    let app = app();
    let texts = app.texts().await;
    let r = app.ok("/api/search?q=strijder").await;
    let hits = r["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    assert!(hits.iter().any(|h| h["kind"] == "claim"));
    assert!(hits.iter().any(|h| h["kind"] == "article"));
    for h in hits {
        let matches = h["matches"].as_array().expect("matches");
        assert!(!matches.is_empty(), "{h}");
        for m in matches {
            assert!(
                m["text"]
                    .as_str()
                    .expect("text")
                    .to_lowercase()
                    .starts_with("strijder")
            );
        }
    }
    let mut checked = 0;
    check_offsets(&r, None, &texts, &mut checked);
    assert!(checked >= hits.len() * 2);

    let folded = app.ok("/api/search?q=Ghazaou%C3%AF").await;
    assert!(!folded["hits"].as_array().expect("hits").is_empty());
    let phrase = app.ok("/api/search?q=%22Verenigde%20Staten%22").await;
    assert!(!phrase["hits"].as_array().expect("hits").is_empty());
    let odd = app.ok("/api/search?q=%22unbalanced%20(").await;
    assert!(odd["hits"].is_array(), "odd syntax is forgiven");
    let limited = app.ok("/api/search?q=de&limit=1").await;
    assert!(limited["hits"].as_array().expect("hits").len() <= 1);

    app.fails("/api/search", StatusCode::BAD_REQUEST, "q is required")
        .await;
    app.fails(
        "/api/search?q=%20%20",
        StatusCode::BAD_REQUEST,
        "q is required",
    )
    .await;
    app.fails("/api/search?q=x&limit=0", StatusCode::BAD_REQUEST, "limit")
        .await;
    app.fails(
        &format!("/api/search?q={}", "woord+".repeat(100)),
        StatusCode::BAD_REQUEST,
        "longer than",
    )
    .await;
}

#[tokio::test]
async fn posting_an_article_analyses_stores_and_reassembles() {
    let app = app();
    let before = app.ok("/api/story").await;
    let id = ghazawi(&app.ok("/api/entities?q=Ghazawi").await);
    let tl_before = app.ok(&format!("/api/timeline?entity={id}")).await;
    let article = json!({
        "id": "krant-2024-12-02",
        "published": "2024-12-02",
        "title": "Ghazawi opnieuw gezien",
        "outlet": "Voorbeeldkrant",
        "language": "nl",
        "text": "Nabil al-Ghazawi is volgens de Verenigde Naties nog in leven. Hij werd gisteren gezien in Kafr Nur, zegt een woordvoerder."
    });
    let a = app.post_json("/api/documents", article.to_string()).await;
    assert_eq!(
        a.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&a.raw)
    );
    assert_eq!(a.body["outcome"], "added");
    assert_eq!(
        a.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/api/documents/krant-2024-12-02")
    );
    assert!(a.body["generation"].as_i64() > before["generation"].as_i64());
    let after = app.ok("/api/story").await;
    assert_eq!(after["documents"], 7);
    let d = app.ok("/api/documents/krant-2024-12-02").await;
    assert_eq!(d["document"]["published"]["value"], "2024-12-02");
    assert!(!d["mentions"].as_array().expect("mentions").is_empty());
    // The new article's claims join the old entity: its timeline grew.
    let tl_after = app.ok(&format!("/api/timeline?entity={id}")).await;
    let reports = |t: &Value| -> usize {
        t["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| e["reports"].as_array().expect("reports").len())
            .sum()
    };
    assert!(reports(&tl_after) > reports(&tl_before));
    // Search sees it.
    let s = app.ok("/api/search?q=opnieuw%20gezien").await;
    assert!(
        s["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .any(|h| h["doc"] == "krant-2024-12-02")
    );

    // The same again: unchanged. Other text under the same id: replaced.
    let same = app.post_json("/api/documents", article.to_string()).await;
    assert_eq!(same.status, StatusCode::OK);
    assert_eq!(same.body["outcome"], "unchanged");
    let mut changed = article.clone();
    changed["text"] = json!("Nabil al-Ghazawi is dood, meldt het ministerie van Defensie.");
    let replaced = app.post_json("/api/documents", changed.to_string()).await;
    assert_eq!(replaced.status, StatusCode::OK);
    assert_eq!(replaced.body["outcome"], "replaced");
    assert_eq!(app.ok("/api/story").await["documents"], 7);

    // Without an id, the content names it: posting it twice stores it once.
    let anon = json!({"text": "De brigade ontkent elk bericht over de dood van haar leider."});
    let first = app.post_json("/api/documents", anon.to_string()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let anon_id = first.body["id"].as_str().expect("id").to_owned();
    assert!(anon_id.starts_with("api-"));
    let second = app.post_json("/api/documents", anon.to_string()).await;
    assert_eq!(second.body["id"], anon_id.as_str());
    assert_eq!(second.body["outcome"], "unchanged");
    assert_eq!(app.ok("/api/story").await["documents"], 8);

    // The whole report still keeps the contract.
    let report: kroniek_core::report::Report =
        serde_json::from_value(app.ok("/api/report?include_text=true").await).expect("report");
    let problems = report.check_own_text();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    drop(app.dir);
}

#[tokio::test]
async fn bad_articles_are_refused_and_change_nothing() {
    let app = app();
    let before = app.ok("/api/report").await;
    let cases: Vec<(String, &str)> = vec![
        ("{\"text\": ".to_owned(), "not valid JSON"),
        ("[{\"text\": \"x\"}]".to_owned(), "one JSON object"),
        ("\"tekst\"".to_owned(), "one JSON object"),
        ("{}".to_owned(), "\"text\" is required"),
        ("{\"text\": \"   \"}".to_owned(), "empty"),
        ("{\"text\": 42}".to_owned(), "must be a string"),
        (
            "{\"text\": \"x\", \"author\": \"y\"}".to_owned(),
            "unknown field",
        ),
        (
            "{\"text\": \"x\", \"published\": \"gisteren\"}".to_owned(),
            "not a date",
        ),
        (
            "{\"text\": \"x\", \"published\": 2024}".to_owned(),
            "not a date",
        ),
        (
            "{\"text\": \"x\", \"language\": \"fr\"}".to_owned(),
            "not supported",
        ),
        ("{\"text\": \"x\", \"id\": \"a/b\"}".to_owned(), "\"id\""),
        ("{\"text\": \"x\", \"id\": \"\"}".to_owned(), "\"id\""),
        ("{\"text\": \"x\", \"id\": [1]}".to_owned(), "\"id\""),
        (
            "{\"text\": \"x\", \"title\": 5}".to_owned(),
            "\"title\" must be a string",
        ),
    ];
    for (body, words) in cases {
        let a = app.post_json("/api/documents", body.clone()).await;
        expect_error(&a, StatusCode::BAD_REQUEST, words, &body);
    }
    let binary = app
        .post_json("/api/documents", vec![0xff_u8, 0xfe, 0x00, 0x01])
        .await;
    expect_error(&binary, StatusCode::BAD_REQUEST, "not valid JSON", "binary");
    let form = app
        .request(
            Request::post("/api/documents")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("text=hallo"))
                .expect("request"),
        )
        .await;
    expect_error(
        &form,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "application/json",
        "form",
    );
    assert_eq!(app.ok("/api/report").await, before, "nothing changed");
}

#[tokio::test]
async fn odd_text_is_never_a_500_and_never_breaks_the_story() {
    let app = app();
    for text in [
        "Het gebeurde om 0:0\u{11c92} uur.",
        "\u{0}\u{1}\u{7f}",
        "🙂🙂🙂 «»  ‹› „“ ",
        "a\u{301}\u{301}\u{301}b",
        "Maandag 31 februari 2024 om 25:61 uur.",
    ] {
        let body = json!({ "text": text }).to_string();
        let a = app.post_json("/api/documents", body).await;
        assert!(
            a.status == StatusCode::CREATED || a.status == StatusCode::UNPROCESSABLE_ENTITY,
            "{text:?}: {} {}",
            a.status,
            String::from_utf8_lossy(&a.raw)
        );
        assert_json(&a);
    }
    let report: kroniek_core::report::Report =
        serde_json::from_value(app.ok("/api/report?include_text=true").await).expect("report");
    let problems = report.check_own_text();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(report.documents.len() >= 6);
    app.ok("/api/timeline").await;
}

#[tokio::test]
async fn an_oversized_body_is_a_413_in_json() {
    let app = app_with(ServerConfig {
        max_body_bytes: 1024,
        ..ServerConfig::default()
    });
    let big = json!({"id": "groot", "text": "woord ".repeat(1000)}).to_string();
    let a = app.post_json("/api/documents", big.clone()).await;
    expect_error(&a, StatusCode::PAYLOAD_TOO_LARGE, "larger than", "big body");
    // Also when the client announces its length.
    let announced = app
        .request(
            Request::post("/api/documents")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big))
                .expect("request"),
        )
        .await;
    expect_error(&announced, StatusCode::PAYLOAD_TOO_LARGE, "", "announced");
    app.fails("/api/documents/groot", StatusCode::NOT_FOUND, "no document")
        .await;
}

#[tokio::test]
async fn framework_errors_are_json_too() {
    let app = app();
    let a = app
        .request(
            Request::builder()
                .method(Method::DELETE)
                .uri("/api/documents")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    expect_error(&a, StatusCode::METHOD_NOT_ALLOWED, "DELETE", "delete");
    assert!(a.headers.get(header::ALLOW).is_some());
    let put = app
        .request(
            Request::put("/api/timeline")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    expect_error(&put, StatusCode::METHOD_NOT_ALLOWED, "not allowed", "put");
    app.fails("/api/nope", StatusCode::NOT_FOUND, "no such resource")
        .await;
    app.fails("/etc/passwd", StatusCode::NOT_FOUND, "no such")
        .await;
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_from_the_binary() {
    let app = app();
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = String::from_utf8_lossy(&page.raw);
    assert!(html.contains("/static/app.js") && html.contains("/static/style.css"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    let csp = page
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .expect("a CSP");
    assert!(csp.contains("default-src 'self'"));
    for (file, ty) in [
        ("app.js", "javascript"),
        ("style.css", "text/css"),
        ("index.html", "text/html"),
    ] {
        let a = app.get(&format!("/static/{file}")).await;
        assert_eq!(a.status, StatusCode::OK, "{file}");
        let ct = a
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(ct.contains(ty), "{file}: {ct}");
    }
    for probe in [
        "/static/../Cargo.toml",
        "/static/..%2F..%2FCargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/nope.js",
        "/static//etc/passwd",
    ] {
        let a = app.get(probe).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{probe}");
        assert_json(&a);
    }
    for f in kroniek_server::web::files() {
        let a = app.get(&format!("/static/{f}")).await;
        let text = String::from_utf8_lossy(&a.raw);
        assert!(
            !text.contains("https://") && !text.contains("http://"),
            "{f} loads nothing from elsewhere"
        );
    }
}

#[test]
fn articles_ingested_by_another_process_are_picked_up() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let mut store = Store::open(&db).expect("open");
    store.set_prepare(kroniek_testkit::prepare);
    let docs = kroniek_testkit::read_files(&[kroniek_testkit::examples_dir()]).expect("examples");
    let (first, rest) = docs.split_at(3);
    store
        .ingest(
            first.to_vec(),
            Settings::default(),
            "test",
            &kroniek_store::Quiet,
        )
        .expect("ingest");
    let state = AppState::load(store, ServerConfig::default()).expect("load");
    assert_eq!(state.snapshot().analysis.docs.len(), 3);
    assert!(
        !state.refresh_if_changed().expect("check"),
        "nothing changed yet"
    );

    // `kroniek ingest` in another process: its own connection to the same file.
    let mut other = Store::open(&db).expect("open again");
    other.set_prepare(kroniek_testkit::prepare);
    other
        .ingest(
            rest.to_vec(),
            Settings::default(),
            "cli",
            &kroniek_store::Quiet,
        )
        .expect("ingest");
    let before = state.snapshot().generation;
    assert!(
        state.refresh_if_changed().expect("check"),
        "a finished ingest shows at once"
    );
    let snap = state.snapshot();
    assert_eq!(snap.analysis.docs.len(), 6);
    assert!(snap.generation > before);
    let (hits, _) = snap
        .index
        .search(&snap.searcher, "luchtaanval", 10)
        .expect("search");
    assert!(hits.iter().any(|h| h.doc == "krant-2024-05-13"), "{hits:?}");

    // An ingest elsewhere that stored an article and then died: picked up once settled.
    let mut extra = docs[0].clone();
    extra.id = "nog-een".to_owned();
    extra.text.push_str("\nNog een alinea.");
    interrupted_ingest(&db, extra);
    assert!(
        !state.refresh_if_changed().expect("check"),
        "first sight: wait"
    );
    assert!(
        state.refresh_if_changed().expect("check"),
        "settled: reassembled"
    );
    assert_eq!(state.snapshot().analysis.docs.len(), 7);
    assert!(!state.refresh_if_changed().expect("check"), "up to date");
}

/// Stores an article the way an ingest does and leaves the derived results stale, as a killed
/// ingest would.
fn interrupted_ingest(db: &std::path::Path, doc: kroniek_core::Document) {
    let mut other = Store::open(db).expect("open");
    other.set_prepare(kroniek_testkit::prepare);
    let before = other.derived().expect("derived").expect("some");
    other
        .ingest(vec![doc], Settings::default(), "cli", &kroniek_store::Quiet)
        .expect("ingest");
    // Put the old derived row's revision back: as if the ingest died before assembling.
    drop(other);
    let c = rusqlite::Connection::open(db).expect("sql");
    c.execute(
        "UPDATE derived SET generation = ?1, articles_rev = ?2",
        [before.generation, before.articles_rev],
    )
    .expect("update");
}
