//! Merging mentions into entities across a collection, keeping the evidence of every merge.
//!
//! Rules, each with its id in the evidence:
//! - `spelling`: same type, and the names fold to the same key (case, diacritics, articles
//!   `al-`/`el-`/`ad-`, transliteration variants gh~g, dh~d, ou/oe~u, doubled letters, fused
//!   articles as in Deir Ezzor / Deir ez-Zor, Dutch exonyms like Mosoel / Mosul);
//! - `short-form`: inside one article, a person's surname ("Bagdadi") or an organisation's first
//!   words ("Northrop") after the full name;
//! - `acronym`: an acronym the text defines ("Islamitische Staat (IS)"), then every use of it;
//! - `surname`: across articles, a person named only by surname, when exactly one person in the
//!   collection has that surname;
//! - `type-vote`: one name tagged with two compatible types (ORG and MISC) in different places.
//!
//! Never merged: different types of thing (a person and a place: Baghdadi / Baghdad), people who
//! share only name particles (Abu Bakr al-Baghdadi / Abu Mohammad al-Adnani), a place and its
//! adjective (Syrië / Syrische).

use super::names::{NameResources, NameWords};
use super::{EntityType, Mention};
use crate::model::Language;
use std::collections::{BTreeMap, HashMap};

/// One document's mentions, as the merger sees them.
#[derive(Debug, Clone, Copy)]
pub struct DocMentions<'a> {
    /// The document text the spans index.
    pub text: &'a str,
    /// Its language.
    pub language: Language,
    /// Its mentions, in text order.
    pub mentions: &'a [Mention],
}

/// Where a mention is: document index and mention index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MentionRef {
    /// Index of the document in the collection.
    pub doc: usize,
    /// Index of the mention in that document's list.
    pub mention: usize,
}

/// One merge decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The rule that merged.
    pub rule: &'static str,
    /// The two names it compared.
    pub strings: [String; 2],
    /// Why, in words.
    pub explanation: String,
}

/// A real-world thing and every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The display name.
    pub name: String,
    /// Its type.
    pub kind: EntityType,
    /// Its mentions, in collection order.
    pub mentions: Vec<MentionRef>,
    /// Other spellings used.
    pub aliases: Vec<String>,
    /// Why its mentions were merged.
    pub merges: Vec<Merge>,
}

struct Record<'a> {
    at: MentionRef,
    surface: &'a str,
    /// The recogniser's type.
    kind: EntityType,
    /// Votes for each type: the recogniser's, and the word before the name's.
    votes: [(EntityType, f32); 2],
    /// Shared by every mention with the same surface and language.
    words: &'a NameWords,
    keys: &'a [String],
    start: usize,
}

struct Sets {
    parent: Vec<usize>,
    merges: Vec<(usize, Merge)>,
    /// The merges already recorded, by rule, names and the root they went to: a story repeats
    /// its names thousands of times, and each repeat would record the same merge again (those
    /// that still repeat under different roots are dropped once the clusters are final).
    recorded: std::collections::HashSet<(&'static str, [String; 2], usize)>,
}

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize, merge: impl FnOnce() -> Merge) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return false;
        }
        let (keep, gone) = (ra.min(rb), ra.max(rb));
        self.parent[gone] = keep;
        let m = merge();
        if self.recorded.insert((m.rule, m.strings.clone(), keep)) {
            self.merges.push((keep, m));
        }
        true
    }
}

fn plain(s: &str) -> String {
    deunicode::deunicode(&s.to_lowercase())
}

fn spelling_merge(a: &Record<'_>, b: &Record<'_>) -> Merge {
    let explanation = if plain(a.surface) == plain(b.surface) {
        "same name up to case and accents".to_owned()
    } else {
        format!(
            "same name after folding spelling variants (key {:?})",
            a.keys
                .iter()
                .find(|k| b.keys.contains(k))
                .map_or("", String::as_str)
        )
    };
    Merge {
        rule: "spelling",
        strings: [a.surface.to_owned(), b.surface.to_owned()],
        explanation,
    }
}

