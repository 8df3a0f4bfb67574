//! Kroniek's HTTP server: a JSON API over a story's store, and the web page (assets embedded).
//!
//! - [`state`]: the store behind a mutex (one writer) and an immutable snapshot of the analysed
//!   story that readers share; a write swaps in a new snapshot.
//! - [`api`]: the handlers; [`params`] checks query parameters; [`wire`] the response shapes.
//! - [`error`]: every error is JSON with the right status; a layer turns framework errors (405,
//!   413, unknown routes) into the same shape.
//! - [`web`]: the page, served from the binary.
//!
//! No endpoint reads files: everything comes from the store's snapshot or the embedded assets.

pub mod api;
pub mod error;
pub mod params;
pub mod state;
pub mod web;
pub mod wire;

pub use error::ApiError;
pub use state::{AppState, ServerConfig, Snapshot};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The OpenAPI 3.1 description of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every route: method and path, as in the OpenAPI document.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/story"),
    ("get", "/api/report"),
    ("get", "/api/documents"),
    ("post", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/entities"),
    ("get", "/api/entities/{id}"),
    ("get", "/api/entities/{id}/status"),
    ("get", "/api/timeline"),
    ("get", "/api/conflicts"),
    ("get", "/api/search"),
];

/// The page may load nothing from elsewhere.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The application: API, page, limits and error shapes.
pub fn router(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    Router::new()
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/story", get(api::story))
        .route("/api/report", get(api::report))
        .route(
            "/api/documents",
            get(api::documents).post(api::post_document),
        )
        .route("/api/documents/{id}", get(api::document))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/entities/{id}/status", get(api::entity_status))
        .route("/api/timeline", get(api::timeline))
        .route("/api/conflicts", get(api::conflicts))
        .route("/api/search", get(api::search))
        .route("/", get(web::index))
        .route("/static/{*path}", get(web::asset))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(error::json_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes. Changes other processes make to the
/// store (`kroniek ingest` while serving) are picked up every `config.watch_every`.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if let Some(every) = state.config.watch_every {
        let watcher = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let w = watcher.clone();
                if let Ok(Err(e)) =
                    tokio::task::spawn_blocking(move || w.refresh_if_changed()).await
                {
                    eprintln!("kroniek serve: cannot reload the story: {e}");
                }
            }
        });
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
