//! HTML: the article's title and body, its date, and nothing of the page around it.
//!
//! The document's text is built from the page: the title, a blank line, then each text block
//! (paragraph, heading, list item, quote) separated by blank lines. Offsets index that text.
//! Dates come from `article:published_time`, JSON-LD `datePublished`, other common meta tags, or
//! a `<time datetime>` in the article, in that order.

use super::{Ingested, Input};
use crate::diag::Diagnostic;
use crate::model::{DateSource, Document, Format, Language, PartialDate, Published, Span};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use std::sync::LazyLock;

struct Selectors {
    title: Selector,
    og_title: Selector,
    h1: Selector,
    meta_dates: Vec<(Selector, &'static str)>,
    json_ld: Selector,
    time: Selector,
    canonical: Selector,
    og_url: Selector,
    site_name: Selector,
    containers: Vec<Selector>,
    html: Selector,
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

static SEL: LazyLock<Selectors> = LazyLock::new(|| Selectors {
    title: sel("head title"),
    og_title: sel(r#"meta[property="og:title"]"#),
    h1: sel("h1"),
    meta_dates: [
        r#"meta[property="article:published_time"]"#,
        r#"meta[name="article:published_time"]"#,
        r#"meta[itemprop="datePublished"]"#,
        r#"meta[name="pubdate"]"#,
        r#"meta[name="publishdate"]"#,
        r#"meta[name="date"]"#,
        r#"meta[name="DC.date.issued"]"#,
        r#"meta[name="dc.date"]"#,
        r#"meta[name="parsely-pub-date"]"#,
    ]
    .into_iter()
    .map(|css| (sel(css), css))
    .collect(),
    json_ld: sel(r#"script[type="application/ld+json"]"#),
    time: sel("time[datetime]"),
    canonical: sel(r#"link[rel="canonical"]"#),
    og_url: sel(r#"meta[property="og:url"]"#),
    site_name: sel(r#"meta[property="og:site_name"]"#),
    containers: [
        "[itemprop=articleBody]",
        "article",
        "main",
        "[role=main]",
        "body",
    ]
    .into_iter()
    .map(sel)
    .collect(),
    html: sel("html"),
});

/// Elements whose whole subtree is page furniture, not article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "button",
    "iframe",
    "svg",
    "select",
    "template",
    "head",
    "menu",
    "dialog",
    "input",
];

/// Class or id fragments that mark navigation, sharing widgets, ads and the like.
const BOILERPLATE_MARKERS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "share",
    "social",
    "related",
    "comment",
    "cookie",
    "banner",
    "advert",
    "promo",
    "newsletter",
    "breadcrumb",
    "sidebar",
    "subscribe",
    "paywall",
    "caption",
];

/// Elements that end a text block.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "header",
    "td",
    "th",
    "dd",
    "dt",
    "br",
    "hr",
    "tr",
    "ul",
    "ol",
    "table",
    "main",
];

pub(super) fn read(input: Input<'_>, source: &str, encoding: &'static str) -> Ingested {
    let mut out = Ingested::default();
    let page = Html::parse_document(source);
    let s = &*SEL;

    let title = meta_content(&page, &s.og_title)
        .or_else(|| page.select(&s.title).next().map(|e| collapse(&text_of(e))))
        .or_else(|| page.select(&s.h1).next().map(|e| collapse(&text_of(e))))
        .filter(|t| !t.is_empty());

    let container = s.containers.iter().find_map(|selector| {
        page.select(selector)
            .max_by_key(|e| text_of(*e).len())
            .filter(|e| !text_of(*e).trim().is_empty())
    });
    let mut blocks = Vec::new();
    if let Some(container) = container {
        let mut current = String::new();
        collect_blocks(container, &mut current, &mut blocks);
        flush(&mut current, &mut blocks);
    }
    // The headline often repeats as the first block.
    if let (Some(t), Some(first)) = (&title, blocks.first())
        && first == t
    {
        blocks.remove(0);
    }
    if blocks.is_empty() {
        out.diagnostics.push(Diagnostic::warning(
            input.name,
            "no article text found in the HTML page",
        ));
        return out;
    }

    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    text.push_str(&blocks.join("\n\n"));

    let mut doc = Document::plain(input.id, String::new());
    doc.path = input.path.map(str::to_owned);
    doc.format = Format::Html;
    doc.encoding = encoding.to_owned();
    doc.body = Span::new(0, text.len());
    doc.text = text;
    doc.title = title;
    doc.url = page
        .select(&s.canonical)
        .next()
        .and_then(|e| e.value().attr("href"))
        .map(str::to_owned)
        .or_else(|| meta_content(&page, &s.og_url));
    doc.outlet = meta_content(&page, &s.site_name);
    doc.declared_language = page
        .select(&s.html)
        .next()
        .and_then(|e| e.value().attr("lang"))
        .and_then(Language::from_code);
    if let Some((date, evidence)) = find_date(&page, container) {
        doc.published = Published::stated(date, DateSource::Metadata, evidence);
    }
    out.documents.push(doc);
    out
}

fn meta_content(page: &Html, selector: &Selector) -> Option<String> {
    page.select(selector)
        .find_map(|e| e.value().attr("content"))
        .map(collapse)
        .filter(|s| !s.is_empty())
}

fn find_date(page: &Html, container: Option<ElementRef<'_>>) -> Option<(PartialDate, String)> {
    let s = &*SEL;
    for (selector, css) in &s.meta_dates[..2] {
        if let Some(found) = meta_date(page, selector, css) {
            return Some(found);
        }
    }
    for script in page.select(&s.json_ld) {
        let raw = text_of(script);
        if let Ok(value) = serde_json::from_str::<Value>(&raw)
            && let Some(raw_date) = json_ld_date(&value)
            && let Some(date) = PartialDate::parse(&raw_date)
        {
            return Some((date, format!("JSON-LD datePublished {raw_date:?}")));
        }
    }
    for (selector, css) in &s.meta_dates[2..] {
        if let Some(found) = meta_date(page, selector, css) {
            return Some(found);
        }
    }
    // A <time datetime> marked as the publication time, else the first one in the article.
    let times: Vec<ElementRef<'_>> = match container {
        Some(c) => c.select(&s.time).collect(),
        None => page.select(&s.time).collect(),
    };
    let marked = times.iter().find(|t| {
        t.value().attr("pubdate").is_some() || t.value().attr("itemprop") == Some("datePublished")
    });
    let time = marked.or(times.first())?;
    let raw = time.value().attr("datetime")?;
    let date = PartialDate::parse(raw)?;
    Some((date, format!("<time datetime={raw:?}>")))
}

fn meta_date(page: &Html, selector: &Selector, css: &str) -> Option<(PartialDate, String)> {
    let raw = meta_content(page, selector)?;
    let date = PartialDate::parse(&raw)?;
    Some((date, format!("{css} {raw:?}")))
}

/// `datePublished` anywhere in a JSON-LD value (objects, arrays, `@graph`).
fn json_ld_date(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(s)) = map.get("datePublished") {
                return Some(s.clone());
            }
            map.values().find_map(json_ld_date)
        }
        Value::Array(items) => items.iter().find_map(json_ld_date),
        _ => None,
    }
}

