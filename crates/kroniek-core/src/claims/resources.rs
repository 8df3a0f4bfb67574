//! The claims stage's language data (`lang/<iso>/claims/`), built once per language.

use crate::entities::EntityType;
use foldhash::{HashMap, HashSet};
use kroniek_lang::{Language, list};
use std::sync::LazyLock;

/// A phrase of lowercase words, matched in order. A `...` element allows up to three words in
/// between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Words, and `None` for a gap.
    parts: Vec<Option<String>>,
    /// The phrase as written in the data file.
    pub text: String,
}

/// Where a pattern matched: indices into the word list it was matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First matched word.
    pub first: usize,
    /// One past the last matched word.
    pub end: usize,
}

impl Pattern {
    /// Parses `"niet ... bevestigd"`.
    pub fn parse(text: &str) -> Pattern {
        let parts = text
            .split_whitespace()
            .map(|w| (w != "...").then(|| w.to_lowercase()))
            .collect();
        Pattern {
            parts,
            text: text.to_owned(),
        }
    }

    /// The first word, if the pattern starts with one.
    pub fn head(&self) -> Option<&str> {
        self.parts.first().and_then(|p| p.as_deref())
    }

    /// Every place the pattern matches `words` (lowercase), left to right, without overlaps.
    pub fn find_all(&self, words: &[&str]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut from = 0;
        while from < words.len() {
            match (from..words.len())
                .find_map(|s| self.match_at(words, s).map(|end| Match { first: s, end }))
            {
                Some(m) => {
                    from = m.end.max(m.first + 1);
                    out.push(m);
                }
                None => break,
            }
        }
        out
    }

    /// The end of a match starting at `start`, if the pattern matches there.
    pub fn match_at(&self, words: &[&str], start: usize) -> Option<usize> {
        fn go(parts: &[Option<String>], words: &[&str], i: usize) -> Option<usize> {
            let Some((first, rest)) = parts.split_first() else {
                return Some(i);
            };
            match first {
                Some(w) => words
                    .get(i)
                    .is_some_and(|x| word_matches(x, w))
                    .then(|| go(rest, words, i + 1))
                    .flatten(),
                None => (0..=3).find_map(|skip| go(rest, words, i + skip)),
            }
        }
        if self.parts.first().is_none_or(Option::is_none) {
            return None;
        }
        go(&self.parts, words, start)
    }
}

/// True when `word` is `want`, or a hyphenated compound ending in it (`is-leider` for `leider`).
pub fn word_matches(word: &str, want: &str) -> bool {
    word == want
        || word.len() > want.len() + 1
            && word.ends_with(want)
            && word[..word.len() - want.len()].ends_with('-')
}

/// Patterns indexed by their first word, so a sentence position only tries the patterns that
/// can start there (a word matches a pattern's first word itself or as the tail of a compound).
#[derive(Debug, Default)]
pub struct PatternIndex {
    by_head: HashMap<String, Vec<usize>>,
}

impl PatternIndex {
    /// Indexes patterns by position in their list.
    pub fn new<'a>(patterns: impl Iterator<Item = &'a Pattern>) -> PatternIndex {
        let mut by_head: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, p) in patterns.enumerate() {
            if let Some(h) = p.head() {
                by_head.entry(h.to_owned()).or_default().push(i);
            }
        }
        PatternIndex { by_head }
    }

    /// Every match of every pattern in `words`: `(pattern index, match)`, ordered by pattern
    /// index then position; each pattern's matches do not overlap (as [`Pattern::find_all`]).
    pub fn find_all<'p>(
        &self,
        words: &[&str],
        pattern: impl Fn(usize) -> &'p Pattern,
    ) -> Vec<(usize, Match)> {
        let mut out: Vec<(usize, Match)> = Vec::new();
        let mut end_of: HashMap<usize, usize> = HashMap::default();
        for (s, w) in words.iter().enumerate() {
            let tail = w.rsplit('-').next().filter(|t| t.len() < w.len());
            let candidates = self
                .by_head
                .get(*w)
                .into_iter()
                .chain(tail.and_then(|t| self.by_head.get(t)));
            for &i in candidates.flatten() {
                if end_of.get(&i).is_some_and(|&e| s < e) {
                    continue;
                }
                if let Some(end) = pattern(i).match_at(words, s) {
                    end_of.insert(i, end.max(s + 1));
                    out.push((i, Match { first: s, end }));
                }
            }
        }
        out.sort_by_key(|(i, m)| (*i, m.first));
        out
    }
}

/// How an attribution cue relates to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A verb of saying: the source is its subject.
    Verb,
    /// The source follows ("volgens X", "according to X").
    Prep,
    /// The source follows the content ("..., aldus X").
    Post,
    /// No source ("naar verluidt").
    Anon,
}

