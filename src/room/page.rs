//! The participant's page, served from the binary: one HTML file, its script and its style,
//! with no request to anywhere else. The script builds every element with `textContent`, so
//! nothing a participant or the session wrote can become markup.

use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

const INDEX: &str = include_str!("../../assets/room/index.html");
const SCRIPT: &str = include_str!("../../assets/room/room.js");
const STYLE: &str = include_str!("../../assets/room/room.css");

pub(super) async fn index() -> Html<&'static str> {
    Html(INDEX)
}

pub(super) async fn script() -> Response {
    typed(SCRIPT, "text/javascript; charset=utf-8")
}

pub(super) async fn style() -> Response {
    typed(STYLE, "text/css; charset=utf-8")
}

fn typed(body: &'static str, kind: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

/// A page with a heading and a sentence, for a link that does not work. Both are fixed texts
/// of Accord's, never anything a request carried.
pub(super) fn message(title: &'static str, text: &'static str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><link rel=\"stylesheet\" href=\"/room.css\"></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    ))
}
