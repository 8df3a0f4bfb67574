//! Attribution: in a sentence, the cue that says someone claims something, the words naming
//! that someone (the source), and the words of what is claimed (the content).
//!
//! Word-order rules over tokens, driven by `lang/<iso>/claims/` data: a verb of saying takes its
//! subject before it ("X zegt dat ..."), or after it when inverted ("..., zegt X", "meldt X",
//! Dutch V2 "In een interview vertelt X dat ..."); `volgens X` / `according to X` and
//! `..., aldus X` name the source after the cue; "Dat heeft X gemeld" attributes the previous
//! sentence.

use super::resources::{ClaimResources, CueKind, Effect};
use crate::model::Span;
use crate::text::{Token, TokenKind};
use std::ops::Range;

/// A sentence as the claims stage reads it.
#[derive(Debug)]
pub struct View<'a> {
    /// The document text.
    pub text: &'a str,
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// Lowercase text of each token.
    pub lower: Vec<String>,
}

impl<'a> View<'a> {
    /// A view of `tokens`.
    pub fn new(text: &'a str, tokens: &'a [Token]) -> View<'a> {
        let lower = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
        View {
            text,
            tokens,
            lower,
        }
    }

    /// The lowercase words, for pattern matching.
    pub fn words(&self) -> Vec<&str> {
        self.lower.iter().map(String::as_str).collect()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token's original text.
    pub fn raw(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// True for words and numbers (not punctuation or quotes).
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_wordlike())
    }

    /// True for a word starting with a capital.
    pub fn is_capital(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True for a quotation mark.
    pub fn is_quote(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            matches!(
                t.kind,
                TokenKind::QuoteOpen
                    | TokenKind::QuoteClose
                    | TokenKind::QuoteDouble
                    | TokenKind::QuoteSingle
            )
        })
    }

    /// The byte span of tokens `r`.
    pub fn span(&self, r: Range<usize>) -> Span {
        match (
            self.tokens.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => Span::new(a.span.start, b.span.end),
            _ => Span::new(0, 0),
        }
    }
}

/// One attribution in a sentence. Ranges are token indices within the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The cue words.
    pub cue: Range<usize>,
    /// How the source relates to the cue.
    pub kind: CueKind,
    /// The certainty the cue sets.
    pub effect: Effect,
    /// The words naming the source.
    pub source: Option<Range<usize>>,
    /// What is claimed (empty when the content is the previous sentence).
    pub content: Range<usize>,
    /// True when the content is the previous sentence ("Dat heeft X gemeld").
    pub content_is_previous: bool,
    /// Words describing the source further ("die vrijdag werd uitgegeven"), where the date it
    /// spoke may be.
    pub source_context: Option<Range<usize>>,
}

/// The noun phrase starting at `i`: a pronoun, a run of capitalised words, or a determiner,
/// modifiers, a head noun, names in apposition and one `van`-phrase.
pub fn np_after(v: &View<'_>, res: &ClaimResources, mut i: usize) -> Option<Range<usize>> {
    let start = i;
    if !v.is_word(i) {
        return None;
    }
    let det = res.determiners.contains(&v.lower[i]) && v.is_word(i + 1);
    if !det
        && (res.pronouns.contains_key(&v.lower[i])
            || matches!(v.lower[i].as_str(), "ze" | "they" | "we" | "wij"))
    {
        return Some(i..i + 1);
    }
    if det {
        i += 1;
    }
    // Modifiers: words followed by another word of the phrase.
    let mut head = None;
    while v.is_word(i) {
        let w = &v.lower[i];
        if res.complementizers.contains(w) && !v.is_capital(i) || res.auxiliaries.contains(w) {
            break;
        }
        let next_is_word = v.is_word(i + 1)
            && !res.links.contains(&v.lower[i + 1])
            && !res.complementizers.contains(&v.lower[i + 1])
            && !res.determiners.contains(&v.lower[i + 1])
            && !res.prepositions.contains(&v.lower[i + 1])
            && !res.auxiliaries.contains(&v.lower[i + 1]);
        let adjective_like = w.ends_with('e') || w.ends_with("en") && v.is_capital(i);
        if next_is_word
            && (adjective_like || v.is_capital(i) && v.is_capital(i + 1))
            && head.is_none()
        {
            i += 1;
            continue;
        }
        head = Some(i);
        break;
    }
    let mut end = head? + 1;
    // Names in apposition ("generaal Jefferey Harrigan").
    while v.is_capital(end) {
        end += 1;
    }
    // One linked phrase ("van Defensie", "van de Verenigde Naties").
    if end < v.len() && res.links.contains(&v.lower[end]) {
        let mut j = end + 1;
        if v.is_word(j) && res.determiners.contains(&v.lower[j]) {
            j += 1;
        }
        let from = j;
        while v.is_capital(j)
            || (j > from && v.is_word(j) && v.lower[j].ends_with('e') && v.is_capital(j + 1))
        {
            j += 1;
        }
        if j == from
            && v.is_word(j)
            && !res.auxiliaries.contains(&v.lower[j])
            && !res.complementizers.contains(&v.lower[j])
        {
            // A common noun ("van het leger").
            j += 1;
        }
        if j > from {
            end = j;
        }
    }
    (end > start).then_some(start..end)
}