/// True when `acronym` spells initials of `words` in order (each letter starts a word, or
/// continues the word the previous letter came from: `SOCOM` = Special Operations COMmand).
pub fn is_acronym_of(acronym: &str, long: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<Vec<char>> = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric))
        .map(|w| deunicode::deunicode(&w.to_lowercase()).chars().collect())
        .collect();
    if letters.len() < 2 || words.is_empty() || letters.len() > 12 {
        return false;
    }
    // Depth-first: letter index, word index, position in word (0 = must start a new word).
    fn go(l: &[char], words: &[Vec<char>], w: usize, pos: usize) -> bool {
        let Some((&c, rest)) = l.split_first() else {
            // Every letter placed: at most one trailing content word may go unused
            // ("European Aeronautic Defence and Space Company" is EADS).
            return words
                .get(w + 1..)
                .is_none_or(|rest| rest.iter().filter(|x| x.len() > 3).count() <= 1);
        };
        // Continue inside the current word.
        if pos > 0
            && w < words.len()
            && let Some(i) = words[w][pos..].iter().position(|&x| x == c)
            && go(rest, words, w, pos + i + 1)
        {
            return true;
        }
        // Start the next word(s); short function words may be skipped.
        let mut next = if pos > 0 { w + 1 } else { w };
        while next < words.len() {
            if words[next].first() == Some(&c) && go(rest, words, next, 1) {
                return true;
            }
            if words[next].len() > 3 {
                break;
            }
            next += 1;
        }
        false
    }
    go(&letters, &words, 0, 0)
}

