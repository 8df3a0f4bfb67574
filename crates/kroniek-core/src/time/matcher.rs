//! Runs the rules over the items: first the rules that read words, leftmost-longest, then the
//! rules that combine what was found, until nothing changes.

use super::grammar::{Atom, Elem, Grammar, cls};
use super::scan::Item;
use super::sem::{Built, Captures, Extras, Sem};
use crate::model::Span;

/// Most capture slots a rule may have.
pub(crate) const MAX_SLOTS: usize = 12;

/// A found expression.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub span: Span,
    pub sem: Sem,
    pub rule: u16,
    pub extras: Extras,
    /// Consumed by a combining rule.
    pub dead: bool,
}

/// One match before it is applied.
struct Hit {
    start: usize,
    end: usize,
    rule: u16,
    built: Built,
    extras: Extras,
}

/// A candidate match: core start and end, rule, captures.
type Candidate = (usize, usize, u16, [Option<u32>; MAX_SLOTS]);

/// Buffers the matcher reuses from one paragraph to the next.
#[derive(Debug, Default)]
pub(crate) struct MatchScratch {
    /// Per rule, the last item position it was tried at (`usize::MAX` for none); stamps are
    /// offset by `epoch` so the buffer needs no clearing.
    tried: Vec<usize>,
    epoch: usize,
    candidates: Vec<Candidate>,
}

/// Finds every expression in `items`.
pub(crate) fn find(items: Vec<Item>, g: &Grammar, m: &mut MatchScratch) -> Vec<Found> {
    let mut founds: Vec<Found> = Vec::new();
    let mut sems: Vec<Sem> = Vec::new();
    let mut items = items;
    let hits = pass(&items, g, &sems, false, m);
    if hits.is_empty() {
        return founds;
    }
    items = apply(items, hits, &mut founds, &mut sems);
    for _ in 0..4 {
        let hits = pass(&items, g, &sems, true, m);
        if hits.is_empty() {
            break;
        }
        items = apply(items, hits, &mut founds, &mut sems);
    }
    founds
}

/// One pass of the word rules (`combining == false`) or the combining rules.
fn pass(
    items: &[Item],
    g: &Grammar,
    sems: &[Sem],
    combining: bool,
    m: &mut MatchScratch,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    if m.tried.len() != g.rules.len() {
        m.tried = vec![usize::MAX; g.rules.len()];
        m.epoch = 0;
    }
    // Positions of this pass are stamped above every earlier one.
    let base = m.epoch;
    m.epoch += items.len() + 1;
    let tried = &mut m.tried;
    let candidates = &mut m.candidates;
    let mut i = 0;
    while i < items.len() {
        let it = &items[i];
        if it.lit == 0 && it.cls == 0 {
            i += 1;
            continue;
        }
        candidates.clear();
        // An item with no word class or literal can match no element.
        let next_counts = items.get(i + 1).is_some_and(|n| n.lit != 0 || n.cls != 0);
        let lit_rules = g
            .by_lit
            .get(usize::from(it.lit))
            .filter(|_| it.lit != 0)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut bits = it.cls;
        let mut consider = |r: u16, candidates: &mut Vec<Candidate>| {
            let ri = usize::from(r);
            if tried[ri] == base + i {
                return;
            }
            tried[ri] = base + i;
            let rule = &g.rules[ri];
            if rule.combines != combining || (rule.needs_two && !next_counts) {
                return;
            }
            let mut caps = [None; MAX_SLOTS];
            if let Some(end) = match_elems(&rule.elems, items, i, &mut caps) {
                let (s, e) = (i + rule.lead, end.saturating_sub(rule.trail));
                if e > s {
                    candidates.push((s, e, r, caps));
                }
            }
        };
        for &r in lit_rules {
            consider(r, candidates);
        }
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(rules) = g.by_cls.get(b) {
                for &r in rules {
                    consider(r, candidates);
                }
            }
        }
        if candidates.is_empty() {
            i += 1;
            continue;
        }
        // Furthest reaching first, then the longest, then the earlier rule.
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)).then(a.2.cmp(&b.2)));
        let mut applied = None;
        for (start, end, r, caps) in candidates.iter() {
            let rule = &g.rules[usize::from(*r)];
            let c = Captures {
                rule,
                caps: &caps[..rule.slots.len().min(MAX_SLOTS)],
                items,
                sems,
            };
            if let Some(built) = c.build(&rule.action) {
                applied = Some(Hit {
                    start: *start,
                    end: *end,
                    rule: *r,
                    built,
                    extras: c.extras(&rule.action),
                });
                break;
            }
        }
        match applied {
            Some(h) if hits.last().is_none_or(|p: &Hit| p.end <= h.start) => {
                i = h.end;
                hits.push(h);
            }
            _ => i += 1,
        }
    }
    hits
}

