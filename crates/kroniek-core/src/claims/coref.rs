//! Pronouns and descriptions that stand for an entity ("hij", "de IS-leider", "de
//! terreurbeweging"), resolved to the mention they refer to where the text makes it clear.

use super::resources::ClaimResources;
use crate::entities::{EntityType, Mention};
use crate::model::Span;
use crate::text::TextAnalysis;
use std::collections::HashMap;

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
    /// The named people in text order, by span end, each with the person named most up to and
    /// including it: the latest mention of the most named (the latest on a tie), and its start.
    salient: Vec<(usize, usize, usize)>,
    /// For each role noun, the starts of the named referents that have it, in text order.
    with_role: HashMap<String, Vec<usize>>,
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
        let mut first: HashMap<(EntityType, String), usize> = HashMap::new();
        let same = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| *first.entry((m.kind, last(m))).or_insert(i))
            .collect();
        // Text order, which the lookups below rely on.
        items.sort_by_key(|r| r.span.start);
        let mut referents = Referents {
            items,
            same,
            salient: Vec::new(),
            with_role: HashMap::new(),
        };
        for r in &referents.items {
            for role in &r.roles {
                referents
                    .with_role
                    .entry(role.clone())
                    .or_default()
                    .push(r.span.start);
            }
        }
        referents.salient = referents.most_named();
        referents
    }

    /// For each named person in text order, the person named most up to it: its latest mention.
    fn most_named(&self) -> Vec<(usize, usize, usize)> {
        let mut count: HashMap<usize, usize> = HashMap::new();
        let mut best = 0;
        let mut answer = (0, 0);
        let mut out = Vec::new();
        for r in &self.items {
            let Some(m) = r.mention.filter(|_| r.kind == EntityType::Per) else {
                continue;
            };
            let c = count.entry(self.entity_of(m)).or_insert(0);
            *c += 1;
            if *c >= best {
                best = *c;
                answer = (m, r.span.start);
            }
            out.push((r.span.end, answer.0, answer.1));
        }
        out
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
        // The items are in text order: those before the pronoun, latest first.
        let before = &self.items[..self.items.partition_point(|r| r.span.start < span.start)];
        let previous = sentence.checked_sub(1).and_then(|p| {
            let from = before.partition_point(|r| r.sentence < p);
            before[from..]
                .iter()
                .take_while(|r| r.sentence == p)
                .find(fits)
        });
        if sentence_initial {
            if let Some(r) = previous {
                return Some(r);
            }
        } else if let Some(r) = before
            .iter()
            .rev()
            .take_while(|r| r.sentence >= sentence)
            .filter(|r| r.sentence == sentence)
            .find(fits)
        {
            return Some(r);
        }
        previous.or_else(|| {
            before
                .iter()
                .rev()
                .take_while(|r| r.sentence + 2 >= sentence)
                .find(fits)
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
        let upto = self.items.partition_point(|r| r.span.start < span.start);
        let fits =
            |r: &&Referent| r.kind == kind && r.span.end <= span.start && r.mention.is_some();
        // The referents starting at `s` (text order makes them one run).
        let at = |s: usize| {
            let from = self.items.partition_point(|r| r.span.start < s);
            self.items[from..]
                .iter()
                .take_while(move |r| r.span.start == s)
        };
        let salient = || {
            let k = self.salient.partition_point(|&(end, ..)| end <= span.start);
            let (_, m, start) = *self.salient.get(k.checked_sub(1)?)?;
            at(start).find(|r| r.mention == Some(m))
        };
        let with_role = || {
            let starts = self.with_role.get(head)?;
            starts[..starts.partition_point(|&s| s < span.start)]
                .iter()
                .rev()
                .find_map(|&s| at(s).find(|r| fits(r) && r.roles.iter().any(|x| x == head)))
        };
        with_role()
            .or_else(|| {
                if kind == EntityType::Per {
                    salient()
                } else {
                    None
                }
            })
            .or_else(|| {
                self.items[..upto]
                    .iter()
                    .rev()
                    .take_while(|r| r.sentence + 1 >= sentence)
                    .find(fits)
            })
    }
}
