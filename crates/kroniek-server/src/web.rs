//! The web page: plain HTML, CSS and JavaScript from `web/`, embedded in the binary at build
//! time (also in debug builds), so the page works offline and nothing is read from disk.

use crate::error::ApiError;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::Embed)]
#[folder = "../../web/"]
struct Assets;

fn serve(path: &str) -> Result<Response, ApiError> {
    let Some(file) = Assets::get(path) else {
        return Err(ApiError::not_found(format!("no file {path:?}")));
    };
    let mime = file.metadata.mimetype();
    let mut res = file.data.into_owned().into_response();
    if let Ok(v) = HeaderValue::from_str(mime) {
        res.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// `GET /`: the page.
pub async fn index() -> Result<Response, ApiError> {
    serve("index.html")
}

/// `GET /static/{path}`: its scripts and styles.
pub async fn asset(Path(path): Path<String>) -> Result<Response, ApiError> {
    serve(&path)
}

/// The names of the embedded files, for tests.
pub fn files() -> Vec<String> {
    Assets::iter().map(|f| f.into_owned()).collect()
}