/// Matches `elems` from item `pos`; the end of the match.
fn match_elems(
    elems: &[Elem],
    items: &[Item],
    pos: usize,
    caps: &mut [Option<u32>; MAX_SLOTS],
) -> Option<usize> {
    let Some((e, rest)) = elems.split_first() else {
        return Some(pos);
    };
    if let Some(it) = items.get(pos)
        && matches(e, it)
    {
        let slot = e.slot.map(usize::from).filter(|&s| s < MAX_SLOTS);
        let saved = slot.and_then(|s| caps[s]);
        if let Some(s) = slot {
            caps[s] = Some(pos as u32);
        }
        if let Some(end) = match_elems(rest, items, pos + 1, caps) {
            return Some(end);
        }
        if let Some(s) = slot {
            caps[s] = saved;
        }
    }
    if e.optional {
        return match_elems(rest, items, pos, caps);
    }
    None
}

fn matches(e: &Elem, it: &Item) -> bool {
    /// Bits that name found expressions.
    const TX_BITS: u64 = !((1u64 << 40) - 1);
    match &e.atom {
        Atom::Lit(ids) => it.lit != 0 && ids.contains(&it.lit),
        Atom::Class(mask) if mask & TX_BITS != 0 => {
            it.cls & cls::TX != 0 && (*mask == cls::TX || it.cls & mask & !cls::TX != 0)
        }
        Atom::Class(mask) => it.cls & mask != 0,
    }
}

/// Records the hits and returns the items for the next pass, with each hit one item.
fn apply(
    items: Vec<Item>,
    hits: Vec<Hit>,
    founds: &mut Vec<Found>,
    sems: &mut Vec<Sem>,
) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut next = 0;
    for h in hits {
        out.extend_from_slice(&items[next..h.start]);
        // Expressions consumed by this hit die; their extras are inherited.
        let mut inherited = Extras::default();
        for it in &items[h.start..h.end] {
            if it.cls & cls::TX != 0
                && let Some(f) = founds.get_mut(it.f.tx as usize)
            {
                f.dead = true;
                if inherited.modifier.is_none() {
                    inherited.modifier = f.extras.modifier;
                }
                if inherited.dir.is_none() {
                    inherited.dir = f.extras.dir;
                }
            }
        }
        let extras = Extras {
            modifier: h.extras.modifier.or(inherited.modifier),
            dir: h.extras.dir.or(inherited.dir),
            future_only: h.extras.future_only,
        };
        let span_of =
            |a: usize, b: usize| Span::new(items[a].span.start, items[b.max(a + 1) - 1].span.end);
        match h.built {
            Built::Veto => {
                for it in &items[h.start..h.end] {
                    out.push(Item {
                        span: it.span,
                        ..Item::default()
                    });
                }
            }
            Built::One(sem) => {
                let idx = founds.len();
                out.push(tx_item(span_of(h.start, h.end), &sem, idx));
                sems.push(sem.clone());
                founds.push(Found {
                    span: span_of(h.start, h.end),
                    sem,
                    rule: h.rule,
                    extras,
                    dead: false,
                });
            }
            Built::Two((a1, a2, x), (b1, b2, y)) => {
                let mut pos = h.start;
                for (s, e, sem) in [(a1, a2, x), (b1, b2, y)] {
                    let s = s.clamp(h.start, h.end);
                    let e = e.clamp(s, h.end);
                    for it in &items[pos..s] {
                        out.push(Item {
                            span: it.span,
                            ..Item::default()
                        });
                    }
                    let idx = founds.len();
                    let span = span_of(s, e);
                    let mut ti = tx_item(span, &sem, idx);
                    // Range ends do not combine again into a range.
                    ti.cls &= !cls::TX_DATE;
                    out.push(ti);
                    sems.push(sem.clone());
                    founds.push(Found {
                        span,
                        sem,
                        rule: h.rule,
                        extras,
                        dead: false,
                    });
                    pos = e.max(s + 1).min(h.end);
                }
                for it in &items[pos..h.end] {
                    out.push(Item {
                        span: it.span,
                        ..Item::default()
                    });
                }
            }
        }
        next = h.end;
    }
    out.extend_from_slice(&items[next..]);
    out
}

fn tx_item(span: Span, sem: &Sem, idx: usize) -> Item {
    let mut it = Item {
        span,
        cls: sem.tx_class(),
        ..Item::default()
    };
    it.f.tx = idx as u32;
    it
}
