//! The tense of a clause: past (a past-tense verb, or a perfect), future ("zal", "will"), or
//! present. The markers are data (`lang/<iso>/time/tense.tsv`, `past-suffixes.txt`,
//! `participle-prefixes.txt`); the rules that combine them are here.

use super::Tense;
use super::grammar::{Grammar, Marker, normalize_into};
use crate::model::{Language, Span};
use crate::text::{TextAnalysis, Token, TokenKind};

/// The tense of the clause made of `tokens` (of `text`), in any language Kroniek knows: the
/// strongest marker wins, future over past over present; no marker is present.
pub fn tense_of(text: &str, tokens: &[Token]) -> Tense {
    let tenses: Vec<Tense> = Language::ALL
        .iter()
        .map(|l| tense_of_in(text, tokens, *l))
        .collect();
    if tenses.contains(&Tense::Future) {
        Tense::Future
    } else if tenses.contains(&Tense::Past) {
        Tense::Past
    } else {
        Tense::Present
    }
}

/// [`tense_of`] with the markers of one language only.
pub fn tense_of_in(text: &str, tokens: &[Token], lang: Language) -> Tense {
    let g = Grammar::get(lang);
    let marks = markers(text, tokens, g);
    if marks.iter().any(|(_, t)| *t == Tense::Future) {
        Tense::Future
    } else if marks.iter().any(|(_, t)| *t == Tense::Past) {
        Tense::Past
    } else {
        Tense::Present
    }
}

/// The tense at `span`: the marker nearest to it in its clause, else in its sentence; and
/// whether it was found in the clause itself.
pub(crate) fn tense_at(
    text: &str,
    analysis: &TextAnalysis,
    span: Span,
    g: &Grammar,
) -> (Tense, bool) {
    let Some(si) = analysis.sentence_at(span.start) else {
        return (Tense::Present, false);
    };
    let sentence = &analysis.sentences[si];
    let Some(tokens) = analysis.tokens.get(sentence.tokens.clone()) else {
        return (Tense::Present, false);
    };
    let at = tokens.partition_point(|t| t.span.end <= span.start);
    // The clause: from the last boundary before the expression to the next one after it.
    let mut key = String::new();
    let mut boundary = |t: &Token| is_boundary(text, *t, g, &mut key);
    let start = tokens[..at.min(tokens.len())]
        .iter()
        .rposition(&mut boundary)
        .map_or(0, |i| i + 1);
    let end_rel = tokens
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .position(|t| t.span.start >= span.end && boundary(t))
        .map_or(tokens.len(), |i| at + i);
    let clause = &tokens[start.min(end_rel)..end_rel];
    let target = span.start;
    // The verb that governs an adjunct usually comes before it ("planned a rally on
    // Saturday and were ..."); in a clause where none does, the nearest after it ("die vrijdag
    // werd uitgegeven").
    let nearest = |marks: &[(usize, Tense)]| {
        marks
            .iter()
            .filter(|(pos, _)| *pos < target)
            .max_by_key(|(pos, _)| *pos)
            .or_else(|| marks.iter().min_by_key(|(pos, _)| pos.abs_diff(target)))
            .map(|(_, t)| *t)
    };
    let marks = markers(text, clause, g);
    if let Some(t) = nearest(&marks) {
        return (t, true);
    }
    (
        nearest(&markers(text, tokens, g)).unwrap_or(Tense::Present),
        false,
    )
}

fn is_boundary(text: &str, t: Token, g: &Grammar, key: &mut String) -> bool {
    match t.kind {
        TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::QuoteDouble => true,
        TokenKind::Punct => matches!(t.text(text), "," | ";" | ":" | "(" | ")" | "–" | "—"),
        TokenKind::Word => {
            normalize_into(t.text(text), key);
            g.clause_starts.contains(key.as_str())
        }
        _ => false,
    }
}