/// Merges the mentions of a collection into entities.
pub fn merge(docs: &[DocMentions<'_>]) -> Vec<Entity> {
    let res = NameResources::get();
    // The words and keys of each distinct surface, made once: a story repeats its names.
    let mut distinct: HashMap<(&str, Language), usize> = HashMap::new();
    let mut table: Vec<(NameWords, Vec<String>)> = Vec::new();
    for doc in docs {
        for mention in doc.mentions {
            let surface = mention.span.slice(doc.text);
            distinct.entry((surface, doc.language)).or_insert_with(|| {
                let words = res.words(surface, doc.language);
                let keys = words.keys();
                table.push((words, keys));
                table.len() - 1
            });
        }
    }
    let mut records: Vec<Record<'_>> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (m, mention) in doc.mentions.iter().enumerate() {
            let surface = mention.span.slice(doc.text);
            let (words, keys) = &table[distinct[&(surface, doc.language)]];
            // The word before the name, or the one before that past an article ("de rivier de
            // Eufraat").
            let mut preceding = doc.text[..mention.span.start].split_whitespace().rev();
            let first = preceding.next().unwrap_or("");
            let second = preceding.next().unwrap_or("");
            let cue = res
                .type_cue(first, doc.language)
                .or_else(|| {
                    res.words(first, doc.language)
                        .words
                        .is_empty()
                        .then(|| res.type_cue(second, doc.language))
                        .flatten()
                })
                .or_else(|| res.name_cue(surface))
                .unwrap_or((mention.kind, 0.0));
            records.push(Record {
                at: MentionRef { doc: d, mention: m },
                surface,
                kind: mention.kind,
                // The recogniser's tag votes with its confidence.
                votes: [(mention.kind, mention.score.clamp(0.0, 1.0)), cue],
                words,
                keys,
                start: mention.span.start,
            });
        }
    }
    let mut sets = Sets {
        parent: (0..records.len()).collect(),
        merges: Vec::new(),
        recorded: Default::default(),
    };

    // Acronyms defined in the text: `Long Name (ACR)` or `ACR (Long Name)`.
    let mut acronyms: HashMap<String, usize> = HashMap::new();
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        by_doc.entry(r.at.doc).or_default().push(i);
    }
    for (&d, members) in &by_doc {
        let text = docs[d].text;
        for (x, &i) in members.iter().enumerate() {
            let r = &records[i];
            let end = docs[d].mentions[r.at.mention].span.end;
            let after = text[end..].trim_start();
            let Some(inner) = after.strip_prefix('(') else {
                continue;
            };
            let Some(close) = inner.find(')') else {
                continue;
            };
            let inside = inner[..close].trim();
            if inside.is_empty() || inside.len() > 80 {
                continue;
            }
            let (long, short) = if is_acronym_of(inside, r.surface) {
                (i, inside)
            } else if is_acronym_of(r.surface, inside) {
                // `ACR (Long Name)`: the long name is usually a mention too.
                match members[x + 1..]
                    .iter()
                    .find(|&&j| records[j].surface == inside)
                {
                    Some(&j) => (j, r.surface),
                    None => continue,
                }
            } else {
                continue;
            };
            let key = res.fold(short);
            acronyms.entry(key.clone()).or_insert(long);
            // Mentions of the acronym in this document join the long form.
            for &j in members {
                if records[j].keys.first() == Some(&key) && j != long {
                    let (a, b) = (&records[long], &records[j]);
                    let strings = [a.surface.to_owned(), b.surface.to_owned()];
                    sets.union(long, j, || Merge {
                        rule: "acronym",
                        strings,
                        explanation: format!(
                            "the text defines {short} as {}",
                            records[long].surface
                        ),
                    });
                }
            }
        }
    }

    // A shared spelling key: one name in one collection is one thing, whatever type the
    // recogniser gave each mention; the type is decided below by votes over all of them.
    let mut first: HashMap<&str, usize> = HashMap::new();
    for i in 0..records.len() {
        for k in 0..records[i].keys.len() {
            let key = records[i].keys[k].as_str();
            match first.get(key) {
                Some(&j) => {
                    let m = spelling_merge(&records[j], &records[i]);
                    sets.union(j, i, || m);
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
    revote(&mut records, &mut sets);

    // Short forms inside one document: a person's last name (whatever type the recogniser gave
    // the short form: a surname of a person the article named is that person), an organisation's
    // first words.
    let mut forced: Vec<(usize, EntityType)> = Vec::new();
    for members in by_doc.values() {
        for (x, &i) in members.iter().enumerate() {
            let short = &records[i];
            let n = short.words.words.len();
            if n == 0 || short.kind == EntityType::Loc && n > 1 {
                continue;
            }
            if short.words.words.iter().all(|w| res.is_kinship(w)) {
                continue;
            }
            let fits = |long: &Record<'_>| {
                long.words.words.len() > n
                    && match long.kind {
                        EntityType::Per => long.words.words.ends_with(&short.words.words),
                        EntityType::Org => {
                            short.kind == EntityType::Org
                                && long.words.words.starts_with(&short.words.words)
                        }
                        _ => false,
                    }
            };
            // The nearest full name before it, else the nearest after it.
            let before = members[..x].iter().rev().find(|&&j| fits(&records[j]));
            let after = members[x + 1..].iter().find(|&&j| fits(&records[j]));
            if let Some(&j) = before.or(after) {
                let (long, s) = (&records[j], &records[i]);
                let strings = [long.surface.to_owned(), s.surface.to_owned()];
                let what = if long.kind == EntityType::Per {
                    "surname"
                } else {
                    "first words"
                };
                let kind = long.kind;
                sets.union(j, i, || Merge {
                    rule: "short-form",
                    strings,
                    explanation: format!("in the same article, the {what} of {}", long.surface),
                });
                forced.push((i, kind));
            }
        }
    }
    // A short form votes for the type of the full name it stands for; clusters vote again.
    for (i, kind) in forced {
        records[i].votes[0].0 = kind;
    }
    revote(&mut records, &mut sets);

    // Acronyms defined in one article, used bare in others.
    for i in 0..records.len() {
        if !matches!(records[i].kind, EntityType::Org | EntityType::Misc) {
            continue;
        }
        let Some(key) = records[i].keys.first() else {
            continue;
        };
        if let Some(&long) = acronyms.get(key) {
            let strings = [
                records[long].surface.to_owned(),
                records[i].surface.to_owned(),
            ];
            sets.union(long, i, || Merge {
                rule: "acronym",
                strings,
                explanation: format!(
                    "{} is defined as {} elsewhere in the collection",
                    records[i].surface, records[long].surface
                ),
            });
        }
    }

    // Acronyms nobody defined: `USAF` for the one `United States Air Force` in the collection.
    let mut initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if r.kind == EntityType::Per || r.words.words.len() < 2 {
            continue;
        }
        let letters: String = r
            .surface
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        if letters.len() >= 2 {
            initials.entry(letters).or_default().push(i);
        }
    }
    for i in 0..records.len() {
        let r = &records[i];
        let caps = r.surface.chars().filter(|c| c.is_alphabetic()).count();
        let is_caps = caps >= 2
            && r.surface
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        if r.kind == EntityType::Per || !is_caps || r.words.words.len() != 1 {
            continue;
        }
        let letters: String = r
            .surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let Some(candidates) = initials.get(&letters) else {
            continue;
        };
        let mut roots: Vec<usize> = candidates.iter().map(|&c| sets.root(c)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [only] = roots[..] {
            let Some(&long) = candidates.first() else {
                continue;
            };
            if records[long].kind == EntityType::Per {
                continue;
            }
            let strings = [
                records[long].surface.to_owned(),
                records[i].surface.to_owned(),
            ];
            sets.union(only, i, || Merge {
                rule: "acronym",
                strings,
                explanation: format!(
                    "the initials of the only name in the collection that has them ({})",
                    records[long].surface
                ),
            });
        }
    }

    // Across documents: a person named only by a surname that exactly one full name carries.
    let mut clusters: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..records.len() {
        let r = sets.root(i);
        clusters.entry(r).or_default().push(i);
    }
    let mut full_by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (&root, members) in &clusters {
        let per = records[root].kind == EntityType::Per;
        let full = members.iter().find(|&&m| records[m].words.words.len() >= 2);
        if let (true, Some(&m)) = (per, full)
            && let Some(last) = records[m].words.last()
        {
            full_by_last.entry(last).or_default().push(root);
        }
    }
    for (&root, members) in &clusters {
        if records[root].kind != EntityType::Per
            || members.iter().any(|&m| records[m].words.words.len() != 1)
        {
            continue;
        }
        let Some(last) = records[root].words.last() else {
            continue;
        };
        if res.is_kinship(last) {
            continue;
        }
        if let Some(candidates) = full_by_last.get(last) {
            let mut distinct: Vec<usize> = candidates.iter().map(|&c| sets.root(c)).collect();
            distinct.sort_unstable();
            distinct.dedup();
            if let [only] = distinct[..] {
                let strings = [
                    records[only].surface.to_owned(),
                    records[root].surface.to_owned(),
                ];
                sets.union(only, root, || Merge {
                    rule: "surname",
                    strings,
                    explanation: "the only person in the collection with this surname".to_owned(),
                });
            }
        }
    }

    // Build the entities.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..records.len() {
        let r = sets.root(i);
        groups.entry(r).or_default().push(i);
    }
    let mut merges_by_root: HashMap<usize, Vec<Merge>> = HashMap::new();
    let all_merges = std::mem::take(&mut sets.merges);
    for (keep, m) in all_merges {
        let r = sets.root(keep);
        let list = merges_by_root.entry(r).or_default();
        if !list
            .iter()
            .any(|x| x.rule == m.rule && x.strings == m.strings)
        {
            list.push(m);
        }
    }
    let mut entities: Vec<Entity> = groups
        .into_iter()
        .map(|(root, mut members)| {
            members.sort_by_key(|&m| (records[m].at.doc, records[m].start));
            let kind = vote(members.iter().map(|&m| &records[m]));
            let name = display_name(members.iter().map(|&m| &records[m]));
            let mut aliases: Vec<String> = Vec::new();
            for &m in &members {
                let s = clean_surface(records[m].surface);
                if s != name && !aliases.contains(&s) {
                    aliases.push(s);
                }
            }
            Entity {
                name,
                kind,
                mentions: members.iter().map(|&m| records[m].at).collect(),
                aliases,
                merges: merges_by_root.remove(&root).unwrap_or_default(),
            }
        })
        .collect();
    entities.sort_by_key(|e| e.mentions.first().copied());
    entities
}

/// The type most votes go to (the recogniser's tags and the context words before the names).
fn vote<'a>(records: impl Iterator<Item = &'a Record<'a>>) -> EntityType {
    let mut score: BTreeMap<EntityType, f32> = BTreeMap::new();
    for r in records {
        for (k, w) in r.votes {
            *score.entry(k).or_insert(0.0) += w;
        }
    }
    score
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(EntityType::Misc, |(k, _)| k)
}