/// The noun phrase ending just before `end`: walks back over names, modifiers, one head noun,
/// linked phrases ("het ministerie van Defensie", "a spokesman for the brigade") and a determiner.
pub fn np_before(v: &View<'_>, res: &ClaimResources, mut end: usize) -> Option<Range<usize>> {
    // Adverbs between the phrase and the verb are not part of it ("Trump also said").
    while end > 0 && res.adverbs.contains(&v.lower[end - 1]) {
        end -= 1;
    }
    let mut i = end;
    let mut taken = 0;
    // Whether the last word taken (walking back) was a lowercase head noun.
    let mut have_head = false;
    while i > 0 && taken < 10 {
        let j = i - 1;
        if !v.is_word(j) {
            break;
        }
        let w = &v.lower[j];
        if res.is_pronoun(w) && !(taken > 0 && res.determiners.contains(w)) {
            if taken == 0 {
                return Some(j..end);
            }
            break;
        }
        if res.prepositions.contains(w) && !res.links.contains(w)
            || res.adverbs.contains(w) && taken > 0
        {
            break;
        }
        if res.complementizers.contains(w) && !res.determiners.contains(w)
            || res.auxiliaries.contains(w)
            || res.clause_breaks.contains(w) && !res.determiners.contains(w)
        {
            break;
        }
        if res.links.contains(w) {
            // A linked phrase: keep going to the noun it hangs from.
            if taken > 0 && j > 0 && v.is_word(j - 1) && !res.determiners.contains(&v.lower[j - 1])
            {
                i = j;
                taken += 1;
                have_head = false;
                continue;
            }
            break;
        }
        if res.determiners.contains(w) {
            if taken > 0 {
                i = j;
                // "the brigade" inside "a spokesman for the brigade".
                if j >= 2 && res.links.contains(&v.lower[j - 1]) && v.is_word(j - 2) {
                    i = j - 1;
                    taken += 1;
                    have_head = false;
                    continue;
                }
            }
            break;
        }
        let capital = v.is_capital(j);
        if !capital {
            // Inside a phrase opened by a determiner a few words back, every word belongs to it
            // ("a recent poll of Indiana voters").
            let det_near = (j.saturating_sub(3)..j)
                .rev()
                .take_while(|&k| v.is_word(k))
                .any(|k| res.determiners.contains(&v.lower[k]))
                && !(j.saturating_sub(3)..j).any(|k| {
                    res.prepositions.contains(&v.lower[k]) && !res.links.contains(&v.lower[k])
                });
            let modifier = w.ends_with('e') || w.ends_with("se") || det_near;
            if have_head && !modifier {
                break;
            }
            if !have_head
                && taken > 0
                && !modifier
                && v.is_capital(j + 1)
                && !v.lower.get(j + 1).is_some_and(|x| res.links.contains(x))
            {
                // A lowercase word before a name: a title ("generaal Harrigan") is fine.
                have_head = true;
            } else {
                have_head = have_head || !modifier;
            }
        }
        i = j;
        taken += 1;
    }
    (i < end).then_some(i..end)
}

fn first_np(v: &View<'_>, res: &ClaimResources, before: usize) -> Option<Range<usize>> {
    let np = np_after(v, res, 0)?;
    (np.end <= before).then_some(np)
}

