//! Prints the attributions the claims stage finds in each sentence of a text file: a tool for
//! developing the cue lists (`cargo run -p kroniek-core --example attributions FILE [nl|en]`).

use kroniek_core::claims::ClaimResources;
use kroniek_core::claims::attribution::{View, find};
use kroniek_core::model::{Document, Language};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: attributions FILE [nl|en]")?;
    let lang = args
        .next()
        .and_then(|c| Language::from_code(&c))
        .unwrap_or(Language::Nl);
    let doc = Document::plain("x", std::fs::read_to_string(path)?);
    let a = kroniek_core::text::analyze(&doc, lang);
    let res = ClaimResources::get(lang);
    for s in &a.sentences {
        let v = View::new(&doc.text, &a.tokens[s.tokens.clone()]);
        for at in find(&v, res) {
            let slice = |r: std::ops::Range<usize>| v.span(r).slice(&doc.text).to_owned();
            println!(
                "cue {:?} source {:?} content {:?} previous {}",
                slice(at.cue.clone()),
                at.source.clone().map(slice),
                slice(at.content.clone()),
                at.content_is_previous
            );
        }
    }
    Ok(())
}