/// Gives every mention its cluster's voted type.
fn revote(records: &mut [Record<'_>], sets: &mut Sets) {
    let kinds = cluster_kinds(records, sets);
    for (i, r) in records.iter_mut().enumerate() {
        if let Some(&k) = kinds.get(&sets.root(i)) {
            r.kind = k;
        }
    }
}

/// The voted type of every cluster, by root.
fn cluster_kinds(records: &[Record<'_>], sets: &mut Sets) -> HashMap<usize, EntityType> {
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..records.len() {
        members.entry(sets.root(i)).or_default().push(i);
    }
    members
        .into_iter()
        .map(|(root, m)| (root, vote(m.iter().map(|&i| &records[i]))))
        .collect()
}

fn clean_surface(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name people would use: among the fullest forms (most identifying words), the most
/// frequent; then the one whose words are spelled most often that way across all mentions;
/// then the earliest.
fn display_name<'a>(members: impl Iterator<Item = &'a Record<'a>>) -> String {
    let members: Vec<&Record<'_>> = members.collect();
    let mut word_use: HashMap<String, usize> = HashMap::new();
    for r in &members {
        for w in r.surface.split_whitespace() {
            *word_use.entry(w.to_lowercase()).or_insert(0) += 1;
        }
    }
    let spelling_score = |s: &str| -> usize {
        s.split_whitespace()
            .map(|w| word_use.get(&w.to_lowercase()).copied().unwrap_or(0))
            .sum()
    };
    let most_words = members
        .iter()
        .map(|r| r.words.words.len())
        .max()
        .unwrap_or(0);
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in &members {
        if r.words.words.len() != most_words {
            continue;
        }
        let s = clean_surface(r.surface);
        match counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let best = counts
        .iter()
        .map(|(s, n)| (*n, spelling_score(s)))
        .max()
        .unwrap_or((0, 0));
    counts
        .into_iter()
        .find(|(s, n)| (*n, spelling_score(s)) == best)
        .map(|(s, _)| s)
        .or_else(|| members.first().map(|r| clean_surface(r.surface)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
