//! Pronouns and descriptions that stand for an entity ("hij", "de IS-leider", "de
//! terreurbeweging"), resolved to the mention they refer to where the text makes it clear.

use super::resources::ClaimResources;
use crate::entities::{EntityType, Mention};
use crate::model::Span;
use crate::text::TextAnalysis;

/// Something a pronoun can refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct Referent {
    /// Where it is.
    pub span: Span,
    /// Its sentence.
    pub sentence: usize,
    /// The named mention, or `None` for an unnamed description ("een Amerikaanse
    /// verantwoordelijke").
    pub mention: Option<usize>,
    /// Its type.
    pub kind: EntityType,
    /// Role nouns the article attached to it ("leider", "groep", "directeur").
    pub roles: Vec<String>,
}

/// The referents of one document, in text order.
#[derive(Debug, Default)]
pub struct Referents {
    items: Vec<Referent>,
    /// For each mention, a key shared by mentions of the same name in the document (the first
    /// mention with that name), so "Al-Ghazawi" and "Nabil al-Ghazawi" count as one person.
    same: Vec<usize>,
}

/// The head a word ends in, from the description list: `IS-leider` → `leider`,
/// `terreurgroep` → `groep`.
pub fn description_head<'r>(
    word: &str,
    res: &'r ClaimResources,
) -> Option<&'r (String, EntityType)> {
    let w = word.to_lowercase();
    let last = w.rsplit('-').next().unwrap_or(&w);
    res.descriptions
        .iter()
        .filter(|(h, _)| {
            last == h.as_str() || last.len() > h.len() + 2 && last.ends_with(h.as_str())
        })
        .max_by_key(|(h, _)| h.len())
}

impl Referents {
    /// Collects the mentions of a document and the role nouns just before them.
    pub fn new(
        text: &str,
        analysis: &TextAnalysis,
        mentions: &[Mention],
        res: &ClaimResources,
    ) -> Referents {
        let mut items = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let mut roles = Vec::new();
            // Up to six tokens back in the sentence: "De leider van terreurgroep ISIS Abu Bakr".
            let first = analysis
                .tokens
                .partition_point(|t| t.span.start < m.span.start);
            let sentence_start = analysis
                .sentences
                .get(m.sentence)
                .map_or(0, |s| s.tokens.start);
            for t in analysis.tokens[sentence_start.max(first.saturating_sub(6))..first]
                .iter()
                .rev()
            {
                if !t.is_wordlike() {
                    break;
                }
                if let Some((head, kind)) = description_head(t.text(text), res)
                    && *kind == m.kind
                {
                    roles.push(head.clone());
                }
            }
            // An apposition after a comma: "Rami Abdulrahman, directeur van ...".
            let after = analysis
                .tokens
                .partition_point(|t| t.span.start < m.span.end);
            if analysis
                .tokens
                .get(after)
                .is_some_and(|t| t.text(text) == ",")
                && let Some(t) = analysis.tokens.get(after + 1)
                && let Some((head, kind)) = description_head(t.text(text), res)
                && *kind == m.kind
            {
                roles.push(head.clone());
            }
            items.push(Referent {
                span: m.span,
                sentence: m.sentence,
                mention: Some(i),
                kind: m.kind,
                roles,
            });
        }
        // Mentions whose last name word is the same name: one person for salience.
        let last = |m: &Mention| {
            let surface = m.span.slice(text).to_lowercase();
            surface.rsplit([' ', '-']).next().unwrap_or("").to_owned()
        };
        let mut same = Vec::with_capacity(mentions.len());
        for (i, m) in mentions.iter().enumerate() {
            let key = last(m);
            same.push(
                (0..i)
                    .find(|&j| mentions[j].kind == m.kind && last(&mentions[j]) == key)
                    .unwrap_or(i),
            );
        }
        Referents { items, same }
    }

    /// A key shared by the mentions of one name in the document.
    pub fn entity_of(&self, mention: usize) -> usize {
        self.same.get(mention).copied().unwrap_or(mention)
    }

    /// Adds an unnamed referent (a source described but not named).
    pub fn add_unnamed(&mut self, span: Span, sentence: usize, kind: EntityType) {
        let at = self.items.partition_point(|r| r.span.start < span.start);
        if self.items.get(at).is_some_and(|r| r.span == span) {
            return;
        }
        self.items.insert(
            at,
            Referent {
                span,
                sentence,
                mention: None,
                kind,
                roles: vec![],
            },
        );
    }

    /// The referent a pronoun of `kind` at `span` in `sentence` stands for. At the start of a
    /// sentence, the first fitting referent of the previous sentence (its subject, usually);
    /// elsewhere the nearest one before it in the sentence, else that of the previous sentence,
    /// else the nearest in the two sentences before.
    pub fn pronoun(
        &self,
        span: Span,
        sentence: usize,
        kind: EntityType,
        sentence_initial: bool,
    ) -> Option<&Referent> {
        let fits =
            |r: &&Referent| r.kind == kind && r.span.start < span.start && !r.span.overlaps(span);
        let in_sentence = |s: usize| {
            self.items
                .iter()
                .filter(fits)
                .filter(move |r| r.sentence == s)
        };
        let previous = sentence.checked_sub(1).and_then(|p| in_sentence(p).next());
        if sentence_initial {
            if let Some(r) = previous {
                return Some(r);
            }
        } else if let Some(r) = in_sentence(sentence).next_back() {
            return Some(r);
        }
        previous.or_else(|| {
            self.items
                .iter()
                .filter(fits)
                .rfind(|r| r.sentence + 2 >= sentence)
        })
    }

    /// The referent a description with `head` (of `kind`) at `span` in `sentence` stands for: the
    /// latest one the article gave that role; else, for a person, the person the article has named
    /// most so far (news centres on one); else the latest of that type named in this or the
    /// previous sentence.
    pub fn description(
        &self,
        span: Span,
        sentence: usize,
        head: &str,
        kind: EntityType,
    ) -> Option<&Referent> {
        let before = || {
            self.items
                .iter()
                .filter(|r| r.kind == kind && r.span.end <= span.start && r.mention.is_some())
        };
        let salient = || {
            let mut count: std::collections::HashMap<usize, usize> =
                std::collections::HashMap::new();
            for r in before() {
                if let Some(m) = r.mention {
                    *count.entry(self.entity_of(m)).or_insert(0) += 1;
                }
            }
            let best = count.values().copied().max()?;
            before().rfind(|r| {
                r.mention
                    .is_some_and(|m| count.get(&self.entity_of(m)) == Some(&best))
            })
        };
        before()
            .rfind(|r| r.roles.iter().any(|x| x == head))
            .or_else(|| {
                if kind == EntityType::Per {
                    salient()
                } else {
                    None
                }
            })
            .or_else(|| before().rfind(|r| r.sentence + 1 >= sentence))
    }
}