/// Finds the attributions of a sentence.
pub fn find(v: &View<'_>, res: &ClaimResources) -> Vec<Attribution> {
    let words = v.words();
    let n = v.len();
    let mut out: Vec<Attribution> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for cue in &res.cues {
        for m in cue.pattern.find_all(&words) {
            let c = m.first..m.end;
            if taken.iter().any(|t| t.start < c.end && c.start < t.end) {
                continue;
            }
            // "the United States" is not the verb "states".
            if c.start > 0 && v.is_capital(c.start) && !v.is_quote(c.start - 1) {
                continue;
            }
            let a = match cue.kind {
                CueKind::Anon => Attribution {
                    cue: c.clone(),
                    kind: cue.kind,
                    effect: cue.effect,
                    source: None,
                    content: 0..n,
                    content_is_previous: false,
                    source_context: None,
                },
                CueKind::Prep => {
                    let source = np_after(v, res, c.end);
                    // "volgens zijn laatste informatie" qualifies the speaker's claim; it is not a
                    // second source.
                    if let Some(s) = &source
                        && res.possessives.contains(&v.lower[s.start])
                        && v.lower
                            .get(s.end - 1)
                            .is_some_and(|h| res.nonpersons.contains(h))
                    {
                        taken.push(c);
                        continue;
                    }
                    // "volgens X" governs its clause ("waarbij hij volgens X om het leven
                    // kwam, ..."), or the whole sentence when it opens it ("Volgens X, ...").
                    let breaks = |j: usize| {
                        matches!(v.raw(j), "," | ";")
                            || res.clause_breaks.contains(&v.lower[j])
                                && !res.coordinators.contains(&v.lower[j])
                                && !res.determiners.contains(&v.lower[j])
                    };
                    let after = source.as_ref().map_or(c.end, |s| s.end);
                    let start = (0..c.start).rev().find(|&j| breaks(j)).map_or(0, |j| j + 1);
                    let end = (after..n).find(|&j| breaks(j)).unwrap_or(n);
                    let content = if end == after { 0..n } else { start..end };
                    Attribution {
                        cue: c.clone(),
                        kind: cue.kind,
                        effect: cue.effect,
                        source_context: None,
                        content,
                        content_is_previous: false,
                        source,
                    }
                }
                CueKind::Post => {
                    let source = np_after(v, res, c.end);
                    // A relative clause describing the source ("die vrijdag werd uitgegeven"),
                    // up to a comma or the content of a further saying verb.
                    let context = source.as_ref().map(|s| s.end).and_then(|after| {
                        let relative = after < n && res.determiners.contains(&v.lower[after]);
                        let end = (after + 1..n)
                            .find(|&j| v.raw(j) == "," || res.complementizers.contains(&v.lower[j]))
                            .unwrap_or(n);
                        relative.then_some(after..end)
                    });
                    Attribution {
                        cue: c.clone(),
                        kind: cue.kind,
                        effect: cue.effect,
                        source,
                        content: 0..c.start,
                        content_is_previous: false,
                        source_context: context,
                    }
                }
                CueKind::Verb => {
                    // A negated confirmation ("kan niet bevestigd worden") says it is unconfirmed;
                    // the source is whoever cannot confirm ("aan Amerikaanse kant").
                    let negated = (c.start.saturating_sub(3)..c.start)
                        .find(|&j| res.negation.contains(&v.lower[j]));
                    match (cue.effect, negated) {
                        (Effect::Confirmed, Some(neg)) => {
                            // Past "dat" and the modal: "De VS kunnen dat niet bevestigen".
                            let mut modal = neg;
                            while modal > 0 {
                                let w = &v.lower[modal - 1];
                                if res.anaphors.contains(w)
                                    || res.auxiliaries.contains(w)
                                    || res.hedges.iter().any(|(h, _)| h.head() == Some(w.as_str()))
                                {
                                    modal -= 1;
                                } else {
                                    break;
                                }
                            }
                            Attribution {
                                cue: neg..c.end,
                                kind: cue.kind,
                                effect: Effect::Unconfirmed,
                                source: np_before(v, res, modal),
                                content: content_after(v, res, c.end),
                                content_is_previous: false,
                                source_context: None,
                            }
                        }
                        _ => verb_attribution(v, res, c.clone(), cue.effect, cue.kind),
                    }
                }
            };
            taken.push(c);
            out.push(a);
        }
    }
    out.sort_by_key(|a| a.cue.start);
    out
}