/// The certainty a word sets by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Plain report.
    None,
    /// Confirms.
    Confirmed,
    /// Denies.
    Denied,
    /// Softens.
    Hedged,
    /// Says it cannot be confirmed (a negated confirming cue: "kan niet bevestigd worden").
    Unconfirmed,
}

/// An attribution cue.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The words.
    pub pattern: Pattern,
    /// How the source relates to it.
    pub kind: CueKind,
    /// The certainty it sets.
    pub effect: Effect,
}

/// A predicate trigger.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// The predicate it signals.
    pub predicate: String,
    /// The words.
    pub pattern: Pattern,
    /// Entity types its subject may have.
    pub subjects: Vec<EntityType>,
    /// For location triggers: `left` when the trigger means leaving.
    pub relation_left: bool,
    /// The subject may be a possessive after the trigger ("the reward for his capture").
    pub possessor: bool,
}

/// Everything the claims stage knows about one language.
#[derive(Debug, Default)]
pub struct ClaimResources {
    /// Attribution cues.
    pub cues: Vec<Cue>,
    /// The cues indexed by first word.
    pub cue_index: PatternIndex,
    /// The triggers indexed by first word.
    pub trigger_index: PatternIndex,
    /// Hedges, each with `true` when it makes a claim probable rather than merely possible.
    pub hedges: Vec<(Pattern, bool)>,
    /// "Not confirmed" phrases.
    pub unconfirmed: Vec<Pattern>,
    /// Denial phrases.
    pub denials: Vec<Pattern>,
    /// Negation words.
    pub negation: HashSet<String>,
    /// Predicate triggers.
    pub triggers: Vec<Trigger>,
    /// Description heads and the type they refer to.
    pub descriptions: Vec<(String, EntityType)>,
    /// Pronouns and the type they refer to.
    pub pronouns: HashMap<String, EntityType>,
    /// The possessive ones among them.
    pub possessives: HashSet<String>,
    /// Words joining clauses that share a subject.
    pub coordinators: HashSet<String>,
    /// Pronouns that can speak without naming anyone ("we", "they").
    pub subject_pronouns: HashSet<String>,
    /// Prepositions.
    pub prepositions: HashSet<String>,
    /// Adverbs between a speaker and its verb.
    pub adverbs: HashSet<String>,
    /// Number words ("tien", "twee"), from the time stage's data.
    pub number_words: HashSet<String>,
    /// Sentence openers pointing back at the previous sentence.
    pub anaphors: HashSet<String>,
    /// Noun-phrase openers.
    pub determiners: HashSet<String>,
    /// Prepositions that extend a noun phrase.
    pub links: HashSet<String>,
    /// Words introducing an addressee.
    pub addressee: HashSet<String>,
    /// Words opening reported content.
    pub complementizers: HashSet<String>,
    /// Auxiliary verbs.
    pub auxiliaries: HashSet<String>,
    /// Source nouns that are not persons.
    pub nonpersons: HashSet<String>,
    /// Locative prepositions.
    pub places: HashSet<String>,
    /// Currency words and multipliers.
    pub money: HashSet<String>,
    /// Words that open a new clause.
    pub clause_breaks: HashSet<String>,
}

fn types(field: &str) -> Vec<EntityType> {
    field
        .split_whitespace()
        .filter_map(EntityType::from_code)
        .collect()
}

