//! Claim extraction for one document.

use super::attribution::{self, Attribution, View};
use super::coref::{Referents, description_head};
use super::resources::{ClaimResources, Effect, Trigger};
use super::{Certainty, Claim, Relation, Source, TimeRef};
use crate::entities::{EntityType, Mention};
use crate::model::{Document, PartialDate, Span};
use crate::text::{SentenceKind, TextAnalysis};
use crate::time::{Timex, TimexType};
use std::ops::Range;

/// Predicates that describe a state holding when the source speaks.
const STATES: &[&str] = &["alive", "location", "leadership", "count", "reward"];

struct Ctx<'a> {
    doc: &'a Document,
    text: &'a TextAnalysis,
    timexes: &'a [Timex],
    mentions: &'a [Mention],
    /// The mentions of each sentence, by index, so no lookup scans the whole article.
    by_sentence: Vec<Vec<usize>>,
    /// The dates and times of each sentence, by index.
    timexes_by_sentence: Vec<Vec<usize>>,
    res: &'static ClaimResources,
    refs: Referents,
    published: Option<TimeRef>,
}

/// A candidate entity in a sentence: its mention and where it stands (token index in the
/// sentence).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    mention: usize,
    at: usize,
    end: usize,
    /// The name itself, not a pronoun or description standing for it.
    named: bool,
    /// A possessive pronoun ("zijn"): the owner of something.
    possessive: bool,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl Ctx<'_> {
    /// Sentence-local token range of a byte span.
    fn local(&self, sentence: usize, span: Span) -> Range<usize> {
        let s = &self.text.sentences[sentence];
        let toks = &self.text.tokens[s.tokens.clone()];
        let a = toks.partition_point(|t| t.span.end <= span.start);
        let b = toks.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }

    /// The entity a source's words name: a person before an organisation before a place; a
    /// nationality only when it is the head ("de Russen", not "een Amerikaanse verantwoordelijke").
    fn source_mention(&self, si: usize, span: Span) -> Option<usize> {
        let rank = |k: EntityType| match k {
            EntityType::Per => 0,
            EntityType::Org => 1,
            EntityType::Loc => 2,
            EntityType::Misc => 3,
        };
        self.mentions_in(si)
            .filter(|(_, m)| span.contains(m.span))
            .filter(|(_, m)| m.kind != EntityType::Misc || m.span.end == span.end)
            .min_by_key(|(_, m)| (rank(m.kind), m.span.start))
            .map(|(i, _)| i)
    }

    fn mentions_in(&self, sentence: usize) -> impl Iterator<Item = (usize, &Mention)> {
        self.by_sentence
            .get(sentence)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.mentions[i]))
    }

    /// Entities a claim in `region` of the sentence can be about: names, and pronouns and
    /// descriptions resolved to names.
    fn candidates(
        &self,
        si: usize,
        v: &View<'_>,
        region: &Range<usize>,
        skip: &[Range<usize>],
    ) -> Vec<(Candidate, EntityType)> {
        let mut out = Vec::new();
        for (i, m) in self.mentions_in(si) {
            let r = self.local(si, m.span);
            // "de Russische luchtmacht": a nationality adjective modifies, it is not the actor.
            if m.kind == EntityType::Misc && v.is_word(r.end) && !v.is_capital(r.end) {
                continue;
            }
            if r.start >= region.start
                && r.end <= region.end
                && !skip.iter().any(|s| overlaps(s, &r))
            {
                out.push((
                    Candidate {
                        mention: i,
                        at: r.start,
                        end: r.end,
                        named: true,
                        possessive: false,
                    },
                    m.kind,
                ));
            }
        }
        let span_of = |j: usize| v.tokens[j].span;
        for j in region.clone() {
            if skip.iter().any(|s| s.contains(&j))
                || out.iter().any(|(c, _)| (c.at..c.end).contains(&j))
            {
                continue;
            }
            let w = &v.lower[j];
            if let Some(&kind) = self.res.pronouns.get(w) {
                // A possessive names the owner: a candidate only inside a trigger, which the
                // caller checks.
                let possessive = self.res.possessives.contains(w);
                if possessive && !v.is_word(j + 1) {
                    continue;
                }
                let initial = j == 0 || (j == 1 && v.is_quote(0));
                if let Some(r) = self.refs.pronoun(span_of(j), si, kind, initial)
                    && let Some(m) = r.mention
                {
                    out.push((
                        Candidate {
                            mention: m,
                            at: j,
                            end: j + 1,
                            named: false,
                            possessive,
                        },
                        kind,
                    ));
                }
                continue;
            }
            // "de IS-leider", "de jihadistische groep": a determiner, at most two modifiers.
            let definite = (1..=3).any(|back| {
                j >= back
                    && self.res.determiners.contains(&v.lower[j - back])
                    && (j - back + 1..j)
                        .all(|k| v.is_word(k) && !v.is_capital(k) && v.lower[k].ends_with('e'))
            });
            // "het dorp Kafr Nur" introduces a name; it does not refer back.
            let introduces = v.is_capital(j + 1);
            if definite
                && !introduces
                && (!v.is_capital(j) || w.contains('-'))
                && let Some((head, kind)) = description_head(v.raw(j), self.res)
                && let Some(r) = self.refs.description(span_of(j), si, head, *kind)
                && let Some(m) = r.mention
            {
                out.push((
                    Candidate {
                        mention: m,
                        at: j,
                        end: j + 1,
                        named: false,
                        possessive: false,
                    },
                    *kind,
                ));
            }
        }
        out.sort_by_key(|(c, _)| c.at);
        out
    }

    fn is_break(&self, v: &View<'_>, j: usize) -> bool {
        v.raw(j) == "," || v.raw(j) == ";" || self.res.clause_breaks.contains(&v.lower[j])
    }

    /// The start of the clause holding token `j`.
    fn clause_start(&self, v: &View<'_>, j: usize, floor: usize) -> usize {
        (floor..j)
            .rev()
            .find(|&k| self.is_break(v, k))
            .map_or(floor, |k| k + 1)
    }

    /// The subject(s) of a trigger at `t`: the nearest fitting candidate before it in its clause,
    /// else the antecedent of a relative clause, else the nearest after it; names joined by
    /// "en"/"and" come along.
    fn subjects(
        &self,
        v: &View<'_>,
        cands: &[(Candidate, EntityType)],
        trigger: &Trigger,
        t: &Range<usize>,
        region: &Range<usize>,
    ) -> Vec<Candidate> {
        let fits = |k: EntityType| trigger.subjects.is_empty() || trigger.subjects.contains(&k);
        let clause = self.clause_start(v, t.start, region.start);
        let before: Vec<&(Candidate, EntityType)> = cands
            .iter()
            .filter(|(c, k)| fits(*k) && c.end <= t.start && !c.possessive)
            .collect();
        // A pronoun inside the trigger itself ("op zijn hoofd"), or a possessive soon after a
        // possessor trigger ("de beloning voor informatie over zijn verblijfplaats").
        let inside = cands
            .iter()
            .find(|(c, k)| {
                fits(*k)
                    && c.possessive
                    && (c.at >= t.start && c.end <= t.end
                        || trigger.possessor
                            && c.at >= t.end
                            && c.at <= t.end + 6
                            && !(t.end..c.at).any(|j| self.is_break(v, j)))
            })
            .map(|(c, _)| *c);
        let in_clause = before.iter().rev().find(|(c, _)| c.at >= clause);
        let chosen = inside.or(in_clause.map(|(c, _)| *c)).or_else(|| {
            // "..., X, die werd uitgeschakeld": the antecedent of a relative clause.
            let relative = clause > region.start + 1
                && matches!(
                    v.lower.get(clause - 1).map(String::as_str),
                    Some("die" | "who" | "which")
                )
                || clause > 0
                    && matches!(
                        v.lower.get(clause).map(String::as_str),
                        Some("die" | "who" | "which")
                    );
            if relative {
                before
                    .iter()
                    .rev()
                    .find(|(c, _)| c.end + 2 >= clause)
                    .map(|(c, _)| *c)
            } else {
                None
            }
        });
        // A person's clause may lack its own subject: past an apposition ("X, the leader of Y,
        // was killed") or a coordinator ("X leeft nog en heeft Y verlaten"). Subordinate
        // clauses stop the search.
        let person = trigger.subjects.contains(&EntityType::Per);
        let word_break = |j: usize| {
            self.res.clause_breaks.contains(&v.lower[j])
                && !self.res.coordinators.contains(&v.lower[j])
        };
        let chosen = chosen.or_else(|| {
            person
                .then(|| {
                    before
                        .iter()
                        .rev()
                        .find(|(c, _)| c.at >= region.start && !(c.end..t.start).any(word_break))
                })
                .flatten()
                .map(|(c, _)| *c)
        });
        let chosen = chosen.or_else(|| {
            cands
                .iter()
                .find(|(c, k)| {
                    fits(*k)
                        && !c.possessive
                        && c.at >= t.end
                        && !(t.end..c.at).any(|j| self.is_break(v, j))
                })
                .map(|(c, _)| *c)
        });
        let Some(first) = chosen else { return vec![] };
        let mut out = vec![first];
        // Coordination is about names: start from the name a pronoun stands for, if it is here.
        let first = if first.named {
            first
        } else {
            before
                .iter()
                .rev()
                .find(|(c, _)| c.named && c.mention == first.mention)
                .map_or(first, |(c, _)| *c)
        };
        // "Abu Faysal en zijn plaatsvervanger Abu Quadamah": coordinated names.
        let mut cur = first;
        while let Some((prev, _)) = before
            .iter()
            .rev()
            .find(|(c, k)| c.named && c.end <= cur.at && fits(*k))
        {
            let gap = prev.end..cur.at;
            let joined = gap.len() <= 4
                && gap
                    .clone()
                    .any(|j| matches!(v.lower[j].as_str(), "en" | "and"))
                && !gap.clone().any(|j| v.raw(j) == ",");
            if !joined || prev.mention == cur.mention {
                break;
            }
            out.push(*prev);
            cur = *prev;
        }
        out
    }

    /// The place of a claim: a location name in the clause, preferring one after a locative
    /// preposition, nearest to the trigger.
    fn place(
        &self,
        v: &View<'_>,
        cands: &[(Candidate, EntityType)],
        t: &Range<usize>,
        region: &Range<usize>,
    ) -> Option<Candidate> {
        let lo = self
            .clause_start(v, t.start, region.start)
            .saturating_sub(0);
        let mut best: Option<(usize, Candidate)> = None;
        for (c, k) in cands {
            if *k != EntityType::Loc || c.at < lo || c.at >= region.end {
                continue;
            }
            let prep = c.at > 0 && self.res.places.contains(&v.lower[c.at - 1]);
            let dist = if c.at >= t.end {
                c.at - t.end
            } else {
                t.start.saturating_sub(c.end)
            } + if prep { 0 } else { 3 };
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, *c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// When the happening a trigger names took place: a calendar date in its clause, nearest
    /// the trigger.
    fn when_of(
        &self,
        si: usize,
        t: &Range<usize>,
        clause: &Range<usize>,
        skip: &[Range<usize>],
    ) -> Option<TimeRef> {
        self.timexes_in(si, clause)
            .into_iter()
            .filter(|(tx, r)| !skip.iter().any(|s| overlaps(s, r)) && is_calendar(tx))
            .min_by_key(|(_, r)| {
                if r.start >= t.end {
                    r.start - t.end
                } else {
                    t.start.saturating_sub(r.end)
                }
            })
            .map(|(tx, _)| time_ref(tx))
    }

    /// The clause of a trigger: between commas and clause words, within `region`.
    fn clause_of(&self, v: &View<'_>, t: &Range<usize>, region: &Range<usize>) -> Range<usize> {
        let start = self.clause_start(v, t.start, region.start);
        let end = (t.end..region.end)
            .find(|&j| self.is_break(v, j))
            .unwrap_or(region.end);
        start.min(t.start)..end.max(t.end)
    }

    /// Time expressions (dates and times) inside a token range of the sentence.
    fn timexes_in(&self, si: usize, r: &Range<usize>) -> Vec<(&Timex, Range<usize>)> {
        self.timexes_by_sentence
            .get(si)
            .into_iter()
            .flatten()
            .map(|&i| &self.timexes[i])
            .map(|t| (t, self.local(si, t.span)))
            .filter(|(_, lr)| lr.start >= r.start && lr.end <= r.end && lr.start < lr.end)
            .collect()
    }
}

/// True for a calendar value ("2017-05-28", "2017-W23"), not PAST_REF or a duration.
fn is_calendar(t: &Timex) -> bool {
    t.earliest.is_some() && t.value.starts_with(|c: char| c.is_ascii_digit())
}

fn time_ref(t: &Timex) -> TimeRef {
    TimeRef {
        value: t.value.clone(),
        earliest: t.earliest,
        latest: t.latest,
    }
}

/// Finds the claims of one document. `mentions` are the document's names; `published` its
/// publication date (the default for when a claim was said).
pub fn extract(
    doc: &Document,
    text: &TextAnalysis,
    timexes: &[Timex],
    mentions: &[Mention],
    published: Option<PartialDate>,
) -> Vec<Claim> {
    let res = ClaimResources::get(text.language);
    let mut by_sentence = vec![Vec::new(); text.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(list) = by_sentence.get_mut(m.sentence) {
            list.push(i);
        }
    }
    let mut timexes_by_sentence = vec![Vec::new(); text.sentences.len()];
    for (i, t) in timexes.iter().enumerate() {
        if matches!(t.kind, TimexType::Date | TimexType::Time)
            && let Some(list) = text
                .sentence_at(t.span.start)
                .and_then(|s| timexes_by_sentence.get_mut(s))
        {
            list.push(i);
        }
    }
    let mut ctx = Ctx {
        doc,
        text,
        timexes,
        mentions,
        by_sentence,
        timexes_by_sentence,
        res,
        refs: Referents::new(&doc.text, text, mentions, res),
        published: published.map(TimeRef::from_date),
    };
    let n = text.sentences.len();
    // Pass 1: attributions; described, unnamed sources become referents for later pronouns.
    let mut attrs: Vec<Vec<Attribution>> = vec![Vec::new(); n];
    for (si, s) in text.sentences.iter().enumerate() {
        if s.kind != SentenceKind::Body {
            continue;
        }
        let v = View::new(&doc.text, &text.tokens[s.tokens.clone()]);
        attrs[si] = attribution::find(&v, res);
        for a in &attrs[si] {
            let Some(src) = a.source.clone() else {
                continue;
            };
            let span = v.span(src.clone());
            let named = ctx.mentions_in(si).any(|(_, m)| m.span.overlaps(span));
            let words = &v.lower[src.clone()];
            let pronoun = src.len() == 1 && res.pronouns.contains_key(&words[0]);
            if named || pronoun {
                continue;
            }
            let head = words.last().map(String::as_str).unwrap_or("");
            if res.nonpersons.contains(head) {
                continue;
            }
            let kind = description_head(head, res).map_or(EntityType::Per, |(_, k)| *k);
            ctx.refs.add_unnamed(span, si, kind);
        }
    }
    // Quotes over several sentences keep the speaker named where they close (or open).
    let mut inherited: Vec<Option<(usize, usize)>> = vec![None; n];
    for q in &text.quotes {
        let (Some(first), Some(last)) = (
            text.sentence_at(q.span.start),
            text.sentence_at(q.span.end.saturating_sub(1)),
        ) else {
            continue;
        };
        if first == last {
            continue;
        }
        let outside = |si: usize| {
            attrs[si].iter().position(|a| {
                let s = &text.sentences[si];
                let v = View::new(&doc.text, &text.tokens[s.tokens.clone()]);
                !q.inner.contains(v.span(a.cue.clone()))
            })
        };
        let speaker = outside(last)
            .map(|a| (last, a))
            .or_else(|| outside(first).map(|a| (first, a)));
        if let Some(sp) = speaker {
            for slot in inherited.iter_mut().take(last + 1).skip(first) {
                if slot.is_none() {
                    *slot = Some(sp);
                }
            }
        }
    }

    // Pass 2: claims.
    let mut claims: Vec<Claim> = Vec::new();
    // Dated happenings by predicate and sentence, named subject or not.
    let mut happenings: Vec<(String, usize, TimeRef)> = Vec::new();
    for (si, s) in text.sentences.iter().enumerate() {
        if s.kind != SentenceKind::Body {
            continue;
        }
        let toks = &text.tokens[s.tokens.clone()];
        let v = View::new(&doc.text, toks);
        let words = v.words();
        let own = &attrs[si];
        // "Dat heeft X gemeld": the previous sentence's claims get this source.
        for a in own.iter().filter(|a| a.content_is_previous) {
            let prev = (0..si)
                .rev()
                .find(|&p| text.sentences[p].kind == SentenceKind::Body);
            for c in claims
                .iter_mut()
                .rev()
                .take_while(|c| prev.is_some_and(|p| c.sentence >= p))
                .filter(|c| Some(c.sentence) == prev && c.source.is_none())
            {
                attribute(&ctx, c, si, &v, a);
                reattributed(c, &v, a);
            }
        }
        let mut skip: Vec<Range<usize>> = Vec::new();
        for a in own {
            skip.push(a.cue.clone());
            if let Some(src) = &a.source {
                skip.push(src.clone());
            }
            if let Some(cx) = &a.source_context {
                skip.push(cx.clone());
            }
        }
        let before = claims.len();
        for (ti, m) in res
            .trigger_index
            .find_all(&words, |i| &res.triggers[i].pattern)
        {
            let trigger = &res.triggers[ti];
            {
                let t = m.first..m.end;
                if skip.iter().any(|s| overlaps(s, &t)) {
                    continue;
                }
                let attr = own
                    .iter()
                    .filter(|a| !a.content_is_previous && (a.content.contains(&t.start)))
                    .min_by_key(|a| a.cue.start.abs_diff(t.start));
                let region = attr.map_or(0..v.len(), |a| a.content.clone());
                let cands = ctx.candidates(si, &v, &(0..v.len()), &skip);
                let subjects = ctx.subjects(&v, &cands, trigger, &t, &region);
                // A dated happening with no named subject ("De aanval ... vond plaats op 28
                // mei") still dates later references to it ("als gevolg van de aanval").
                if let Some(w) = ctx.when_of(si, &t, &ctx.clause_of(&v, &t, &region), &skip) {
                    happenings.push((trigger.predicate.clone(), si, w));
                }
                for subject in subjects {
                    if let Some(c) =
                        build(&ctx, si, &v, trigger, &t, subject, &cands, &region, &skip)
                    {
                        let mut c = c;
                        if let Some(a) = attr {
                            attribute(&ctx, &mut c, si, &v, a);
                        } else if let Some((qs, qa)) = inherited[si] {
                            let qsent = &text.sentences[qs];
                            let qv = View::new(&doc.text, &text.tokens[qsent.tokens.clone()]);
                            attribute(&ctx, &mut c, qs, &qv, &attrs[qs][qa]);
                        }
                        // "Hij vindt het niet logisch dat X in Raqqa zou zijn": a negation between
                        // the cue and its content negates the content.
                        if let Some(a) = attr
                            && (a.cue.end..a.content.start)
                                .any(|j| res.negation.contains(&v.lower[j]))
                        {
                            negate(&mut c);
                        }
                        certainty(&ctx, &mut c, &v, &region, attr);
                        claims.push(c);
                    }
                }
            }
        }
        // "En niet in Raqqa": a place the subject is said not to be.
        let mut extra = Vec::new();
        for c in &claims[before..] {
            if c.predicate != "location" || c.relation != Some(Relation::At) {
                continue;
            }
            let t_end = ctx.local(si, c.trigger).end;
            let from = c.place.map_or(t_end, |p| {
                ctx.local(si, ctx.mentions[p].span).end.max(t_end)
            });
            let cands = ctx.candidates(si, &v, &(0..v.len()), &skip);
            for j in from..v.len().saturating_sub(2) {
                if res.negation.contains(&v.lower[j])
                    && res.places.contains(&v.lower[j + 1])
                    && let Some((p, _)) = cands
                        .iter()
                        .find(|(p, k)| *k == EntityType::Loc && p.at == j + 2)
                {
                    let mut not_at = c.clone();
                    not_at.relation = Some(Relation::NotAt);
                    not_at.place = Some(p.mention);
                    extra.push(not_at);
                }
            }
        }
        claims.extend(extra);
        // A sentence that only says the previous one is not confirmed ("The claim could not be
        // independently verified.") lowers that sentence's claims.
        if claims.len() == before {
            let mut marks: Vec<String> = unconfirmed_marks(res, &v)
                .into_iter()
                .map(|r| v.span(r).slice(&doc.text).to_owned())
                .collect();
            for a in own.iter().filter(|a| a.effect == Effect::Unconfirmed) {
                marks.push(v.span(a.cue.clone()).slice(&doc.text).to_owned());
            }
            if !marks.is_empty() {
                let prev = (0..si)
                    .rev()
                    .find(|&p| text.sentences[p].kind == SentenceKind::Body);
                for c in claims
                    .iter_mut()
                    .rev()
                    .take_while(|c| prev.is_some_and(|p| c.sentence >= p))
                    .filter(|c| Some(c.sentence) == prev && c.certainty != Certainty::Denied)
                {
                    c.certainty = c.certainty.max(Certainty::Unconfirmed);
                    for m in &marks {
                        if !c.cues.contains(m) {
                            c.cues.push(m.clone());
                        }
                    }
                }
            }
        }
        // Keep one claim per subject, predicate, relation and place in a sentence.
        let mut k = before;
        while k < claims.len() {
            let dup = (before..k).any(|j| {
                let (a, b) = (&claims[j], &claims[k]);
                a.subject == b.subject
                    && a.predicate == b.predicate
                    && a.relation == b.relation
                    && a.place == b.place
                    && a.value == b.value
            });
            if dup {
                claims.remove(k);
            } else {
                k += 1;
            }
        }
    }
    // A claim without a date takes the date of an earlier claim about the same happening in the
    // article (same subject and predicate, or the attack it resulted from).
    // The latest date of each happening (subject's entity, predicate) so far.
    let mut dated: std::collections::HashMap<(usize, String), TimeRef> =
        std::collections::HashMap::new();
    for claim in claims.iter_mut() {
        let key = (ctx.refs.entity_of(claim.subject), claim.predicate.clone());
        let state = STATES.contains(&claim.predicate.as_str());
        if let Some(when) = &claim.when {
            if !state {
                dated.insert(key, when.clone());
            }
            continue;
        }
        let inherited = if state {
            None
        } else {
            dated.get(&key).cloned()
        };
        let from_attack = || {
            let s = &text.sentences[claim.sentence];
            let v = View::new(&doc.text, &text.tokens[s.tokens.clone()]);
            let mentions_attack = res
                .triggers
                .iter()
                .filter(|t| t.predicate == "attack")
                .any(|t| !t.pattern.find_all(&v.words()).is_empty());
            if !mentions_attack || claim.predicate == "attack" {
                return None;
            }
            let here = claim.sentence;
            happenings
                .iter()
                .rev()
                .find(|(p, s, _)| p == "attack" && *s <= here)
                .map(|(_, _, w)| w.clone())
        };
        let when = inherited.or_else(from_attack);
        if let Some(when) = when {
            if !state {
                dated.insert(key, when.clone());
            }
            claim.when = Some(when);
        } else if STATES.contains(&claim.predicate.as_str()) && !past(&ctx, claim) {
            claim.when = claim.said_on.clone();
        }
    }
    // Named sources' other statements: what they said when no predicate was found in it.
    // The claims' source spans, by start, and the longest: an overlap test reads a short range.
    let mut sources: std::collections::BTreeSet<(usize, usize)> = claims
        .iter()
        .filter_map(|c| c.source.as_ref().map(|s| (s.span.start, s.span.end)))
        .collect();
    let mut longest = sources.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    for (si, list) in attrs.iter().enumerate() {
        for a in list {
            let Some(src) = &a.source else { continue };
            let s = &text.sentences[si];
            let v = View::new(&doc.text, &text.tokens[s.tokens.clone()]);
            let span = v.span(src.clone());
            let Some(mi) = ctx.source_mention(si, span) else {
                continue;
            };
            if mentions[mi].kind == EntityType::Misc && src.len() > 2 {
                continue;
            }
            let content_span = if a.content_is_previous {
                let prev = (0..si)
                    .rev()
                    .find(|&p| text.sentences[p].kind == SentenceKind::Body);
                match prev {
                    Some(p) => text.sentences[p].span,
                    None => continue,
                }
            } else {
                v.span(a.content.clone())
            };
            let covered = sources
                .range((span.start.saturating_sub(longest), 0)..(span.end, 0))
                .any(|&(a, b)| Span::new(a, b).overlaps(span));
            let words = content_span
                .slice(&doc.text)
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            if covered || words < 3 || a.effect == Effect::Unconfirmed {
                continue;
            }
            let mut c = Claim {
                span: s.span,
                sentence: si,
                subject: mi,
                predicate: "statement".to_owned(),
                relation: None,
                object: None,
                value: Some(
                    content_span
                        .slice(&doc.text)
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_owned(),
                ),
                place: None,
                when: None,
                said_on: ctx.published.clone(),
                source: None,
                cue: None,
                certainty: Certainty::Reported,
                cues: vec![],
                trigger: v.span(a.cue.clone()),
                rule: format!("{}/claims/statement", text.language.iso()),
            };
            attribute(&ctx, &mut c, si, &v, a);
            c.when = c.said_on.clone();
            certainty(&ctx, &mut c, &v, &a.content, Some(a));
            if let Some(s) = &c.source {
                sources.insert((s.span.start, s.span.end));
                longest = longest.max(s.span.end - s.span.start);
            }
            claims.push(c);
        }
    }
    claims.sort_by_key(|c| (c.span.start, c.trigger.start));
    claims
}

/// Turns a claim into its negation where the ontology has one: dead ↔ alive, at ↔ not at.
fn negate(c: &mut Claim) {
    match (c.predicate.as_str(), c.relation) {
        ("death", _) => c.predicate = "alive".to_owned(),
        ("alive", _) => c.predicate = "death".to_owned(),
        ("location", Some(Relation::At)) => c.relation = Some(Relation::NotAt),
        ("location", Some(Relation::NotAt)) => c.relation = Some(Relation::At),
        _ => {}
    }
    c.rule.push_str("/negated");
}

/// True when the clause of the claim's trigger (between clause words and commas, "en"
/// included) is in the past tense.
fn past(ctx: &Ctx<'_>, claim: &Claim) -> bool {
    let s = &ctx.text.sentences[claim.sentence];
    let tokens = &ctx.text.tokens[s.tokens.clone()];
    let v = View::new(&ctx.doc.text, tokens);
    let t = ctx.local(claim.sentence, claim.trigger);
    let start = ctx.clause_start(&v, t.start, 0);
    let end = (t.end..v.len())
        .find(|&j| ctx.is_break(&v, j))
        .unwrap_or(v.len());
    crate::time::tense_of_in(&ctx.doc.text, &tokens[start..end], ctx.text.language)
        == crate::time::Tense::Past
}

#[allow(clippy::too_many_arguments)]
fn build(
    ctx: &Ctx<'_>,
    si: usize,
    v: &View<'_>,
    trigger: &Trigger,
    t: &Range<usize>,
    subject: Candidate,
    cands: &[(Candidate, EntityType)],
    region: &Range<usize>,
    skip: &[Range<usize>],
) -> Option<Claim> {
    let res = ctx.res;
    let text = ctx.text;
    let lang = text.language.iso();
    let mut predicate = trigger.predicate.clone();
    let mut relation = None;
    let mut value = None;
    let mut object = None;
    // Negation in the trigger's clause, just before it, or "niet meer" just after.
    let clause = ctx.clause_start(v, t.start, region.start);
    let negated = (clause.max(t.start.saturating_sub(5))..t.start)
        .any(|j| res.negation.contains(&v.lower[j]))
        || (t.end..(t.end + 2).min(v.len())).any(|j| res.negation.contains(&v.lower[j]));
    // The trigger's clause: between commas and clause words.
    let clause_end = (t.end..region.end)
        .find(|&j| ctx.is_break(v, j))
        .unwrap_or(region.end);
    let clause_range = clause.min(t.start)..clause_end.max(t.end);
    let place = match trigger.predicate.as_str() {
        "location" => ctx.place(v, cands, t, region),
        // Elsewhere a place is one the clause introduces with a preposition ("near Tel Safra").
        "death" | "attack" | "capture" | "alive" => ctx
            .place(v, cands, t, &clause_range)
            .filter(|p| p.at > 0 && res.places.contains(&v.lower[p.at - 1])),
        _ => None,
    };
    match predicate.as_str() {
        "location" => {
            place?;
            relation = Some(if trigger.relation_left {
                Relation::Left
            } else if negated {
                Relation::NotAt
            } else {
                Relation::At
            });
        }
        "death" if negated => predicate = "alive".to_owned(),
        "alive" if negated => predicate = "death".to_owned(),
        _ if negated => return None,
        "reward" => {
            value = Some(amount(v, res, region)?);
        }
        "count" => {
            // "15.000 strijders", "zo'n 3000 man": the number right before the noun.
            let mut a = t.start;
            while a > 0
                && (v.tokens[a - 1].kind == crate::text::TokenKind::Number
                    || res.money.contains(&v.lower[a - 1]))
            {
                a -= 1;
            }
            if a == t.start {
                return None;
            }
            value = Some(v.span(a..t.end).slice(&ctx.doc.text).to_owned());
        }
        "leadership" => {
            // A named person next to the role, and the organisation led.
            let mut k = subject.end;
            if v.raw(k.min(v.len().saturating_sub(1))) == "," {
                k += 1;
            }
            if k < v.len() && res.determiners.contains(&v.lower[k]) {
                k += 1;
            }
            // The organisation: the compound's first part ("IS-leider"), or a name just after
            // the role ("leider van terreurgroep ISIS"). Organisations are often tagged MISC.
            let group = |k: EntityType| matches!(k, EntityType::Org | EntityType::Misc);
            let word = v.raw(t.start);
            let compound = word
                .rsplit_once('-')
                .map(|(h, _)| h.to_lowercase())
                .and_then(|h| {
                    ctx.mentions.iter().position(|m| {
                        group(m.kind) && m.span.slice(&ctx.doc.text).to_lowercase() == h
                    })
                });
            let after = cands
                .iter()
                .find(|(c, k)| group(*k) && c.named && c.at > t.end && c.at <= t.end + 3);
            // The person next to the role ("IS-leider X", "X, de leider van ..."), or right after
            // the organisation ("de leider van terreurgroep ISIS X").
            let adjacent = subject.at == t.end
                || k == t.start
                || after.is_some_and(|(c, _)| subject.at == c.end);
            if !adjacent {
                return None;
            }
            object = Some(compound.or(after.map(|(c, _)| c.mention))?);
        }
        _ => {}
    }
    // A place cannot be what the claim is about ("heroverde Tell Safra" captures it).
    let place = place.filter(|p| p.mention != subject.mention);
    if predicate == "location" && place.is_none() {
        return None;
    }
    let when = ctx.when_of(si, t, &clause_range, skip);
    Some(Claim {
        span: text.sentences[si].span,
        sentence: si,
        subject: subject.mention,
        predicate: predicate.clone(),
        relation,
        object,
        value,
        place: place.map(|p| p.mention),
        when,
        said_on: ctx.published.clone(),
        source: None,
        cue: None,
        certainty: Certainty::Confirmed,
        cues: vec![],
        trigger: v.span(t.clone()),
        rule: format!("{lang}/claims/{predicate}"),
    })
}

/// A money amount in the region: digits, multipliers and a currency word ("25 miljoen dollar").
fn amount(v: &View<'_>, res: &ClaimResources, region: &Range<usize>) -> Option<String> {
    let mut j = region.start;
    while j < region.end {
        let numeric = |k: usize| {
            v.tokens[k].kind == crate::text::TokenKind::Number
                || res.number_words.contains(&v.lower[k])
        };
        if numeric(j) || res.money.contains(&v.lower[j]) && v.lower[j].len() == 1 {
            let mut e = j + 1;
            while e < region.end && (res.money.contains(&v.lower[e]) || numeric(e)) {
                e += 1;
            }
            if e > j + 1 && (j + 1..e).any(|k| res.money.contains(&v.lower[k]))
                || res.money.contains(&v.lower[j])
            {
                return Some(v.span(j..e).slice(v.text).to_owned());
            }
            j = e;
        } else {
            j += 1;
        }
    }
    None
}

/// Gives a claim the source, cue and speaking date of an attribution in sentence `si`.
fn attribute(ctx: &Ctx<'_>, c: &mut Claim, si: usize, v: &View<'_>, a: &Attribution) {
    if let Some(src) = &a.source {
        let mut span = v.span(src.clone());
        let mut mention = ctx.source_mention(si, span);
        // A pronoun stands for its antecedent.
        if src.len() == 1
            && let Some(&kind) = ctx.res.pronouns.get(&v.lower[src.start])
        {
            let initial = src.start == 0 || (src.start == 1 && v.is_quote(0));
            if let Some(r) = ctx.refs.pronoun(span, si, kind, initial) {
                span = r.span;
                mention = r.mention;
            }
        }
        c.source = Some(Source { span, mention });
    }
    c.cue = Some(v.span(a.cue.clone()));
    // The date the source spoke: in the words describing it, or between cue and content.
    let mut said = Vec::new();
    if let Some(cx) = &a.source_context {
        said.push(cx.clone());
    }
    let gap = a.cue.end..a.content.start.max(a.cue.end);
    if !a.content_is_previous && a.content.start > a.cue.end {
        said.push(gap);
    }
    said.push(a.cue.end..(a.cue.end + 2).min(v.len()));
    let date = said.iter().find_map(|r| {
        ctx.timexes_in(si, r)
            .into_iter()
            .find(|(t, _)| is_calendar(t))
            .map(|(t, _)| time_ref(t))
    });
    if let Some(d) = date {
        c.said_on = Some(d);
    }
}

/// Where the sentence says something is not confirmed: the longest phrases, without overlaps,
/// each with a following auxiliary ("moet nog wel gecheckt worden").
fn unconfirmed_marks(res: &ClaimResources, v: &View<'_>) -> Vec<Range<usize>> {
    let words = v.words();
    let mut found: Vec<Range<usize>> = res
        .unconfirmed
        .iter()
        .flat_map(|u| u.find_all(&words))
        .map(|m| {
            let mut end = m.end;
            if end < v.len() && res.auxiliaries.contains(&v.lower[end]) {
                end += 1;
            }
            m.first..end
        })
        .collect();
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in found {
        match out.last_mut() {
            Some(last) if r.start < last.end => {
                if r.end > last.end {
                    last.end = r.end;
                }
            }
            _ => out.push(r),
        }
    }
    out
}

/// A claim first read as the article's own, then attributed by a later sentence: what was
/// "confirmed" (stated as established) is now "reported", and the cue's own effect applies.
fn reattributed(c: &mut Claim, v: &View<'_>, a: &Attribution) {
    let cue = v.span(a.cue.clone()).slice(v.text).to_owned();
    if c.certainty == Certainty::Confirmed {
        c.certainty = Certainty::Reported;
    }
    let raise = match a.effect {
        Effect::Confirmed if c.certainty == Certainty::Reported => Some(Certainty::Confirmed),
        Effect::Hedged => Some(c.certainty.max(Certainty::Hedged)),
        Effect::Unconfirmed => Some(c.certainty.max(Certainty::Unconfirmed)),
        Effect::Denied => Some(Certainty::Denied),
        _ => None,
    };
    if let Some(level) = raise {
        c.certainty = level;
        c.cues.push(cue);
    }
}

/// Sets the certainty from the attribution's cue and the hedges, "not confirmed" phrases and
/// denials of the sentence.
fn certainty(
    ctx: &Ctx<'_>,
    c: &mut Claim,
    v: &View<'_>,
    region: &Range<usize>,
    attr: Option<&Attribution>,
) {
    let res = ctx.res;
    let words = v.words();
    let mut level = if c.source.is_some() {
        Certainty::Reported
    } else {
        Certainty::Confirmed
    };
    let mut cues = Vec::new();
    let text_of = |r: Range<usize>| v.span(r).slice(v.text).to_owned();
    let in_timex = |r: &Range<usize>| {
        let span = v.span(r.clone());
        ctx.timexes.iter().any(|t| t.span.overlaps(span))
    };
    for (h, _) in &res.hedges {
        for m in h.find_all(&words) {
            if m.first >= region.start && m.end <= region.end && !in_timex(&(m.first..m.end)) {
                level = level.max(Certainty::Hedged);
                cues.push(text_of(m.first..m.end));
            }
        }
    }
    if let Some(a) = attr {
        match a.effect {
            Effect::Hedged => {
                level = level.max(Certainty::Hedged);
                cues.push(text_of(a.cue.clone()));
            }
            Effect::Confirmed if level <= Certainty::Reported => {
                level = Certainty::Confirmed;
                cues.push(text_of(a.cue.clone()));
            }
            Effect::Unconfirmed => {
                level = level.max(Certainty::Unconfirmed);
                cues.push(text_of(a.cue.clone()));
            }
            Effect::Denied => {
                level = Certainty::Denied;
                cues.push(text_of(a.cue.clone()));
            }
            _ => {}
        }
    }
    for r in unconfirmed_marks(res, v) {
        level = level.max(Certainty::Unconfirmed);
        cues.push(text_of(r));
    }
    for d in &res.denials {
        for m in d.find_all(&words) {
            level = Certainty::Denied;
            cues.push(text_of(m.first..m.end));
        }
    }
    cues.dedup();
    let all = cues.clone();
    cues.retain(|x| !all.iter().any(|y| y != x && y.contains(x.as_str())));
    c.certainty = level;
    c.cues = cues;
}

#[cfg(test)]
mod tests;