fn verb_attribution(
    v: &View<'_>,
    res: &ClaimResources,
    c: Range<usize>,
    effect: Effect,
    kind: CueKind,
) -> Attribution {
    let n = v.len();
    let base = Attribution {
        cue: c.clone(),
        kind,
        effect,
        source: None,
        content: 0..n,
        content_is_previous: false,
        source_context: None,
    };
    // "Dat heeft X gemeld", "Dat zegt X tegen Reuters": the content is the previous sentence.
    if res.anaphors.contains(&v.lower[0]) && c.start == 1 {
        return Attribution {
            source: np_after(v, res, c.end),
            content: 0..0,
            content_is_previous: true,
            ..base
        };
    }
    if c.start >= 2 && res.anaphors.contains(&v.lower[0]) && res.auxiliaries.contains(&v.lower[1]) {
        let source = (c.start > 2).then_some(2..c.start);
        return Attribution {
            source,
            content: 0..0,
            content_is_previous: true,
            ..base
        };
    }
    // What follows the cue: an addressee ("tegen Reuters"), then the content ("dat ...", ":").
    let mut after = c.end;
    let opens_content = after >= n
        || !v.is_word(after)
        || res.complementizers.contains(&v.lower[after])
        || res.addressee.contains(&v.lower[after]);
    let inverted_np = np_after(v, res, after)
        .filter(|_| !opens_content)
        .filter(|np| {
            let next = np.end;
            next >= n
                || !v.is_word(next)
                || res.complementizers.contains(&v.lower[next])
                || res.addressee.contains(&v.lower[next])
                || matches!(v.lower[next].as_str(), "die" | "dat" | "who" | "which")
        });
    let preceded_by_break = c.start == 0
        || !v.is_word(c.start - 1)
        || res.auxiliaries.contains(&v.lower[c.start - 1])
            && c.start >= 2
            && !v.is_word(c.start - 2);
    // Inverted: "..., zegt X", "meldt X die ...", or V2 after a fronted phrase.
    let source_before = np_before(v, res, c.start).filter(|_| !preceded_by_break);
    let v2_inversion = inverted_np.is_some()
        && c.start > 0
        && (preceded_by_break || source_before.is_none() || fronted(v, res, c.start));
    if v2_inversion && let Some(np) = inverted_np {
        after = np.end;
        let content = if preceded_by_break {
            0..c.start
        } else {
            content_after(v, res, after)
        };
        let context = (after < n
            && matches!(v.lower[after].as_str(), "die" | "dat" | "who" | "which"))
        .then(|| after..clause_end(v, after));
        return Attribution {
            source: Some(np),
            content,
            source_context: context,
            ..base
        };
    }
    // Normal order: the subject before the verb (past an auxiliary: "X heeft gezegd").
    let mut verb_start = c.start;
    if verb_start > 0 && res.auxiliaries.contains(&v.lower[verb_start - 1]) {
        verb_start -= 1;
    }
    let source = if verb_start > 0 && v.raw(verb_start - 1) == "," {
        // "X, directeur van Y, zegt ...": the sentence-initial phrase and its apposition.
        first_np(v, res, verb_start).map(|np| {
            let appositive =
                np.end < v.len() && v.raw(np.end) == "," && np.end + 1 < verb_start - 1;
            if appositive {
                np.start..verb_start - 1
            } else {
                np
            }
        })
    } else {
        np_before(v, res, verb_start)
    };
    let content = content_after(v, res, c.end);
    Attribution {
        source,
        content,
        ..base
    }
}

/// True when a phrase other than the subject stands before the verb at `verb` (Dutch V2: "In een
/// interview vertelt X"): the sentence opens with a preposition or an adverb.
fn fronted(v: &View<'_>, res: &ClaimResources, verb: usize) -> bool {
    let first = v.lower.first().map(String::as_str).unwrap_or("");
    verb > 0
        && (matches!(
            first,
            "in" | "op"
                | "na"
                | "bij"
                | "tijdens"
                | "vandaag"
                | "gisteren"
                | "daarom"
                | "toch"
                | "nu"
                | "ook"
                | "zo"
                | "eerder"
                | "later"
        ) || res.links.contains(first))
}

/// The end of a relative clause starting at `i`: the next comma or the sentence end.
fn clause_end(v: &View<'_>, i: usize) -> usize {
    (i..v.len()).find(|&j| v.raw(j) == ",").unwrap_or(v.len())
}

/// The content after a verb of saying: past an addressee and a short phrase ("on Friday"),
/// from a complementizer, colon or quote.
fn content_after(v: &View<'_>, res: &ClaimResources, mut i: usize) -> Range<usize> {
    let n = v.len();
    if i < n
        && res.addressee.contains(&v.lower[i])
        && let Some(np) = np_after(v, res, i + 1)
    {
        i = np.end;
    }
    let opener =
        |j: usize| res.complementizers.contains(&v.lower[j]) || v.raw(j) == ":" || v.is_quote(j);
    if let Some(j) = (i..n.min(i + 6)).find(|&j| opener(j)) {
        i = j + 1;
    }
    i.min(n)..n
}

#[cfg(test)]
mod tests;