/// Tense markers with their byte positions.
fn markers(text: &str, tokens: &[Token], g: &Grammar) -> Vec<(usize, Tense)> {
    let mut out = Vec::new();
    let mut key = String::new();
    let mut perfect: Option<usize> = None;
    let mut participle = false;
    let mut present: Option<usize> = None;
    for t in tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        let raw = t.text(text);
        normalize_into(raw, &mut key);
        let lower = raw.chars().next().is_some_and(char::is_lowercase);
        match g.tense.get(key.as_str()) {
            Some(Marker::Past) => out.push((t.span.start, Tense::Past)),
            Some(Marker::Future) => out.push((t.span.start, Tense::Future)),
            Some(Marker::Perfect) => perfect = Some(t.span.start),
            Some(Marker::Present) => out.push((t.span.start, Tense::Present)),
            Some(Marker::Be) => present = Some(t.span.start),
            None => {
                if lower && is_past_form(&key, g) {
                    out.push((t.span.start, Tense::Past));
                } else if lower && is_participle(&key, g) {
                    participle = true;
                }
            }
        }
    }
    match (perfect, present, participle) {
        (Some(p), _, _) => out.push((p, Tense::Past)),
        (None, Some(p), true) => out.push((p, Tense::Past)),
        (None, Some(p), false) => out.push((p, Tense::Present)),
        _ => {}
    }
    out
}

/// A weak past form by its ending (meldde, verklaarde; English "announced").
fn is_past_form(w: &str, g: &Grammar) -> bool {
    w.chars().count() >= 5
        && w.chars().all(char::is_alphabetic)
        && g.past_suffixes.iter().any(|s| w.ends_with(s.as_str()))
}

/// A participle: ge- (after a separable prefix) and a -d, -t or -en ending (gemeld,
/// uitgeschakeld, opgespoord, gegeven), or an ending from the list.
fn is_participle(w: &str, g: &Grammar) -> bool {
    if w.len() < 5 || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    if g.participle_suffixes
        .iter()
        .any(|s| w.ends_with(s.as_str()))
    {
        return true;
    }
    let tail_ok = w.ends_with('d') || w.ends_with('t') || w.ends_with("en");
    if !tail_ok || g.participle_prefixes.is_empty() {
        return false;
    }
    if w.starts_with("ge") {
        return true;
    }
    g.participle_prefixes.iter().any(|p| {
        w.strip_prefix(p.as_str())
            .is_some_and(|r| r.starts_with("ge") && r.len() >= 5)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn tense(lang: Language, sentence: &str, phrase: &str) -> Tense {
        let doc = Document::plain("t", sentence);
        let a = crate::text::analyze(&doc, lang);
        let start = sentence.find(phrase).expect("phrase");
        tense_at(
            sentence,
            &a,
            Span::new(start, start + phrase.len()),
            Grammar::get(lang),
        )
        .0
    }

    #[test]
    fn dutch_clauses() {
        use Tense::*;
        let nl = Language::Nl;
        let cases = [
            ("De aanval vond al plaats op 28 mei.", "28 mei", Past),
            (
                "Dat meldt de verklaring die vrijdag werd uitgegeven.",
                "vrijdag",
                Past,
            ),
            (
                "Tien dagen geleden zette de coalitie de aanval in.",
                "Tien",
                Past,
            ),
            ("Hij heeft vrijdag de stad verlaten.", "vrijdag", Past),
            (
                "De minister zal vrijdag naar Brussel reizen.",
                "vrijdag",
                Future,
            ),
            ("Vrijdag is hij in Brussel.", "Vrijdag", Present),
            ("Hij is vrijdag uitgeschakeld.", "vrijdag", Past),
            (
                "De Amerikanen meldden dat hij vrijdag zal vertrekken.",
                "vrijdag",
                Future,
            ),
        ];
        for (s, p, want) in cases {
            assert_eq!(tense(nl, s, p), want, "{s}");
        }
    }

    #[test]
    fn english_clauses() {
        use Tense::*;
        let en = Language::En;
        let cases = [
            ("The company said Friday that profits rose.", "Friday", Past),
            ("The board will meet Friday.", "Friday", Future),
            ("He has resigned on Monday.", "Monday", Past),
            ("The shares trade on Monday.", "Monday", Present),
        ];
        for (s, p, want) in cases {
            assert_eq!(tense(en, s, p), want, "{s}");
        }
    }

    #[test]
    fn a_whole_clause() {
        let text = "Hij zal komen.";
        let doc = Document::plain("t", text);
        let a = crate::text::analyze(&doc, Language::Nl);
        assert_eq!(tense_of(text, &a.tokens), Tense::Future);
        assert_eq!(tense_of_in(text, &a.tokens, Language::Nl), Tense::Future);
        let text = "The company said that profits rose.";
        let doc = Document::plain("t", text);
        let a = crate::text::analyze(&doc, Language::En);
        assert_eq!(tense_of(text, &a.tokens), Tense::Past);
    }
}