impl ClaimResources {
    fn load(lang: Language) -> ClaimResources {
        let words = |name: &str| -> Vec<Pattern> {
            list(lang, &format!("claims/{name}"))
                .map(|l| Pattern::parse(l.text))
                .collect()
        };
        let cues: Vec<Cue> = list(lang, "claims/cues.tsv")
            .filter_map(|l| {
                let mut f = l.fields();
                let pattern = Pattern::parse(f.next()?);
                let kind = match f.next()? {
                    "verb" => CueKind::Verb,
                    "prep" => CueKind::Prep,
                    "post" => CueKind::Post,
                    _ => CueKind::Anon,
                };
                let effect = match f.next().unwrap_or("-") {
                    "confirmed" => Effect::Confirmed,
                    "denied" => Effect::Denied,
                    "hedged" => Effect::Hedged,
                    _ => Effect::None,
                };
                Some(Cue {
                    pattern,
                    kind,
                    effect,
                })
            })
            .collect();
        let triggers: Vec<Trigger> = list(lang, "claims/predicates.tsv")
            .filter_map(|l| {
                let mut f = l.fields();
                let predicate = f.next()?.to_owned();
                let pattern = Pattern::parse(f.next()?);
                let subjects = types(f.next().unwrap_or(""));
                let note = f.next().unwrap_or("");
                Some(Trigger {
                    predicate,
                    pattern,
                    subjects,
                    relation_left: note.contains("relation left"),
                    possessor: note.contains("possessor"),
                })
            })
            .collect();
        let typed = |name: &str| -> Vec<(String, EntityType)> {
            list(lang, &format!("claims/{name}"))
                .filter_map(|l| {
                    let mut f = l.fields();
                    let w = f.next()?.to_lowercase();
                    let t = EntityType::from_code(f.next()?)?;
                    Some((w, t))
                })
                .collect()
        };
        let set = |name: &str| -> HashSet<String> {
            list(lang, &format!("claims/{name}"))
                .map(|l| l.text.to_lowercase())
                .collect()
        };
        let cue_index = PatternIndex::new(cues.iter().map(|c: &Cue| &c.pattern));
        let trigger_index = PatternIndex::new(triggers.iter().map(|t: &Trigger| &t.pattern));
        ClaimResources {
            cues,
            cue_index,
            trigger_index,
            hedges: list(lang, "claims/hedges.txt")
                .filter_map(|l| {
                    let mut f = l.fields();
                    let p = Pattern::parse(f.next()?);
                    Some((p, f.next() == Some("probable")))
                })
                .collect(),
            unconfirmed: words("unconfirmed.txt"),
            denials: words("denials.txt"),
            negation: list(lang, "claims/negation.txt")
                .map(|l| l.text.to_lowercase())
                .collect(),
            triggers,
            descriptions: typed("descriptions.tsv"),
            pronouns: typed("pronouns.tsv").into_iter().collect(),
            possessives: list(lang, "claims/pronouns.tsv")
                .filter_map(|l| {
                    let f: Vec<&str> = l.fields().collect();
                    (f.get(2) == Some(&"possessive")).then(|| f[0].to_lowercase())
                })
                .collect(),
            coordinators: set("coordinators.txt"),
            subject_pronouns: set("subject_pronouns.txt"),
            prepositions: set("prepositions.txt"),
            adverbs: set("adverbs.txt"),
            number_words: list(lang, "time/numbers.tsv")
                .filter_map(|l| l.fields().next().map(str::to_lowercase))
                .collect(),
            anaphors: set("anaphors.txt"),
            determiners: set("determiners.txt"),
            links: set("links.txt"),
            addressee: set("addressee.txt"),
            complementizers: set("complementizers.txt"),
            auxiliaries: set("auxiliaries.txt"),
            nonpersons: set("nonpersons.txt"),
            places: set("places.txt"),
            money: set("money.txt"),
            clause_breaks: set("clause_breaks.txt"),
        }
    }

    /// True for a pronoun that can stand alone as a speaker or subject.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains_key(word) && !self.possessives.contains(word)
            || self.subject_pronouns.contains(word)
    }

    /// The resources of `lang`, loaded on first use.
    pub fn get(lang: Language) -> &'static ClaimResources {
        static NL: LazyLock<ClaimResources> = LazyLock::new(|| ClaimResources::load(Language::Nl));
        static EN: LazyLock<ClaimResources> = LazyLock::new(|| ClaimResources::load(Language::En));
        match lang {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_with_gaps() {
        let p = Pattern::parse("moet ... gecheckt");
        let words = [
            "de",
            "informatie",
            "moet",
            "nog",
            "wel",
            "gecheckt",
            "worden",
        ];
        assert_eq!(p.find_all(&words), [Match { first: 2, end: 6 }]);
        assert!(
            Pattern::parse("niet ... bevestigd")
                .find_all(&["kan", "niet", "bevestigd"])
                .len()
                == 1
        );
        assert!(
            Pattern::parse("in leven")
                .find_all(&["is", "nog", "in", "leven"])
                .len()
                == 1
        );
        assert!(
            Pattern::parse("in leven")
                .find_all(&["in", "het", "leven"])
                .is_empty()
        );
    }

    #[test]
    fn resources_load_for_both_languages() {
        for lang in Language::ALL {
            let r = ClaimResources::get(lang);
            assert!(r.cues.len() > 20, "{lang}");
            assert!(!r.triggers.is_empty() && !r.hedges.is_empty() && !r.unconfirmed.is_empty());
        }
        let nl = ClaimResources::get(Language::Nl);
        assert!(
            nl.cues
                .iter()
                .any(|c| c.pattern.text == "volgens" && c.kind == CueKind::Prep)
        );
        assert!(
            nl.triggers
                .iter()
                .any(|t| t.predicate == "location" && t.relation_left)
        );
    }
}