fn is_boilerplate(element: &scraper::node::Element) -> bool {
    if SKIP.contains(&element.name()) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = |attr: Option<&str>| {
        attr.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|part| BOILERPLATE_MARKERS.iter().any(|m| part.starts_with(m)))
        })
    };
    marks(element.attr("class")) || marks(element.attr("id")) || marks(element.attr("role"))
}

fn collect_blocks(element: ElementRef<'_>, current: &mut String, blocks: &mut Vec<String>) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                if is_boilerplate(e) {
                    continue;
                }
                let block = BLOCKS.contains(&e.name());
                if block {
                    flush(current, blocks);
                }
                if let Some(child) = ElementRef::wrap(child) {
                    collect_blocks(child, current, blocks);
                }
                if block {
                    flush(current, blocks);
                }
            }
            _ => {}
        }
    }
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let block = collapse(current);
    current.clear();
    if !block.is_empty() {
        blocks.push(block);
    }
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect()
}

/// Collapses runs of whitespace (including non-breaking spaces) to one space.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_html(html: &str) -> Ingested {
        let input = Input {
            name: "p.html",
            path: None,
            id: "p",
            bytes: &[],
            format: None,
        };
        read(input, html, "UTF-8")
    }

    const PAGE: &str = r#"<!doctype html>
<html lang="nl-BE"><head>
<title>Leider gedood? | De Krant</title>
<meta property="og:title" content="Leider gedood?">
<meta property="og:site_name" content="De Krant">
<link rel="canonical" href="https://krant.example/a/1">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2017-06-16T08:12:00+02:00"}]}</script>
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/x">Buitenland</a></nav></header>
<article>
  <h1>Leider gedood?</h1>
  <p>De aanval vond plaats op 28 mei.</p>
  <figure><img src="x.jpg"><figcaption>Volledig scherm Een foto © AFP</figcaption></figure>
  <div class="share-buttons">Deel op Facebook</div>
  <p>Het ministerie&nbsp;meldt   dat <b>hij</b> dood is.</p>
  <h2>Niet bevestigd</h2>
  <p>Dat is nog niet bevestigd.</p>
</article>
<aside>Meest gelezen: iets anders</aside>
<footer>© De Krant</footer>
</body></html>"#;

    #[test]
    fn title_body_and_date_without_furniture() {
        let got = read_html(PAGE);
        assert!(got.diagnostics.is_empty(), "{:?}", got.diagnostics);
        let doc = &got.documents[0];
        assert_eq!(
            doc.text,
            "Leider gedood?\n\nDe aanval vond plaats op 28 mei.\n\nHet ministerie meldt dat hij dood is.\n\nNiet bevestigd\n\nDat is nog niet bevestigd."
        );
        assert_eq!(
            doc.published.value.map(|d| d.to_string()).as_deref(),
            Some("2017-06-16")
        );
        assert_eq!(doc.published.source, DateSource::Metadata);
        assert_eq!(doc.declared_language, Some(Language::Nl));
        assert_eq!(doc.url.as_deref(), Some("https://krant.example/a/1"));
        assert_eq!(doc.outlet.as_deref(), Some("De Krant"));
    }

    #[test]
    fn dates_from_meta_and_time() {
        let meta = r#"<html><head><meta property="article:published_time" content="2017-12-02"></head><body><p>Tekst.</p></body></html>"#;
        assert_eq!(
            read_html(meta).documents[0]
                .published
                .value
                .map(|d| d.to_string())
                .as_deref(),
            Some("2017-12-02")
        );
        let time = r#"<html><body><article><p>Tekst <time datetime="2017-03">maart</time>.</p></article></body></html>"#;
        assert_eq!(
            read_html(time).documents[0]
                .published
                .value
                .map(|d| d.to_string())
                .as_deref(),
            Some("2017-03")
        );
        let none = "<html><body><p>Tekst zonder datum.</p></body></html>";
        assert_eq!(read_html(none).documents[0].published.value, None);
    }

    #[test]
    fn a_page_without_text_is_a_warning() {
        let got = read_html("<html><body><nav>menu</nav><script>var x;</script></body></html>");
        assert!(got.documents.is_empty());
        assert_eq!(got.diagnostics.len(), 1);
    }
}
